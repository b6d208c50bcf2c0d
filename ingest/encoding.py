"""Which encoding a text file is in (UTF-8, UTF-8 with BOM, or GBK read as its superset GB18030)."""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path

_SNIFF_BYTES = 1 << 16


def detect_encoding(head: bytes) -> str:
    """'utf-8-sig' for a BOM, 'utf-8' when the bytes decode as UTF-8, else 'gb18030'.

    `head` may end in the middle of a character: only a complete invalid sequence counts against UTF-8.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValueError("文件是UTF-16编码，请另存为UTF-8或GBK的CSV (UTF-16 is not accepted)")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def sniff_encoding(path: Path | str) -> str:
    """detect_encoding over the whole file, read in chunks: a GBK file can open with pages of plain ASCII."""
    chunks = _chunks(path, _SNIFF_BYTES)
    head = next(chunks, b"")
    encoding = detect_encoding(head)
    if encoding != "utf-8":
        return encoding
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head)
        for chunk in chunks:
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def open_text(path: Path | str) -> io.TextIOWrapper:
    """Open a CSV for streaming in its own encoding; newline='' as the csv module requires."""
    return open(path, encoding=sniff_encoding(path), newline="")


def transcode_to_utf8(src: Path | str, dst: Path | str, chunk_bytes: int = 1 << 22) -> str:
    """Copy src to dst as UTF-8 (no BOM), chunk by chunk; returns the encoding src was in."""
    encoding = sniff_encoding(src)
    # An incremental decoder carries a character split across two chunks over to the next one.
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with open(dst, "w", encoding="utf-8", newline="") as out:
        try:
            for chunk in _chunks(src, chunk_bytes):
                out.write(decoder.decode(chunk))
                offset += len(chunk)
            out.write(decoder.decode(b"", final=True))
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"文件「{Path(src).name}」第{offset + exc.start}字节附近有无法按{encoding}解读的内容 "
                "(undecodable bytes)"
            ) from exc
    return encoding


def _chunks(path: Path | str, size: int) -> Iterator[bytes]:
    with open(path, "rb") as raw:
        while chunk := raw.read(size):
            yield chunk
