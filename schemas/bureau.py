"""市商务局认定: the KPI confirmation sheet and the project confirmation sheet, after coercion."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.rules import CUSTOM_RULES
from schemas.storage import stored_as  # noqa: F401 - registers the stored_as rule used below

METRIC_CODES = ["signed_projects", "signed_investment", "foreign_capital", "domestic_capital", "trade_total"]
BASES = ["confirmed", "estimated"]
PROJECT_STAGES = ["签约", "履约", "开工", "投产"]
PROVINCIAL_STATUSES = ["待认定", "已认定"]
BATCH_TYPES = ["签约一批", "开工一批", "投产一批"]


class BureauKpiRow(pa.DataFrameModel):
    """指标认定: one year-to-date figure of one metric."""

    metric_code: Series[object] = pa.Field(isin=METRIC_CODES)
    year: Series[object] = pa.Field(in_range={"min_value": 2000, "max_value": 2099})
    month_from: Series[object] = pa.Field(in_range={"min_value": 1, "max_value": 12})
    month_to: Series[object] = pa.Field(in_range={"min_value": 1, "max_value": 12})
    value: Series[object] = pa.Field(ge=0, stored_as="DECIMAL(18,4)")
    basis: Series[object] = pa.Field(isin=BASES)
    confirmed_on: Series[object] = pa.Field(nullable=False)

    @pa.check("month_from", name="cumulative_from_january", error=CUSTOM_RULES["cumulative_from_january"])
    def _from_january(cls, month_from: pd.Series) -> pd.Series:
        return month_from == 1


class BureauProjectRow(pa.DataFrameModel):
    """项目认定: one project with its confirmed stage."""

    project_name: Series[object] = pa.Field(nullable=False)
    total_investment_yi_yuan: Series[object] = pa.Field(nullable=True, ge=0, stored_as="DECIMAL(18,4)")
    stage: Series[object] = pa.Field(nullable=True, isin=PROJECT_STAGES)
    batch: Series[object] = pa.Field(nullable=True, in_range={"min_value": 1, "max_value": 99})
    provincial_status: Series[object] = pa.Field(nullable=True, isin=PROVINCIAL_STATUSES)
    batch_type: Series[object] = pa.Field(nullable=True, isin=BATCH_TYPES)
