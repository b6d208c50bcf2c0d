"""An .xlsx measured before it is read: its zip directory against the limits of ingest/bounds.py, then every XML
member streamed once through zlib (never inflated whole), the visible sheets scanned with compiled regexes for
the last cell holding a value and for error cells (which python-calamine turns into blanks).

The sizes in the zip directory are only claims: each member is inflated by our own loop, which stops as soon as
it yields more than the member claims or than a limit allows, and its CRC is checked, so a member that lies about
its size is refused before python-calamine would inflate it.
"""

from __future__ import annotations

import operator
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import compress
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from ingest.bounds import (
    MAX_CELLS_PER_SHEET,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_UNZIPPED_BYTES,
    MB,
    RATIO_FLOOR_BYTES,
    SheetSurvey,
    column_number,
)
from ingest.unreadable import UnreadableFile

WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_CHUNK = 1 << 20
_SMALL_PART = 4 * MB  # workbook.xml and its relationships are read whole: a few KB in any real file
_RESAVE = "请用Excel打开后另存为.xlsx再上传"
_BROKEN = "已损坏或不完整（可能下载或复制时中断），请重新导出后上传 (corrupt or truncated workbook)"

_DIMENSION = re.compile(rb"""<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']*)["']""")
_REF = re.compile(rb"([A-Za-z]{1,7})(\d{1,10})$")
# A row or cell start tag. Attribute values never hold '>' unescaped in what Excel writes; if one did, the tag
# would only end early and be scanned as a shorter one.
_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*)>")
_CELL_REF = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]*)(\d*)["']""")
_ERROR_TYPE = re.compile(rb"""(?:^|\s)t\s*=\s*["']e["']""")
# A cell as Excel (and every library we know) writes it: its place first, double quotes only, no '/' in any
# attribute, self-closing when it holds no value. A sheet whose cell tags are all like this is scanned by this one
# regex; any other cell tag (place left out, in another order, prefixed, quoted otherwise) sends the sheet to the
# tag-by-tag walk.
_EXCEL_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"[^>/\']*(/?)>')
_ODD_CELL_START = re.compile(rb"<c[>/\t\n\r]")
_PREFIXED_CELL = re.compile(rb"<[\w.-]+:c[\s/>]")
_ERROR_CELL = re.compile(rb"""<(?:[\w.-]+:)?c(?=\s)([^>]*?\st\s*=\s*["']e["'][^>]*)(?<!/)>""")
_ERROR_VALUE = re.compile(
    rb"\s*(?:<(?:[\w.-]+:)?f\b[^>]*?(?:/>|>[^<]*</(?:[\w.-]+:)?f>))?\s*<(?:[\w.-]+:)?v>([^<]*)<")
_LAST_START = re.compile(rb"<(?:[\w.-]+:)?(?:row|c)[\s/>]")


@dataclass(frozen=True)
class _Sheet:
    name: str
    part: str | None  # the zip member of its XML; None when the relationships do not say
    state: str  # visible | hidden | veryHidden


def survey_xlsx(path: Path) -> list[SheetSurvey]:
    """Every sheet of the workbook in workbook order, the visible ones scanned; raises UnreadableFile with the
    clerk's message when the zip breaks a limit or is broken."""
    name = path.name
    with open(path, "rb") as handle:
        _check_member_count(handle, name)
        try:
            members = {info.filename: info for info in zipfile.ZipFile(handle).infolist()}
        except (zipfile.BadZipFile, ValueError, EOFError) as exc:
            raise UnreadableFile(f"文件「{name}」{_BROKEN} ({exc})") from exc
        _check_declared_sizes(members, name)
        if WORKBOOK not in members:
            raise UnreadableFile(f"文件「{name}」{_what_zip(members)}")
        if WORKBOOK_RELS not in members:
            raise UnreadableFile(f"文件「{name}」不完整：缺少工作簿必需的部件 {WORKBOOK_RELS} (incomplete workbook)")
        sheets, parts = _sheets(handle, members, name)
        surveys = []
        for sheet in sheets:
            survey = SheetSurvey(sheet.name, visible=sheet.state == "visible")
            if survey.visible:
                if sheet.part is None or sheet.part not in members:
                    raise UnreadableFile(
                        f"文件「{name}」不完整：缺少工作表「{sheet.name}」的部件 {sheet.part} (incomplete workbook)")
                member = members[sheet.part]
                _scan_sheet(lambda member=member: _inflate(handle, member, name), survey)
            surveys.append(survey)
        for part in parts:
            if part in members:
                for _ in _inflate(handle, members[part], name):
                    pass  # read by python-calamine on opening: its real size and CRC are checked on the way
    return surveys


