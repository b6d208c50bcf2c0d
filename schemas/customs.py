"""Customs: enterprise monthly table rows after unit conversion to 万元 (the platform download's rules are in
schemas/customs_platform.py)."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.identifiers import WithCustomsCode, WithUscc
from schemas.storage import stored_as  # noqa: F401 - registers the stored_as rule used below


class EnterpriseMonthlyRow(WithUscc, WithCustomsCode):
    enterprise_name: Series[object] = pa.Field(nullable=False)
    total_month_wan_yuan: Series[object] = pa.Field(nullable=True, stored_as="DECIMAL(18,4)")
    total_ytd_wan_yuan: Series[object] = pa.Field(nullable=False, ge=0, stored_as="DECIMAL(18,4)")
    export_month_wan_yuan: Series[object] = pa.Field(nullable=True, stored_as="DECIMAL(18,4)")
    export_ytd_wan_yuan: Series[object] = pa.Field(nullable=True, ge=0, stored_as="DECIMAL(18,4)")
    import_month_wan_yuan: Series[object] = pa.Field(nullable=True, stored_as="DECIMAL(18,4)")
    import_ytd_wan_yuan: Series[object] = pa.Field(nullable=True, ge=0, stored_as="DECIMAL(18,4)")
    ytd_yoy_pct: Series[object] = pa.Field(nullable=True, stored_as="DECIMAL(18,4)")
