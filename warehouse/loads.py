"""Loading landing-zone files into raw.*: one audit.loads row per file read, its bad rows in audit.quarantine,
a copy of every file read in the archive, and the entries not read in audit.skipped_files. Knows nothing of
Dagster.

Files are read and written a batch at a time: one read call, one transaction and one insert per raw table for
the whole batch. A thousand 50-row department workbooks a night made per-file overheads (pandera's fixed cost
per call, one DuckDB statement per table per file) most of the time spent; see bench/README.md. Each file still
keeps its own load_id, audit.loads row, lineage and quarantine rows.

Every file read ends the run recorded: loaded (its bad rows quarantined), rejected (it cannot be placed, with the
reason), or failed (it could not be written: the database's own error, retried next run). A batch that fails
to write is retried file by file from a fresh parse, so nothing of a failed attempt leaks into the next.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from ingest.forms.common import FileRejected, Issue, ParsedFile
from ingest.forms.judging import UNJUDGED, judge_files
from ingest.forms.reference import Reference
from ingest.tables import TableNotFound
from ingest.workbook import UnreadableFile
from warehouse import customs_platform
from warehouse.crashpoints import crash_point
from warehouse.database import insert_frame
from warehouse.home import Paths
from warehouse.isolation import ParsePool, ReaderCrashed, Reading
from warehouse.landing import (
    LandingFile,
    NotRegularFile,
    Skipped,
    archive,
    clear_staging,
    fitting_name,
    make_durable,
    scan,
    submitted_by,
)
from warehouse.platform_child import copy_staged, load_bounded

log = logging.getLogger(__name__)

# A module-level function reader(paths, reference), so that worker processes can run it (warehouse/isolation.py);
# the tables of the files it returns may still be pending: the loader judges them by their models.
BatchReader = Callable[[list[Path], Reference], list[ParsedFile | Exception]]
BATCH_SIZE = 200  # files per transaction: large enough to amortise, small enough to keep memory flat
# ... and at most this many bytes of files: a batch's rows are in the loader's memory at once (80 workbooks of 30 MB
# of text, each under the file limit, took it to 1.86 GB in one batch).
BATCH_BYTES = 64 * 1024**2


@dataclass(frozen=True)
class LoadOutcome:
    load_id: int
    source: str
    file_name: str
    status: str  # loaded | rejected | failed | superseded (by a later file of the same batch)
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    message: str | None


@dataclass(frozen=True)
class _Arrival:
    file: LandingFile
    sha256: str
    archived: Path


def load_source(
    con: duckdb.DuckDBPyConnection,
    source: str,
    home: Paths,
    reader: BatchReader,
    reference: Reference,
    run_id: str | None = None,
    pool: ParsePool | None = None,
    batch_size: int = BATCH_SIZE,
) -> list[LoadOutcome]:
    """Load the new files of landing/<source>; `pool` reads them in worker processes (None: in this process).

    An unchanged file (same sha256) is not loaded twice, and one untouched since its load (same path, size and
    modification time) is not even read to hash it.
    """
    scratch = home.scratch / source
    shutil.rmtree(scratch, ignore_errors=True)  # whatever a killed run left behind
    clear_staging(home.archive)
    files, skipped = scan(home.landing_for(source))
    _note_removals(con, source, [f.relative for f in files])
    settle(con, source)  # a file taken out may put back the one it had replaced
    arrivals, skipped = _arrivals(con, source, home, files, skipped)
    _record_skipped(con, source, skipped)
    if arrivals:
        make_durable(home.archive)  # every copy on disk before any load naming it is committed

    def submit(batch: list[_Arrival], name: str) -> Reading | list[Path]:
        # The links stay until the batch is written: a bulk download is read from its link when it is loaded.
        folder = scratch / "read" / name
        shutil.rmtree(folder, ignore_errors=True)
        paths = [_link(arrival, folder / str(number)) for number, arrival in enumerate(batch)]
        return pool.submit(reader, paths, reference) if pool else paths

    def collect(submitted: Reading | list[Path]) -> list[ParsedFile | Exception]:
        return pool.collect(submitted) if pool else reader(submitted, reference)

    def read(batch: list[_Arrival]) -> list[ParsedFile | Exception]:
        return judge_files(collect(submit(batch, "again")))

    batches = _batches(arrivals, batch_size)
    outcomes: list[LoadOutcome] = []
    submitted = submit(batches[0], "0") if batches else None
    try:
        for number, batch in enumerate(batches):
            results = collect(submitted)
            crash_point("loads.parsed")
            # The workers read the next batch while this one is judged and written.
            submitted = submit(batches[number + 1], str(number + 1)) if number + 1 < len(batches) else None
            results = judge_files(results)
            try:
                outcomes.extend(_write_batch(con, source, home, batch, results, run_id))
            except Exception:  # noqa: BLE001 - retried file by file below, so only the file at fault fails
                log.exception("batch of %d %s files failed; loading them one by one", len(batch), source)
                for arrival in batch:
                    outcomes.append(_write_alone(con, source, home, arrival, read, run_id))
            shutil.rmtree(scratch / "read" / str(number), ignore_errors=True)
    finally:
        if pool and submitted is not None:
            pool.discard(submitted)  # interrupted: nothing is left reading for a batch that will not be written
        shutil.rmtree(scratch, ignore_errors=True)
    return outcomes


def _batches(arrivals: list[_Arrival], batch_size: int) -> list[list[_Arrival]]:
    """The arrivals in order, cut at `batch_size` files or BATCH_BYTES of them, whichever comes first."""
    batches: list[list[_Arrival]] = []
    size = 0
    for arrival in arrivals:
        if not batches or len(batches[-1]) == batch_size or size + arrival.file.size > BATCH_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(arrival)
        size += arrival.file.size
    return batches


def _link(arrival: _Arrival, folder: Path) -> Path:
    """The archive copy under the file's own name (readers take the period or department from it)."""
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / fitting_name(Path(arrival.file.relative).name)
    try:
        os.link(arrival.archived, link)
    except OSError:  # another file system, or links not allowed: a copy does as well
        shutil.copyfile(arrival.archived, link)
    return link


