"""Turning pandera's failure cases into quarantine rows a clerk can act on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
import pandera.pandas as pa

from schemas.storage import too_large

# Custom checks carry these messages as their `error`; the rule code is found back from the message.
CUSTOM_RULES = {
    "uscc_check_character": "统一社会信用代码校验位不对，请核对原件 (USCC check character is wrong)",
    "uscc_length": "统一社会信用代码应为18位 (a USCC has 18 characters)",
    "customs_code_format": "海关编码应为10位数字 (a customs code has 10 digits)",
    "cumulative_from_january": "统计期应从1月开始累计，如「2024年1-4月」(a period must run from January)",
}
_RULE_BY_MESSAGE = {message: rule for rule, message in CUSTOM_RULES.items()}


@dataclass(frozen=True)
class Failure:
    index: object
    field: str
    value: str | None
    rule: str
    message: str


def describe(check: str, value: object) -> tuple[str, str]:
    """(rule code, clerk message) for one pandera check as it appears in failure_cases."""
    if check in _RULE_BY_MESSAGE:
        return _RULE_BY_MESSAGE[check], check
    if check == "not_nullable":
        return "required", "必填项为空 (a required value is missing)"
    if check.startswith("isin("):
        allowed = "、".join(re.findall(r"'([^']*)'", check))
        return "allowed_values", f"「{value}」不是可选的取值，应为：{allowed} (not one of the allowed values)"
    if check.startswith("greater_than_or_equal_to("):
        return "not_negative", f"「{value}」不能为负数 (must not be negative)"
    if check.startswith("in_range("):
        low, high = re.findall(r"[-\d.]+", check)[:2]
        return "in_range", f"「{value}」超出范围 {low}–{high} (out of range)"
    if check.startswith("stored_as("):
        column_type = re.search(r"column_type=(.*)\)$", check)[1]
        return "value_too_large", too_large(_plain(value), column_type)
    if check.startswith("str_length("):
        return "text_length", f"「{value}」长度不对 (wrong length)"
    return check, f"不符合规则 {check} (breaks rule {check})"


def _plain(value: object) -> str:
    """A number as the clerk would write it: 10000000000000000, not 1E+16."""
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def failures(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> list[Failure]:
    """Validate lazily, so every failing row is found; [] when all rows pass."""
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    else:
        return []
    found: dict[tuple[object, str], Failure] = {}
    for case in cases.itertuples(index=False):
        if case.index is None or pd.isna(case.index):
            # A column-level failure (missing column, wrong dtype) is a bug in our reader, not the clerk's file.
            raise RuntimeError(f"{model.__name__}: {case.check} on column {case.column}")
        rule, message = describe(str(case.check), case.failure_case)
        if case.schema_context == "DataFrameSchema":
            # A whole-row rule reports every column; name the row once, under the rule's first column.
            key = (case.index, rule)
            found.setdefault(key, Failure(case.index, str(case.column), None, rule, message))
            continue
        value = None if case.failure_case is None or pd.isna(case.failure_case) else _plain(case.failure_case)
        found[(case.index, f"{case.column}:{rule}")] = Failure(case.index, str(case.column), value, rule, message)
    return list(found.values())
