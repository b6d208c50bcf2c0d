"""Identifier rules shared by every form that carries a USCC or a customs code."""

from __future__ import annotations

import pandera.pandas as pa
from pandera import extensions
from pandera.typing import Series
from stdnum.cn import uscc as stdnum_uscc

# GB 32100-2015: the 31 characters a USCC is written in (no I, O, S, V, Z); the check character is python-stdnum's.
USCC_CHARSET = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")


def is_valid_uscc(code: str) -> bool:
    """18 characters from the allowed set whose last one is the right check character."""
    return len(code) == 18 and set(code) <= USCC_CHARSET and stdnum_uscc.calc_check_digit(code) == code[17]


def is_customs_code(code: str) -> bool:
    """A customs registration code is 10 ASCII digits (the first four name the area: Luohe is 4111)."""
    return len(code) == 10 and code.isascii() and code.isdigit()


# Registered under the rule codes the quarantine records, so a failure is known by its name whatever pandera's
# schema caching does to method-defined checks.
@extensions.register_check_method(check_type="element_wise")
def uscc_length(value: object) -> bool:
    return len(str(value)) == 18


@extensions.register_check_method(check_type="element_wise")
def uscc_check_character(value: object) -> bool:
    # A code of the wrong length is reported by the length rule alone, not twice.
    return len(str(value)) != 18 or is_valid_uscc(str(value))


@extensions.register_check_method(check_type="element_wise")
def customs_code_format(value: object) -> bool:
    return is_customs_code(str(value))


class WithUscc(pa.DataFrameModel):
    """Mixin: a `uscc` column checked for length and GB 32100-2015 check character."""

    uscc: Series[object] = pa.Field(nullable=True, uscc_length=(), uscc_check_character=())


class WithCustomsCode(pa.DataFrameModel):
    customs_code: Series[object] = pa.Field(nullable=True, customs_code_format=())
