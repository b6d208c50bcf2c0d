"""The nightly job on a district whose bureau figure disagrees with its project list, then after a correction."""

import datetime as dt
from decimal import Decimal

import dagster as dg
import duckdb

from orchestration.definitions import build_definitions
from tests.bureau.scenario import write_scenario
from tests.bureau.workbooks import bureau_workbook
from tests.checks import evaluations


def _checks(result: dg.ExecuteInProcessResult) -> dict[str, tuple[bool, str]]:
    return {name: (e.passed, e.severity.value) for name, e in evaluations(result).items()}


def test_a_disagreeing_figure_is_flagged_until_the_bureau_corrects_it(tmp_path):
    home = write_scenario(tmp_path, signed_figure="3")
    job = build_definitions(str(home)).resolve_job_def("nightly")

    first = job.execute_in_process(raise_on_error=False)
    checks = _checks(first)
    assert checks["kpi_sources_disagree"] == (False, "WARN")
    # Departments reporting a project the bureau has not confirmed is information: passed in the UI, its rows
    # beside it for whoever wants them, nothing blocked and no warning triangle.
    unconfirmed = evaluations(first)["info_reconcil_department_projects_unconfirmed"]
    assert unconfirmed.passed and unconfirmed.metadata["提示的行数 rows for information"].value > 0
    assert "提示的行 rows for information" in unconfirmed.metadata
    assert checks["info_reconcil_bureau_projects_unreported"][0]
    # The build is still published: the departments' and customs' news is not held back by the bureau's file.
    assert first.success
    assert (home / "warehouse" / "zhaoshang.duckdb").exists()

    bureau_workbook(home / "landing" / "bureau" / "西城区2024年1-6月签约项目数更正.xlsx", [
        ("签约项目", "2024年1-6月", "2", "个", "认定", dt.date(2024, 7, 20)),
    ], arrived=dt.datetime(2024, 7, 20, 9))
    second = job.execute_in_process(raise_on_error=False)
    assert _checks(second)["kpi_sources_disagree"] == (True, "WARN")
    with duckdb.connect(str(home / "warehouse" / "zhaoshang.duckdb"), read_only=True) as con:
        assert con.execute("""SELECT old_value, new_value, new_file FROM marts.kpi_revisions
                              WHERE metric_code = 'signed_projects'""").fetchall() == [
            (Decimal("3.0000"), Decimal("2.0000"), "西城区2024年1-6月签约项目数更正.xlsx"),
        ]
        assert con.execute("SELECT actual FROM marts.kpi_latest WHERE metric_code = 'signed_projects' "
                           "AND basis = 'confirmed'").fetchall() == [(Decimal("2.0000"),)]
