"""Identical inputs, identical warehouse: the demo built in two homes, and one of them built again, gives the same
rows in every mart (EXCEPT ALL both ways), the ranking included. Exact decimals and a defined order make it so."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from demo import generate
from orchestration.definitions import build_definitions


def _run(home: Path) -> Path:
    result = build_definitions(str(home)).resolve_job_def("nightly").execute_in_process(raise_on_error=False)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    return home / "warehouse" / "zhaoshang.duckdb"


def _differences(con: duckdb.DuckDBPyConnection, left: str, right: str, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM (SELECT * FROM {left}.marts.{table} "
                       f"EXCEPT ALL SELECT * FROM {right}.marts.{table})").fetchone()[0]


def test_three_runs_give_the_same_marts(demo_run, tmp_path: Path) -> None:
    home = tmp_path / "again"
    generate(home)
    first = shutil.copyfile(_run(home), tmp_path / "first.duckdb")
    second = _run(home)  # the same home again: nothing new to load, core and marts rebuilt

    con = duckdb.connect()
    try:
        for alias, path in (("a", demo_run.published), ("b", first), ("c", second)):
            con.execute(f"ATTACH '{path}' AS {alias} (READ_ONLY)")
        shapes = [con.execute("SELECT table_name, column_name, data_type FROM duckdb_columns() "
                              "WHERE database_name = ? AND schema_name = 'marts' ORDER BY ALL", [alias]).fetchall()
                  for alias in ("a", "b", "c")]
        assert shapes[0] == shapes[1] == shapes[2]
        tables = sorted({table for table, _, _ in shapes[0]})
        assert "department_ranking" in tables and len(tables) > 20
        for table in tables:
            counts = [con.execute(f"SELECT count(*) FROM {alias}.marts.{table}").fetchone()[0] for alias in "abc"]
            assert counts[0] == counts[1] == counts[2], table
            for left, right in (("a", "b"), ("b", "a"), ("a", "c"), ("c", "a")):
                assert _differences(con, left, right, table) == 0, (table, left, right)
    finally:
        con.close()
