"""The nightly job on the generated demo data reproduces the summary's department figures for January-June
2024, through SQL on the published file."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import duckdb
import pytest


@pytest.fixture(scope="module")
def published(demo_run) -> Iterator[duckdb.DuckDBPyConnection]:
    with demo_run.connect() as con:
        yield con


def test_department_work_january_to_june(published: duckdb.DuckDBPyConnection) -> None:
    row = published.execute(
        "SELECT valuable_leads, signed_projects, yi_projects, registered_enterprises, enterprises_visited, "
        "investor_meetings, trip_cities, approximate FROM marts.department_totals WHERE iso_year = 2024 AND week = 26"
    ).fetchone()
    assert row == (121, 16, 4, 31, 68, 73, 11, True)  # 70余 meetings, 10余 cities; a trip of 10余 enterprises


def test_six_post_leaders(published: duckdb.DuckDBPyConnection) -> None:
    assert published.execute("SELECT sum(planned), sum(signed), sum(fulfilled), sum(started) "
                             "FROM marts.six_post_projects WHERE year = 2024").fetchone() == (10, 8, 7, 7)


def test_resubmissions_replace_and_the_bad_row_is_quarantined(published: duckdb.DuckDBPyConnection) -> None:
    assert published.execute("SELECT count(*) FROM audit.loads WHERE source = 'departments' "
                             "AND status = 'superseded'").fetchone() == (2,)
    assert published.execute("SELECT sheet, column_name, rule FROM audit.quarantine q JOIN audit.loads USING "
                             "(load_id) WHERE source = 'departments'").fetchall() == \
        [("注册企业", "统一社会信用代码", "uscc_check_character")]
    assert published.execute("SELECT max(rows) FROM (SELECT count(*) AS rows FROM marts.department_weekly "
                             "GROUP BY department_code, iso_year, week)").fetchone() == (1,)


def test_ranking_and_cross_department_duplicates(published: duckdb.DuckDBPyConnection) -> None:
    lists = published.execute("SELECT list, count(*) FROM marts.department_ranking WHERE iso_year = 2024 AND week = 26 "
                              "GROUP BY list ORDER BY list").fetchall()
    assert lists == [("black", 3), ("red", 3), (None, 4)]  # red_list_size / black_list_size: 3 in ranking.yaml
    shared = published.execute("SELECT project_name, reported_by FROM marts.department_signed_projects "
                               "WHERE iso_year = 2024 AND reporting_departments > 1 ORDER BY 1").fetchall()
    assert shared == [("星河直播电商产业园项目", ["新城办事处", "阴阳赵镇"]),
                      ("智慧物流总部项目", ["招商服务中心", "经济发展局"])]
    investment = published.execute("SELECT signed_investment_yi_yuan FROM marts.department_totals "
                                   "WHERE iso_year = 2024 AND week = 26").fetchone()[0]
    assert investment == Decimal("13.45")