def _arrivals(con, source: str, home: Paths, files: list[LandingFile], skipped: list[Skipped]
              ) -> tuple[list[_Arrival], list[tuple[Skipped, str | None, int | None]]]:
    """The files not read before, each archived; and every entry not read, with its hash and the load it repeats
    where it is a copy of content already read."""
    loads = con.execute(
        "SELECT load_id, file_path, sha256, size_bytes, modified_ns, status FROM audit.loads"
        " WHERE source = ? AND outcome <> 'failed' ORDER BY load_id", [source]).fetchall()
    # What each path held when it was last read: an earlier version under the same name does not count.
    untouched = set({path: (path, size, modified) for _, path, _, size, modified, _ in loads}.values())
    # Content is known only while a load of it is in force: a superseded file dropped again, touched or under
    # another name, is read again and replaces what replaced it.
    first_load = {}
    for load_id, path, sha, _, _, status in loads:
        if status != "superseded":
            first_load.setdefault(sha, (load_id, path))
    # A copy seen by an earlier run is known by its path, size and time too: not hashed every night.
    known_copies = {(path, size, modified): sha for path, size, modified, sha in con.execute(
        "SELECT file_path, size_bytes, modified_ns, sha256 FROM audit.skipped_files"
        " WHERE source = ? AND reason = 'same_content'", [source]).fetchall()}
    not_read: list[tuple[Skipped, str | None, int | None]] = [(s, None, None) for s in skipped]
    arrivals: list[_Arrival] = []
    for file in files:
        stamp = (file.relative, file.size, file.modified_ns)
        if stamp in untouched:
            continue
        sha = known_copies.get(stamp)
        archived = None
        # A remembered copy is trusted only while the load it repeats is still in force; otherwise it is read.
        if sha is None or sha not in first_load:
            try:
                sha, archived = archive(file.path, home.archive)
            except NotRegularFile:
                not_read.append((Skipped(file.relative, "not_a_regular_file", NotRegularFile.MESSAGE), None, None))
                continue
        if sha not in first_load:
            first_load[sha] = (None, file.relative)
            arrivals.append(_Arrival(file, sha, archived))
            continue
        load_id, first_path = first_load[sha]
        if first_path == file.relative:  # touched, not changed: remembered so it is not hashed again
            con.execute("UPDATE audit.loads SET size_bytes = ?, modified_ns = ? WHERE load_id = ?",
                        [file.size, file.modified_ns, load_id])
            continue
        first_name = Path(first_path).name
        message = f"与「{first_name}」内容完全相同，未重复读取 (same content as {first_name}, not read again)"
        not_read.append((Skipped(file.relative, "same_content", message, file.size, file.modified_ns), sha, load_id))
    return arrivals, not_read


def _record_skipped(con, source: str, skipped: list[tuple[Skipped, str | None, int | None]]) -> None:
    frame = pd.DataFrame([{
        "source": source, "file_path": s.relative, "file_name": s.name, "reason": s.reason, "message": s.message,
        "same_as_load_id": load_id, "size_bytes": s.size, "modified_ns": s.modified_ns, "sha256": sha,
        "seen_at": dt.datetime.now(),
    } for s, sha, load_id in skipped], dtype=object)
    con.begin()
    con.execute("DELETE FROM audit.skipped_files WHERE source = ?", [source])
    insert_frame(con, "audit.skipped_files", frame)
    con.commit()


