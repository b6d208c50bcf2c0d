"""The build database: a second writer waits for the first instead of failing."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from warehouse.database import connect

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
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
        assert con.execute("SELECT 42").fetchone()[0] == 42
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
