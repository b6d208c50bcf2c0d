"""Publishing: analysts only ever see a complete, checked build, swapped in by one atomic rename."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import duckdb

from warehouse.crashpoints import crash_point
from warehouse.database import open_writer, sql_identifier, sql_literal
from warehouse.landing import fsync_dir
from warehouse.published_changes import update_copy

log = logging.getLogger(__name__)

# The build file is in the engine's own storage format; the published copy is written in the oldest format
# the DuckDB tools analysts have can read (duckdb-cli 1.5, DBeaver's driver, notebooks on duckdb 1.x), which
# read up to 1.4's. COPY FROM DATABASE carries every schema, table, view, macro and comment across.
PUBLISHED_STORAGE_VERSION = "v1.4.0"


def _write_readable_copy(con: duckdb.DuckDBPyConnection, target: Path) -> None:
    # ATTACH and COPY take no parameters: the path and the database name are quoted as literal and identifier.
    build = sql_identifier(con.execute("SELECT current_database()").fetchone()[0])
    con.execute(f"ATTACH {sql_literal(str(target))} AS published_copy (STORAGE_VERSION '{PUBLISHED_STORAGE_VERSION}')")
    try:
        con.execute(f"COPY FROM DATABASE {build} TO published_copy")
    finally:
        con.execute("DETACH published_copy")  # checkpoints the copy: it carries no WAL


def _updated(con: duckdb.DuckDBPyConnection, published_db: Path, staging: Path) -> bool:
    """The last published file brought up to the build in `staging` (warehouse/published_changes.py); False when
    a full copy is needed, or bringing it up failed (a full copy is then written; the fault is logged)."""
    try:
        changed = update_copy(con, published_db, staging, PUBLISHED_STORAGE_VERSION)
    except (duckdb.Error, OSError, RuntimeError):
        log.warning("the published file could not be brought up to the build; writing a full copy", exc_info=True)
        return False
    if changed is not None:
        log.info("published by the tables that changed: %s", ", ".join(changed) or "none")
    return changed is not None


def publish(build_db: Path, published_db: Path) -> Path:
    """Write the build into a new file beside the published one, then rename it over the old one.

    The copy is written and renamed while this process holds the build file's lock, so no other writer can change
    it halfway through, nor clear it as a leftover. The rename is atomic on one file system: a reader opens either
    the old file or the new one, never half of either, and readers holding the old file keep their open handle on
    the old inode. A copy that fails leaves no staging file behind.
    """
    published_db.parent.mkdir(parents=True, exist_ok=True)
    staging = published_db.with_name(f".{published_db.name}.{os.getpid()}.tmp")
    con = open_writer(build_db)
    # The lock is held to the rename: a staging file found while holding it is a killed publication's, never
    # the copy of another process between its copy and its rename.
    try:
        clear_staging(published_db)
        try:
            if not (published_db.exists() and _updated(con, published_db, staging)):
                clear_staging(published_db)
                _write_readable_copy(con, staging)
            crash_point("publish.copy")
            # Read-only on disk too: nobody opens the published file to write to it, by mistake or otherwise; and
            # only the service's user and group read it (analysts join the group).
            staging.chmod(0o440)
            with open(staging, "rb") as handle:
                os.fsync(handle.fileno())
            # A WAL beside the published file belongs to an older file (someone opened it read-write): replayed
            # onto the new one it would make it unopenable.
            published_db.with_name(published_db.name + ".wal").unlink(missing_ok=True)
            os.replace(staging, published_db)
        except BaseException:
            clear_staging(published_db)
            raise
        fsync_dir(published_db.parent)
    finally:
        con.close()
    crash_point("publish.replaced")
    return published_db


def clear_staging(published_db: Path) -> None:
    """Remove the half-written copies (and their WALs) a killed publication left beside the published file."""
    for leftover in published_db.parent.glob(f".{published_db.name}.*.tmp*"):
        leftover.unlink(missing_ok=True)


def build_state(build_db: Path) -> str:
    """What analysts would see of the build: every object's fingerprint, the audit trail of the files and the
    build file's own history (its migrations, applied at its making: a build file made anew numbers its loads
    afresh, so the same load ids no longer mean the same rows), and the alerts logged. Check results are left out:
    re-checking unchanged tables does not make a new warehouse."""
    con = open_writer(build_db)
    try:
        rows = con.execute(
            "SELECT (SELECT string_agg(table_name || '=' || fingerprint, ',' ORDER BY table_name)"
            "        FROM audit.table_fingerprints),"
            "       (SELECT string_agg(concat_ws(':', load_id, status, superseded_by, removed_at IS NULL), ','"
            "                          ORDER BY load_id) FROM audit.loads),"
            "       (SELECT string_agg(concat_ws(':', source, file_path, reason), ',' ORDER BY source, file_path)"
            "        FROM audit.skipped_files),"
            "       (SELECT string_agg(name || '@' || applied_at, ',' ORDER BY name) FROM audit.migrations),"
            "       (SELECT max(alert_id) FROM audit.alerts)").fetchone()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
