"""A legacy .xls measured before it is read: its compound file opened (ingest/ole.py), its BIFF records walked
(a 4-byte header each, nothing decoded but what is needed) for the sheets and their visibility, a password, each
worksheet's declared extent (DIMENSIONS), the last cell holding a value, and error cells (which python-calamine
turns into blanks). Hidden worksheets are measured too: python-calamine builds every sheet of an .xls as soon as
it opens the file.

BIFF8 (Excel 97-2003) and BIFF5 (Excel 5/95) are walked; anything older is refused.
"""

from __future__ import annotations

import struct
from pathlib import Path

from ingest.bounds import MAX_CELLS_PER_SHEET, SheetSurvey
from ingest.ole import BadCompoundFile, CompoundFile
from ingest.unreadable import UnreadableFile

_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x000A, 0x002F, 0x0085, 0x0200
_FORMULA, _BOOLERR, _MULRK = 0x0006, 0x0205, 0x00BD
# Records holding one valued cell, its row and column in their first four bytes. BLANK and MULBLANK (formatted,
# empty) are not among them: the reader leaves them out of the used range.
_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, _BOOLERR, _FORMULA, 0x0406})
_BIFF8, _BIFF5 = 0x0600, 0x0500
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
           0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
PASSWORD = "设置了密码（已加密），请去掉密码后重新上传 (password protected)"


def survey_xls(path: Path) -> list[SheetSurvey]:
    """Every sheet in workbook order, each worksheet walked; raises UnreadableFile with the clerk's message when
    the file is protected, broken or of a format too old to read."""
    name = path.name
    try:
        ole = CompoundFile(path)
        stream = ole.stream("Workbook") if "Workbook" in ole.names() else ole.stream("Book")
    except (BadCompoundFile, KeyError, struct.error) as exc:
        raise UnreadableFile(f"文件「{name}」已损坏，无法读取 (corrupt .xls: {exc})") from exc
    try:
        return _walk(stream, name)
    except struct.error as exc:
        raise UnreadableFile(f"文件「{name}」已损坏或不完整，无法读取 (corrupt .xls: {exc})") from exc


def _walk(stream: bytes, name: str) -> list[SheetSurvey]:
    kind, length = struct.unpack_from("<HH", stream, 0)
    version = struct.unpack_from("<H", stream, 4)[0] if kind == _BOF and length >= 2 else None
    if version not in (_BIFF8, _BIFF5):
        raise UnreadableFile(
            f"文件「{name}」是Excel 4.0或更早的格式，请用Excel打开后另存为.xlsx (Excel format too old)")
    sheets: list[tuple[SheetSurvey, int, bool]] = []
    for record, data in _records(stream, 0):
        if record == _FILEPASS:
            raise UnreadableFile(f"文件「{name}」{PASSWORD}")
        if record == _BOUNDSHEET:
            offset, state, sheet_type = struct.unpack_from("<IBB", data, 0)
            survey = SheetSurvey(_sheet_name(data[6:], version), visible=state & 0x3 == 0)
            sheets.append((survey, offset, sheet_type == 0))
        if record == _EOF:
            break
    for survey, offset, worksheet in sheets:
        if worksheet:
            _scan(stream, offset, version, survey)
    return [survey for survey, _, _ in sheets]


def _records(stream: bytes, start: int):
    position, end = start, len(stream)
    while position + 4 <= end:
        record, length = struct.unpack_from("<HH", stream, position)
        yield record, stream[position + 4:position + 4 + length]
        position += 4 + length


def _sheet_name(data: bytes, version: int) -> str:
    count = data[0]
    if version == _BIFF5:
        return data[1:1 + count].decode("gbk", "replace")
    if data[1] & 0x1:
        return data[2:2 + 2 * count].decode("utf-16-le", "replace")
    return data[2:2 + count].decode("latin-1")


def _scan(stream: bytes, offset: int, version: int, survey: SheetSurvey) -> None:
    max_row = max_column = -1
    for record, data in _records(stream, offset):
        if record in _CELLS:
            row, column = struct.unpack_from("<HH", data, 0)
            if record == _BOOLERR and data[7]:
                survey.errors[(row, column)] = _ERRORS.get(data[6], "#错误")
            elif record == _FORMULA and data[12:14] == b"\xff\xff" and data[6] == 2:
                survey.errors[(row, column)] = _ERRORS.get(data[8], "#错误")
        elif record == _MULRK:
            row, column = struct.unpack_from("<HH", data, 0)
            column = struct.unpack_from("<H", data, len(data) - 2)[0]
        elif record == _DIMENSIONS:
            if version == _BIFF8:
                _, rows, _, columns = struct.unpack_from("<IIHH", data, 0)
            else:
                _, rows, _, columns = struct.unpack_from("<HHHH", data, 0)
            survey.declared = (rows, columns)
            if rows * columns > MAX_CELLS_PER_SHEET:
                return
            continue
        elif record == _EOF:
            break
        else:
            continue
        if row > max_row:
            max_row = row
        if column > max_column:
            max_column = column
        survey.rows, survey.columns = max_row + 1, max_column + 1
        if survey.over():
            return
