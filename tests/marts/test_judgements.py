"""The judgements the demo's departments and leaders are held to (issue 16): a department owes reports from its
own start, one that has sent nothing is not ranked, what departments report is never judged against the city's
target, and a project nobody lists any more is not ranked by days in stage as if it were current."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal as D

import duckdb
import pytest


@pytest.fixture(scope="module")
def con(demo_run) -> Iterator[duckdb.DuckDBPyConnection]:
    with demo_run.connect() as connection:
        yield connection


def test_no_department_owes_a_report_before_its_start(con) -> None:
    # The query: periods owed before the department's first report (38 when every clock started at the
    # centre's 2023-W50 pilot), and 2023 periods although targets are set for 2024 only (25).
    assert con.execute("""
        WITH f AS (SELECT department_code, min(period_start) f FROM core.department_reports GROUP BY 1)
        SELECT count(*) FILTER (WHERE period_end < f), count(*) FILTER (WHERE iso_year = 2023), count(*)
        FROM marts.missing_reports JOIN f USING (department_code)""").fetchone() == (0, 0, 167)
    # 财政金融局 reports from 2024-W03 (departments.csv reports_from), its first report: W01 and W02 are not owed.
    assert con.execute("SELECT DISTINCT owed_from, owed_from_rule FROM core.department_obligations "
                       "WHERE department_code = 'D03'").fetchall() == [(dt.date(2024, 1, 15), "reports_from")]
    assert con.execute("SELECT min(period_label), count(*) FROM core.department_obligations "
                       "WHERE department_code = 'D03'").fetchone() == ("2024-W03", 27)  # to W29, as of 15 July
    assert con.execute("SELECT period_label FROM marts.missing_reports WHERE department_code = 'D03' "
                       "ORDER BY period_start LIMIT 2").fetchall() == [("2024-W04",), ("2024-W05",)]
    # The centre piloted the workbook in December 2023; it owes from week 1 of its targets' year, so its pilot
    # weeks 51 and 52 are no debt.
    assert con.execute("SELECT DISTINCT owed_from, owed_from_rule FROM core.department_obligations "
                       "WHERE department_code = 'D01'").fetchall() == [(dt.date(2024, 1, 1), "targets")]
    assert con.execute("SELECT period_label FROM marts.missing_reports WHERE department_code = 'D01' "
                       "ORDER BY period_start LIMIT 1").fetchone() == ("2024-W02",)


def test_a_department_that_has_sent_nothing_is_not_ranked(con) -> None:
    # 党群工作部 sends its first (monthly) report in February 2024: in December 2023 it was 2nd on the red list
    # with 0.0000.
    assert con.execute("SELECT week, score, rank, list, ranked, owed_period FROM marts.department_ranking "
                       "WHERE department_code = 'D08' AND iso_year = 2023 ORDER BY week").fetchall() == [
        (50, D("0.0000"), None, None, False, None), (51, D("0.0000"), None, None, False, None),
        (52, D("0.0000"), None, None, False, None)]
    # Only the departments that had sent a (pilot) report are ranked in 2023.
    assert con.execute("SELECT week, list(department_code ORDER BY rank) FROM marts.department_ranking "
                       "WHERE iso_year = 2023 AND ranked GROUP BY week ORDER BY week").fetchall() == [
        (50, ["D01"]), (51, ["D02", "D01"]), (52, ["D02", "D10", "D01"])]
    # Each department that joined in January is not ranked, owing nothing, until its first report: 自然资源分局
    # (reports_from 2024-01-29) until week 5, 党群工作部 until its February report, which counts in week 9.
    assert con.execute("SELECT department_code, list(week ORDER BY week) FROM marts.department_ranking "
                       "WHERE iso_year = 2024 AND NOT ranked AND owed_period IS NULL GROUP BY 1 ORDER BY 1"
                       ).fetchall() == [("D03", [1, 2]), ("D04", [1, 2, 3]), ("D05", [1]), ("D06", [1, 2, 3, 4]),
                                        ("D07", [1, 2]), ("D08", [1, 2, 3, 4, 5, 6, 7, 8]), ("D09", [1, 2, 3])]


def test_what_departments_report_is_not_judged_against_the_city_target(con) -> None:
    latest = {(year, code, basis): rest for year, code, basis, *rest in con.execute(
        "SELECT year, metric_code, basis, actual, judged, completion_rate, gap_pp, status, pace_needed_per_month "
        "FROM marts.kpi_latest WHERE metric_code = 'signed_projects'").fetchall()}
    # 16 projects reported (8 of them unconfirmed) were "133%, 达成"; three December reports were "10%, 落后".
    assert latest[(2024, "signed_projects", "reported")] == [D("16"), False, None, None, None, None]
    assert latest[(2023, "signed_projects", "reported")] == [D("1"), False, None, None, None, None]
    assert latest[(2024, "signed_projects", "confirmed")] == [D("8"), True, D("0.6667"), D("16.67"), "on_track",
                                                              D("0.6667")]
    assert con.execute("SELECT count(*) FROM marts.kpi_completion WHERE basis = 'reported' AND (judged OR "
                       "status IS NOT NULL OR completion_rate IS NOT NULL OR gap_pp IS NOT NULL "
                       "OR pace_needed_per_month IS NOT NULL)").fetchone() == (0,)


def test_stale_projects_no_longer_head_the_longest_in_stage_list(con) -> None:
    # The 2023 year-end list's projects, which the 2024 rounds never list again, led by 203 and 177 days.
    stale = con.execute("SELECT project_name, days_in_stage, last_heard_on FROM marts.project_pipeline "
                        "WHERE stale ORDER BY project_name").fetchall()
    assert len(stale) == 11 and {(days, heard) for _, days, heard in stale} == {(None, dt.date(2024, 1, 20))}
    names = {name for name, *_ in stale}
    assert {"社区商业综合体项目", "教育培训基地项目", "文化创意园项目", "生鲜电商配送中心项目"} <= names
    # The README's query now starts with the longest-waiting project still in the pipeline: a signing
    # departments reported on 12 February that the bureau has not confirmed.
    assert con.execute("SELECT project_name, days_in_stage, stale FROM marts.project_pipeline "
                       "WHERE stage IN ('签约', '履约') ORDER BY days_in_stage DESC LIMIT 2").fetchall() == [
        ("星河直播电商产业园项目", 154, False), ("恒达供应链管理总部项目", 110, False)]
    # A project on the latest list is current whatever its age: listed again on 12 July.
    assert con.execute("SELECT stale, last_heard_on FROM marts.project_pipeline "
                       "WHERE project_name = '智慧物流总部项目'").fetchone() == (False, dt.date(2024, 7, 12))
