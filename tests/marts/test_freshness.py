"""How current each source is, who owes which report, calendar periods, and a ranking that leaves out a
department that did not report: real workbooks through the loader and the SQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.forms.reference import ReferenceError, load_reference
from tests.departments.books import workbook
from tests.departments.conftest import write_reference
from tests.marts.conftest import CADENCE, build, drop, new_marts_home

LEADS = [[n, f"线索{n}号项目", None, None, 1, None, None, "在谈", None] for n in range(1, 6)]
SIGNED = [[1, "甲项目", None, 1, dt.date(2024, 6, 5)], [2, "乙项目", None, 2, dt.date(2024, 6, 5)]]
REPORTS = (("经发局", "2024年第23周", 3, {"signed": SIGNED}), ("招商中心", "2024年第22周", 1, {"leads": LEADS}),
           ("招商中心", "2024年第23周", 2, {}), ("党群部", "2024年4月", 4, {}), ("党群部", "2024年5月", 5, {}))


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    marts_home = new_marts_home(tmp_path_factory.mktemp("freshness") / "home")
    for department, period, day, rows in REPORTS:
        drop(marts_home, "departments", f"{department}-{period}.xlsx", workbook(department, period, **rows),
             dt.datetime(2024, 6, day, 9))
    connection = build(marts_home)
    yield connection
    connection.close()


def test_a_monthly_report_counts_in_the_last_week_of_its_month(con) -> None:
    # 30 April 2024 is a Tuesday: its week (W18) belongs to May, so April's report counts in W17.
    assert con.execute("SELECT period_label, year, week FROM core.department_reports WHERE department_code = 'D08' "
                       "ORDER BY week").fetchall() == [("2024-04", 2024, 17), ("2024-05", 2024, 22)]
    # A week belongs to the month of its Thursday: W22 (27 May - 2 June) is May's, W23 June's.
    assert con.execute("SELECT week, month, quarter, half FROM marts.department_weekly WHERE department_code = 'D01' "
                       "AND week IN (17, 22, 23) ORDER BY week").fetchall() == [(17, 4, 2, 1), (22, 5, 2, 1),
                                                                                (23, 6, 2, 1)]


def test_who_owes_which_report(con) -> None:
    owed = dict(con.execute("SELECT department_code, count(*) FROM marts.missing_reports GROUP BY ALL").fetchall())
    # The three departments with 2024 targets owe from week 1; weeks 1-23 were due by 14 June (week 24 is due on
    # the 19th): 新城办 never reported and owes all 23. The others have no targets and no reports_from: 党群工作部
    # owes months from its first report (April) and sent both; the rest have sent nothing and owe nothing.
    assert owed == {"D01": 21, "D02": 22, "D10": 23}
    assert con.execute("SELECT department_code, min(period_label), any_value(owed_from_rule) "
                       "FROM core.department_obligations GROUP BY ALL ORDER BY 1").fetchall() == [
        ("D01", "2024-W01", "targets"), ("D02", "2024-W01", "targets"), ("D08", "2024-04", "first_report"),
        ("D10", "2024-W01", "targets")]
    assert con.execute("SELECT period_label, due_on, days_overdue, last_period FROM marts.missing_reports "
                       "WHERE department_code = 'D02' ORDER BY period_start DESC LIMIT 2").fetchall() == [
        ("2024-W22", dt.date(2024, 6, 5), 9, "2024-W23"), ("2024-W21", dt.date(2024, 5, 29), 16, "2024-W23")]


def test_how_current_each_source_is(con) -> None:
    rows = {(source, department): rest for source, department, *rest in con.execute(
        "SELECT source, department_code, latest_period, latest_file, next_period, next_due_on, overdue, "
        "days_overdue, status FROM marts.source_freshness").fetchall()}
    assert rows[("bureau", None)] == [None, None, None, None, False, None, "never_received"]
    assert rows[("departments", None)] == ["2024-W23", "经发局-2024年第23周.xlsx", "2024-W24", dt.date(2024, 6, 19),
                                           False, None, "current"]
    assert rows[("departments", "D08")] == ["2024-05", "党群部-2024年5月.xlsx", "2024-06", dt.date(2024, 7, 5), False,
                                            None, "current"]
    # Never reported, with targets: the first week owed was due on 10 January. Without targets: owes nothing yet.
    assert rows[("departments", "D10")] == [None, None, "2024-W01", dt.date(2024, 1, 10), True, 156, "overdue"]
    assert rows[("departments", "D03")] == [None, None, None, None, False, None, "never_received"]
    assert con.execute("SELECT DISTINCT as_of FROM marts.source_freshness").fetchall() == [(dt.date(2024, 6, 14),)]


def test_a_department_that_did_not_report_is_not_ranked(con) -> None:
    week_23 = con.execute("SELECT department_code, reported, ranked, rank, list, owed_period "
                          "FROM marts.department_ranking WHERE week = 23 ORDER BY department_code").fetchall()
    # 经发局 0.5 x 2/2 signed; 招商中心 0.5 x 5/10 leads; 党群工作部 reports monthly: it has sent May, the latest
    # month due, so it is ranked in June's weeks.
    assert [row for row in week_23 if row[2]] == [("D01", True, True, 2, None, None),
                                                  ("D02", True, True, 1, "red", None),
                                                  ("D08", False, True, 3, "black", None)]
    assert ("D10", False, False, None, None, "2024-W23") in week_23


def test_a_cadence_file_with_a_mistake_names_the_line(marts_home: Path) -> None:
    write_reference(marts_home / "reference", **{"cadence.csv": CADENCE + "departments,财金局,daily,1\n"})
    with pytest.raises(ReferenceError, match="cadence.csv 第6行 cadence"):
        load_reference(marts_home / "reference")
    write_reference(marts_home / "reference", **{"calendar.yaml": "as_of: 7月15日\n"})
    with pytest.raises(ReferenceError, match="as_of"):
        load_reference(marts_home / "reference")
