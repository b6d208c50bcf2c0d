"""Reading the generated files back the simple way the tests need: cell grids, header rows, record dicts.

Deliberately small and independent of the warehouse's ingest package, so the demo is checked against the
files themselves rather than against the code that will read them.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import python_calamine

_UNIT = re.compile(r"[(（][^)）]*[)）]|/.*$")


def sheets(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet of an .xlsx/.xls (or the one table of a .csv) as a list of rows."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return {path.stem: [list(row) for row in csv.reader(handle)]}
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def fold(value: object) -> str:
    """Full-width to half-width, no whitespace: how the tests compare text cells."""
    return "" if value is None else re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def header_name(value: object) -> str:
    """'总投资\\n（亿元）', '总投资(亿元)', '总投资/亿元' -> '总投资'."""
    return _UNIT.sub("", fold(value))


def records(grid: list[list[object]]) -> list[dict[str, object]]:
    """Rows below the first row that starts with 序号, keyed by header name; 合计 rows dropped."""
    start = next(i for i, row in enumerate(grid) if row and fold(row[0]) == "序号")
    names = [header_name(cell) for cell in grid[start]]
    result = []
    for row in grid[start + 1 :]:
        if not any(fold(cell) for cell in row) or fold(row[0]) == "合计":
            continue
        result.append(dict(zip(names, row, strict=False)))
    return result


def number(value: object) -> Decimal:
    """An exact decimal from a numeric or text cell (floats go through their shortest repr)."""
    return Decimal(fold(value).replace(",", "")) if isinstance(value, str) else Decimal(repr(value))
