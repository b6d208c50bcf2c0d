"""Department workbook sheets (线索, 签约项目, 注册企业, 招商活动), after coercion."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.checks import in_code_list  # noqa: F401 - registers the in_code_list rule used below
from schemas.identifiers import WithUscc
from schemas.storage import stored_as  # noqa: F401 - registers the stored_as rule used below


class LeadRow(pa.DataFrameModel):
    lead_name: Series[object] = pa.Field(nullable=False)
    expected_investment_yi_yuan: Series[object] = pa.Field(nullable=True, ge=0, stored_as="DECIMAL(18,4)")
    status: Series[object] = pa.Field(in_code_list="lead_status")


class SignedProjectRow(pa.DataFrameModel):
    project_name: Series[object] = pa.Field(nullable=False)
    total_investment_yi_yuan: Series[object] = pa.Field(nullable=True, ge=0, stored_as="DECIMAL(18,4)")


class EnterpriseRow(WithUscc):
    enterprise_name: Series[object] = pa.Field(nullable=False)
    uscc: Series[object] = pa.Field(nullable=False, uscc_length=(), uscc_check_character=())
    registered_capital_wan_yuan: Series[object] = pa.Field(nullable=True, ge=0, stored_as="DECIMAL(18,4)")


class ActivityRow(pa.DataFrameModel):
    activity_type: Series[object] = pa.Field(in_code_list="activity_type")
    enterprises_count: Series[object] = pa.Field(nullable=True, ge=0, stored_as="INTEGER")
