"""Dates as clerks write them: Excel serials, '2024/5/8', '2024.5.8', '2024年5月8日', '20240508'."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ingest.cells import RuleBroken
from ingest.text import is_nothing, normalise
from schemas.years import PLAUSIBLE_YEARS

# Excel's 1900 date system counts from 1899-12-30 (it keeps Lotus's phantom 1900-02-29).
_EXCEL_EPOCH = date(1899, 12, 30)
# Serials outside this range are far from any date these files talk about (1954..2119): surely not dates.
_SERIAL_RANGE = (20000, 80000)

_YMD = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")


def parse_date(cell: object) -> date | None:
    """One cell as a date within PLAUSIBLE_YEARS; None when the clerk wrote nothing."""
    parsed = _parse(cell)
    if parsed is not None and not PLAUSIBLE_YEARS[0] <= parsed.year <= PLAUSIBLE_YEARS[1]:
        low, high = PLAUSIBLE_YEARS
        raise RuleBroken("date_window", f"日期「{parsed.isoformat()}」不在{low}年至{high}年之间，请核对 "
                                        f"(date outside {low}-{high})")
    return parsed


def _parse(cell: object) -> date | None:
    if isinstance(cell, bool):
        raise ValueError(f"「{cell}」不是日期 (not a date)")
    if is_nothing(cell):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float):
        text = str(int(cell)) if float(cell).is_integer() else repr(cell)
    else:
        text = normalise(cell)
    match = _YMD.match(text) or _COMPACT.match(text)
    if match:
        return _checked(cell, *(int(part) for part in match.groups()))
    if _SERIAL.match(text) and _SERIAL_RANGE[0] <= float(text) <= _SERIAL_RANGE[1]:
        return _EXCEL_EPOCH + timedelta(days=int(float(text)))
    raise ValueError(f"「{cell}」不是日期，请写成2024-05-08或2024年5月8日 (not a date)")


def _checked(cell: object, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"「{cell}」不是有效日期：{year}年没有{month}月{day}日 (no such date)") from None
