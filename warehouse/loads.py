"""Loading landing-zone files into raw.*: one audit.loads row per file, its bad rows in audit.quarantine,
and a copy of every file read in the archive. Knows nothing of Dagster.

Files are read and written a batch at a time: one read call, one transaction and one insert per raw table for
the whole batch. A thousand 50-row department workbooks a night made per-file overheads (pandera's fixed cost
per call, one DuckDB statement per table per file) most of the time spent; see bench/README.md. Each file still
keeps its own load_id, audit.loads row, lineage and quarantine rows.
"""

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
from warehouse import customs_platform
from warehouse.database import insert_frame
from warehouse.home import Paths

log = logging.getLogger(__name__)

ACCEPTED_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv"}
Reader = Callable[[Path, Reference], ParsedFile]
BatchReader = Callable[[list[Path], Reference], list[ParsedFile | Exception]]


@dataclass(frozen=True)
class LoadOutcome:
    load_id: int | None  # None: the file could not be written and is not recorded, so the next run tries again
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


def known_stats(con: duckdb.DuckDBPyConnection, source: str) -> set[tuple[str, int, int]]:
    """(path, size, modification time) of every file loaded: the same three mean the same file, unread."""
    rows = con.execute(
        "SELECT file_path, size_bytes, modified_ns FROM audit.loads WHERE source = ? AND modified_ns IS NOT NULL",
        [source]).fetchall()
    return set(rows)


def read_each(reader: Reader) -> BatchReader:
    """A reader of one file as a reader of many: a file that fails is returned as its exception."""
    def read(paths: list[Path], reference: Reference) -> list[ParsedFile | Exception]:
        results: list[ParsedFile | Exception] = []
        for path in paths:
            try:
                results.append(reader(path, reference))
            except Exception as err:  # noqa: BLE001 - the loader reports it against this file, the others go on
                results.append(err)
        return results
    return read


BATCH_SIZE = 200  # files per transaction: large enough to amortise, small enough to keep memory flat


def load_source(
    con: duckdb.DuckDBPyConnection,
    source: str,
    home: Paths,
    reader: BatchReader,
    reference: Reference,
    run_id: str | None = None,
    batch_size: int = BATCH_SIZE,
) -> list[LoadOutcome]:
    """Load the new files of landing/<source>, a batch at a time; an unchanged file (same sha256) is skipped,
    and one untouched since its load (same path, size and modification time) is not even read to hash it."""
    landing_dir = home.landing_for(source)
    seen = known_hashes(con, source)
    untouched = known_stats(con, source)
    arrivals = []
    for path in landing_files(landing_dir):
        stat = path.stat()
        if (str(path.relative_to(landing_dir)), stat.st_size, stat.st_mtime_ns) in untouched:
            continue
        sha = sha256_of(path)
        if sha not in seen:
            seen.add(sha)
            arrivals.append((path, sha))
    scratch = home.scratch / source
    shutil.rmtree(scratch, ignore_errors=True)  # whatever a killed run left behind
    outcomes: list[LoadOutcome] = []
    for start in range(0, len(arrivals), batch_size):
        batch = arrivals[start:start + batch_size]
        results = reader([path for path, _ in batch], reference)
        try:
            outcomes.extend(_write_batch(con, source, home, batch, results, run_id))
        except Exception:  # noqa: BLE001 - retried file by file below, so only the file at fault fails
            log.exception("batch of %d %s files failed; loading them one by one", len(batch), source)
            for arrival in batch:
                # A fresh parse: nothing of the failed attempt is reused.
                outcomes.append(_write_alone(con, source, home, arrival, reader, reference, run_id))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return outcomes


def _write_alone(con, source, home: Paths, arrival, reader: BatchReader, reference: Reference, run_id
                 ) -> LoadOutcome:
    """One file in its own transaction. If even that fails, nothing of it is recorded (its copy stays in the
    archive), so the next run tries it again: a full disk must not mark good files rejected for ever."""
    try:
        [outcome] = _write_batch(con, source, home, [arrival], reader([arrival[0]], reference), run_id)
        return outcome
    except Exception as err:  # noqa: BLE001 - reported on the asset's check, the other files go on
        log.exception("writing %s failed", arrival[0])
        return LoadOutcome(None, source, arrival[0].name, "failed", 0, 0, 0,
                           f"写入仓库时出错，下次运行将重试 (writing to the warehouse failed; retried next run): "
                           f"{type(err).__name__}: {err}")


