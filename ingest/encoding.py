"""Which encoding a text file is in (UTF-8, UTF-8 with BOM, or GBK read as its superset GB18030), and the files
that are no such text: empty, UTF-16 (with or without a BOM), binary."""

from __future__ import annotations

import codecs
import re

from ingest.unreadable import UnreadableFile

_SNIFF_BYTES = 1 << 16
_NOT_ASCII = re.compile(rb"[\x80-\xff]")

EMPTY = "文件是空的，没有任何内容，请检查后重新上传 (empty file)"
UTF16 = "文件是UTF-16编码，请在Excel中另存为「CSV UTF-8」或GBK编码的CSV (UTF-16 is not accepted)"
# Control bytes other than tab, line feed, form feed and carriage return: rare in text (a stray NUL in a field),
# an eighth of every byte in compressed or binary data.
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\f\r") + b"\x7f"
_BINARY_SHARE = 0.05
# What a binary file probably is, by its first bytes, to tell the clerk what to do instead.
_BINARY_KINDS = (
    (b"PK\x03\x04", "Excel工作簿(.xlsx)或其他压缩文件"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版Excel(.xls)或其他Office文件"),
    (b"%PDF", "PDF文件"),
    (b"\x89PNG", "PNG图片"),
    (b"\xff\xd8\xff", "JPEG图片"),
    (b"GIF8", "GIF图片"),
    (b"Rar!", "RAR压缩包"),
    (b"7z\xbc\xaf", "7z压缩包"),
    (b"\x1f\x8b", "gzip压缩包"),
)


def detect_encoding(head: bytes) -> str:
    """'utf-8-sig' for a BOM, 'utf-8' when the bytes decode as UTF-8, else 'gb18030'.

    `head` may end in the middle of a character: only a complete invalid sequence counts against UTF-8.
    Raises UnreadableFile for an empty head, UTF-16 text and binary content (what the clerk must do differs).
    """
    if head.startswith(codecs.BOM_UTF8):
        if not head[len(codecs.BOM_UTF8):].strip():
            raise UnreadableFile(EMPTY)
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(head):
        raise UnreadableFile(UTF16)
    if not head.strip() and len(head) < _SNIFF_BYTES:
        raise UnreadableFile(EMPTY)
    if _is_binary(head):
        kind = next((kind for magic, kind in _BINARY_KINDS if head.startswith(magic)), None)
        raise UnreadableFile(
            f"文件内容其实是{kind}，不是CSV文本；请按它真正的格式保存或改正扩展名 (binary content, not CSV text)"
            if kind else "文件是二进制内容，既不是CSV文本，也不是Excel工作簿 (binary content, not CSV text)")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _utf16_without_bom(head: bytes) -> bool:
    """UTF-16 text without a BOM: a CSV's commas, digits and line ends are ASCII, so one byte of their pair is
    zero, always on the same side."""
    sample = head[:4096]
    sample = sample[:len(sample) // 2 * 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return False
    high, low = sample[1::2].count(0), sample[0::2].count(0)
    return (high >= pairs / 5 and low * 20 <= high) or (low >= pairs / 5 and high * 20 <= low)


def _is_binary(head: bytes) -> bool:
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > _BINARY_SHARE * len(head) and controls >= 4


def text_encoding(data: bytes) -> str:
    """detect_encoding for a whole file in memory, judged on its first text that is not ASCII: a GBK file can open
    with pages of plain ASCII (codes and numbers), while a UTF-8 file with one stray byte far down is still UTF-8
    (that byte's line is what is wrong, not the file)."""
    encoding = detect_encoding(data[:_SNIFF_BYTES])
    if encoding != "utf-8" or not data[:_SNIFF_BYTES].isascii():
        return encoding
    found = _NOT_ASCII.search(data)
    if found is None:
        return encoding
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[found.start():found.start() + _SNIFF_BYTES], final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"
