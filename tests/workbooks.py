"""Writing small real workbooks for tests, the way a clerk's Excel would hold them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import openpyxl


def write_workbook(path: Path, sheets: dict[str, Iterable[Sequence[object]]],
                   merges: dict[str, list[str]] | None = None, mtime: float | None = None) -> Path:
    """One sheet per entry, rows as given; `merges` lists merged ranges per sheet ("A1:C1"); `mtime` sets when
    the file arrived (landing files load oldest first)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


KPI_HEADER = ["指标名称", "统计期", "认定值", "单位", "口径", "认定日期"]
