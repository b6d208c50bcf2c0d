"""Publishing: analysts only ever see a complete, checked build, swapped in by one atomic rename."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb


def publish(build_db: Path, published_db: Path) -> Path:
    """Copy the closed build file beside the published one, then rename it over the old one.

    The copy is checkpointed first so it carries no WAL; the rename is atomic on one file system, so a
    reader opens either the old file or the new one, never half of either. Readers holding the old file
    keep their open handle on the old inode.
    """
    con = duckdb.connect(str(build_db))
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()
    published_db.parent.mkdir(parents=True, exist_ok=True)
    staging = published_db.with_name(f".{published_db.name}.{os.getpid()}.tmp")
    shutil.copyfile(build_db, staging)
    with open(staging, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(staging, published_db)
    return published_db
