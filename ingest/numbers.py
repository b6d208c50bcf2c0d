"""Numbers as clerks write them: '1,116.12', '１２', '1.2亿', '3500万元', '12.5%', '10余', '近70%', and in Chinese
numerals: '两亿', '三千万', '十二个', '一亿两千万', '壹仟万元'."""

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
_BEFORE = "将近|接近|大约|超过|近|约|逾|超"
_AFTER = "余|多|以上|左右"
_CELL = re.compile(
    rf"""^(?P<before>{_BEFORE})?
    (?P<sign>[+-])?
    (?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    (?P<after>{_AFTER})?
    (?P<unit>{_UNIT})?
    (?P<tail>{_AFTER})?$""",
    re.VERBOSE,
)

# Chinese numerals, in everyday and financial (大写) forms. 万 and 亿 are part of the numeral; what may follow it
# is a currency or a count unit. Arabic digits mix in ('3千万', '1.5亿' is read by _CELL already).
_CN_DIGITS = {**dict.fromkeys("一壹", 1), **dict.fromkeys("二两贰", 2), **dict.fromkeys("三叁", 3),
              **dict.fromkeys("四肆", 4), **dict.fromkeys("五伍", 5), **dict.fromkeys("六陆", 6),
              **dict.fromkeys("七柒", 7), **dict.fromkeys("八捌", 8), **dict.fromkeys("九玖", 9)}
_CN_ZERO = "零〇"
_CN_SMALL = {**dict.fromkeys("十拾", 10), **dict.fromkeys("百佰", 100), **dict.fromkeys("千仟", 1000)}
_CN_LARGE = {**dict.fromkeys("万萬", 4), **dict.fromkeys("亿億", 8)}
_CN_CHARS = "".join((*_CN_DIGITS, _CN_ZERO, *_CN_SMALL, *_CN_LARGE))
_CN_UNIT = "|".join(re.escape(u) for u in ("美元", "元", *COUNT_UNITS))
_CN_CELL = re.compile(
    rf"""^(?P<before>{_BEFORE})?
    (?P<numeral>[\d.点{_CN_CHARS}]*[{_CN_CHARS}][\d.点{_CN_CHARS}]*)
    (?P<after>{_AFTER})?
    (?P<unit>{_CN_UNIT})?
    (?P<tail>{_AFTER})?$""",
    re.VERBOSE,
)
_CN_TOKEN = re.compile(rf"\d+(?:\.\d+)?|点[{''.join(_CN_DIGITS)}{_CN_ZERO}]+|.")
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
    text = normalise(cell).translate(_MINUS)
    match = _CELL.match(text)
    if match is None:
        return _chinese_number(cell, text)
    value = Decimal(match["digits"].replace(",", ""))
    if match["sign"] == "-":
        value = -value
    approximate = any(match[part] for part in ("before", "after", "tail"))
    return Number(value, approximate, match["unit"])


def _chinese_number(cell: object, text: str) -> Number:
    """'两亿' -> 2 in 亿, '三千万元' -> 3000 in 万元, '十二个' -> 12 个: the value is kept in the largest 万 or 亿 the
    numeral has, as '1.2亿' is, so units.amount_in converts it exactly into the column's unit."""
    match = _CN_CELL.match(text)
    if match is None:
        raise ValueError(f"「{cell}」不是数字 (not a number)")
    value, power = _chinese_value(cell, match["numeral"])
    unit = match["unit"]
    if power and unit not in COUNT_UNITS:
        value, unit = value.scaleb(-power), {4: "万", 8: "亿"}[power] + (unit or "")
    approximate = any(match[part] for part in ("before", "after", "tail"))
    return Number(value.normalize() if value != value.to_integral_value() else value.quantize(Decimal(1)),
                  approximate, unit)


def _chinese_value(cell: object, numeral: str) -> tuple[Decimal, int]:
    """The numeral's value, and the power of ten of the largest 万 or 亿 in it (0 when it has neither), the unit the
    value is best kept in. A last digit right after a unit is read as clerks mean it: 三百五 is 350, 两万五 25000,
    一亿五 1.5亿 (一百零五 is 105).

    Strict, so that a slip of the pen is a quarantined cell rather than a wrong figure: two digits in a row
    ('三三', '二〇'), units out of order ('十百'), a 万 or 亿 with nothing before it, or the same one twice.
    """
    not_a_number = ValueError(f"「{cell}」不是数字 (not a number)")
    total = section = group = Decimal(0)  # whole 亿s; whole 万s of the current 亿; 千百十 of the current 万
    digit: Decimal | None = None
    has_fraction = after_unit = digit_after_unit = False
    last_small, last_unit, seen_large = 10_000, 1, set()
    for token in _CN_TOKEN.findall(numeral):
        if token[0].isdigit() or token in _CN_DIGITS:
            if digit is not None:
                raise not_a_number
            digit = Decimal(token) if token[0].isdigit() else Decimal(_CN_DIGITS[token])
            digit_after_unit, after_unit = after_unit, False
        elif token.startswith("点"):  # 一点五亿, 十二点五
            if has_fraction or (digit is None and not group):
                raise not_a_number
            digit = (digit or Decimal(0)) + Decimal("0." + "".join(str(_CN_DIGITS.get(c, 0)) for c in token[1:]))
            has_fraction = True
        elif token in _CN_ZERO:
            if digit is not None:  # 二〇: digits written one by one, not a numeral
                raise not_a_number
            after_unit = False  # 一百零五: an empty place
        elif token in _CN_SMALL:
            if _CN_SMALL[token] >= last_small:
                raise not_a_number
            last_small = last_unit = _CN_SMALL[token]
            group += (Decimal(1) if digit is None else digit) * last_small  # 十二, 百万: a missing digit is one
            digit, after_unit = None, True
        elif token in _CN_LARGE:
            power = _CN_LARGE[token]
            if power in seen_large or (digit is None and not group and not section):
                raise not_a_number
            if power == 4:
                section += (group + (digit or 0)) * 10_000
            else:
                total, section = (total + section + group + (digit or 0)) * 100_000_000, Decimal(0)
            seen_large.add(power)
            group, digit, last_small, last_unit, after_unit = Decimal(0), None, 10_000, 10**power, True
        else:
            raise not_a_number
    if digit is not None and digit_after_unit and not has_fraction:
        digit *= Decimal(last_unit) / 10
    return total + section + group + (digit or 0), max(seen_large, default=0)


def _from_float(cell: float) -> Decimal:
    # repr gives the shortest text that round-trips, so 1116.12 stays 1116.12 rather than 1116.1199999...
    if cell in (float("inf"), float("-inf")):
        raise ValueError(f"「{cell}」不是数字 (not a number)")
    if cell.is_integer():
        return Decimal(int(cell))
    return Decimal(repr(cell))