def _message(result: ParsedFile | Exception, path: Path) -> str:
    if isinstance(result, FileRejected | UnreadableFile | TableNotFound):
        return str(result)
    log.error("reading %s failed", path, exc_info=result)
    return f"读取文件时程序出错，请联系管理员 (the reader failed): {type(result).__name__}: {result}"


def _write_batch(con, source, home: Paths, batch, results, run_id) -> list[LoadOutcome]:
    landing_dir = home.landing_for(source)
    load_ids = [row[0] for row in con.execute(
        "SELECT nextval('audit.load_ids') FROM range(?)", [len(batch)]).fetchall()]
    results = [_prepared(result, home.scratch / source / str(load_id)) for result, load_id in zip(
        results, load_ids, strict=True)]
    rows: list[dict] = []
    tables: dict[str, list[tuple[pd.DataFrame, int, str]]] = {}
    quarantine: list[pd.DataFrame] = []
    findings: list[pd.DataFrame] = []
    con.begin()
    try:
        for (path, sha), result, load_id in zip(batch, results, load_ids, strict=True):
            relative = str(path.relative_to(landing_dir))
            row = {"load_id": load_id, "source": source, "file_name": path.name, "file_path": relative,
                   "sha256": sha, "size_bytes": path.stat().st_size, "modified_ns": path.stat().st_mtime_ns,
                   "archive_path": str(archive(path, sha, home.archive)), "loaded_at": dt.datetime.now(),
                   "run_id": run_id, "superseded_by": None}
            if isinstance(result, Exception):
                row |= {"status": "rejected", "rows_read": 0, "rows_accepted": 0, "rows_rejected": 0,
                        "message": _message(result, path), "logical_key": f"{source}|{relative}"}
            else:
                parsed, bulk = result
                read, accepted, rejected = _gather(con, load_id, path.name, parsed, bulk, tables, quarantine,
                                                   findings)
                row |= {"status": "loaded", "rows_read": read, "rows_accepted": accepted, "rows_rejected": rejected,
                        "message": _summary(parsed, rejected), "logical_key": parsed.logical_key}
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


def _prepared(result: ParsedFile | Exception, scratch: Path
              ) -> tuple[ParsedFile, list[tuple[customs_platform.PlatformLayout, Path]]] | Exception:
    """A parsed file with its bulk downloads made ready to load (outside the transaction: a download that cannot
    be decoded rejects its file, not the batch)."""
    if isinstance(result, Exception):
        return result
    ready = []
    for number, download in enumerate(result.bulk_loads):
        folder = scratch / str(number)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            ready.append((download.layout, customs_platform.prepare(download, folder)))
        except FileRejected as err:
            return err
    return result, ready


def _gather(con, load_id: int, file_name: str, parsed: ParsedFile,
            bulk: list[tuple[customs_platform.PlatformLayout, Path]],
            tables: dict[str, list[tuple[pd.DataFrame, int, str]]], quarantine: list[pd.DataFrame],
            findings: list[pd.DataFrame]) -> tuple[int, int, int]:
    """Queue one file's rows with their lineage, load its bulk downloads; returns its rows read, accepted and
    rejected. `parsed` is not changed, so a retry counts from the same figures."""
    read, accepted, rejected = parsed.rows_read, 0, parsed.rejected_rows
    for table, frames in parsed.tables.items():
        for frame in frames:
            tables.setdefault(table, []).append((frame, load_id, file_name))
            if table != "raw.dept_reports":  # the report header row is not one of the file's data rows
                accepted += len(frame)
    for layout, csv_path in bulk:
        counts = customs_platform.load_platform_csv(con, csv_path, layout, load_id, file_name)
        read, accepted, rejected = read + counts.read, accepted + counts.accepted, rejected + counts.rejected
    if parsed.issues:
        quarantine.append(_issues_frame(load_id, file_name, parsed.issues))
    if parsed.findings:
        frame = pd.DataFrame(parsed.findings, columns=["sheet", "rule", "message"], dtype=object)
        findings.append(frame.assign(load_id=load_id, file_name=file_name))
    return read, accepted, rejected


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


def _issues_frame(load_id: int, file_name: str, issues: list[Issue]) -> pd.DataFrame:
    frame = pd.DataFrame([issue.__dict__ for issue in issues], dtype=object)
    return frame.assign(load_id=load_id, file_name=file_name)


def _summary(parsed: ParsedFile, rejected: int) -> str | None:
    if not rejected and not parsed.findings:
        return None
    parts = []
    if rejected:
        parts.append(f"{rejected} 行未通过校验，已隔离 (rows quarantined)")
    parts.extend(message for _sheet, _rule, message in parsed.findings)
    return "；".join(parts)