def _what_zip(members: dict[str, zipfile.ZipInfo]) -> str:
    """What a zip without a workbook part is, for the clerk."""
    names = set(members)
    if "xl/workbook.bin" in names:
        return f"是Excel二进制工作簿(.xlsb)；{_RESAVE} (an .xlsb workbook)"
    if any(member.startswith("word/") for member in names):
        return "是Word文档，不是表格 (a Word document, not a spreadsheet)"
    if any(member.startswith("ppt/") for member in names):
        return "是PowerPoint演示文稿，不是表格 (a PowerPoint file, not a spreadsheet)"
    if "content.xml" in names and "mimetype" in names:
        return f"是OpenDocument格式（WPS或LibreOffice的.ods等）；{_RESAVE} (an OpenDocument file)"
    if any(member.startswith("xl/") for member in names):
        return f"不完整：缺少工作簿必需的部件 {WORKBOOK} (incomplete workbook)"
    return "是一个压缩包(zip)，不是Excel工作簿 (a zip archive, not a workbook)"


def _check_member_count(handle: BinaryIO, name: str) -> None:
    """The member count from the end-of-directory record, before zipfile builds an object per member."""
    handle.seek(0, 2)
    size = handle.tell()
    handle.seek(max(0, size - (1 << 16) - 22))
    tail = handle.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) - end < 22:
        raise UnreadableFile(f"文件「{name}」{_BROKEN} (no zip directory)")
    count = struct.unpack_from("<H", tail, end + 10)[0]
    locator = end - 20
    if count == 0xFFFF and locator >= 0 and tail[locator:locator + 4] == b"PK\x06\x07":
        handle.seek(struct.unpack_from("<Q", tail, locator + 8)[0])
        record = handle.read(56)
        if record[:4] == b"PK\x06\x06":
            count = struct.unpack_from("<Q", record, 32)[0]
    if count > MAX_MEMBERS:
        raise UnreadableFile(
            f"文件「{name}」包含{count:,}个内部部件，超过允许的{MAX_MEMBERS:,}个，不像正常的Excel工作簿 "
            "(too many zip members)")


def _check_declared_sizes(members: dict[str, zipfile.ZipInfo], name: str) -> None:
    total = 0
    for info in members.values():
        total += info.file_size
        if info.flag_bits & 0x1:
            raise UnreadableFile(f"文件「{name}」的内部部件被加密，无法读取 (encrypted zip member)")
        if info.file_size > MAX_MEMBER_BYTES:
            raise _too_big(name, info.filename, info.file_size)
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableFile(
                f"文件「{name}」的部件 {info.filename} 解压后膨胀{info.file_size // max(info.compress_size, 1):,}倍"
                f"（{info.file_size / MB:,.0f} MB），超过允许的{MAX_RATIO}倍，疑似压缩炸弹，未读取 "
                "(compression ratio too high: a zip bomb)")
    if total > MAX_UNZIPPED_BYTES:
        raise UnreadableFile(
            f"文件「{name}」解压后共{total / MB:,.0f} MB，超过允许的{MAX_UNZIPPED_BYTES // MB} MB，未读取 "
            "(too large once unzipped)")


def _too_big(name: str, member: str, size: int) -> UnreadableFile:
    return UnreadableFile(
        f"文件「{name}」的部件 {member} 解压后超过{size / MB:,.0f} MB（允许{MAX_MEMBER_BYTES // MB} MB），未读取 "
        "(zip member too large once unzipped)")


