"""Publishing: analysts only ever see a complete, checked build, swapped in by one atomic rename."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from warehouse.database import open_writer


def publish(build_db: Path, published_db: Path) -> Path:
    """Copy the checkpointed build file beside the published one, then rename it over the old one.

    The copy is checkpointed first so it carries no WAL, and is taken while this process still holds the
    build file's lock, so no other writer can change it halfway through the copy. The rename is atomic on
    one file system: a reader opens either the old file or the new one, never half of either, and readers
    holding the old file keep their open handle on the old inode.
    """
    published_db.parent.mkdir(parents=True, exist_ok=True)
    staging = published_db.with_name(f".{published_db.name}.{os.getpid()}.tmp")
    con = open_writer(build_db)
    try:
        con.execute("CHECKPOINT")
        shutil.copyfile(build_db, staging)
    finally:
        con.close()
    with open(staging, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(staging, published_db)
    return published_db


def build_state(build_db: Path) -> str:
    """What analysts would see of the build: every object's fingerprint and the audit trail of the files. Check
    results are left out: re-checking unchanged tables does not make a new warehouse."""
    con = open_writer(build_db)
    try:
        rows = con.execute(
            "SELECT (SELECT string_agg(table_name || '=' || fingerprint, ',' ORDER BY table_name)"
            "        FROM audit.table_fingerprints),"
            "       (SELECT string_agg(concat_ws(':', load_id, status, superseded_by, removed_at IS NULL), ','"
            "                          ORDER BY load_id) FROM audit.loads),"
            "       (SELECT string_agg(concat_ws(':', source, file_path, reason), ',' ORDER BY source, file_path)"
            "        FROM audit.skipped_files)").fetchone()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
