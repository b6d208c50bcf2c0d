"""Loading many small files a batch at a time: one read call, one transaction and one insert per raw table for
the whole batch, where warehouse/loads.py pays all of them per file. Each file keeps its own load_id,
audit.loads row, lineage and quarantine rows, exactly as load_source would write them.

A thousand 50-row department workbooks a night made per-file overheads (pandera's fixed cost per call, one
DuckDB statement per table per file) most of the time spent; see bench/README.md.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from ingest.forms.common import FileRejected, ParsedFile
from ingest.forms.reference import Reference
from ingest.tables import TableNotFound
from ingest.workbook import UnreadableFile
from warehouse.database import insert_frame
from warehouse.loads import LoadOutcome, _issues_frame, _summary, archive, known_hashes, landing_files, sha256_of

log = logging.getLogger(__name__)

BatchReader = Callable[[list[Path], Reference], list[ParsedFile | Exception]]
BATCH_SIZE = 200  # files per transaction: large enough to amortise, small enough to keep memory flat


def load_source_batched(
    con: duckdb.DuckDBPyConnection,
    source: str,
    landing_dir: Path,
    archive_dir: Path,
    reader: BatchReader,
    reference: Reference,
    run_id: str | None = None,
    batch_size: int = BATCH_SIZE,
) -> list[LoadOutcome]:
    """load_source for a reader that reads many files at once; an unchanged file (same sha256) is skipped."""
    seen = known_hashes(con, source)
    arrivals = []
    for path in landing_files(landing_dir):
        sha = sha256_of(path)
        if sha not in seen:
            seen.add(sha)
            arrivals.append((path, sha))
    outcomes: list[LoadOutcome] = []
    for start in range(0, len(arrivals), batch_size):
        batch = arrivals[start:start + batch_size]
        results = reader([path for path, _ in batch], reference)
        try:
            outcomes.extend(_write_batch(con, source, landing_dir, archive_dir, batch, results, run_id))
        except duckdb.Error:
            # One file's rows broke a constraint: write the batch file by file so only that file fails.
            log.exception("batch of %d %s files failed; loading them one by one", len(batch), source)
            for arrival, result in zip(batch, results, strict=True):
                outcomes.extend(_write_batch(con, source, landing_dir, archive_dir, [arrival], [result], run_id))
    return outcomes


def _message(result: ParsedFile | Exception, path: Path) -> str:
    if isinstance(result, FileRejected | UnreadableFile | TableNotFound):
        return str(result)
    log.error("reading %s failed", path, exc_info=result)
    return f"读取文件时程序出错，请联系管理员 (the reader failed): {type(result).__name__}: {result}"


def _write_batch(con, source, landing_dir, archive_dir, batch, results, run_id) -> list[LoadOutcome]:
    load_ids = [row[0] for row in con.execute(
        "SELECT nextval('audit.load_ids') FROM range(?)", [len(batch)]).fetchall()]
    rows: list[dict] = []
    tables: dict[str, list[tuple[pd.DataFrame, int, str]]] = {}
    quarantine: list[pd.DataFrame] = []
    findings: list[pd.DataFrame] = []
    con.begin()
    try:
        for (path, sha), result, load_id in zip(batch, results, load_ids, strict=True):
            relative = str(path.relative_to(landing_dir))
            row = {"load_id": load_id, "source": source, "file_name": path.name, "file_path": relative,
                   "sha256": sha, "size_bytes": path.stat().st_size,
                   "archive_path": str(archive(path, sha, archive_dir)), "loaded_at": dt.datetime.now(),
                   "run_id": run_id, "superseded_by": None}
            if isinstance(result, Exception):
                row |= {"status": "rejected", "rows_read": 0, "rows_accepted": 0, "rows_rejected": 0,
                        "message": _message(result, path), "logical_key": f"{source}|{relative}"}
            else:
                accepted = _gather(con, load_id, path.name, result, tables, quarantine, findings)
                row |= {"status": "loaded", "rows_read": result.rows_read, "rows_accepted": accepted,
                        "rows_rejected": result.rejected_rows, "message": _summary(result),
                        "logical_key": result.logical_key}
            _supersede_in_batch(rows, row)
            rows.append(row)
        _supersede_earlier(con, source, rows)
        for table, parts in tables.items():
            insert_frame(con, table, _with_lineage(parts))
        for table, frames in (("audit.quarantine", quarantine), ("audit.file_findings", findings)):
            if frames:
                insert_frame(con, table, pd.concat(frames, ignore_index=True))
        insert_frame(con, "audit.loads", pd.DataFrame(rows, dtype=object))
        con.commit()
    except Exception:
        con.rollback()
        raise
    return [LoadOutcome(r["load_id"], source, r["file_name"], r["status"], r["rows_read"], r["rows_accepted"],
                        r["rows_rejected"], r["message"]) for r in rows]


def _with_lineage(parts: list[tuple[pd.DataFrame, int, str]]) -> pd.DataFrame:
    # One concat and two column assignments for the batch: a pandas call per file costs more than its rows.
    frame = pd.concat([part for part, _, _ in parts], ignore_index=True)
    frame["load_id"] = [load_id for part, load_id, _ in parts for _ in range(len(part))]
    frame["file_name"] = [file_name for part, _, file_name in parts for _ in range(len(part))]
    return frame


def _gather(con, load_id: int, file_name: str, parsed: ParsedFile,
            tables: dict[str, list[tuple[pd.DataFrame, int, str]]], quarantine: list[pd.DataFrame],
            findings: list[pd.DataFrame]) -> int:
    """Queue one file's rows with their lineage; returns its accepted data rows."""
    accepted = 0
    for table, frames in parsed.tables.items():
        for frame in frames:
            tables.setdefault(table, []).append((frame, load_id, file_name))
            if table != "raw.dept_reports":  # the report header row is not one of the file's data rows
                accepted += len(frame)
    for write in parsed.bulk_writers:
        read, written, rejected = write(con, load_id, file_name)
        parsed.rows_read += read
        parsed.bulk_rejected += rejected
        accepted += written
    if parsed.issues:
        quarantine.append(_issues_frame(load_id, file_name, parsed.issues))
    if parsed.findings:
        frame = pd.DataFrame(parsed.findings, columns=["sheet", "rule", "message"], dtype=object)
        findings.append(frame.assign(load_id=load_id, file_name=file_name))
    return accepted


