"""Turning pandera's failures into quarantine rows a clerk can act on: each check is known by its name, its rule code
and message come from here, its arguments from the check itself (never read back out of pandera's text)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrorReason

from schemas.codes import allowed_message
from schemas.storage import too_large

Message = Callable[[str | None, dict], str]

# check name -> (rule code recorded in audit.quarantine, the clerk's message from the value and the check's arguments)
RULES: dict[str, tuple[str, Message]] = {
    "not_nullable": ("required", lambda v, a: "必填项为空 (a required value is missing)"),
    "in_code_list": ("allowed_values", lambda v, a: allowed_message(a["list_name"], v)),
    "isin": ("allowed_values", lambda v, a: f"「{v}」不是可选的取值，应为：{'、'.join(map(str, a['allowed_values']))} "
                                             "(not one of the allowed values)"),
    "greater_than_or_equal_to": ("not_negative", lambda v, a: f"「{v}」不能为负数 (must not be negative)"),
    "in_range": ("in_range", lambda v, a: f"「{v}」超出范围 {a['min_value']}–{a['max_value']} (out of range)"),
    "stored_as": ("value_too_large", lambda v, a: too_large(v, a["column_type"])),
    "str_length": ("text_length", lambda v, a: f"「{v}」长度不对 (wrong length)"),
    "uscc_check_character": ("uscc_check_character",
                             lambda v, a: "统一社会信用代码校验位不对，请核对原件 (USCC check character is wrong)"),
    "uscc_length": ("uscc_length", lambda v, a: "统一社会信用代码应为18位 (a USCC has 18 characters)"),
    "customs_code_format": ("customs_code_format", lambda v, a: "海关编码应为10位数字 (a customs code has 10 digits)"),
    "cumulative_from_january": ("cumulative_from_january", lambda v, a: "统计期应从1月开始累计，如「2024年1-4月」"
                                                                      "(a period must run from January)"),
}


@dataclass(frozen=True)
class Failure:
    index: object
    field: str
    value: str | None
    rule: str
    message: str


def _plain(value: object) -> str | None:
    """A cell as the clerk would write it: 10000000000000000, not 1E+16; None for nothing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def failures(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> list[Failure]:
    """Validate lazily, so every failing row is found; [] when all rows pass."""
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        errors = err.schema_errors
    else:
        return []
    found: dict[tuple[object, str], Failure] = {}
    for error in errors:
        name = "not_nullable" if error.reason_code == SchemaErrorReason.SERIES_CONTAINS_NULLS else \
            getattr(error.check, "name", None)
        if name not in RULES or error.failure_cases is None or "index" not in error.failure_cases:
            # A column missing, a wrong dtype, a rule without its message: a bug in our reader, not the clerk's file.
            raise RuntimeError(f"{model.__name__}: {error.reason_code} {name} on {getattr(error.schema, 'name', '')}")
        rule, message = RULES[name]
        arguments = getattr(error.check, "statistics", None) or {}
        whole_row = isinstance(error.schema, pa.DataFrameSchema)
        for case in error.failure_cases.itertuples(index=False):
            value = _plain(case.failure_case)
            column = str(case.column) if whole_row else str(error.schema.name)
            if whole_row:
                # A whole-row rule reports every column; name the row once, under the rule's first column.
                found.setdefault((case.index, rule), Failure(case.index, column, None, rule, message(None, arguments)))
            else:
                found[(case.index, f"{column}:{rule}")] = Failure(case.index, column, value, rule,
                                                                   message(value, arguments))
    return list(found.values())
