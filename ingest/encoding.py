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
# Characters of real UTF-8 text per undecodable byte for a file to be UTF-8 with stray bytes rather than GBK.
_UTF8_PER_STRAY_BYTE = 8
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
    """'utf-8-sig' for a BOM, 'utf-8' when the bytes read as UTF-8 text, else 'gb18030'.

    A few bytes that are not UTF-8 among many characters that are (a stray byte, a character cut where `head`
    ends) leave the file UTF-8: they cost their lines, not the file. GBK read as UTF-8 is almost nothing but such
    bytes (a GBK pair is a valid UTF-8 character about one time in twelve).
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
    return "utf-8" if _reads_as_utf8(head) else "gb18030"


def _reads_as_utf8(data: bytes) -> bool:
    # Not final: a character cut where `data` ends is not counted against it.
    text = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(data, final=False)
    invalid = text.count("\ufffd")
    valid = sum(1 for character in text if character > "\x7f") - invalid
    return valid >= _UTF8_PER_STRAY_BYTE * invalid


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
    return "utf-8" if _reads_as_utf8(data[found.start():found.start() + _SNIFF_BYTES]) else "gb18030"