def _note_removals(con, source: str, present: list[str]) -> None:
    """A file taken out of the landing zone closes its rejection; its load, if it loaded, stays in force unless a
    file it had replaced is still there (audit.load_standing)."""
    con.execute(
        "UPDATE audit.loads SET removed_at = now() WHERE source = ? AND removed_at IS NULL"
        " AND NOT list_contains(?, file_path)", [source, present])
    con.execute("UPDATE audit.loads SET removed_at = NULL WHERE source = ? AND removed_at IS NOT NULL"
                " AND list_contains(?, file_path)", [source, present])


def _write_alone(con, source, home: Paths, arrival: _Arrival, read, run_id) -> LoadOutcome:
    """One file in its own transaction, from a fresh parse. If even that fails, the file is recorded as failed
    with the database's own error and tried again next run: a full disk must not reject good files for ever."""
    try:
        [outcome] = _write_batch(con, source, home, [arrival], read([arrival]), run_id)
        return outcome
    except Exception as err:  # noqa: BLE001 - recorded against this file, the other files go on
        log.exception("writing %s failed", arrival.file.relative)
        _rollback(con)
        [row] = _load_rows(con, source, [arrival], run_id)
        row |= {
            "status": "failed", "outcome": "failed", "rows_read": 0, "rows_accepted": 0, "rows_rejected": 0,
            "logical_key": f"{source}|{arrival.file.relative}",
            "message": f"写入仓库时出错，下次运行将重试 (writing to the warehouse failed; retried next run): "
                       f"{type(err).__name__}: {err}"}
        con.begin()
        insert_frame(con, "audit.loads", pd.DataFrame([row], dtype=object))
        settle(con, source)  # an earlier failed attempt at this file is replaced; a good earlier load stays
        con.commit()
        return _outcome(row)


def _rollback(con) -> None:
    try:
        con.rollback()
    except duckdb.Error:
        pass  # no transaction was open


def _message(result: Exception, path: Path) -> str:
    if isinstance(result, FileRejected | UnreadableFile | TableNotFound):
        return str(result)
    if isinstance(result, ReaderCrashed):
        return f"文件「{path.name}」无法读取：{result}"
    log.error("reading %s failed", path, exc_info=result)
    return f"读取文件时程序出错，请联系管理员 (the reader failed): {type(result).__name__}: {result}"


def _load_rows(con, source: str, batch: list[_Arrival], run_id: str | None) -> list[dict]:
    """The audit.loads rows of a batch, each with its new load_id; the outcome columns are filled in later."""
    load_ids = [load_id for (load_id,) in con.execute(
        "SELECT nextval('audit.load_ids') FROM range(?)", [len(batch)]).fetchall()]
    return [{"load_id": load_id, "source": source, "file_name": Path(arrival.file.relative).name,
             "file_path": arrival.file.relative, "sha256": arrival.sha256, "size_bytes": arrival.file.size,
             "modified_ns": arrival.file.modified_ns, "archive_path": str(arrival.archived),
             "loaded_at": dt.datetime.now(), "run_id": run_id, "superseded_by": None, "removed_at": None,
             "submitted_by": submitted_by(arrival.file.path)}
            for arrival, load_id in zip(batch, load_ids, strict=True)]


def _outcome(row: dict) -> LoadOutcome:
    return LoadOutcome(row["load_id"], row["source"], row["file_name"], row["status"], row["rows_read"],
                       row["rows_accepted"], row["rows_rejected"], row["message"])


