"""The whole nightly job on the generated demo data reproduces the 2024 first-half summary's KPI figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from warehouse.checks import sql_checks


@pytest.fixture(scope="module")
def published(demo_run) -> Path:
    return demo_run.published


def _latest(published: Path, year: int, metric: str, basis: str = "confirmed") -> dict:
    with duckdb.connect(str(published), read_only=True) as con:
        cursor = con.execute(
            "SELECT * FROM marts.kpi_latest WHERE year = ? AND metric_code = ? AND basis = ?", [year, metric, basis])
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    assert len(rows) == 1, rows
    return dict(zip(columns, rows[0], strict=True))


@pytest.mark.parametrize(
    ("metric", "basis", "month", "actual", "target", "completion"),
    [
        ("signed_projects", "confirmed", 6, "8", "12", "0.6667"),
        ("signed_investment", "confirmed", 6, "10", "20", "0.5000"),
        ("foreign_capital", "confirmed", 6, "18", "30", "0.6000"),
        ("domestic_capital", "confirmed", 4, "2.18", "7", "0.3114"),
        ("domestic_capital", "estimated", 6, "3.5", "7", "0.5000"),
        ("trade_total", "confirmed", 5, "1116.12", "5300", "0.2106"),
    ],
)
def test_2024_first_half_figures(published: Path, metric, basis, month, actual, target, completion) -> None:
    row = _latest(published, 2024, metric, basis)
    assert row["month"] == month
    assert row["actual"] == Decimal(actual)
    assert row["target"] == Decimal(target)
    assert row["completion_rate"] == Decimal(completion)


def test_trade_gap_against_time_progress(published: Path) -> None:
    row = _latest(published, 2024, "trade_total")
    assert row["time_progress"] == Decimal("0.4167")
    assert row["gap_pp"] == Decimal("-20.61")
    assert row["status"] == "behind"


def test_2023_trade_beat_its_target(published: Path) -> None:
    row = _latest(published, 2023, "trade_total")
    assert (row["month"], row["actual"], row["target"]) == (12, Decimal("5000"), Decimal("3000"))
    assert row["status"] == "achieved"


def test_every_file_is_accounted_for(published: Path) -> None:
    home = published.parent.parent
    with duckdb.connect(str(published), read_only=True) as con:
        files = con.execute("SELECT count(*) FROM audit.loads").fetchone()[0]
        unbalanced = con.execute(
            "SELECT count(*) FROM audit.loads WHERE status <> 'rejected' AND rows_read <> rows_accepted + rows_rejected"
        ).fetchone()[0]
    landed = [p for p in (home / "landing").rglob("*") if p.is_file()]
    assert files == len(landed)
    assert unbalanced == 0


def test_the_run_is_recorded_with_what_it_read_and_published(published: Path) -> None:
    with duckdb.connect(str(published), read_only=True) as con:
        runs = con.execute("SELECT status, files_read, files_rejected, rows_quarantined, finished_at >= started_at"
                           " FROM audit.runs").fetchall()
        files = con.execute("SELECT count(*) FROM audit.loads").fetchone()[0]
        checked = con.execute("SELECT count(*) FROM audit.check_results").fetchone()[0]
    assert runs == [("published", files, 0, 1, True)]
    assert checked == len(sql_checks()) + 3 * 3  # every SQL check, and three per source
