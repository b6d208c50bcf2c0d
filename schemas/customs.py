"""Customs enterprise monthly table rows, after unit conversion to 万元."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.identifiers import WithCustomsCode, WithUscc


class EnterpriseMonthlyRow(WithUscc, WithCustomsCode):
    enterprise_name: Series[object] = pa.Field(nullable=False)
    total_ytd_wan_yuan: Series[object] = pa.Field(nullable=False, ge=0)
    export_ytd_wan_yuan: Series[object] = pa.Field(nullable=True, ge=0)
    import_ytd_wan_yuan: Series[object] = pa.Field(nullable=True, ge=0)

    class Config:
        strict = False


class PlatformRow(pa.DataFrameModel):
    """Customs statistics platform: one product x partner x trade mode x place line."""

    year: Series[object] = pa.Field(in_range={"min_value": 2000, "max_value": 2099})
    month_to: Series[object] = pa.Field(in_range={"min_value": 1, "max_value": 12})
    value_yuan: Series[object] = pa.Field(nullable=True, ge=0)
    value_usd: Series[object] = pa.Field(nullable=True, ge=0)

    class Config:
        strict = False
