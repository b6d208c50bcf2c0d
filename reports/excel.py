"""Workbooks people open in Excel or WPS, written with xlsxwriter: Chinese headers, units and percentages
formatted, frozen header rows, columns as wide as their Chinese text, native charts.

Every text cell is written as text (write_string), never through write(): a name from a landing file that starts
with `=`, `+`, `-` or `@` stays the name it is and never becomes a formula. The workbook's own conversions of
strings to formulas, numbers and links are switched off as a second guard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from reports.width import display_width

TEXT_ONLY = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
MAX_WIDTH = 60
FORMATS = {
    "header": {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"},
    "text": {},
    "int": {"num_format": "#,##0"},
    "amount": {"num_format": "#,##0.00"},
    "number": {"num_format": "General"},
    "score": {"num_format": "0.0000"},
    "percent": {"num_format": "0.00%"},
    "points": {"num_format": "+0.00;-0.00;0.00"},
    "date": {"num_format": "yyyy-mm-dd"},
    "bool": {"align": "center"},
    "title": {"bold": True, "font_size": 14},
    "note": {"italic": True, "font_color": "#595959"},
    "red": {"bg_color": "#F8CBAD"},
    "black": {"bg_color": "#404040", "font_color": "#FFFFFF"},
}


@dataclass(frozen=True)
class Column:
    header: str  # Chinese, with the unit where there is one: 完成值（万元）
    key: str | Callable[[dict], object]
    kind: str = "text"  # text | int | amount | number | score | percent | points | date | bool

    def value(self, row: dict) -> object:
        return self.key(row) if callable(self.key) else row.get(self.key)


class Book:
    """One xlsxwriter workbook with the formats above, built once per workbook."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.workbook = xlsxwriter.Workbook(str(path), TEXT_ONLY)
        self.formats = {name: self.workbook.add_format(spec) for name, spec in FORMATS.items()}
        self._mixed: dict[tuple[str, str], object] = {}

    def format(self, kind: str, highlight: str | None = None):
        if not highlight:
            return self.formats[kind]
        if (kind, highlight) not in self._mixed:
            self._mixed[(kind, highlight)] = self.workbook.add_format(FORMATS[kind] | FORMATS[highlight])
        return self._mixed[(kind, highlight)]

    def close(self) -> Path:
        self.workbook.close()
        return self.path


def write_value(sheet: Worksheet, row: int, col: int, value: object, kind: str, cell_format) -> None:
    """One cell by the Python type of its value: text is always written as text."""
    if value is None:
        sheet.write_blank(row, col, None, cell_format)
    elif kind == "bool" or isinstance(value, bool):
        sheet.write_string(row, col, "是" if value else "否", cell_format)
    elif isinstance(value, str):
        sheet.write_string(row, col, value, cell_format)
    elif isinstance(value, dt.datetime | dt.date):
        sheet.write_datetime(row, col, value if isinstance(value, dt.datetime) else
                             dt.datetime.combine(value, dt.time()), cell_format)
    elif isinstance(value, Decimal | int | float):
        sheet.write_number(row, col, float(value), cell_format)
    else:
        sheet.write_string(row, col, str(value), cell_format)


def _shown_width(value: object, kind: str) -> int:
    if value is None:
        return 0
    if kind == "percent":
        return 8
    if kind == "date":
        return 10
    if kind == "bool":
        return 2
    if isinstance(value, Decimal | float):
        return len(f"{value:,.2f}")
    return display_width(value)


def table(book: Book, sheet: Worksheet, top: int, columns: Sequence[Column], rows: Sequence[dict],
          highlight: Callable[[dict], str | None] | None = None) -> int:
    """A header row at `top` and the rows below it, widths fitted to the Chinese text; returns the next free row.
    `highlight(row)` may name a fill (red, black) for a whole row."""
    for c, column in enumerate(columns):
        sheet.write_string(top, c, column.header, book.formats["header"])
    lines = max(column.header.count("\n") + 1 for column in columns)
    if lines > 1:
        sheet.set_row(top, 15 * lines)  # Excel and LibreOffice keep a row one line high unless told
    widths = [max(map(display_width, column.header.split("\n"))) for column in columns]  # headers wrap
    for r, row in enumerate(rows, start=top + 1):
        fill = highlight(row) if highlight else None
        for c, column in enumerate(columns):
            value = column.value(row)
            write_value(sheet, r, c, value, column.kind, book.format(column.kind, fill))
            widths[c] = max(widths[c], _shown_width(value, column.kind))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(width + 2, MAX_WIDTH))
    return top + 1 + len(rows)


def sheet_with_table(book: Book, name: str, columns: Sequence[Column], rows: Sequence[dict],
                     highlight: Callable[[dict], str | None] | None = None, note: str | None = None) -> Worksheet:
    """A sheet whose first row is the header (frozen, with a filter), or a note line then the header."""
    sheet = book.workbook.add_worksheet(name)
    top = 0
    if note:
        sheet.write_string(0, 0, note, book.formats["note"])
        top = 1
    end = table(book, sheet, top, columns, rows, highlight)
    sheet.freeze_panes(top + 1, 0)
    # Printed as people file it: landscape, one page wide, the header on every page.
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(top)
    if rows:
        sheet.autofilter(top, 0, end - 1, len(columns) - 1)
    return sheet
