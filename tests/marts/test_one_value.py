"""One figure, one value (issue 16): a figure shown in two marts, or in a mart and a report, is the same in both.
Asserted on the demo after the nightly job and on a second, smaller district (tests/bureau/scenario.py), each
equality against what people read: the published marts, the leadership workbook and the briefing as written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest

from reports.figures import amount
from reports.monthly import write_month_reports
from reports.periods import Month
from tests.build import database
from tests.bureau.scenario import write_scenario
from tests.bureau.workbooks import build_warehouse
from warehouse.checks import sql_checks

JUNE = Month(2024, 6)
# The checks that write the equalities down: invariants, so each blocks publication when it fails.
EQUALITY_CHECKS = ("funnel_confirmed_signings_match", "kpi_completion_matches_marts", "department_totals_match_weekly",
                   "trade_monthly_matches_enterprises")


def _quality_owed(xlsx: Path) -> list[tuple[str, str]]:
    """The 未报送 rows of the 数据质量 sheet as written: (department, period owed)."""
    sheet = openpyxl.load_workbook(xlsx)["数据质量"]
    header = [c.value for c in sheet[2]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=3)]
    return sorted((r["位置"], r["内容"]) for r in rows if r["类别"] == "未报送")


def _briefing_figures(con: duckdb.DuckDBPyConnection, period: Month) -> list[str]:
    """The phrases the briefing must hold, each made from its mart directly (not from the report's queries)."""
    figures = [
        f"市商务局已认定我区{name}{amount(actual)}{unit}" for name, actual, unit in con.execute("""
            SELECT metric_name, arg_max(actual, month), unit FROM marts.kpi_completion
            WHERE year = ? AND month <= ? AND basis = 'confirmed' GROUP BY ALL""", [period.year, period.month]
        ).fetchall()]
    week = period.iso_week
    totals = con.execute("""SELECT valuable_leads, signed_projects, yi_projects, signed_investment_yi_yuan,
                                   registered_enterprises, trips, promotions, enterprises_visited, investor_meetings
                            FROM marts.department_totals WHERE iso_year = ? AND week <= ? ORDER BY week DESC LIMIT 1""",
                         [week.year, week.week]).fetchone()
    if totals:
        leads, signed, yi, investment, enterprises, trips, promotions, visited, meetings = totals
        figures += [f"有价值线索{leads}条", f"新签约项目{signed}个，其中亿元项目{yi}个，总投资{amount(investment)}亿元",
                    f"新招引注册企业{enterprises}家", f"外出招商{trips}次", f"举办推介活动{promotions}场",
                    f"考察对接企业{visited}家，会见重要客商{meetings}次"]
    six = con.execute("""SELECT sum(planned), sum(signed), sum(fulfilled), sum(started) FROM marts.six_post_projects
                         WHERE year = ?""", [period.year]).fetchone()
    if six[0]:
        figures.append(f"拟招引项目{six[0]}个，已签约项目{six[1]}个，履约项目{six[2]}个，开工项目{six[3]}个")
    (owed,) = con.execute("SELECT count(*) FROM marts.missing_reports WHERE iso_year = ? AND month = ?",
                          [period.year, period.month]).fetchone()
    if owed:
        figures.append(f"{period.year}年{period.month}月应报未报的报告{owed}份")
    return figures


def assert_one_value(con: duckdb.DuckDBPyConnection, reports: Path, period: Month) -> None:
    checks = {check.name: check for check in sql_checks()}
    for name in EQUALITY_CHECKS:
        assert checks[name].blocking, name
        assert checks[name].failing_rows(con).empty, name

    # The funnel's confirmed signings are the completion table's wherever both count the bureau's list.
    pairs = con.execute("""SELECT f.signed_confirmed, k.actual FROM marts.pipeline_funnel f
                           JOIN marts.kpi_candidates k USING (year, month)
                           WHERE k.metric_code = 'signed_projects' AND k.source = 'bureau_projects'""").fetchall()
    assert pairs and all(Decimal(funnel) == listed for funnel, listed in pairs)

    # Six-post progress is the pipeline's stage of the same project.
    assert con.execute("""SELECT count(*) FROM marts.six_post_project_status s JOIN marts.project_pipeline p
                          USING (project_id)
                          WHERE s.signed <> (p.stage IN ('签约', '履约', '开工', '投产'))
                             OR s.started <> (p.stage IN ('开工', '投产'))""").fetchone() == (0,)

    # Every figure of kpi_changes is a confirmation in force, never a raw row of a superseded file.
    assert con.execute("""SELECT count(*) FROM marts.kpi_changes c WHERE NOT c.left_out AND NOT EXISTS (
                              SELECT 1 FROM core.kpi_confirmations k WHERE k.file_name = c.round_file
                                AND k.metric_code = c.metric_code AND k.basis = c.basis AND k.month = c.month
                                AND k.month_from = 1 AND k.value = c.value)""").fetchone() == (0,)

    # The leadership workbook's 数据质量 sheet lists marts.missing_reports for its month, row for row.
    (xlsx,) = reports.glob("*.xlsx")
    assert _quality_owed(xlsx) == sorted(con.execute(
        "SELECT department_name, period_label FROM marts.missing_reports WHERE iso_year = ? AND month = ?",
        [period.year, period.month]).fetchall())

    # The briefing quotes the marts.
    (markdown,) = reports.glob("*.md")
    text = markdown.read_text(encoding="utf-8")
    figures = _briefing_figures(con, period)
    assert figures and [f for f in figures if f not in text] == []


def test_every_figure_has_one_value_on_the_demo(demo_run) -> None:
    with demo_run.connect() as con:
        # January and February 2024: two projects signed 2024-01-18, one 2024-02-26, on the bureau's list.
        assert con.execute("""SELECT month, signed_confirmed FROM marts.pipeline_funnel
                              WHERE year = 2024 AND month <= 2 ORDER BY month""").fetchall() == [(1, 2), (2, 3)]
        completion = con.execute("""SELECT month, actual FROM marts.kpi_completion
                                    WHERE year = 2024 AND month <= 2 AND metric_code = 'signed_projects'
                                      AND basis = 'confirmed' ORDER BY month""").fetchall()
        assert completion == [(1, Decimal("2.0000")), (2, Decimal("3.0000"))]
        owed = con.execute("SELECT count(*) FROM marts.missing_reports WHERE iso_year = 2024 AND month = 6").fetchone()
        assert owed[0] > 3  # the sheet once listed week 26's three unranked departments only
        assert_one_value(con, demo_run.home / "reports" / str(JUNE), JUNE)


@pytest.fixture(scope="module")
def district(tmp_path_factory) -> Path:
    home = write_scenario(tmp_path_factory.mktemp("district"))
    build_warehouse(home).close()
    write_month_reports(database(home), home / "reports", JUNE)
    return home


def test_every_figure_has_one_value_on_a_second_district(district) -> None:
    with duckdb.connect(str(database(district)), read_only=True) as con:
        # 恒达 (经发局, signed in March, first reported in June) counts in March by its signing date, in the
        # funnel as in the warehouse's count of signings.
        assert con.execute("SELECT month, signed, signed_confirmed FROM marts.pipeline_funnel ORDER BY month"
                           ).fetchall() == [(4, 3, 2), (5, 3, 2), (6, 3, 2)]
        assert_one_value(con, district / "reports" / str(JUNE), JUNE)