def _inflate(handle: BinaryIO, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """The member's bytes in chunks, inflated by our own loop: never more than it declares, CRC checked."""
    handle.seek(info.header_offset)
    local = handle.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise UnreadableFile(f"文件「{name}」{_BROKEN} (bad local header of {info.filename})")
    handle.seek(info.header_offset + 30 + sum(struct.unpack_from("<HH", local, 26)))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise UnreadableFile(f"文件「{name}」使用了Excel不会使用的压缩方式，无法读取 (unsupported zip compression)")
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    left, produced, crc = info.compress_size, 0, 0
    first = True
    while True:
        raw = handle.read(min(left, _CHUNK)) if left > 0 else b""
        left -= len(raw)
        pending = raw
        while True:
            try:
                out = inflater.decompress(pending, _CHUNK) if inflater else pending
            except zlib.error as exc:
                raise UnreadableFile(f"文件「{name}」{_BROKEN} ({info.filename}: {exc})") from exc
            pending = inflater.unconsumed_tail if inflater else b""
            if out:
                produced += len(out)
                if produced > info.file_size:
                    raise UnreadableFile(
                        f"文件「{name}」的部件 {info.filename} 实际内容比声明的大，疑似压缩炸弹，未读取 "
                        "(zip member larger than it declares)")
                if first:
                    _check_head(out, info.filename, name)
                    first = False
                crc = zlib.crc32(out, crc)
                yield out
            if not pending:
                break
        if not raw:
            break
    finished = inflater.eof if inflater else True
    if not finished or produced != info.file_size or crc != info.CRC:
        raise UnreadableFile(f"文件「{name}」{_BROKEN} ({info.filename}: truncated or CRC mismatch)")


# An XML declaration's encoding, where the part has one.
_DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']""")


def _check_head(head: bytes, member: str, name: str) -> None:
    """OOXML parts are plain UTF-8, and a DTD in one is an entity bomb or worse. A part in any other encoding
    (UTF-16 or UTF-32 with or without a byte-order mark, or declaring one of its own) is refused before any parser
    sees it, since its DTD would not read as '<!DOCTYPE' in the bytes: UTF-16BE without a BOM once passed."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    declared = _DECLARED_ENCODING.match(text)
    if b"\x00" in head or not text.startswith(b"<") or (declared and declared[1].lower() not in (b"utf-8", b"utf8")):
        raise UnreadableFile(f"文件「{name}」的部件 {member} 不是UTF-8编码，Excel不会这样保存，未读取 "
                             "(XML part not in plain UTF-8)")
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise _entity_bomb(member, name)


def _entity_bomb(member: str, name: str) -> UnreadableFile:
    return UnreadableFile(
        f"文件「{name}」的部件 {member} 含有XML实体声明（DOCTYPE/ENTITY），Excel不会这样保存，疑似XML炸弹，未读取 "
        "(XML entity declarations: an XML bomb)")


def _small_part(handle: BinaryIO, info: zipfile.ZipInfo, name: str) -> bytes:
    if info.file_size > _SMALL_PART:
        raise _too_big(name, info.filename, info.file_size)
    return b"".join(_inflate(handle, info, name))


def _elements(data: bytes, tag: str, member: str, name: str) -> list[dict[str, str]]:
    """The attributes (by local name: r:id -> id) of every element named `tag` (in any namespace) of a small
    part. A DTD anywhere in it is refused first, and defusedxml refuses one whatever hides it, so the parser
    never expands an entity."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _entity_bomb(member, name)
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise _entity_bomb(member, name) from exc
    except ElementTree.ParseError as exc:
        raise UnreadableFile(f"文件「{name}」{_BROKEN} ({member}: {exc})") from exc
    return [{key.rsplit("}", 1)[-1]: value for key, value in element.attrib.items()}
            for element in root.iter() if element.tag.rsplit("}", 1)[-1] == tag]


def _sheets(handle: BinaryIO, members: dict[str, zipfile.ZipInfo], name: str) -> tuple[list[_Sheet], list[str]]:
    """The sheets in workbook order, and the other parts python-calamine reads on opening (shared strings,
    styles); a hidden sheet's part is never read, so it is only held to the zip directory's limits."""
    targets, parts = {}, []
    for attrs in _elements(_small_part(handle, members[WORKBOOK_RELS], name), "Relationship", WORKBOOK_RELS, name):
        if "Id" in attrs and "Target" in attrs:
            target = attrs["Target"]
            part = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target))
            targets[attrs["Id"]] = part
            if attrs.get("Type", "").endswith(("/sharedStrings", "/styles")):
                parts.append(part)
    sheets = [_Sheet(attrs.get("name", ""), targets.get(attrs.get("id", "")), attrs.get("state", "visible"))
              for attrs in _elements(_small_part(handle, members[WORKBOOK], name), "sheet", WORKBOOK, name)]
    return sheets, parts


def _scan_sheet(chunks: Callable[[], Iterator[bytes]], survey: SheetSurvey) -> None:
    """Find the last row and column holding a value, and every error cell, chunk by chunk; stop reading once
    the sheet is over the cell limit (the rest cannot make it smaller).

    Every cell Excel writes names its place (r="B7"), so the places are collected by one regex pass per chunk.
    A cell may also leave its place out (it then sits right of the one before, or in the row after) or be
    written otherwise: a sheet with such a cell is scanned again from the start, tag by tag.
    """
    try:
        _scan(chunks(), survey, _Places(survey))
    except _NotAsExcelWrites:
        survey.rows = survey.columns = 0
        survey.errors.clear()
        _scan(chunks(), survey, _Walk(survey))


