"""A workbook with one bad row, through the real nightly job: the good rows are published, the bad one is on
the load's check for the operator to see."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from orchestration.definitions import build_definitions
from tests.checks import evaluations, table_rows
from tests.departments.books import BAD_USCC, GOOD_USCC, workbook, write_xlsx


def test_a_bad_row_is_quarantined_and_shown_on_the_loads_check(dept_home: Path) -> None:
    june_5 = dt.date(2024, 6, 5)
    write_xlsx(dept_home / "landing" / "departments" / "经发局-2024年第23周.xlsx", workbook(
        enterprises=[[1, "漯河正腾商贸有限公司", GOOD_USCC, june_5, 500, None],
                     [2, "漯河豫泽商贸有限公司", BAD_USCC, june_5, 100, None]],
        activities=[[1, june_5, "会见客商", "西城区", 1, None, None]],
    ))
    result = build_definitions(str(dept_home)).resolve_job_def("nightly").execute_in_process(raise_on_error=False)

    checks = evaluations(result, "departments_files")
    rows_valid = checks["rows_valid"]
    assert not rows_valid.passed
    [failing] = table_rows(rows_valid, "隔离的单元格 quarantined cells")
    assert (failing["工作表"], failing["值"]) == ("注册企业", BAD_USCC) and "校验位" in failing["说明"]
    assert checks["files_readable"].passed

    with duckdb.connect(str(dept_home / "warehouse" / "zhaoshang.duckdb"), read_only=True) as con:
        assert con.execute("SELECT file_name, sheet, row_number, column_name, value, rule FROM audit.quarantine"
                           ).fetchall() == [("经发局-2024年第23周.xlsx", "注册企业", 3, "统一社会信用代码", BAD_USCC,
                                             "uscc_check_character")]
        assert con.execute("SELECT registered_enterprises, investor_meetings FROM marts.department_weekly "
                           "WHERE department_code = 'D02'").fetchall() == [(1, 1)]
        assert con.execute("SELECT rows_read, rows_accepted, rows_rejected, status FROM audit.loads").fetchall() == \
            [(3, 2, 1, "loaded")]
