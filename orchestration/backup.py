"""`make backup DEST=...` and `make restore SRC=...`: what cannot be rebuilt, copied while the services run.

A backup folder holds, beside `manifest.json` (written last: a folder without it is an interrupted backup and is
never restored):
- `tables.duckdb`: the raw and audit rows of the published file (warehouse/backup.py says why from there);
- `archive/`, `reference/`, `landing/`: the home's folders, modification times kept;
- `dagster/`: the Dagster instance. Its SQLite files (run history, event logs, schedules and sensor cursors) are
  copied through SQLite's backup API, each a consistent snapshot even while the daemon writes; the other files as
  they are. With `ZHAOSHANG_DAGSTER_POSTGRES_URL` set, the instance lives in PostgreSQL: `dagster.pgdump` is
  `pg_dump --format=custom` of that database, and restore gives it to `pg_restore` into the (empty) database the
  URL names;
- `portal/`: the departments' portal's SQLite databases (`portal/*.sqlite3`), the same way.

Restore goes into an empty home only, and is followed by `make run`, which builds core, marts and the published
file again from the restored rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from warehouse.backup import (
    TABLES_FILE,
    BackupError,
    copy_folder,
    copy_folders,
    export_tables,
    import_tables,
    is_empty,
)
from warehouse.home import Paths, keep_files_private, paths

MANIFEST = "manifest.json"
POSTGRES_URL = "ZHAOSHANG_DAGSTER_POSTGRES_URL"
PG_DUMP_FILE = "dagster.pgdump"
SQLITE_SUFFIXES = (".db", ".sqlite3")
# SQLite's side files: the backup API's copy already holds what they hold.
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def _is_sqlite(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


def copy_sqlite(source: Path, target: Path) -> None:
    """One SQLite database as it stands at one moment, whoever is writing to it (SQLite's online backup API)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    reader = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=60)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def copy_sqlite_folder(source: Path, target: Path) -> int:
    """Every file of a folder: SQLite databases through the backup API, the rest copied; returns the files."""
    copied = 0
    for path in sorted(source.rglob("*")) if source.is_dir() else []:
        if path.is_symlink() or not path.is_file() or path.name.endswith(SQLITE_SIDE_FILES):
            continue
        destination = target / path.relative_to(source)
        if path.suffix in SQLITE_SUFFIXES and _is_sqlite(path):
            copy_sqlite(path, destination)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
        copied += 1
    return copied


def _pg(command: list[str]) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError as missing:
        raise BackupError(f"找不到 {command[0]}（安装 postgresql-client）({command[0]} is not installed)") from missing
    if done.returncode:
        raise BackupError(f"{command[0]} 失败 (failed): {done.stderr.strip()}")


def backup(home: Paths, dest: Path, postgres_url: str | None = None) -> dict:
    """Back `home` up into the empty or new folder `dest`; returns the manifest written."""
    if not is_empty(dest):
        raise BackupError(f"备份目录 {dest} 不是空的：每次备份用一个新目录 (the backup folder must be new or empty)")
    dest.mkdir(parents=True, exist_ok=True)
    # The rows first: the archive only grows, so every file a row points at is in the archive copied after them.
    tables = export_tables(home.published_db, dest / TABLES_FILE)
    files = copy_folders(home.home, dest)
    files["dagster"] = copy_sqlite_folder(home.dagster_home, dest / "dagster")
    files["portal"] = copy_sqlite_folder(home.home / "portal", dest / "portal")
    if postgres_url:
        _pg(["pg_dump", "--format=custom", "--no-owner", f"--file={dest / PG_DUMP_FILE}", postgres_url])
    manifest = {"made_at": dt.datetime.now().isoformat(timespec="seconds"), "home": str(home.home),
                "dagster_storage": "postgres" if postgres_url else "sqlite", "tables": tables, "files": files}
    (dest / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def restore(src: Path, home: Paths, postgres_url: str | None = None) -> dict:
    """Restore the backup `src` into the empty home `home`; returns the backup's manifest. `make run` follows."""
    if not (src / MANIFEST).is_file():
        raise BackupError(f"{src} 不是完整的备份（没有 {MANIFEST}）(not a complete backup)")
    if not is_empty(home.home):
        raise BackupError(f"恢复只能恢复到空目录，{home.home} 不是空的 (restore goes into an empty home only)")
    manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    counts = import_tables(src / TABLES_FILE, home.build_db)
    if counts != manifest["tables"]:
        raise BackupError(f"恢复的行数与备份记录不符 (rows restored differ from the backup's): {counts} ≠ "
                          f"{manifest['tables']}")
    copy_folders(src, home.home)
    copy_folder(src / "dagster", home.dagster_home)
    copy_folder(src / "portal", home.home / "portal")
    if manifest["dagster_storage"] == "postgres":
        if not postgres_url:
            raise BackupError(f"备份的 Dagster 实例在 PostgreSQL 中：请设置 {POSTGRES_URL} (set it to restore into)")
        _pg(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={postgres_url}", str(src / PG_DUMP_FILE)])
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.backup", description=__doc__.splitlines()[0])
    parser.add_argument("--home", help="ZHAOSHANG_HOME (default: the environment's, else ./data)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("backup").add_argument("dest", type=Path)
    commands.add_parser("restore").add_argument("src", type=Path)
    args = parser.parse_args(argv)
    keep_files_private()  # a backup holds every submitted figure: its copies are as private as the home's
    home, url = paths(args.home), os.environ.get(POSTGRES_URL) or None
    try:
        if args.command == "backup":
            manifest = backup(home, args.dest.resolve(), url)
            print(f"已备份到 {args.dest}：{sum(manifest['tables'].values())} 行（{len(manifest['tables'])} 张表），"
                  f"{sum(manifest['files'].values())} 个文件 (backed up)")
        else:
            manifest = restore(args.src.resolve(), home, url)
            print(f"已从 {args.src}（{manifest['made_at']} 的备份）恢复到 {home.home}；请运行 make run 重建数据仓库 "
                  "(restored: run `make run` to build the warehouse)")
    except BackupError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