def _scan(chunks: Iterator[bytes], survey: SheetSurvey, scan: _Places) -> None:
    carry = b""
    chunk = next(chunks, b"")
    _declared(chunk, survey)
    if survey.declared and survey.declared[0] * survey.declared[1] > MAX_CELLS_PER_SHEET:
        return
    while chunk:
        following = next(chunks, b"")
        buffer = carry + chunk
        cut = _cut(buffer) if following else len(buffer)
        carry = buffer[cut:]
        scan.feed(buffer, cut)
        if survey.over():
            return
        chunk = following


class _NotAsExcelWrites(Exception):
    """A cell tag unlike Excel's: the sheet needs the tag-by-tag walk."""


class _Places:
    """The fast scan: the places of the cells by one regex, at C speed."""

    def __init__(self, survey: SheetSurvey) -> None:
        self.survey = survey

    def feed(self, buffer: bytes, end: int) -> None:
        cells = _EXCEL_CELL.findall(buffer, 0, end)
        if len(cells) != buffer.count(b"<c ", 0, end) or _ODD_CELL_START.search(buffer, 0, end) or (
                buffer.find(b":c", 0, end) >= 0 and _PREFIXED_CELL.search(buffer, 0, end)):
            raise _NotAsExcelWrites
        survey = self.survey
        if cells:
            # Transposed and filtered by C loops: a workbook's few hundred cells cost microseconds.
            letters, numbers, empty = zip(*cells, strict=True)
            if any(empty):
                valued = list(map(operator.not_, empty))
                letters, numbers = tuple(compress(letters, valued)), tuple(compress(numbers, valued))
            if numbers:
                survey.rows = max(survey.rows, max(map(int, numbers)))
                survey.columns = max(survey.columns, max(map(column_number, set(letters))))
        if buffer.find(b'"e"', 0, end) >= 0:  # t="e"; single quotes never pass the cell regex
            for match in _ERROR_CELL.finditer(buffer, 0, end):
                place = _CELL_REF.search(match.group(1))
                value = _ERROR_VALUE.match(buffer, match.end())
                survey.errors[(int(place.group(2)) - 1, column_number(place.group(1)) - 1)] = (
                    value.group(1).decode("utf-8", "replace") if value else "#错误")



class _Walk(_Places):
    """The exact scan: every row and cell tag in order, keeping the place of the last one (a cell may omit its
    reference and sit just right of the one before, a row just below)."""

    def __init__(self, survey: SheetSurvey) -> None:
        super().__init__(survey)
        self.row = self.column = -1

    def feed(self, buffer: bytes, end: int) -> None:
        survey = self.survey
        row, column = self.row, self.column
        max_row, max_column = survey.rows - 1, survey.columns - 1
        for match in _TAG.finditer(buffer, 0, end):
            attrs = match.group(2)
            ref = _CELL_REF.search(attrs)
            if match.group(1) == b"row":
                row = int(ref.group(2)) - 1 if ref and ref.group(2) else row + 1
                column = -1
                continue
            if ref and ref.group(1):
                column = column_number(ref.group(1)) - 1
                if ref.group(2):
                    row = int(ref.group(2)) - 1
            else:
                column += 1
            if attrs.endswith(b"/"):
                continue  # a formatted cell without a value: calamine leaves it out of the used range
            max_row, max_column = max(max_row, row), max(max_column, column)
            if _ERROR_TYPE.search(attrs):
                value = _ERROR_VALUE.match(buffer, match.end())
                survey.errors[(row, column)] = value.group(1).decode("utf-8", "replace") if value else "#错误"
        self.row, self.column = row, column
        survey.rows, survey.columns = max_row + 1, max_column + 1


def _cut(buffer: bytes) -> int:
    """Where the complete part of the buffer ends: before the last row or cell start tag, so a cell and its value
    are always scanned together."""
    tail_from = max(0, len(buffer) - 8192)
    starts = [match.start() for match in _LAST_START.finditer(buffer, tail_from)]
    if starts:
        return starts[-1]
    lt = buffer.rfind(b"<", tail_from)
    return lt if lt >= 0 else len(buffer)


def _declared(head: bytes, survey: SheetSurvey) -> None:
    match = _DIMENSION.search(head)
    if not match:
        return
    last = match.group(1).split(b":")[-1]
    ref = _REF.match(last)
    if ref:
        survey.declared = (int(ref.group(2)), column_number(ref.group(1)))
