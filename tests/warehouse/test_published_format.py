"""The published file opens in the DuckDB 1.x tools analysts have (the duckdb-cli of pip, in its own process),
comments included; the build file stays in the engine's own format."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

DUCKDB_CLI = Path(sys.executable).parent / "duckdb"  # pip's duckdb-cli: its own DuckDB 1.x, not our library


def cli(database: Path, sql: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(DUCKDB_CLI), "-readonly", "-json", str(database), "-c", sql],
                          capture_output=True, text=True, timeout=120)


def test_duckdb_1x_reads_a_mart_and_its_comments(demo_run) -> None:
    # Else the test proves nothing: the CLI must be an older DuckDB than the one that wrote the file.
    version = subprocess.run([str(DUCKDB_CLI), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v1."), version
    done = cli(demo_run.published, """
        SELECT metric_name, actual::VARCHAR AS actual, month FROM marts.kpi_latest
        WHERE year = 2024 AND metric_code = 'trade_total';
        SELECT comment FROM duckdb_columns()
        WHERE schema_name = 'marts' AND table_name = 'kpi_completion' AND column_name = 'completion_rate';
        SELECT comment FROM duckdb_tables() WHERE schema_name = 'marts' AND table_name = 'kpi_latest';""")
    assert done.returncode == 0, done.stderr
    answers = [json.loads(block) for block in done.stdout.replace("]\n[", "]\n\n[").split("\n\n") if block.strip()]
    assert answers[0] == [{"metric_name": "货物进出口额", "actual": "1116.1200", "month": 5}]
    assert answers[1][0]["comment"].startswith("完成率 = 完成值 / 目标")
    assert answers[2][0]["comment"].startswith("最新完成情况")


def test_every_table_and_row_is_published(demo_run, tmp_path: Path) -> None:
    """The copy in the older storage format holds what the build holds, table by table."""
    import duckdb

    build = shutil.copyfile(demo_run.home / "warehouse" / "build" / "zhaoshang-build.duckdb", tmp_path / "b.duckdb")
    counts = """SELECT schema_name || '.' || table_name AS t, estimated_size FROM duckdb_tables()
                WHERE schema_name IN ('raw', 'core', 'marts', 'audit') ORDER BY t"""
    with duckdb.connect(str(build), read_only=True) as b, duckdb.connect(str(demo_run.published), read_only=True) as p:
        tables = [t for t, _ in b.execute(counts).fetchall()]
        assert tables and tables == [t for t, _ in p.execute(counts).fetchall()]
        for table in tables:
            schema, name = table.split(".")
            sql = f'SELECT count(*) FROM "{schema}"."{name}"'
            assert b.execute(sql).fetchone() == p.execute(sql).fetchone(), table


def test_the_build_file_keeps_the_engines_own_format(demo_run, tmp_path: Path) -> None:
    build = shutil.copyfile(demo_run.home / "warehouse" / "build" / "zhaoshang-build.duckdb", tmp_path / "b.duckdb")
    done = cli(build, "SELECT 1")
    assert done.returncode != 0 and "version" in (done.stderr + done.stdout).lower()