def _supersede_in_batch(rows: list[dict], new: dict) -> None:
    """A later file of the batch for the same thing replaces an earlier one of the same batch."""
    for row in rows:
        if row["status"] in ("loaded", "rejected") and (
                row["logical_key"] == new["logical_key"] or row["file_path"] == new["file_path"]):
            row["status"], row["superseded_by"] = "superseded", new["load_id"]


def _supersede_earlier(con: duckdb.DuckDBPyConnection, source: str, rows: list[dict]) -> None:
    """Loads of earlier runs are replaced by the first file of this batch for the same thing, as loading the
    files one by one in order would have done."""
    new = pd.DataFrame([{k: r[k] for k in ("load_id", "logical_key", "file_path")} for r in rows], dtype=object)
    con.register("_batch_loads", new)
    try:
        con.execute(
            """
            UPDATE audit.loads SET status = 'superseded', superseded_by = (
                SELECT min(n.load_id) FROM _batch_loads n
                WHERE n.logical_key = audit.loads.logical_key OR n.file_path = audit.loads.file_path)
            WHERE source = ? AND status IN ('loaded', 'rejected') AND EXISTS (
                SELECT 1 FROM _batch_loads n
                WHERE n.logical_key = audit.loads.logical_key OR n.file_path = audit.loads.file_path)
            """,
            [source],
        )
    finally:
        con.unregister("_batch_loads")
