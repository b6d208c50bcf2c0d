"""Numbers as clerks write them: '1,116.12', '１２', '1.2亿', '3500万元', '12.5%', '10余', '近70%'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.text import is_nothing, normalise

# Units a clerk may write inside a number cell. Magnitudes without a currency ('万') take the currency of
# their column; see units.amount_in.
MONEY_UNITS = ("亿美元", "万美元", "千美元", "美元", "亿元", "万元", "千元", "元")
MAGNITUDES = ("亿", "万", "千")
COUNT_UNITS = ("个", "次", "家", "条", "项", "人")

_UNIT = "|".join(re.escape(u) for u in (*MONEY_UNITS, *MAGNITUDES, *COUNT_UNITS, "%"))
# '近70%', '约5', '逾30' are approximations written before the number; '10余', '20多', '5以上' after it.
_CELL = re.compile(
    rf"""^(?P<before>将近|接近|大约|超过|近|约|逾|超)?
    (?P<sign>[+-])?
    (?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    (?P<after>余|多|以上|左右)?
    (?P<unit>{_UNIT})?
    (?P<tail>余|多|以上|左右)?$""",
    re.VERBOSE,
)
# NFKC leaves the typographic minus alone; clerks paste it from Word.
_MINUS = str.maketrans({"−": "-", "–": "-"})


@dataclass(frozen=True)
class Number:
    value: Decimal
    approximate: bool  # a lower bound or an estimate ('10余', '近70%'): never to be summed as exact
    unit: str | None  # the unit written in the cell itself, if any


def parse_number(cell: object) -> Number | None:
    """Read one cell as an exact number; None when the clerk wrote nothing ('-', '—', '/', blank)."""
    if isinstance(cell, bool):
        raise ValueError(f"「{cell}」是是/否值，不是数字 (a yes/no value, not a number)")
    if is_nothing(cell):
        return None
    if isinstance(cell, int):
        return Number(Decimal(cell), False, None)
    if isinstance(cell, float):
        return Number(_from_float(cell), False, None)
    if isinstance(cell, Decimal):
        if not cell.is_finite():
            raise ValueError(f"「{cell}」不是数字 (not a number)")
        return Number(cell, False, None)
    if not isinstance(cell, str):
        raise ValueError(f"「{cell}」不是数字 (not a number)")
    match = _CELL.match(normalise(cell).translate(_MINUS))
    if match is None:
        raise ValueError(f"「{cell}」不是数字 (not a number)")
    value = Decimal(match["digits"].replace(",", ""))
    if match["sign"] == "-":
        value = -value
    approximate = any(match[part] for part in ("before", "after", "tail"))
    return Number(value, approximate, match["unit"])


def _from_float(cell: float) -> Decimal:
    # repr gives the shortest text that round-trips, so 1116.12 stays 1116.12 rather than 1116.1199999...
    if cell in (float("inf"), float("-inf")):
        raise ValueError(f"「{cell}」不是数字 (not a number)")
    if cell.is_integer():
        return Decimal(int(cell))
    return Decimal(repr(cell))
