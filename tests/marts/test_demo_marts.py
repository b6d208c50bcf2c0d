"""The demo at the end of June 2024, looked at on 2024-07-15 (reference/calendar.yaml): how current each source
is, who owes what, every KPI labelled with its source; and what every mart promises analysts (comments with a
short Chinese name, booleans never NULL, no binary floating point)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal as D

import duckdb
import pytest

from demo import trade
from ingest.periods import month_last_week

# A comment opens with a short Chinese name, then a space or a bracket: the zh views are named from it.
LEADING_NAME = re.compile(r"^([^\s（(]+)[\s（(]")


@pytest.fixture(scope="module")
def con(demo_run) -> Iterator[duckdb.DuckDBPyConnection]:
    with demo_run.connect() as connection:
        yield connection


def test_how_current_each_source_is(con) -> None:
    rows = {(source, department): rest for source, department, *rest in con.execute(
        "SELECT source, department_code, latest_period, latest_confirmed_on, latest_received_at, next_period, "
        "next_due_on, status FROM marts.source_freshness").fetchall()}
    assert rows[("bureau", None)] == ["2024年1-6月", dt.date(2024, 7, 12), dt.datetime(2024, 7, 12, 16, 30),
                                      "2024年1-7月", dt.date(2024, 8, 20), "current"]
    assert rows[("customs", None)] == ["2024年1-5月", None, dt.datetime(2024, 6, 12, 10), "2024年1-6月",
                                       dt.date(2024, 7, 20), "current"]
    assert rows[("customs_platform", None)][0] == "2024年5月"
    # Week 27 was due on 10 July: by the 15th every weekly department owes it.
    assert rows[("departments", None)][0] == "2024-W26"
    assert rows[("departments", "D05")][0] == "2024-W25"
    assert rows[("departments", "D05")][-1] == "overdue"
    assert rows[("departments", "D08")] == ["2024-06", None, dt.datetime(2024, 7, 1, 9, 24), "2024-07",
                                            dt.date(2024, 8, 5), "current"]


def test_who_owes_what(con) -> None:
    # 党群工作部 owes months from February 2024 (departments.csv reports_from), its first report.
    assert con.execute("SELECT period_label FROM marts.missing_reports WHERE department_code = 'D08' "
                       "ORDER BY period_start").fetchall() == [("2024-03",), ("2024-05",)]
    assert con.execute("SELECT period_label, days_overdue FROM marts.missing_reports WHERE department_code = 'D05' "
                       "AND period_start >= DATE '2024-06-17'").fetchall() == [("2024-W26", 12), ("2024-W27", 5)]
    # Two or three of ten departments report in most weeks: the weeks nobody sent are listed, week by week.
    assert con.execute("SELECT count(*) FROM marts.missing_reports WHERE iso_year = 2024 AND week = 26").fetchone() \
        == (3,)


def test_every_kpi_says_where_it_comes_from(con) -> None:
    assert con.execute("SELECT metric_code, basis, month, source, actual FROM marts.kpi_latest WHERE year = 2024 "
                       "ORDER BY metric_code, basis").fetchall() == [
        ("domestic_capital", "confirmed", 4, "bureau", D("2.18")),
        ("domestic_capital", "estimated", 6, "bureau", D("3.5")),
        ("foreign_capital", "confirmed", 6, "bureau", D("18")),
        ("signed_investment", "confirmed", 6, "bureau", D("10")),
        ("signed_investment", "reported", 6, "departments", D("13.45")),
        ("signed_projects", "confirmed", 6, "bureau", D("8")),
        ("signed_projects", "reported", 6, "departments", D("16")),
        ("trade_total", "confirmed", 5, "bureau", D("1116.12")),
    ]
    # January 2024 has no bureau figure: its trade comes from the customs table, its projects from the list.
    assert con.execute("SELECT metric_code, source, actual FROM marts.kpi_completion WHERE year = 2024 AND month = 1 "
                       "AND basis = 'confirmed' ORDER BY 1").fetchall() == [
        ("signed_investment", "bureau_projects", D("3.5")), ("signed_projects", "bureau_projects", D("2")),
        ("trade_total", "customs", trade.roster_total(2024, 1))]
    # The sources agree in the demo.
    assert con.execute("SELECT count(*) FROM marts.kpi_candidates a JOIN marts.kpi_candidates b "
                       "USING (year, month, metric_code, basis) WHERE a.actual <> b.actual").fetchone() == (0,)


def test_every_mart_table_and_column_is_named_in_chinese_and_english(con) -> None:
    tables = con.execute("SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'marts'").fetchall()
    assert tables and all(comment for _, comment in tables)
    columns = con.execute("SELECT table_name, column_name, comment FROM duckdb_columns() "
                          "WHERE schema_name IN ('marts', 'audit')").fetchall()
    assert [(t, c) for t, c, comment in columns if not comment] == []
    names = Counter()
    for table, column, comment in columns:
        match = LEADING_NAME.match(comment)
        assert match and len(match[1]) <= 12, (table, column, comment)
        names[(table, match[1])] += 1
    assert [key for key, count in names.items() if count > 1] == []


def test_core_tables_an_analyst_reaches_for_say_what_they_hold(con) -> None:
    uncommented = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'core' AND comment IS NULL UNION ALL "
        "SELECT view_name FROM duckdb_views() WHERE schema_name = 'core' AND comment IS NULL").fetchall()
    assert uncommented == []
    for table in ("kpi_sources", "kpi_confirmations", "projects", "project_mentions", "department_obligations",
                  "iso_weeks", "trade_months", "trade_platform_coverage"):
        assert con.execute("SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'core' AND table_name = ? "
                           "AND comment IS NULL", [table]).fetchone() == (0,), table


def test_booleans_are_true_or_false_and_numbers_never_binary_floats(con) -> None:
    columns = con.execute("SELECT table_name, column_name, data_type FROM duckdb_columns() "
                          "WHERE schema_name = 'marts'").fetchall()
    assert [(t, c) for t, c, kind in columns if kind in ("DOUBLE", "FLOAT", "REAL")] == []
    booleans = [(t, c) for t, c, kind in columns if kind == "BOOLEAN"]
    assert len(booleans) > 15
    for table, column in booleans:
        assert con.execute(f'SELECT count(*) FROM marts."{table}" WHERE "{column}" IS NULL').fetchone() == (0,), \
            (table, column)


def test_python_and_sql_place_every_week_in_the_same_month(con) -> None:
    """ingest.periods.month_last_week (where a monthly report counts) and core.iso_weeks (where a week's rows are
    summed) state one calendar rule twice; they must agree on every month the warehouse spans."""
    last_weeks = con.execute(
        "SELECT iso_year, month, max(week) FROM core.iso_weeks"
        " WHERE iso_year IN (SELECT iso_year FROM core.iso_weeks WHERE month = 12)"  # whole years; it ends in January
        " GROUP BY ALL ORDER BY ALL").fetchall()
    assert len(last_weeks) == 24  # 2023 and 2024
    assert [(year, month, month_last_week(year, month)[1]) for year, month, _ in last_weeks] == last_weeks
    assert month_last_week(2024, 4) == (2024, 17)  # 30 April 2024 is a Tuesday: its week belongs to May


def test_an_abandoned_lead_leaves_the_pipeline(con) -> None:
    # Its last report (已放弃) gives no stage; the stage of an earlier report must not keep it in the pipeline.
    abandoned = {name for (name,) in con.execute(
        "SELECT project_name FROM core.projects WHERE lead_status = '已放弃'").fetchall()}
    in_pipeline = {name for (name,) in con.execute("SELECT project_name FROM marts.project_pipeline").fetchall()}
    assert len(abandoned) == 8
    assert abandoned & in_pipeline == set()
