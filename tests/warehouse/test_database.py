"""The build database: a second writer waits for the first instead of failing; frames go in exactly."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from warehouse.database import connect, insert_frame

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("CREATE TABLE written_by_the_holder AS SELECT 7 AS x")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def _hold(path: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_a_second_writer_waits_for_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "build.duckdb"
    holder = _hold(path, 1.5)
    started = time.monotonic()
    with connect(path, wait_seconds=30) as con:
        waited = time.monotonic() - started
        # It opened the file the other process held, once released, and sees what that process wrote.
        assert con.execute("SELECT x FROM written_by_the_holder").fetchone()[0] == 7
    holder.wait()
    assert waited > 0.5  # it did wait for the other process, rather than opening beside it


def test_a_writer_gives_up_after_its_wait(tmp_path: Path) -> None:
    path = tmp_path / "build.duckdb"
    holder = _hold(path, 5)
    try:
        with pytest.raises(duckdb.IOException, match="lock"), connect(path, wait_seconds=0.5):
            pass
    finally:
        holder.kill()
        holder.wait()


def test_a_frame_goes_in_exactly_by_column_name(tmp_path: Path) -> None:
    frames = [pd.DataFrame({"amount": [Decimal("12345678901234.5678"), None], "day": [dt.date(2024, 6, 5), None],
                            "name": ["甲", None], "count": [3, None]}, dtype=object),
              # a later frame without some columns: concatenated, they hold NaN there
              pd.DataFrame({"seen_at": [dt.datetime(2024, 6, 5, 9, 30, 15)], "big": [2**62], "flag": [True]},
                           dtype=object)]
    frame = pd.concat(frames, ignore_index=True)
    frame["missing"] = [pd.NA, pd.NaT, float("nan")]
    with connect(tmp_path / "w.duckdb") as con:
        con.execute("CREATE TABLE t (name VARCHAR, amount DECIMAL(18, 4), day DATE, count INTEGER, seen_at TIMESTAMP,"
                    " big BIGINT, flag BOOLEAN, missing VARCHAR)")
        assert insert_frame(con, "t", frame) == 3
        rows = con.execute("SELECT name, amount, day, count, seen_at, big, flag, missing FROM t ORDER BY rowid"
                           ).fetchall()
    assert rows == [("甲", Decimal("12345678901234.5678"), dt.date(2024, 6, 5), 3, None, None, None, None),
                    (None, None, None, None, None, None, None, None),
                    (None, None, None, None, dt.datetime(2024, 6, 5, 9, 30, 15), 2**62, True, None)]
