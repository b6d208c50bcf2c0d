"""`make backup` and `make restore`: the demo backed up while a writer holds the build file, restored into an empty
home, `make run` there, and every table of every schema compared with the original both ways; with the instance's
SQLite files and the alert ledger, and with the instance on a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import sqlalchemy

from alerts.ledger import Ledger, Sent
from orchestration.backup import backup, main, restore
from tests.postgres import PG_BIN, new_database
from warehouse.backup import BackupError
from warehouse.home import paths

ROOT = Path(__file__).resolve().parents[2]
# What a run records of itself: the restored home's own `make run` adds its run and its check results, and builds
# every table again (the same fingerprints, at its own time).
RUN_RECORDS = {"audit.runs", "audit.check_results"}


def _make_run(home: Path, **settings: str) -> None:
    env = dict(os.environ, ZHAOSHANG_HOME=str(home), DAGSTER_HOME=str(home / "dagster"), **settings)
    night = subprocess.run([sys.executable, "-m", "orchestration.run"], cwd=ROOT, env=env, capture_output=True,
                           text=True)
    assert night.returncode == 0, night.stderr[-2000:]


def _run_ids(url: str) -> set[str]:
    """The runs of the Dagster instance in the PostgreSQL database of `url`."""
    engine = sqlalchemy.create_engine(url.replace("postgresql://", "postgresql+psycopg2://"))
    with engine.connect() as db:
        ids = {run_id for (run_id,) in db.execute(sqlalchemy.text("SELECT run_id FROM runs"))}
    engine.dispose()
    return ids


def _differences(original: Path, restored: Path) -> dict[str, tuple[int, int]]:
    """Rows of each table or view in one file and not the other (EXCEPT ALL both ways); the restored run's own
    records set aside, and table fingerprints compared without when they were built."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{original}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{restored}' AS b (READ_ONLY)")
    listing = """SELECT schema_name || '.' || table_name FROM duckdb_tables() WHERE database_name = ?
                 UNION ALL SELECT schema_name || '.' || view_name FROM duckdb_views()
                 WHERE database_name = ? AND NOT internal"""
    objects = {db: sorted(name for (name,) in con.execute(listing, [db, db]).fetchall()) for db in ("a", "b")}
    assert objects["a"] == objects["b"] and len(objects["a"]) > 60
    [(new_run,)] = con.execute("SELECT run_id FROM b.audit.runs EXCEPT SELECT run_id FROM a.audit.runs").fetchall()
    found = {}
    for name in objects["a"]:
        schema, table = name.split(".")
        columns = "table_name, fingerprint" if name == "audit.table_fingerprints" else "*"
        mine = f"WHERE run_id <> '{new_run}'" if name in RUN_RECORDS else ""
        one = f'SELECT {columns} FROM a."{schema}"."{table}"'
        other = f'SELECT {columns} FROM b."{schema}"."{table}" {mine}'
        counts = tuple(con.execute(f"SELECT count(*) FROM ({x} EXCEPT ALL {y})").fetchone()[0]
                       for x, y in ((one, other), (other, one)))
        if counts != (0, 0):
            found[name] = counts
    return found


def test_a_restored_backup_builds_the_same_warehouse(demo_run, tmp_path: Path) -> None:
    original = paths(tmp_path / "original")
    shutil.copytree(demo_run.home, original.home, copy_function=shutil.copy2)
    # An alert the daemon sent before the backup: the ledger remembers it was told.
    sent_at, problem = dt.datetime(2024, 7, 15, 2, 31), "rejected:0123abcd"
    ledger = Ledger(original.alerts_db)
    ledger.told([problem], "wecom", sent_at, reminder=False)
    ledger.log(Sent("load_problems", (problem,), False, "wecom", None, "sent", 1, None, "文件被拒收", "……"), sent_at)
    assert ledger.due(problem, "wecom", sent_at + dt.timedelta(hours=1)) is None
    _make_run(original.home)  # the instance of a home run by `make run`: SQLite files under dagster/
    with duckdb.connect(str(original.published_db), read_only=True) as con:
        loads = con.execute("SELECT count(*) FROM audit.loads").fetchone()[0]

    # A night holds the build file while the backup runs: the backup reads the published file, never waits.
    with duckdb.connect(str(original.build_db)):
        manifest = backup(original, tmp_path / "backup")
    assert manifest["tables"]["audit.loads"] == loads > 90
    assert "audit.table_fingerprints" not in manifest["tables"] and manifest["files"]["archive"] >= loads
    assert manifest["files"]["alerts"] == 1 and manifest["pg_dump"] is None
    with sqlite3.connect(tmp_path / "backup" / "dagster" / "history" / "runs.db") as copy:
        assert copy.execute("SELECT count(*) FROM runs").fetchone()[0] >= 1

    restored = paths(tmp_path / "restored")
    restore(tmp_path / "backup", restored)
    _make_run(restored.home)

    assert _differences(original.published_db, restored.published_db) == {}
    with sqlite3.connect(restored.dagster_home / "history" / "runs.db") as runs:
        assert runs.execute("SELECT count(*) FROM runs").fetchone()[0] >= 2  # the original's runs and its own
    # The restored home knows the alert was sent: not told again within the day, reminded of after it.
    restored_ledger = Ledger(restored.alerts_db)
    assert restored_ledger.rows() == ledger.rows() and len(ledger.rows()) == 1
    assert restored_ledger.due(problem, "wecom", sent_at + dt.timedelta(hours=1)) is None
    assert restored_ledger.due(problem, "wecom", sent_at + dt.timedelta(days=1)) == "reminder"


