"""Identifier rules shared by every form that carries a USCC or a customs code."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from ingest.codes import is_customs_code, is_valid_uscc
from schemas.rules import CUSTOM_RULES


class WithUscc(pa.DataFrameModel):
    """Mixin: a `uscc` column checked for length and GB 32100-2015 check character."""

    uscc: Series[object] = pa.Field(nullable=True)

    @pa.check("uscc", element_wise=True, name="uscc_length", error=CUSTOM_RULES["uscc_length"])
    def _uscc_length(cls, value: object) -> bool:
        return len(str(value)) == 18

    @pa.check("uscc", element_wise=True, name="uscc_check_character",
              error=CUSTOM_RULES["uscc_check_character"])
    def _uscc_check(cls, value: object) -> bool:
        # A code of the wrong length is reported by the length rule alone, not twice.
        return len(str(value)) != 18 or is_valid_uscc(str(value))


class WithCustomsCode(pa.DataFrameModel):
    customs_code: Series[object] = pa.Field(nullable=True)

    @pa.check("customs_code", element_wise=True, name="customs_code_format",
              error=CUSTOM_RULES["customs_code_format"])
    def _customs_code(cls, value: object) -> bool:
        return is_customs_code(str(value))
