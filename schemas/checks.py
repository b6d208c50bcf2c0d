"""The rule of a coded column: `pa.Field(in_code_list="lead_status")` allows the values of that list of
schemas/codes.py, read from the list when validating (so a value added there is accepted with no other edit).
Its name is its rule's key in schemas/rules.py."""

from __future__ import annotations

import pandas as pd
from pandera import extensions

from schemas.codes import code_list


@extensions.register_check_method(statistics=["list_name"])
def in_code_list(values: pd.Series, *, list_name: str) -> pd.Series:
    """`pa.Field(in_code_list="lead_status")`: the values a file may hold, read from the list when validating."""
    return values.isin(code_list(list_name).values(written_only=True))
