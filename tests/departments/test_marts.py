"""Department workbooks through a real DuckDB file to the marts: resubmissions, duplicates, ranking, six posts."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import duckdb

from tests.build import build_warehouse, database
from tests.departments.books import GOOD_USCC, OTHER_USCC, workbook, write_xlsx
from tests.departments.conftest import REFERENCE, write_reference
from tests.workbooks import PROJECT_HEADER

JUNE_5 = dt.date(2024, 6, 5)


def build(home: Path) -> Path:
    """One nightly build without Dagster (tests/build.py); the build file."""
    build_warehouse(home)
    return database(home)


def query(database: Path, sql: str, *params: object) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def drop(home: Path, name: str, sheets: dict, minute: int) -> Path:
    """A workbook arriving in the landing zone, `minute` minutes into the day (files load oldest first)."""
    path = write_xlsx(home / "landing" / "departments" / name, sheets)
    stamp = dt.datetime(2024, 6, 10, 9, minute).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_a_resubmission_replaces_the_earlier_workbook(dept_home: Path) -> None:
    first = workbook(enterprises=[[1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5, 500, None],
                                  [2, "漯河博远企业管理咨询有限公司", OTHER_USCC, JUNE_5, 200, None]],
                     activities=[[1, JUNE_5, "会见客商", "西城区", 1, None, "会见客商"],
                                 [2, JUNE_5, "会见客商", "西城区", 1, None, "会见客商"]])
    drop(dept_home, "经发局-2024年第23周.xlsx", first, 0)
    database = build(dept_home)
    assert query(database, "SELECT registered_enterprises, investor_meetings FROM marts.department_weekly "
                           "WHERE department_code = 'D02' AND week = 23") == [(2, 2)]

    corrected = workbook(enterprises=[[1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5, 500, None]],
                         activities=[[1, JUNE_5, "会见客商", "西城区", 1, None, "会见客商"]])
    drop(dept_home, "经发局-2024年第23周（修订）.xlsx", corrected, 30)
    database = build(dept_home)

    loads = query(database, "SELECT file_name, status, superseded_by, load_id FROM audit.loads ORDER BY load_id")
    (old_name, old_status, superseded_by, _), (new_name, new_status, _, new_id) = loads
    assert (old_name, old_status, superseded_by) == ("经发局-2024年第23周.xlsx", "superseded", new_id)
    assert (new_name, new_status) == ("经发局-2024年第23周（修订）.xlsx", "loaded")
    assert query(database, "SELECT registered_enterprises, investor_meetings, source_files FROM marts.department_weekly"
                           " WHERE department_code = 'D02' AND week = 23") == [(1, 1, [new_name])]
    assert query(database, "SELECT registered_enterprises FROM marts.department_totals WHERE week = 23") == [(1,)]
    # The replaced rows stay in raw for the audit trail.
    assert query(database, "SELECT count(*) FROM raw.dept_enterprises") == [(3,)]


def test_a_project_two_departments_report_counts_once(dept_home: Path) -> None:
    project = [1, "智慧物流总部项目", "中原智慧物流集团有限公司", 3, JUNE_5, None, "管委会主任", None]
    enterprise = [1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5, 500, None]
    drop(dept_home, "a.xlsx", workbook("招商中心", "2024年第23周", signed=[project], enterprises=[enterprise]), 0)
    written_otherwise = [1, "智慧物流总部（项目）", "中原智慧物流集团有限公司", "3亿", JUNE_5]
    drop(dept_home, "b.xlsx", workbook("经济发展局", "2024年第24周", signed=[written_otherwise],
                                       enterprises=[enterprise]), 1)
    database = build(dept_home)

    assert query(database, "SELECT week, signed_projects, yi_projects, signed_investment_yi_yuan, "
                           "registered_enterprises FROM marts.department_totals ORDER BY week") == \
        [(23, 1, 1, Decimal("3"), 1), (24, 1, 1, Decimal("3"), 1)]
    assert query(database, "SELECT reported_by, reporting_departments, first_reported_week "
                           "FROM marts.department_signed_projects") == [(["招商服务中心", "经济发展局"], 2, 23)]
    assert query(database, "SELECT uscc, reported_by FROM marts.department_enterprises") == \
        [(GOOD_USCC, ["招商服务中心", "经济发展局"])]
    # Each department keeps its own credit for the ranking.
    assert query(database, "SELECT department_code, signed_projects_ytd, registered_enterprises_ytd "
                           "FROM marts.department_weekly WHERE week = 24 AND department_code IN ('D01', 'D02') "
                           "ORDER BY 1") == [("D01", 1, 1), ("D02", 1, 1)]


def test_valuable_leads_count_each_lead_once_by_its_latest_status(dept_home: Path) -> None:
    week_22 = [[1, "冷链物流中心项目", None, None, 1, None, None, "线索", None],
               [2, "文旅综合体项目", None, None, 1, None, None, "在谈", None]]
    week_23 = [[1, "冷链物流中心项目", None, None, 1, None, None, "洽谈中", None],
               [2, "文旅综合体项目", None, None, 1, None, None, "已放弃", None],
               [3, "预制菜生产项目", None, None, 1, None, None, "已签约", None]]
    drop(dept_home, "w22.xlsx", workbook("招商中心", "2024年第22周", leads=week_22), 0)
    drop(dept_home, "w23.xlsx", workbook("招商中心", "2024年第23周", leads=week_23), 1)
    database = build(dept_home)
    assert query(database, "SELECT week, leads, valuable_leads, valuable_leads_ytd FROM marts.department_weekly "
                           "WHERE department_code = 'D01' ORDER BY week") == [(22, 2, 1, 1), (23, 3, 2, 2)]
    assert query(database, "SELECT week, valuable_leads FROM marts.department_totals ORDER BY week") == \
        [(22, 1), (23, 2)]


def test_an_approximate_figure_is_flagged_as_a_lower_bound(dept_home: Path) -> None:
    activities = [[1, JUNE_5, "考察对接", "泉州", "10余", "党工委书记", None],
                  [2, JUNE_5, "考察对接", "厦门", 2, "党工委书记", None],
                  [3, JUNE_5, "外出招商", "泉州", 3, "党工委书记", None]]
    drop(dept_home, "a.xlsx", workbook("招商中心", activities=activities), 0)
    database = build(dept_home)
    assert query(database, "SELECT enterprises_visited, trips, approximate FROM marts.department_weekly "
                           "WHERE department_code = 'D01'") == [(12, 1, True)]
    assert query(database, "SELECT enterprises_visited, trip_cities, approximate FROM marts.department_totals") == \
        [(12, 1, True)]
    assert query(database, "SELECT enterprises_count, enterprises_count_approximate FROM raw.dept_activities "
                           "WHERE place = '泉州' AND activity_type = '考察对接'") == [(10, True)]


def _ranking(database: Path) -> list[tuple]:
    return query(database, "SELECT department_code, score, rank, list FROM marts.department_ranking "
                           "WHERE week = 23 AND department_code IN ('D01', 'D02', 'D10') ORDER BY rank, 1")


def _black_list(database: Path) -> list[tuple]:
    return query(database, "SELECT department_code, list_rule FROM marts.department_ranking "
                           "WHERE week = 23 AND list = 'black' ORDER BY 1")


def test_the_ranking_follows_the_weights_in_the_reference_data(dept_home: Path) -> None:
    leads = [[n, f"线索{n}号项目", None, None, 1, None, None, "在谈", None] for n in range(1, 21)]
    drop(dept_home, "a.xlsx", workbook("招商中心", leads=leads), 0)  # 20 of 10: capped at 1.5
    drop(dept_home, "b.xlsx", workbook("经发局", leads=leads[:1], signed=[
        [1, "甲项目", None, 1, JUNE_5], [2, "乙项目", None, 2, JUNE_5]]), 1)  # 1 of 10 leads, 2 of 2 projects
    database = build(dept_home)
    # D01 0.5 x 1.5 = 0.75; D02 0.5 x 0.1 + 0.5 x 1 = 0.55. The eight departments that sent nothing for week 23
    # are not ranked: one red place, one black place, among the two that reported.
    assert _ranking(database) == [("D01", Decimal("0.75"), 1, "red"), ("D02", Decimal("0.55"), 2, "black"),
                                  ("D10", Decimal("0"), None, None)]
    assert _black_list(database) == [("D02", "得分后1名（并列的都列入）bottom 1 by score, ties included")]
    assert query(database, "SELECT department_code, ranked, owed_period, score_detail FROM marts.department_ranking "
                           "WHERE week = 23 AND department_code IN ('D01', 'D10') ORDER BY 1") == [
        ("D01", True, None, "signed_projects 0.0000×0.5000; valuable_leads 1.5000（封顶前 2.0000）×0.5000"),
        ("D10", False, "2024-W23", "signed_projects 0.0000×0.5000; valuable_leads 0.0000×0.5000")]

    # Listing those who did not report on the black list is a setting. It lists 新城办, which has targets and so
    # owes from week 1; the seven departments without targets, reports_from or a report owe nothing and are on no
    # list.
    write_reference(dept_home / "reference", **{"ranking.yaml": REFERENCE["ranking.yaml"]
                                                + "black_list_unreported: true\n"})
    database = build(dept_home)
    assert _black_list(database) == [("D02", "得分后1名（并列的都列入）bottom 1 by score, ties included"),
                                     ("D10", "未报送2024-W23 did not send the report owed")]

    write_reference(dept_home / "reference", **{"ranking.yaml": REFERENCE["ranking.yaml"].replace(
        "valuable_leads: 0.5", "valuable_leads: 0.1").replace("signed_projects: 0.5", "signed_projects: 0.9")
        .replace("red_list_size: 1", "red_list_size: 2")})
    database = build(dept_home)
    # D01 0.1 x 1.5 = 0.15; D02 0.1 x 0.1 + 0.9 x 1 = 0.91.
    assert _ranking(database) == [("D02", Decimal("0.91"), 1, "red"), ("D01", Decimal("0.15"), 2, "red"),
                                  ("D10", Decimal("0"), None, None)]


def test_six_post_projects_from_the_plan_department_reports_and_bureau_stages(dept_home: Path) -> None:
    bureau = [PROJECT_HEADER,
              [1, "智慧物流总部项目", "中原智慧物流集团有限公司", 3, "2024-04-10", "开工", "2024-07-12", "第12期",
               "待认定", "招商中心", "管委会主任", None],
              [2, "数字经济文化产业项目", "环球数码创意科技（深圳）有限公司", 2.5, "2024-01-18", "履约", "2024-07-12",
               None, None, "招商服务中心", "党工委书记", None]]
    write_xlsx(dept_home / "landing" / "bureau" / "项目认定-2024年7月.xlsx", {"项目认定": bureau})
    drop(dept_home, "a.xlsx", workbook("经发局", signed=[
        [1, "智慧物流总部项目", "中原智慧物流集团有限公司", 3, "2024-04-10", None, "管委会主任"]]), 0)
    database = build(dept_home)
    assert query(database, "SELECT leader, planned, signed, fulfilled, started FROM marts.six_post_projects "
                           "WHERE year = 2024 ORDER BY leader") == \
        [("党工委书记", 1, 1, 1, 0), ("管委会主任", 2, 1, 1, 1)]
    assert query(database, "SELECT project_name, reported_by FROM marts.six_post_project_status "
                           "WHERE signed ORDER BY 1") == [("数字经济文化产业项目", None),
                                                          ("智慧物流总部项目", ["经济发展局"])]
