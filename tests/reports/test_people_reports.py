"""The people_reports asset after a publish: each report written when it has something to say, whatever the other."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dagster as dg

from orchestration.definitions import ASSETS
from tests.departments.books import workbook
from tests.marts.conftest import drop, new_marts_home
from warehouse.resource import Warehouse


def test_a_month_not_yet_ended_does_not_cost_the_weeks_ranking_notice(tmp_path: Path) -> None:
    home = new_marts_home(tmp_path / "home")  # judged as of 2024-06-14: no month of 2024 has a report yet
    drop(home, "departments", "经济发展局-2024年第23周.xlsx",
         workbook(signed=[[1, "飞图科技项目", "飞图科技", 0.6, dt.date(2024, 6, 5)]]), dt.datetime(2024, 6, 10))

    result = dg.materialize(ASSETS, resources={"warehouse": Warehouse(home=str(home))}, raise_on_error=False)

    assert result.success
    reports = home / "reports"
    assert {".docx", ".xlsx"} <= {p.suffix for p in (reports / "2024-W23").iterdir()}
    assert not list(reports.glob("2024-0*"))  # no month has ended with figures: no briefing
    [materialized] = [m for m in result.get_asset_materialization_events()
                      if m.asset_key == dg.AssetKey("people_reports")]
    files = materialized.materialization.metadata["文件 files"].value
    assert "2024-W23" in files and ".docx" in files