def test_a_restored_backup_of_an_instance_on_postgresql(demo_run, postgres_url: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    original_url = new_database(postgres_url, "backup_original")
    restored_url = new_database(postgres_url, "backup_restored")  # empty, as an operator creates it
    original = paths(tmp_path / "original")
    shutil.copytree(demo_run.home, original.home, copy_function=shutil.copy2)
    _make_run(original.home, ZHAOSHANG_DAGSTER_POSTGRES_URL=original_url)
    [night] = _run_ids(original_url)

    # No pg_dump where ZHAOSHANG_PG_BIN points: refused before anything is copied, naming the path.
    monkeypatch.setenv("ZHAOSHANG_PG_BIN", str(tmp_path))
    with pytest.raises(BackupError, match=f"找不到可用的 {tmp_path}/pg_dump.*ZHAOSHANG_PG_BIN"):
        backup(original, tmp_path / "refused", original_url)
    assert not (tmp_path / "refused").exists()

    monkeypatch.setenv("ZHAOSHANG_PG_BIN", str(PG_BIN))  # the server's own version (18)
    # A pg_dump that fails (here a database that does not exist) fails the backup first, and leaves no folder.
    with pytest.raises(BackupError, match=f"{PG_BIN}/pg_dump .*失败.*does not exist"):
        backup(original, tmp_path / "refused", f"{original_url}_missing")
    assert not (tmp_path / "refused").exists()
    manifest = backup(original, tmp_path / "backup", original_url)
    assert manifest["dagster_storage"] == "postgres"
    assert manifest["pg_dump"].startswith(f"{PG_BIN}/pg_dump (PostgreSQL 18.")
    assert (tmp_path / "backup" / "dagster.pgdump").stat().st_size > 10_000
    settings = tmp_path / "backup" / "dagster" / "dagster.yaml"  # the URL, a password with it, is kept private
    assert original_url.partition("://")[2] in settings.read_text(encoding="utf-8")
    assert settings.stat().st_mode & 0o777 == 0o600

    restored = paths(tmp_path / "restored")
    with pytest.raises(BackupError, match="ZHAOSHANG_DAGSTER_POSTGRES_URL"):
        restore(tmp_path / "backup", restored)
    pg_restore = manifest["pg_dump"].replace("/pg_dump (", "/pg_restore (")
    assert restore(tmp_path / "backup", restored, restored_url) == manifest | {"pg_restore": pg_restore}
    assert _run_ids(restored_url) == {night}
    _make_run(restored.home, ZHAOSHANG_DAGSTER_POSTGRES_URL=restored_url)

    assert _differences(original.published_db, restored.published_db) == {}
    assert len(_run_ids(restored_url) - {night}) == 1 and _run_ids(original_url) == {night}
    assert not list(restored.dagster_home.rglob("*.db"))


def test_backup_and_restore_refuse_what_would_mix_two_homes(demo_run, tmp_path: Path, capsys) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "old.txt").write_text("x")
    with pytest.raises(BackupError, match="不是空的"):
        backup(paths(demo_run.home), tmp_path / "used")
    made = backup(paths(demo_run.home), tmp_path / "backup")
    assert json.loads((tmp_path / "backup" / "manifest.json").read_text(encoding="utf-8")) == made

    assert main(["--home", str(tmp_path / "used"), "restore", str(tmp_path / "backup")]) == 1
    assert "恢复只能恢复到空目录" in capsys.readouterr().err
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "id_rsa").write_text("key")
    shutil.move(tmp_path / "backup" / "reference", tmp_path / "reference-moved")
    (tmp_path / "backup" / "reference").symlink_to(tmp_path / "secret")
    assert main(["--home", str(tmp_path / "empty"), "restore", str(tmp_path / "backup")]) == 1
    assert "备份中的 reference 是链接" in capsys.readouterr().err
    assert not (tmp_path / "empty").exists()
    (tmp_path / "backup" / "reference").unlink()
    (tmp_path / "backup" / "manifest.json").unlink()  # as a backup killed before its end leaves it
    assert main(["--home", str(tmp_path / "empty"), "restore", str(tmp_path / "backup")]) == 1
    assert "不是完整的备份" in capsys.readouterr().err
    assert not (tmp_path / "empty").exists()


def test_a_backup_made_from_a_login_shell_is_private(demo_run, tmp_path: Path) -> None:
    """Issue 18, finding 8, for the backup: its rows and copies are the service's user's and group's only."""
    subprocess.run([sys.executable, "-m", "orchestration.backup", "--home", str(demo_run.home), "backup",
                    str(tmp_path / "backup")], cwd=ROOT, check=True, capture_output=True,
                   preexec_fn=lambda: os.umask(0o022))  # a login shell's umask
    written = [tmp_path / "backup", *(tmp_path / "backup").rglob("*")]
    assert (tmp_path / "backup" / "tables.duckdb") in written and len(written) > 100
    readable_by_others = [f"{path.relative_to(tmp_path)} {stat.filemode(path.stat().st_mode)}" for path in written
                          if path.stat().st_mode & 0o007
                          and not path.is_relative_to(tmp_path / "backup" / "landing")]  # kept as they arrived
    assert readable_by_others == []
