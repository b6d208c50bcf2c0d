"""What a file really is, by its content rather than its extension: an .xlsx named .xls or .csv is read as the
workbook it is; an Excel "web page" or SpreadsheetML 2003 saved as .xls, a password-protected workbook, a Word
file, a PDF, an empty or UTF-16 file are refused saying what they are."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.bounds import check_file_size
from ingest.encoding import detect_encoding
from ingest.ole import MAGIC as OLE_MAGIC
from ingest.ole import BadCompoundFile, CompoundFile
from ingest.unreadable import UnreadableFile
from ingest.xls import PASSWORD

XLSX, XLS, CSV = "xlsx", "xls", "csv"
# The landing zone's file types, by the extension a file is named with: the one list (the loader skips the rest).
SUFFIX_KIND = {".xlsx": XLSX, ".xlsm": XLSX, ".xls": XLS, ".csv": CSV}
_HEAD_BYTES = 1 << 16
_RESAVE = "请用Excel打开后另存为.xlsx再上传"
_SPREADSHEET_ML = re.compile(rb"urn:schemas-microsoft-com:office:spreadsheet|progid=\"Excel\.Sheet\"", re.I)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|table|meta|style)\b|urn:schemas-microsoft-com:office:excel",
                   re.I)


def identify(path: Path) -> str:
    """XLSX, XLS or CSV (text), whatever the extension says; raises UnreadableFile saying what the file is when
    it is none of them."""
    name = path.name
    with open(path, "rb") as handle:
        head = handle.read(_HEAD_BYTES)
    if not head:
        raise UnreadableFile(f"文件「{name}」是空的（0字节），请检查后重新上传 (empty file)")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    markup = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if markup.startswith(b"<"):
        if _SPREADSHEET_ML.search(markup[:_HEAD_BYTES]):
            raise UnreadableFile(
                f"文件「{name}」是Excel 2003 XML表格（SpreadsheetML），不是真正的Excel工作簿；{_RESAVE} "
                "(SpreadsheetML 2003 saved as .xls)")
        if _HTML.search(markup[:_HEAD_BYTES]):
            raise UnreadableFile(
                f"文件「{name}」其实是网页文件（HTML），不是真正的Excel工作簿；{_RESAVE} (an HTML page saved as Excel)")
        if markup.startswith(b"<?xml"):
            raise UnreadableFile(f"文件「{name}」是XML文件，不是表格；{_RESAVE} (an XML file, not a spreadsheet)")
    try:
        detect_encoding(head)
    except UnreadableFile as err:
        raise UnreadableFile(f"文件「{name}」：{err}") from None
    return CSV


def wrong_extension(path: Path, kind: str) -> str | None:
    """The finding for a file read as what it is although its extension says otherwise (as Excel opens a text
    or .xlsx file named .xls). Text named .xlsx is refused, as Excel refuses it: it cannot be a saved workbook."""
    named = SUFFIX_KIND.get(path.suffix.lower())
    if named is None or named == kind:
        return None
    if kind == CSV and named == XLSX:
        raise UnreadableFile(
            f"文件「{path.name}」的内容是文本，不是Excel工作簿；如果是CSV数据，请把扩展名改为.csv后重新上传 "
            "(a text file named .xlsx: wrong extension)")
    what = {XLSX: "Excel工作簿(.xlsx)", XLS: "旧版Excel工作簿(.xls)", CSV: "CSV文本"}[kind]
    return (f"文件「{path.name}」的扩展名是{path.suffix}，内容其实是{what}，已按实际格式读取；下次请保存为正确的扩展名 "
            "(wrong extension: read as what the file is)")


def _zip_kind(path: Path) -> str:
    """A zip is taken for an .xlsx here; survey_xlsx, which reads its directory anyway, says what it is if not."""
    check_file_size(path.name, path.stat().st_size)
    return XLSX


def _ole_kind(path: Path) -> str:
    name = path.name
    check_file_size(name, path.stat().st_size)
    try:
        streams = CompoundFile(path).names()
    except BadCompoundFile as exc:
        raise UnreadableFile(f"文件「{name}」已损坏，无法读取 (corrupt Office file: {exc})") from exc
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise UnreadableFile(f"文件「{name}」{PASSWORD}")
    if "Workbook" in streams or "Book" in streams:
        return XLS
    if "WordDocument" in streams:
        raise UnreadableFile(f"文件「{name}」是Word文档，不是表格 (a Word document, not a spreadsheet)")
    if "PowerPoint Document" in streams:
        raise UnreadableFile(f"文件「{name}」是PowerPoint演示文稿，不是表格 (a PowerPoint file, not a spreadsheet)")
    raise UnreadableFile(f"文件「{name}」是Office复合文件，但不是Excel工作簿 (an OLE file, not a workbook)")
