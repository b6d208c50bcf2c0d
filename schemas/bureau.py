"""市商务局认定: the KPI confirmation sheet and the project confirmation sheet, after coercion."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.checks import in_code_list  # noqa: F401 - registers the in_code_list rule used below
from schemas.storage import stored_as  # noqa: F401 - registers the stored_as rule used below
from schemas.years import PLAUSIBLE_YEARS


class BureauKpiRow(pa.DataFrameModel):
    """指标认定: one year-to-date figure of one metric (its code resolved from reference/metrics.csv on reading)."""

    year: Series[object] = pa.Field(in_range={"min_value": PLAUSIBLE_YEARS[0], "max_value": PLAUSIBLE_YEARS[1]})
    month_from: Series[object] = pa.Field(in_range={"min_value": 1, "max_value": 12})
    month_to: Series[object] = pa.Field(in_range={"min_value": 1, "max_value": 12})
    value: Series[object] = pa.Field(ge=0, stored_as="DECIMAL(18,4)")
    basis: Series[object] = pa.Field(in_code_list="kpi_basis")
    confirmed_on: Series[object] = pa.Field(nullable=False)

    @pa.check("month_from", name="cumulative_from_january")
    def _from_january(cls, month_from: pd.Series) -> pd.Series:
        return month_from == 1


class BureauProjectRow(pa.DataFrameModel):
    """项目认定: one project with its confirmed stage."""

    project_name: Series[object] = pa.Field(nullable=False)
    total_investment_yi_yuan: Series[object] = pa.Field(nullable=True, ge=0, stored_as="DECIMAL(18,4)")
    stage: Series[object] = pa.Field(nullable=True, in_code_list="project_stage")
    batch: Series[object] = pa.Field(nullable=True, in_range={"min_value": 1, "max_value": 99})
    provincial_status: Series[object] = pa.Field(nullable=True, in_code_list="provincial_status")
    batch_type: Series[object] = pa.Field(nullable=True, in_code_list="batch_type")
