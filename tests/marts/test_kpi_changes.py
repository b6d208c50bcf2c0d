"""marts.kpi_changes: each bureau round against the one before it, whatever the period, a metric a later round
left out flagged; real bureau workbooks through the loader."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

from tests.bureau.workbooks import KPI_HEADER
from tests.marts.conftest import build, drop

MAY, JUNE, JULY = dt.date(2024, 5, 16), dt.date(2024, 6, 14), dt.date(2024, 7, 12)


def test_a_later_round_that_leaves_a_metric_out_is_flagged(home: Path) -> None:
    drop(home, "bureau", "1-4月认定.xlsx", {"指标认定": [
        KPI_HEADER, ("签约项目", "2024年1-4月", 6, "个", "认定", MAY),
        ("实际利用外资", "2024年1-4月", 10, "万美元", "认定", MAY)]}, dt.datetime(2024, 5, 16, 16))
    drop(home, "bureau", "1-5月认定.xlsx", {"指标认定": [
        KPI_HEADER, ("签约项目", "2024年1-5月", 7, "个", "认定", JUNE)]}, dt.datetime(2024, 6, 14, 16))
    drop(home, "bureau", "1-6月认定.xlsx", {"指标认定": [
        KPI_HEADER, ("签约项目", "2024年1-4月", 5, "个", "认定", JULY),
        ("实际利用外资", "2024年1-6月", 18, "万美元", "认定", JULY)]}, dt.datetime(2024, 7, 12, 16))
    con = build(home)
    try:
        assert con.execute(
            "SELECT round_number, round_file, metric_code, month, value, previous_file, previous_month, "
            "previous_value, change, change_kind, left_out FROM marts.kpi_changes ORDER BY round_number, metric_code"
        ).fetchall() == [
            (1, "1-4月认定.xlsx", "foreign_capital", 4, D(10), None, None, None, None, "first", False),
            (1, "1-4月认定.xlsx", "signed_projects", 4, D(6), None, None, None, None, "first", False),
            (2, "1-5月认定.xlsx", "foreign_capital", None, None, "1-4月认定.xlsx", 4, D(10), None, "left_out", True),
            (2, "1-5月认定.xlsx", "signed_projects", 5, D(7), "1-4月认定.xlsx", 4, D(6), D(1), "later_period",
             False),
            # Against the latest round that gave it, whatever the period.
            (3, "1-6月认定.xlsx", "foreign_capital", 6, D(18), "1-4月认定.xlsx", 4, D(10), D(8), "later_period",
             False),
            (3, "1-6月认定.xlsx", "signed_projects", 4, D(5), "1-5月认定.xlsx", 5, D(7), D(-2), "earlier_period",
             False),
        ]
        # The same-period correction stays in kpi_revisions.
        assert con.execute("SELECT month, old_value, new_value FROM marts.kpi_revisions").fetchall() == [
            (4, D(6), D(5))]
    finally:
        con.close()
