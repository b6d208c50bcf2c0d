"""Writing sheets as .xlsx, legacy .xls or .csv, byte-for-byte the same on every run.

A sheet is a list of rows of plain values (str, int, Decimal, date, None) plus merged ranges, so the same
content can be written in any of the formats clerks send.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

import openpyxl
import xlwt
from openpyxl.writer.excel import ExcelWriter

CHINA = dt.timezone(dt.timedelta(hours=8))


@dataclass
class Sheet:
    title: str
    rows: list[list[object]] = field(default_factory=list)
    # (first_row, first_col, last_row, last_col), 0-based and inclusive
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    def add(self, *values: object) -> int:
        """Append a row; return its 0-based index (for merges)."""
        self.rows.append(list(values))
        return len(self.rows) - 1


def write_xlsx(path: Path, sheets: list[Sheet], stamp: dt.datetime) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title)
        for row in sheet.rows:
            worksheet.append(row)
        for r1, c1, r2, c2 in sheet.merges:
            worksheet.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, dt.date):
                    worksheet.cell(r, c).number_format = "yyyy-mm-dd"
    # openpyxl's save_workbook stamps "modified" with the clock; the writer itself does not.
    workbook.properties.creator = "西城区招商服务中心"
    workbook.properties.created = stamp.replace(tzinfo=None)
    workbook.properties.modified = stamp.replace(tzinfo=None)
    raw = io.BytesIO()
    ExcelWriter(workbook, ZipFile(raw, "w", ZIP_DEFLATED)).save()
    path.write_bytes(_repack(raw.getvalue(), stamp))


def _repack(xlsx: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite the zip with a fixed entry timestamp: zipfile otherwise records the wall-clock time."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(xlsx)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


_DATE_STYLE = xlwt.easyxf(num_format_str="YYYY-MM-DD")
_PLAIN_STYLE = xlwt.XFStyle()


def write_xls(path: Path, sheets: list[Sheet]) -> None:
    workbook = xlwt.Workbook(encoding="utf-8")
    for sheet in sheets:
        worksheet = workbook.add_sheet(sheet.title)
        covered: set[tuple[int, int]] = set()
        for r1, c1, r2, c2 in sheet.merges:
            worksheet.write_merge(r1, r2, c1, c2, _xls_value(sheet.rows[r1][c1]), _PLAIN_STYLE)
            covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if (r, c) in covered or value is None:
                    continue
                style = _DATE_STYLE if isinstance(value, dt.date) else _PLAIN_STYLE
                worksheet.write(r, c, _xls_value(value), style)
    workbook.save(str(path))


def _xls_value(value: object) -> object:
    # BIFF stores numbers as doubles; str() of these short decimals round-trips exactly.
    return float(value) if isinstance(value, Decimal) else value


def write_csv(path: Path, sheet: Sheet, encoding: str = "utf-8-sig") -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in sheet.rows:
        writer.writerow(["" if value is None else _csv_text(value) for value in row])
    path.write_bytes(buffer.getvalue().encode(encoding))


def _csv_text(value: object) -> str:
    return value.strftime("%Y-%m-%d") if isinstance(value, dt.date) else str(value)


def set_arrival(path: Path, when: dt.datetime) -> None:
    """Give the file the modification time it would have had when it reached the office."""
    timestamp = when.replace(tzinfo=CHINA).timestamp()
    os.utime(path, (timestamp, timestamp))


def write_file(path: Path, sheets: list[Sheet], arrival: dt.datetime) -> None:
    """The sheets in the format the file's name asks for (a CSV holds the first), dated when it reached the office."""
    if path.suffix == ".xls":
        write_xls(path, sheets)
    elif path.suffix == ".csv":
        write_csv(path, sheets[0])
    else:
        write_xlsx(path, sheets, arrival)
    set_arrival(path, arrival)
