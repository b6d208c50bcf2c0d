"""Code cells (统一社会信用代码, 海关编码, HS codes) as text, the way they were meant: their rules are in
schemas/identifiers.py."""

from __future__ import annotations

import re

from ingest.text import is_nothing, normalise

# Digits that survive a float exactly; a longer code typed into a number cell has already lost digits.
_FLOAT_EXACT_DIGITS = 15
_TRAILING_ZERO_FRACTION = re.compile(r"^(\d+)\.0+$")
_SCIENTIFIC = re.compile(r"^\d+(?:\.\d+)?E[+-]?\d+$")
_LOST_DIGITS = (
    "编码「{cell}」存成了数字，后几位已丢失，请把单元格设为文本后重新填写 "
    "(code stored as a number, digits lost)"
)


def clean_code(cell: object) -> str | None:
    """A code cell as text: full-width folded, upper-case, no spaces, leading zeros kept; None when empty."""
    if is_nothing(cell):
        return None
    if isinstance(cell, float):
        if not cell.is_integer():
            raise ValueError(f"「{cell}」不是编码 (not a code)")
        if len(str(int(cell))) > _FLOAT_EXACT_DIGITS:
            raise ValueError(_LOST_DIGITS.format(cell=cell))
        return str(int(cell))
    code = normalise(cell).upper()
    if _SCIENTIFIC.match(code):
        raise ValueError(_LOST_DIGITS.format(cell=cell))
    # A code that went through a number cell and back to text: '4111990830.0'.
    if match := _TRAILING_ZERO_FRACTION.match(code):
        return match[1]
    return code
