"""`make backup DEST=...` and `make restore SRC=...`: what cannot be rebuilt, copied while the services run.

A backup folder holds, beside `manifest.json` (written last: a folder without it is an interrupted backup and is
never restored):
- `tables.duckdb`: the raw and audit rows of the published file (warehouse/backup.py says why from there);
- `archive/`, `reference/`, `landing/`: the home's folders, modification times kept;
- `dagster/`: the Dagster instance. Its SQLite files (run history, event logs, schedules and sensor cursors) are
  copied through SQLite's backup API, each a consistent snapshot even while the daemon writes; the other files as
  they are. With `ZHAOSHANG_DAGSTER_POSTGRES_URL` set, the instance lives in PostgreSQL: `dagster.pgdump` is
  `pg_dump --format=custom` of that database, and restore gives it to `pg_restore` into the (empty) database the
  URL names, with the `pg_dump` and `pg_restore` of ZHAOSHANG_PG_BIN (else those on PATH), named in the manifest;
- `alerts/alerts.sqlite` (at the place warehouse/home.py gives it in a home): the alert ledger, what each channel
  was told of each problem, so that a restored home does not send again what was sent; the same way;
- `portal/`: the departments' portal's SQLite databases (`portal/*.sqlite3`), the same way.

Restore goes into an empty home only, and is followed by `make run`, which builds core, marts and the published
file again from the restored rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from orchestration import settings
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


def copy_ledger(source: Path, target: Path) -> int:
    """The alert ledger, when there is one (no alert was ever sent otherwise); returns the files copied."""
    if not source.is_file():
        return 0
    copy_sqlite(source, target)
    return 1


def pg_tool(name: str) -> tuple[str, str]:
    """`pg_dump` or `pg_restore` as it will run: its path, and the path with its version (e.g. `/usr/bin/pg_dump
    (PostgreSQL 15.18)`), which the manifest and the message name."""
    folder = settings.pg_bin()
    found = str(folder / name) if folder else shutil.which(name) or name
    try:
        version = subprocess.run([found, "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as missing:
        raise BackupError(f"找不到可用的 {found}：安装与数据库服务器同版本的 postgresql-client，或用 ZHAOSHANG_PG_BIN "
                          f"指向其 bin 目录 ({name} not found)") from missing
    # `pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)`: the first dotted number is the release.
    release = re.search(r"\d+(?:\.\d+)+", version)
    return found, f"{found} (PostgreSQL {release[0] if release else version.strip()})"


def _pg(tool: tuple[str, str], arguments: list[str]) -> None:
    """Run a tool of pg_tool(); a failure names it (a version mismatch is the likely one)."""
    done = subprocess.run([tool[0], *arguments], capture_output=True, text=True, check=False)
    if done.returncode:
        raise BackupError(f"{tool[1]} 失败 (failed): {done.stderr.strip()}\n"
                          "如为版本不符 (server version mismatch)：用 ZHAOSHANG_PG_BIN 指向与服务器同主版本的 bin 目录 "
                          "(point ZHAOSHANG_PG_BIN at the server's major version)")


def backup(home: Paths, dest: Path, postgres_url: str | None = None) -> dict:
    """Back `home` up into the empty or new folder `dest`; returns the manifest written."""
    if not is_empty(dest):
        raise BackupError(f"备份目录 {dest} 不是空的：每次备份用一个新目录 (the backup folder must be new or empty)")
    pg_dump = pg_tool("pg_dump") if postgres_url else None
    made = not dest.exists()
    dest.mkdir(parents=True, exist_ok=True)
    if pg_dump:
        # First: a pg_dump that cannot dump this server (another version, a wrong URL) fails before the archive is
        # copied, and leaves the folder as it found it.
        try:
            _pg(pg_dump, ["--format=custom", "--no-owner", f"--file={dest / PG_DUMP_FILE}", postgres_url])
        except BackupError:
            (dest / PG_DUMP_FILE).unlink(missing_ok=True)
            if made:
                dest.rmdir()
            raise
    # The rows before the archive: it only grows, so every file a row points at is in the archive copied after them.
    tables = export_tables(home.published_db, dest / TABLES_FILE)
    files = copy_folders(home.home, dest)
    files["dagster"] = copy_sqlite_folder(home.dagster_home, dest / "dagster")
    files["alerts"] = copy_ledger(home.alerts_db, Paths(dest).alerts_db)
    files["portal"] = copy_sqlite_folder(home.home / "portal", dest / "portal")
    manifest = {"made_at": dt.datetime.now().isoformat(timespec="seconds"), "home": str(home.home),
                "dagster_storage": "postgres" if postgres_url else "sqlite", "pg_dump": pg_dump and pg_dump[1],
                "tables": tables, "files": files}
    (dest / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def restore(src: Path, home: Paths, postgres_url: str | None = None) -> dict:
    """Restore the backup `src` into the empty home `home`; returns the backup's manifest. `make run` follows."""
    if not (src / MANIFEST).is_file():
        raise BackupError(f"{src} 不是完整的备份（没有 {MANIFEST}）(not a complete backup)")
    if not is_empty(home.home):
        raise BackupError(f"恢复只能恢复到空目录，{home.home} 不是空的 (restore goes into an empty home only)")
    # A folder of the backup that is a link would bring whatever it points at into the home (a backup made by
    # `make backup` has none: it writes real folders, even for a home whose landing zone is a link).
    linked = sorted(path.name for path in src.iterdir() if path.is_symlink())
    if linked:
        raise BackupError(f"备份中的 {'、'.join(linked)} 是链接，不是备份写出的目录，拒绝恢复 "
                          "(a backup's folders are never links)")
    manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    postgres = manifest["dagster_storage"] == "postgres"
    if postgres and not postgres_url:
        raise BackupError("备份的 Dagster 实例在 PostgreSQL 中：请设置 ZHAOSHANG_DAGSTER_POSTGRES_URL 为一个空数据库 "
                          "(set it to the empty database to restore into)")
    pg_restore = pg_tool("pg_restore") if postgres else None
    counts = import_tables(src / TABLES_FILE, home.build_db)
    if counts != manifest["tables"]:
        raise BackupError(f"恢复的行数与备份记录不符 (rows restored differ from the backup's): {counts} ≠ "
                          f"{manifest['tables']}")
    copy_folders(src, home.home)
    copy_folder(src / "dagster", home.dagster_home)
    if Paths(src).alerts_db.is_file():
        home.alerts_db.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(Paths(src).alerts_db, home.alerts_db)
    copy_folder(src / "portal", home.home / "portal")
    if pg_restore:
        _pg(pg_restore, ["--no-owner", "--exit-on-error", f"--dbname={postgres_url}", str(src / PG_DUMP_FILE)])
        manifest["pg_restore"] = pg_restore[1]
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.backup", description=__doc__.splitlines()[0])
    parser.add_argument("--home", help="ZHAOSHANG_HOME (default: the environment's, else ./data)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("backup").add_argument("dest", type=Path)
    commands.add_parser("restore").add_argument("src", type=Path)
    args = parser.parse_args(argv)
    # A backup holds every submitted file and the instance's settings (a password with PostgreSQL).
    keep_files_private()
    home, url = paths(args.home), settings.postgres_url()
    try:
        if args.command == "backup":
            manifest = backup(home, args.dest.resolve(), url)
            print(f"已备份到 {args.dest}：{sum(manifest['tables'].values())} 行（{len(manifest['tables'])} 张表），"
                  f"{sum(manifest['files'].values())} 个文件 (backed up)")
            if manifest["pg_dump"]:
                print(f"Dagster 实例用 {manifest['pg_dump']} 导出到 {PG_DUMP_FILE} (dumped with it)")
        else:
            manifest = restore(args.src.resolve(), home, url)
            print(f"已从 {args.src}（{manifest['made_at']} 的备份）恢复到 {home.home}；请运行 make run 重建数据仓库 "
                  "(restored: run `make run` to build the warehouse)")
            if manifest.get("pg_restore"):
                print(f"Dagster 实例用 {manifest['pg_restore']} 恢复到 ZHAOSHANG_DAGSTER_POSTGRES_URL 所指的数据库 "
                      "(restored with it)")
    except BackupError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