def _write_batch(con, source, home: Paths, batch: list[_Arrival], results, run_id) -> list[LoadOutcome]:
    rows = _load_rows(con, source, batch, run_id)
    results = [_prepared(result, row, home.scratch / source / "bulk" / str(row["load_id"]))
               for result, row in zip(results, rows, strict=True)]
    tables: dict[str, list[tuple[pd.DataFrame, int, str]]] = {}
    quarantine: list[pd.DataFrame] = []
    findings: list[pd.DataFrame] = []
    con.begin()
    try:
        for arrival, result, row in zip(batch, results, rows, strict=True):
            if isinstance(result, Exception):
                row |= {"status": "rejected", "outcome": "rejected", "rows_read": 0, "rows_accepted": 0,
                        "rows_rejected": 0, "message": _message(result, arrival.file.path),
                        "logical_key": f"{source}|{arrival.file.relative}"}
            else:
                parsed, bulk = result
                read, accepted, rejected = _gather(con, row["load_id"], row["file_name"], parsed, bulk, tables,
                                                   quarantine, findings)
                row |= {"status": "loaded", "outcome": "loaded", "rows_read": read, "rows_accepted": accepted,
                        "rows_rejected": rejected,
                        "message": _summary(parsed, rejected), "logical_key": parsed.logical_key}
        for table, parts in tables.items():
            insert_frame(con, table, _with_lineage(parts))
        for table, frames in (("audit.quarantine", quarantine), ("audit.file_findings", findings)):
            if frames:
                insert_frame(con, table, pd.concat(frames, ignore_index=True))
        insert_frame(con, "audit.loads", pd.DataFrame(rows, dtype=object))
        settle(con, source)
        statuses = dict(con.execute("SELECT load_id, status FROM audit.loads WHERE list_contains(?, load_id)",
                                    [[row["load_id"] for row in rows]]).fetchall())
        for row in rows:
            row["status"] = statuses[row["load_id"]]
        crash_point("loads.write")
        con.commit()
        crash_point("loads.committed")
    except Exception:
        _rollback(con)
        raise
    finally:
        shutil.rmtree(home.scratch / source / "bulk", ignore_errors=True)
    return [_outcome(row) for row in rows]


def _with_lineage(parts: list[tuple[pd.DataFrame, int, str]]) -> pd.DataFrame:
    # One concat and two column assignments for the batch: a pandas call per file costs more than its rows.
    frame = pd.concat([part for part, _, _ in parts], ignore_index=True)
    frame["load_id"] = [load_id for part, load_id, _ in parts for _ in range(len(part))]
    frame["file_name"] = [file_name for part, _, file_name in parts for _ in range(len(part))]
    return frame


Bulk = list[tuple[Path, customs_platform.PlatformCounts]]  # each download's staged database and its counts


def _prepared(result: ParsedFile | Exception, row: dict, scratch: Path) -> tuple[ParsedFile, Bulk] | Exception:
    """A parsed file with its bulk downloads loaded, each by a bounded child into a database of its own (outside
    the transaction: a download that cannot be decoded, or that breaks a bound, rejects its file, not the batch)."""
    if isinstance(result, Exception):
        return result
    ready = []
    for number, download in enumerate(result.bulk_loads):
        folder = scratch / str(number)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            prepared = customs_platform.prepare(download, folder)
            staged = folder / "staged.duckdb"
            counts = load_bounded(prepared, download.layout, row["load_id"], row["file_name"], staged)
        except FileRejected as err:
            return err
        ready.append((staged, counts))
    return result, ready


def _gather(con, load_id: int, file_name: str, parsed: ParsedFile,
            bulk: Bulk,
            tables: dict[str, list[tuple[pd.DataFrame, int, str]]], quarantine: list[pd.DataFrame],
            findings: list[pd.DataFrame]) -> tuple[int, int, int]:
    """Queue one file's rows with their lineage, load its bulk downloads; returns its rows read, accepted and
    rejected. `parsed` is not changed, so a retry counts from the same figures."""
    read, accepted, rejected = parsed.rows_read, 0, parsed.rejected_rows
    for table, frames in parsed.tables.items():
        for frame in frames:
            tables.setdefault(table, []).append((frame, load_id, file_name))
            if table not in UNJUDGED:  # a report's header row is not one of the file's data rows
                accepted += len(frame)
    for staged, counts in bulk:
        copy_staged(con, staged)
        crash_point("platform.load")
        read, accepted, rejected = read + counts.read, accepted + counts.accepted, rejected + counts.rejected
    if parsed.issues:
        quarantine.append(_issues_frame(load_id, file_name, parsed.issues))
    if parsed.findings:
        frame = pd.DataFrame(parsed.findings, columns=["sheet", "rule", "message"], dtype=object)
        findings.append(frame.assign(load_id=load_id, file_name=file_name))
    return read, accepted, rejected


def settle(con: duckdb.DuckDBPyConnection, source: str) -> None:
    """Bring the status of the source's loads to what audit.load_standing works out: which file is in force for
    each thing, from what was read and what is still in the landing zone."""
    con.execute(
        "UPDATE audit.loads SET status = s.status, superseded_by = s.superseded_by FROM audit.load_standing s"
        " WHERE s.load_id = audit.loads.load_id AND audit.loads.source = ?"
        " AND (audit.loads.status <> s.status OR audit.loads.superseded_by IS DISTINCT FROM s.superseded_by)",
        [source])


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
