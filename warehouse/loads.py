"""Loading landing-zone files into raw.*: one audit.loads row per file, its bad rows in audit.quarantine,
and a copy of every file read in the archive. Knows nothing of Dagster."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from ingest.forms.common import FileRejected, Issue, ParsedFile
from ingest.forms.reference import Reference
from ingest.tables import TableNotFound
from ingest.workbook import UnreadableFile
from warehouse.database import insert_frame

log = logging.getLogger(__name__)

ACCEPTED_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv"}
Reader = Callable[[Path, Reference], ParsedFile]


@dataclass(frozen=True)
class LoadOutcome:
    load_id: int
    source: str
    file_name: str
    status: str
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    message: str | None


def landing_files(folder: Path) -> list[Path]:
    """Files to consider, oldest first, so a later resubmission replaces an earlier one.

    Office's lock files (~$x.xlsx) and hidden files are half-written copies, not submissions.
    """
    if not folder.exists():
        return []
    files = [
        p for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(("~$", ".")) and p.suffix.lower() in ACCEPTED_SUFFIXES
    ]
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name))


def ignored_files(folder: Path) -> list[Path]:
    """Files in the landing zone that are not a kind we read: reported, never silently skipped."""
    if not folder.exists():
        return []
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(("~$", ".")) and p.suffix.lower() not in ACCEPTED_SUFFIXES
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def archive(path: Path, sha256: str, archive_dir: Path) -> Path:
    """Keep the file for ever under its content hash; the same content is stored once."""
    target = archive_dir / sha256[:2] / f"{sha256}{path.suffix.lower()}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return target


def known_hashes(con: duckdb.DuckDBPyConnection, source: str) -> set[str]:
    rows = con.execute("SELECT sha256 FROM audit.loads WHERE source = ?", [source]).fetchall()
    return {sha for (sha,) in rows}


def load_source(
    con: duckdb.DuckDBPyConnection,
    source: str,
    landing_dir: Path,
    archive_dir: Path,
    reader: Reader,
    reference: Reference,
    run_id: str | None = None,
) -> list[LoadOutcome]:
    """Load every new or changed file of one source; an unchanged file (same sha256) is not loaded again."""
    seen = known_hashes(con, source)
    outcomes = []
    for path in landing_files(landing_dir):
        sha = sha256_of(path)
        if sha in seen:
            continue
        seen.add(sha)
        outcomes.append(_load_one(con, source, landing_dir, archive_dir, path, sha, reader, reference, run_id))
    return outcomes


def _load_one(con, source, landing_dir, archive_dir, path, sha, reader, reference, run_id) -> LoadOutcome:
    stored = archive(path, sha, archive_dir)
    load_id = con.execute("SELECT nextval('audit.load_ids')").fetchone()[0]
    relative = str(path.relative_to(landing_dir))
    try:
        parsed = reader(path, reference)
    except (FileRejected, UnreadableFile, TableNotFound) as err:
        parsed, message = None, str(err)
    except Exception as err:  # noqa: BLE001 - one broken file must never stop the others
        log.exception("reading %s failed", path)
        parsed, message = None, f"读取文件时程序出错，请联系管理员 (the reader failed): {type(err).__name__}: {err}"
    base = {
        "load_id": load_id, "source": source, "file_name": path.name, "file_path": relative, "sha256": sha,
        "size_bytes": path.stat().st_size, "archive_path": str(stored), "loaded_at": dt.datetime.now(),
        "run_id": run_id,
    }
    con.begin()
    try:
        if parsed is None:
            row = base | {"status": "rejected", "rows_read": 0, "rows_accepted": 0, "rows_rejected": 0,
                          "message": message, "logical_key": f"{source}|{relative}"}
        else:
            accepted = _write_rows(con, load_id, path.name, parsed)
            row = base | {"status": "loaded", "rows_read": parsed.rows_read, "rows_accepted": accepted,
                          "rows_rejected": parsed.rejected_rows, "message": _summary(parsed),
                          "logical_key": parsed.logical_key}
        _supersede(con, source, load_id, row["logical_key"], relative)
        insert_frame(con, "audit.loads", pd.DataFrame([row], dtype=object))
        con.commit()
    except Exception:
        con.rollback()
        raise
    return LoadOutcome(load_id, source, path.name, row["status"], row["rows_read"], row["rows_accepted"],
                       row["rows_rejected"], row["message"])


def _write_rows(con: duckdb.DuckDBPyConnection, load_id: int, file_name: str, parsed: ParsedFile) -> int:
    accepted = 0
    for table, frames in parsed.tables.items():
        for frame in frames:
            frame = frame.assign(load_id=load_id, file_name=file_name)
            written = insert_frame(con, table, frame)
            if table != "raw.dept_reports":  # the report header row is not one of the file's data rows
                accepted += written
    for write in parsed.bulk_writers:
        read, written, rejected = write(con, load_id, file_name)
        parsed.rows_read += read
        parsed.bulk_rejected += rejected
        accepted += written
    if parsed.issues:
        insert_frame(con, "audit.quarantine", _issues_frame(load_id, file_name, parsed.issues))
    if parsed.findings:
        findings = pd.DataFrame(parsed.findings, columns=["sheet", "rule", "message"], dtype=object)
        insert_frame(con, "audit.file_findings", findings.assign(load_id=load_id, file_name=file_name))
    return accepted


def _issues_frame(load_id: int, file_name: str, issues: list[Issue]) -> pd.DataFrame:
    frame = pd.DataFrame([issue.__dict__ for issue in issues], dtype=object)
    return frame.assign(load_id=load_id, file_name=file_name)


def _summary(parsed: ParsedFile) -> str | None:
    if not parsed.rejected_rows and not parsed.findings:
        return None
    parts = []
    if parsed.rejected_rows:
        parts.append(f"{parsed.rejected_rows} 行未通过校验，已隔离 (rows quarantined)")
    parts.extend(message for _sheet, _rule, message in parsed.findings)
    return "；".join(parts)


def _supersede(con: duckdb.DuckDBPyConnection, source: str, load_id: int, logical_key: str | None,
               relative: str) -> None:
    """A later file for the same thing (same name, or same department and period...) replaces the earlier."""
    con.execute(
        """
        UPDATE audit.loads SET status = 'superseded', superseded_by = ?
        WHERE source = ? AND status IN ('loaded', 'rejected') AND (logical_key = ? OR file_path = ?)
        """,
        [load_id, source, logical_key, relative],
    )
