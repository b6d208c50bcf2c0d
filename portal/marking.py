"""The clerk's own workbook handed back with each quarantined cell filled and explained in Chinese, to be fixed
and sent again as it is (so nothing is added to it: a sheet listing the problems would itself be read as a form;
an .xls or .csv, which openpyxl cannot open, comes back as that list alone). Written as values only: a formula
of the clerk's comes back as its last computed value, and no text from the file (a cell, a value quoted in a
message) can become a formula in what we write."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

BAD = PatternFill("solid", fgColor="FFC7CE")
AUTHOR = "招商数据平台"
PROBLEMS = "问题清单"
HEADERS = ("工作表", "行", "列", "填写的值", "问题")


def text(cell: Cell, value: object) -> None:
    """Set a cell to a value, a string always as text: openpyxl takes any string starting with '=' for a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def mark(original: Path, cells: list[dict], out: Path) -> Path:
    """`cells` as the verdict lists them (sheet, row_number, column_name, value, message)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if original.suffix.lower() != ".xlsx":
        book = Workbook()
        book.active.title = PROBLEMS
        _problem_list(book.active, cells)
        book.save(out)
        return out
    book = load_workbook(original, data_only=True)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or isinstance(cell.value, str):
                    text(cell, cell.value)
    for problem in cells:
        sheet = book[problem["sheet"]] if problem["sheet"] in book.sheetnames else None
        if sheet is None or not problem["row_number"]:
            continue
        column = _column(sheet, problem["row_number"], problem["column_name"])
        cell = sheet.cell(row=problem["row_number"], column=column)
        cell.fill = BAD
        note = f"{problem['column_name']}：{problem['message']}"
        if cell.comment is not None and cell.comment.author == AUTHOR:
            note = f"{cell.comment.text}\n{note}"
        cell.comment = Comment(note, AUTHOR, width=320, height=120)
    book.save(out)
    return out


def _column(sheet: Worksheet, row_number: int, header: str) -> int:
    """The column headed `header` in the nearest header row above the row (the header as written, as the message
    names it); the first column when it cannot be found."""
    wanted = (header or "").strip()
    found = 1
    for row in sheet.iter_rows(min_row=1, max_row=max(1, row_number - 1), values_only=True):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str) and value.strip() == wanted:
                found = column
    return found


def _problem_list(sheet: Worksheet, cells: list[dict]) -> None:
    for column, header in enumerate(HEADERS, start=1):
        text(sheet.cell(row=1, column=column), header)
        sheet.cell(row=1, column=column).font = Font(bold=True)
    for row, problem in enumerate(cells, start=2):
        for column, value in enumerate((problem["sheet"], problem["row_number"], problem["column_name"],
                                        problem["value"], problem["message"]), start=1):
            text(sheet.cell(row=row, column=column), value)
    for letter, width in zip("ABCDE", (12, 6, 18, 24, 80), strict=True):
        sheet.column_dimensions[letter].width = width
