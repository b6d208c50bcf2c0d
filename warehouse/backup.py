"""The warehouse's part of a backup: the rows no night can make again, and the folders they point into.

What a night cannot make again is what it was given and what it recorded: the archive (every file ever read), the
reference folder, the landing zone as it stands (which files are still there and when they arrived is what the
next night compares against) and the rows of `raw` and `audit` (each load, its id and time, its parsed rows, what
was quarantined and why). Everything else, `core`, `marts`, `zh` and the dictionary, is built from those by the
next `make run`.

The rows are read from the published file, read-only: the build file is locked while a night writes, the published
one never is, and a reader holding it keeps the file it opened even when a night publishes a new one meanwhile, so
every table comes from one publication. The archive only grows, so copying it after the rows leaves no row pointing
at a file the backup lacks.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from warehouse.database import connect, prepare, sql_files, sql_identifier, sql_literal

TABLES_FILE = "tables.duckdb"
BACKED_UP_SCHEMAS = ("raw", "audit")
# Bookkeeping of what the build last made; without it the restored home builds every table afresh, as it must.
NOT_BACKED_UP = frozenset({"audit.table_fingerprints"})
FOLDERS = ("archive", "reference", "landing")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why in Chinese and English."""


def _tables(con: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    return [f"{schema}.{name}" for schema, name in con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ?"
        " AND list_contains(?, schema_name) ORDER BY schema_name, table_name",
        [database, list(BACKED_UP_SCHEMAS)]).fetchall() if f"{schema}.{name}" not in NOT_BACKED_UP]


def _qualified(database: str, table: str) -> str:
    schema, name = table.split(".")
    return f"{sql_identifier(database)}.{sql_identifier(schema)}.{sql_identifier(name)}"


def export_tables(published_db: Path, target: Path) -> dict[str, int]:
    """Copy every raw and audit table of the published file into a new DuckDB file `target` (types, JSON and
    nested columns kept exactly); returns the rows of each table."""
    if not published_db.exists():
        raise BackupError(f"没有已发布的数据仓库 {published_db}，请先运行一次 make run (nothing published yet)")
    counts = {}
    with duckdb.connect(str(published_db), read_only=True) as con:
        source = con.execute("SELECT current_database()").fetchone()[0]
        # ATTACH takes no parameters: the path is quoted as a literal.
        con.execute(f"ATTACH {sql_literal(str(target))} AS backup_copy (READ_WRITE)")
        try:
            for schema in BACKED_UP_SCHEMAS:
                con.execute(f"CREATE SCHEMA backup_copy.{sql_identifier(schema)}")
            for table in _tables(con, source):
                con.execute(f"CREATE TABLE {_qualified('backup_copy', table)} AS"
                            f" SELECT * FROM {_qualified(source, table)}")
                counts[table] = con.execute(f"SELECT count(*) FROM {_qualified('backup_copy', table)}").fetchone()[0]
        finally:
            con.execute("DETACH backup_copy")
    return counts


def import_tables(source: Path, build_db: Path) -> dict[str, int]:
    """Make a new build file at `build_db` (the DDL of this release) and fill its raw and audit tables with the
    rows of a backup's tables file; returns the rows of each table. A backup whose migrations are not this
    release's is refused: its rows may be in a shape the DDL no longer has."""
    prepare(build_db)
    counts = {}
    with connect(build_db) as con:
        con.execute(f"ATTACH {sql_literal(str(source))} AS backup_copy (READ_ONLY)")
        try:
            theirs = sorted(name for (name,) in con.execute(
                "SELECT name FROM backup_copy.audit.migrations").fetchall())
            ours = sorted(file.name for file in sql_files("migrations"))
            if theirs != ours:
                raise BackupError(
                    f"备份的数据库迁移（{', '.join(theirs) or '无'}）与本版本（{', '.join(ours)}）不同，"
                    "请用做备份的版本恢复，再升级 (the backup was made by another release: restore with that release, "
                    "then upgrade)")
            current = set(_tables(con, con.execute("SELECT current_database()").fetchone()[0]))
            con.begin()
            for table in _tables(con, "backup_copy"):
                if table not in current:
                    raise BackupError(f"备份中的表 {table} 在本版本中不存在 (the backup has a table this release "
                                      "lacks)")
                # The DDL made the rows of a new file (the migrations it counts as applied): the backup's replace them.
                con.execute(f"DELETE FROM {table}")
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {_qualified('backup_copy', table)}")
                counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            con.commit()
        finally:
            con.execute("DETACH backup_copy")
    return counts


def copy_folder(source: Path, target: Path) -> int:
    """Copy a folder's regular files, keeping their modification times (the landing zone is compared by them);
    an archive's half-written `.incoming-*` copy is left behind. Returns the files copied."""
    copied = 0
    for path in sorted(source.rglob("*")) if source.is_dir() else []:
        if path.is_symlink() or not path.is_file() or path.name.startswith(".incoming-"):
            continue
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        copied += 1
    return copied


def copy_folders(source: Path, target: Path) -> dict[str, int]:
    """The archive, reference and landing folders of `source` into `target`, each under its own name."""
    return {folder: copy_folder(source / folder, target / folder) for folder in FOLDERS}


def is_empty(folder: Path) -> bool:
    return not folder.exists() or (folder.is_dir() and not any(os.scandir(folder)))
