"""What the warehouse's column types can hold, as a rule of the form models: `pa.Field(stored_as="DECIMAL(18,4)")`.

A value the column cannot hold (1e16 in an amount, 3e9 in a count) would make its whole file fail to write;
declared on the model, it is quarantined like any other broken rule. The type is written as the raw table's DDL
writes it (warehouse/sql/ddl); tests/hostile/test_value_ranges.py holds every model to its table's DDL, since
schemas may not import the warehouse.
"""

from __future__ import annotations

import re
from decimal import Decimal

from pandera import extensions

_DECIMAL = re.compile(r"^DECIMAL\((\d+),\s*(\d+)\)$")
_INTEGERS = {"INTEGER": 31, "BIGINT": 63, "SMALLINT": 15}


def integer_digits(column_type: str) -> int | None:
    """Digits before the point a DECIMAL(p,s) holds (p - s); None for an integer type."""
    match = _DECIMAL.match(column_type)
    return int(match[1]) - int(match[2]) if match else None


def fits(value: object, column_type: str) -> bool:
    """Whether the column type holds the value (as DuckDB would store it: a DECIMAL rounded to its scale)."""
    match = _DECIMAL.match(column_type)
    if match:
        precision, scale = int(match[1]), int(match[2])
        stored = round(Decimal(value), scale) if Decimal(value).adjusted() < precision else Decimal(value)
        return abs(stored) < Decimal(10) ** (precision - scale)
    bits = _INTEGERS[column_type]
    return -(2 ** bits) <= value < 2 ** bits


def too_large(value: str | None, column_type: str) -> str:
    """The clerk's message for a value its column cannot hold."""
    digits = integer_digits(column_type)
    if digits is not None:
        return (f"「{value}」太大，超出仓库能保存的范围（整数部分最多{digits}位），请核对数值和单位 "
                f"(value too large for {column_type})")
    return (f"「{value}」太大，超出仓库能保存的范围（最大{2 ** _INTEGERS[column_type] - 1:,}），请核对 "
            f"(value too large for {column_type})")


@extensions.register_check_method(statistics=["column_type"], check_type="element_wise")
def stored_as(value: object, *, column_type: str) -> bool:
    return fits(value, column_type)
