"""The one place where amounts change unit: 元/千元/万元/亿元, 美元/千美元/万美元, and counts."""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.numbers import COUNT_UNITS, MAGNITUDES, MONEY_UNITS, parse_number
from ingest.text import normalise

_POWER = {"亿": 8, "万": 4, "千": 3}
_CURRENCY_WORD = {"CNY": "元", "USD": "美元"}


def _dimension(unit: str) -> tuple[str, int]:
    """(dimension, power of ten): '万美元' -> ('USD', 4), '万' -> ('count', 4), '次' -> ('count', 0)"""
    if unit == "%":
        return "%", 0
    if unit in COUNT_UNITS:
        return "count", 0
    if unit in MAGNITUDES:
        return "count", _POWER[unit]
    return ("USD" if unit.endswith("美元") else "CNY"), _POWER.get(unit[0], 0)


_ALIASES = {"人民币": "元", "人民币元": "元", "元人民币": "元", "美金": "美元", "百分比": "%"}
_KNOWN = frozenset((*MONEY_UNITS, *MAGNITUDES, *COUNT_UNITS, "%"))
# '单位：万元', '金额单位:千美元', '(单位:万元)'
_LABEL = re.compile(r"^[^:]*单位:")
_BRACKETS = "()[]【】"


def normalise_unit(text: object) -> str | None:
    """'单位：万元' -> '万元', '（亿元）' -> '亿元', '人民币' -> '元'; None for text naming no known unit."""
    flat = _LABEL.sub("", normalise(text).strip(_BRACKETS)).strip(_BRACKETS)
    flat = _ALIASES.get(flat, flat)
    return flat if flat in _KNOWN else None


def _known(unit: str) -> str:
    known = normalise_unit(unit)
    if known is None:
        raise ValueError(f"不认识的单位「{unit}」 (unknown unit)")
    return known


def amount_in(
    cell: object, column_unit: str | None, target_unit: str, usd_cny: Decimal | None = None
) -> tuple[Decimal, bool] | None:
    """Read a cell and express it in target_unit; returns (value, approximate), or None for an empty cell.

    The unit written in the cell wins over the column's unit (from its header or a '单位：' line); a bare
    magnitude in the cell ('3500万') takes the currency of the column, or else of the target.
    """
    number = parse_number(cell)
    if number is None:
        return None
    target = _known(target_unit)
    column = _known(column_unit) if column_unit else None
    unit = number.unit or column or target
    if unit in MAGNITUDES:
        for context in (column, target):
            currency = _dimension(context)[0] if context else None
            if currency in _CURRENCY_WORD:
                unit += _CURRENCY_WORD[currency]
                break
    return convert(number.value, unit, target, usd_cny), number.approximate


def convert(value: Decimal, unit_from: str, unit_to: str, usd_cny: Decimal | None = None) -> Decimal:
    """Exact conversion; between 元 and 美元 it needs usd_cny, the number of yuan to one dollar."""
    (kind_from, power_from), (kind_to, power_to) = _dimension(_known(unit_from)), _dimension(_known(unit_to))
    result = value.scaleb(power_from - power_to)
    if kind_from != kind_to:
        if {kind_from, kind_to} != {"CNY", "USD"}:
            raise ValueError(f"「{unit_from}」不能换算成「{unit_to}」 (incompatible units)")
        if usd_cny is None:
            raise ValueError(
                f"把「{unit_from}」换算成「{unit_to}」需要美元兑人民币汇率 (missing USD/CNY exchange rate)"
            )
        result = result * usd_cny if kind_from == "USD" else result / usd_cny
    return _tidy(result)


def _tidy(value: Decimal) -> Decimal:
    # scaleb keeps trailing zeros and exponents ('1.2E+4', '0.3500'); clerks and reports want 12000 and 0.35.
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
