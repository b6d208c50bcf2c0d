"""Department workbook sheets (线索, 签约项目, 注册企业, 招商活动), after coercion."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.identifiers import WithUscc
from schemas.storage import stored_as  # noqa: F401 - registers the stored_as rule used below

LEAD_STATUSES = ["线索", "在谈", "已签约", "已放弃"]
ACTIVITY_TYPES = ["外出招商", "考察对接", "会见客商", "推介活动"]


class LeadRow(pa.DataFrameModel):
    lead_name: Series[object] = pa.Field(nullable=False)
    expected_investment_yi_yuan: Series[object] = pa.Field(nullable=True, ge=0, stored_as="DECIMAL(18,4)")
    status: Series[object] = pa.Field(isin=LEAD_STATUSES)


class SignedProjectRow(pa.DataFrameModel):
    project_name: Series[object] = pa.Field(nullable=False)
    total_investment_yi_yuan: Series[object] = pa.Field(nullable=True, ge=0, stored_as="DECIMAL(18,4)")


class EnterpriseRow(WithUscc):
    enterprise_name: Series[object] = pa.Field(nullable=False)
    uscc: Series[object] = pa.Field(nullable=False)
    registered_capital_wan_yuan: Series[object] = pa.Field(nullable=True, ge=0, stored_as="DECIMAL(18,4)")


class ActivityRow(pa.DataFrameModel):
    activity_type: Series[object] = pa.Field(isin=ACTIVITY_TYPES)
    enterprises_count: Series[object] = pa.Field(nullable=True, ge=0, stored_as="INTEGER")
