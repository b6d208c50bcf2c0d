"""Supersession that can be undone (issue 18, finding 2), step by step through the real nightly job: a department's
report replaced by an empty "correction", the correction taken out, the report touched, and dropped again under
another name; at each step the published leads, the loads' statuses and what audit.files_in_force says."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb

from orchestration.definitions import build_definitions
from tests.build import build_warehouse, open_warehouse
from tests.departments.books import workbook, write_xlsx

JUNE_5 = dt.date(2024, 6, 5)
LEADS = [[1, "冷链物流中心项目", "郑州华瑞供应链有限公司", "现代物流", 1.5, "郑州", JUNE_5, "在谈", None],
         [2, "食品产业园项目", "河南豫食集团", "食品", 3, "郑州", JUNE_5, "线索", None]]
DAY = 86_400


def _night(home: Path) -> duckdb.DuckDBPyConnection:
    result = build_definitions(str(home)).resolve_job_def("nightly").execute_in_process(raise_on_error=False)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    return duckdb.connect(str(home / "warehouse" / "zhaoshang.duckdb"), read_only=True)


def _leads(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT coalesce(sum(leads), 0)::INTEGER FROM marts.department_weekly"
                       " WHERE department_code = 'D02' AND iso_year = 2024 AND week = 23").fetchone()[0]


def _loads(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute("SELECT file_name, status FROM audit.loads ORDER BY load_id").fetchall()


def _in_force(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute("SELECT department_name, period, file_name, reason_code, replaces, withdrawn"
                       " FROM audit.files_in_force WHERE source = 'departments'").fetchall()


def _touch(path: Path, when: float) -> None:
    os.utime(path, (when, when))


def test_a_replacing_file_taken_out_puts_back_what_it_replaced_and_a_superseded_file_is_read_again(
        dept_home: Path) -> None:
    landing = dept_home / "landing" / "departments"
    start = 1_717_600_000  # files land a day apart: the later one is the resubmission
    a = write_xlsx(landing / "经发局-2024年第23周.xlsx", workbook(leads=LEADS), mtime=start)
    with _night(dept_home) as con:
        assert _leads(con) == 2
        assert _in_force(con) == [("经济发展局", "2024-W23", a.name, "only_file", [], [])]

    # An empty "correction" for the same department and week replaces the report.
    b = write_xlsx(landing / "经发局-2024年第23周（更正）.xlsx", workbook(), mtime=start + DAY)
    with _night(dept_home) as con:
        assert _leads(con) == 0
        assert _loads(con) == [(a.name, "superseded"), (b.name, "loaded")]
        assert _in_force(con) == [("经济发展局", "2024-W23", b.name, "latest_file", [a.name], [])]

    # Taking the correction out puts the report back, without reading anything.
    held = shutil.move(b, dept_home / "held.xlsx")
    with _night(dept_home) as con:
        assert _leads(con) == 2
        assert _loads(con) == [(a.name, "loaded"), (b.name, "superseded")]
        [(_, _, name, reason, _, withdrawn)] = _in_force(con)
        assert (name, reason, withdrawn) == (a.name, "later_withdrawn", [b.name])
        [(message,)] = con.execute("SELECT reason FROM audit.files_in_force").fetchall()
        assert f"替代它的「{b.name}」已移出接收目录" in message

    # Put back as it was, the correction is in force again; the report, touched, is read again and replaces it.
    shutil.move(held, b)
    with _night(dept_home) as con:
        assert _leads(con) == 0
        assert _loads(con) == [(a.name, "superseded"), (b.name, "loaded")]
    _touch(a, start + 2 * DAY)
    with _night(dept_home) as con:
        assert _leads(con) == 2
        assert _loads(con) == [(a.name, "superseded"), (b.name, "superseded"), (a.name, "loaded")]
        assert _in_force(con) == [("经济发展局", "2024-W23", a.name, "latest_file", [b.name], [])]

    # The correction touched wins again; the report dropped again under a new name is read, not skipped as a copy.
    _touch(b, start + 3 * DAY)
    with _night(dept_home) as con:
        assert _leads(con) == 0
    again = landing / "经发局-2024年第23周-重新提交.xlsx"
    again.write_bytes(a.read_bytes())
    _touch(again, start + 4 * DAY)
    with _night(dept_home) as con:
        assert _leads(con) == 2
        assert _loads(con)[-1] == (again.name, "loaded")
        assert con.execute("SELECT count(*) FROM audit.skipped_files").fetchone()[0] == 0
        assert _in_force(con)[0][2:4] == (again.name, "latest_file")


def test_when_no_file_for_a_period_is_left_the_one_in_force_when_the_last_left_stays(dept_home: Path) -> None:
    landing = dept_home / "landing" / "departments"
    files = {(week, n): write_xlsx(landing / f"经发局-2024年第{week}周-{n}.xlsx",
                                   workbook(period=f"2024年第{week}周", leads=LEADS[:n]), mtime=1_717_600_000 + n)
             for week in (23, 24) for n in (1, 2)}
    build_warehouse(dept_home)
    files[23, 2].unlink()  # the correction of week 23 taken out first: the report is back
    build_warehouse(dept_home)
    for path in (files[23, 1], files[24, 1], files[24, 2]):  # then the landing zone cleared
        path.unlink()
    build_warehouse(dept_home)
    with open_warehouse(dept_home) as con:
        assert con.execute("SELECT period, file_name, reason_code, in_landing_zone FROM audit.files_in_force"
                           " ORDER BY period").fetchall() == [
            ("2024-W23", files[23, 1].name, "last_left", False), ("2024-W24", files[24, 2].name, "last_left", False)]
        assert con.execute("SELECT week, leads FROM marts.department_weekly WHERE department_code = 'D02'"
                           " AND week IN (23, 24) ORDER BY week").fetchall() == [(23, 1), (24, 2)]
