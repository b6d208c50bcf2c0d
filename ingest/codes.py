"""Identifiers: 统一社会信用代码 (USCC, GB 32100-2015) and 海关编码 (customs registration code)."""

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


# GB 32100-2015: the 31 characters allowed (no I, O, S, V, Z) and the weights of the first 17 positions.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_character(first17: str) -> str:
    """The 18th character of a USCC computed from its first 17."""
    if len(first17) != 17 or any(char not in USCC_CHARSET for char in first17):
        raise ValueError(
            f"「{first17}」不是统一社会信用代码的前17位 (need 17 characters from {USCC_CHARSET})"
        )
    pairs = zip(first17, _USCC_WEIGHTS, strict=True)
    total = sum(USCC_CHARSET.index(char) * weight for char, weight in pairs)
    return USCC_CHARSET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    """18 characters from the allowed set whose last one is the right check character."""
    if len(code) != 18 or any(char not in USCC_CHARSET for char in code):
        return False
    return uscc_check_character(code[:17]) == code[17]


def is_customs_code(code: str) -> bool:
    """A customs registration code is 10 ASCII digits (the first four name the area: Luohe is 4111)."""
    return len(code) == 10 and code.isascii() and code.isdigit()
