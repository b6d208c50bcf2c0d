"""Every sheet of an .xlsx, .xlsm, .xls or .csv file as a grid of plain Python values."""

from __future__ import annotations

import csv
from pathlib import Path

import python_calamine

from ingest.encoding import open_text

Grid = list[list[object]]

_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
# An encrypted (password-protected) .xlsx is not a zip but an OLE compound file, like a legacy .xls.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UnreadableFile(Exception):
    """The whole file cannot be read; str() tells the clerk which file and why."""


def read_sheets(path: Path) -> dict[str, Grid]:
    """Sheet name -> rows of cells, row 1 first; empty cells are None, dates stay date/datetime."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(f"找不到文件「{path.name}」 (file not found)")
    suffix = path.suffix.lower()
    if suffix in _EXCEL_SUFFIXES:
        return _read_excel(path)
    if suffix == ".csv":
        return {path.stem: _read_csv(path)}
    raise UnreadableFile(
        f"文件「{path.name}」不是可接收的表格类型，只接收 .xlsx、.xls、.csv (unsupported file type)"
    )


def _read_excel(path: Path) -> dict[str, Grid]:
    try:
        with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
            # skip_empty_area=False keeps leading empty rows, so row numbers match what Excel shows.
            return {
                name: [[None if cell == "" else cell for cell in row] for row in
                       workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)]
                for name in workbook.sheet_names
            }
    except python_calamine.CalamineError as exc:
        raise UnreadableFile(f"文件「{path.name}」{_why(path, exc)} ({exc})") from exc


def _why(path: Path, exc: Exception) -> str:
    with open(path, "rb") as raw:
        head = raw.read(512)
    if isinstance(exc, python_calamine.PasswordError) or (
        path.suffix.lower() != ".xls" and head.startswith(_OLE_MAGIC)
    ):
        return "设置了密码或已加密，请去掉密码后重新上传 (password protected)"
    if head.lstrip().startswith(b"<"):
        return "其实是网页文件，不是真正的Excel，请用Excel打开后另存为.xlsx (HTML saved as Excel)"
    return "已损坏或不是Excel文件，请用Excel打开后另存为.xlsx (corrupt or not an Excel file)"


def _read_csv(path: Path) -> Grid:
    try:
        with open_text(path) as text:
            rows: Grid = [[cell if cell.strip() else None for cell in row] for row in csv.reader(text)]
    except (UnicodeDecodeError, csv.Error, ValueError) as exc:
        raise UnreadableFile(
            f"文件「{path.name}」无法按CSV读取，可能不是UTF-8或GBK编码的文本 (unreadable CSV: {exc})"
        ) from exc
    # The customs platform ends every line with a comma: a column with nothing in any row.
    width = max((len(row) for row in rows), default=0)
    empty = {col for col in range(width) if all(col >= len(row) or row[col] is None for row in rows)}
    if not empty:
        return rows
    return [[cell for col, cell in enumerate(row) if col not in empty] for row in rows]
