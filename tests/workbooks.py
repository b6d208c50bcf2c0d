"""Writing small real workbooks for tests, the way a clerk's Excel would hold them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import openpyxl


def write_workbook(path: Path, sheets: dict[str, Iterable[Sequence[object]]],
                   merges: dict[str, list[str]] | None = None, mtime: float | None = None,
                   states: dict[str, str] | None = None) -> Path:
    """One sheet per entry, rows as given; `merges` lists merged ranges per sheet ("A1:C1"); `mtime` sets when
    the file arrived (landing files load oldest first); `states` hides sheets ('hidden' or 'veryHidden'). Text
    equal to an Excel error ('#DIV/0!') becomes an error cell, as openpyxl writes it."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
        sheet.sheet_state = (states or {}).get(name, "visible")
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


# The headers the bureau writes its two sheets under (it sends no template of ours).
KPI_HEADER = ["指标名称", "统计期", "认定值", "单位", "口径", "认定日期"]
PROJECT_HEADER = ["序号", "项目名称", "投资方", "总投资（亿元）", "签约日期", "认定阶段", "认定日期", "三个一批期次",
                  "省级认定状态", "责任单位", "六职领导", "备注"]
