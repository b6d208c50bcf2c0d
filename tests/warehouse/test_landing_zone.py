"""What the loader does with everything a landing zone can hold: crashing readers, links, hidden files, copies,
removed files, half-copied archives."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import uuid
from pathlib import Path

import duckdb
import pytest

from ingest.forms.bureau import read_bureau_files
from ingest.forms.reference import load_reference
from tests.warehouse import readers
from tests.workbooks import KPI_HEADER, write_workbook
from warehouse.database import connect, prepare
from warehouse.home import Paths
from warehouse.isolation import ParsePool, ReaderCrashed
from warehouse.landing import archive, archive_path
from warehouse.loads import load_source

ROWS = [["签约项目", "2024年1-5月", 7, "个", "认定", dt.date(2024, 6, 14)]]


def _bureau(home: Path, name: str, mtime: float | None = None) -> Path:
    """A small confirmation workbook whose title makes each file's content its own."""
    return write_workbook(home / "landing" / "bureau" / name, {"指标认定": [[name], KPI_HEADER, *ROWS]}, mtime=mtime)


def _load(home: Path, reader=read_bureau_files, pool: ParsePool | None = None) -> list:
    prepare(home / "build.duckdb")
    with connect(home / "build.duckdb") as con:
        return load_source(con, "bureau", Paths(home), reader, load_reference(home / "reference"), pool=pool)


def _query(home: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(home / "build.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def pool():
    workers = ParsePool(workers=2)
    yield workers
    workers.close()


def test_a_reader_that_aborts_costs_its_own_file_only(home: Path, pool: ParsePool) -> None:
    for number in range(6):
        _bureau(home, f"认定-{number}.xlsx", mtime=1_700_000_000 + number)
    _bureau(home, "认定-crash.xlsx", mtime=1_700_000_003.5)

    outcomes = _load(home, readers.abort_on_crash_files, pool)

    statuses = {o.file_name: o.status for o in outcomes}
    assert statuses.pop("认定-crash.xlsx") == "rejected"
    assert set(statuses.values()) == {"loaded"} and len(statuses) == 6
    [(message,)] = _query(home, "SELECT message FROM audit.loads WHERE status = 'rejected'")
    assert "认定-crash.xlsx" in message and "SIGABRT" in message
    assert _query(home, "SELECT count(*) FROM raw.bureau_kpi") == [(6,)]


def test_an_answer_that_would_run_code_in_the_loader_is_refused_and_costs_its_own_file(home: Path,
                                                                                     pool: ParsePool) -> None:
    for number in range(3):
        _bureau(home, f"认定-{number}.xlsx", mtime=1_700_000_000 + number)
    evil = _bureau(home, f"认定-evil-{uuid.uuid4().hex[:8]}.xlsx", mtime=1_700_000_001.5)
    marker = Path(tempfile.gettempdir()) / f"{evil.name}.ran"

    outcomes = _load(home, readers.answer_with_code_on_evil_files, pool)

    assert not marker.exists(), "the worker's answer ran a command in the loader"
    statuses = {o.file_name: o.status for o in outcomes}
    assert statuses.pop(evil.name) == "rejected"
    assert set(statuses.values()) == {"loaded"} and len(statuses) == 3
    [(message,)] = _query(home, "SELECT message FROM audit.loads WHERE status = 'rejected'")
    assert evil.name in message and "posix.system" in message and "已拒收" in message


def test_a_reader_that_asks_for_too_much_memory_costs_its_own_file_only(home: Path, pool: ParsePool) -> None:
    _bureau(home, "认定-bomb.xlsx", mtime=1_700_000_000)
    _bureau(home, "认定-good.xlsx", mtime=1_700_000_001)

    outcomes = _load(home, readers.hog_memory_on_bomb_files, pool)

    assert {o.file_name: o.status for o in outcomes} == {"认定-bomb.xlsx": "rejected", "认定-good.xlsx": "loaded"}
    [(message,)] = _query(home, "SELECT message FROM audit.loads WHERE status = 'rejected'")
    assert "内存上限" in message


def test_readings_in_flight_together_come_back_whole_and_a_crash_costs_its_own_file(home: Path,
                                                                                    pool: ParsePool) -> None:
    # As the loader does: the next batch goes to the workers before this one is collected.
    first = [_bureau(home, f"认定-a{n}.xlsx") for n in range(3)] + [_bureau(home, "认定-a-crash.xlsx")]
    second = [_bureau(home, f"认定-b{n}.xlsx") for n in range(5)]
    reference = load_reference(home / "reference")

    reading_a = pool.submit(readers.abort_on_crash_files, first, reference)
    reading_b = pool.submit(readers.abort_on_crash_files, second, reference)
    read_b, read_a = pool.collect(reading_b), pool.collect(reading_a)

    assert [r.logical_key for r in read_a[:3]] == [f"bureau|认定-a{n}.xlsx" for n in range(3)]
    assert isinstance(read_a[3], ReaderCrashed) and "SIGABRT" in str(read_a[3])
    assert [r.logical_key for r in read_b] == [f"bureau|认定-b{n}.xlsx" for n in range(5)]
    assert [len(r.pending[0].records) for r in read_a[:3] + read_b] == [1] * 8


def test_a_reading_discarded_leaves_the_pool_reading_the_next(home: Path, pool: ParsePool) -> None:
    paths = [_bureau(home, f"认定-{n}.xlsx") for n in range(4)]
    reference = load_reference(home / "reference")

    discarded = pool.submit(read_bureau_files, paths, reference)
    pool.discard(discarded)
    read = pool.read(read_bureau_files, paths[:2], reference)

    assert [r.logical_key for r in read] == ["bureau|认定-0.xlsx", "bureau|认定-1.xlsx"]
    with pytest.raises(RuntimeError, match="were stopped"):
        pool.collect(discarded)


def test_a_worker_killed_while_idle_is_replaced(home: Path) -> None:
    paths = [_bureau(home, f"认定-{n}.xlsx") for n in range(2)]
    reference = load_reference(home / "reference")
    pool = ParsePool(workers=1)
    try:
        pool.read(read_bureau_files, paths[:1], reference)
        [idle] = pool._idle
        idle.process.kill()  # as the kernel's out-of-memory killer or an operator would
        idle.process.wait()

        read = pool.read(read_bureau_files, paths, reference)
    finally:
        pool.close()

    assert [r.logical_key for r in read] == ["bureau|认定-0.xlsx", "bureau|认定-1.xlsx"]


def test_a_reading_whose_worker_cannot_be_started_is_given_up_alone(home: Path, monkeypatch) -> None:
    from warehouse import isolation

    paths = [_bureau(home, f"认定-{n}.xlsx") for n in range(3)]
    reference = load_reference(home / "reference")
    pool = ParsePool(workers=1)
    start = isolation._start_worker
    try:
        pool.read(read_bureau_files, paths[:1], reference)
        [idle] = pool._idle
        idle.process.kill()
        idle.process.wait()
        # Both submissions fail to start a worker and leave their files queued; collecting the first fails again.
        failures = iter([OSError("fork failed")] * 3)

        def start_once_failing(memory_mb: int):
            if failure := next(failures, None):
                raise failure
            return start(memory_mb)

        monkeypatch.setattr(isolation, "_start_worker", start_once_failing)
        doomed = pool.submit(read_bureau_files, paths[:1], reference)
        following = pool.submit(read_bureau_files, paths[1:], reference)
        with pytest.raises(OSError, match="fork failed"):
            pool.collect(doomed)
        read = pool.collect(following)
    finally:
        pool.close()

    assert [r.logical_key for r in read] == ["bureau|认定-1.xlsx", "bureau|认定-2.xlsx"]


def test_the_workers_read_every_source_without_pandas_or_pandera(demo_inputs: Path, home: Path,
                                                                 pool: ParsePool) -> None:
    # Judging by the models runs in the loader's process: a worker starts in a tenth of a second, in 21 MB.
    paths = sorted(path for path in (demo_inputs / "landing").rglob("*") if path.is_file())
    assert {path.parent.name for path in paths} == {"bureau", "departments", "customs"}

    imported = pool.read(readers.heavy_modules_after_reading, paths, load_reference(home / "reference"))

    assert imported == [[]] * len(paths)


def test_links_hidden_files_and_unknown_types_are_listed_never_opened(home: Path, tmp_path_factory) -> None:
    secret = tmp_path_factory.mktemp("outside") / "secret.csv"
    secret.write_text("指标名称,统计期\n机密,1-5月\n", encoding="utf-8")
    landing = home / "landing" / "bureau"
    _bureau(home, "认定.xlsx")
    (landing / "link.csv").symlink_to(secret)
    (landing / "linked-folder").symlink_to(secret.parent, target_is_directory=True)
    (landing / ".draft.xlsx").write_bytes(b"x")
    (landing / "~$认定.xlsx").write_bytes(b"x")
    (landing / "notes.docx").write_bytes(b"x")
    os.mkfifo(landing / "pipe.csv")

    outcomes = _load(home)

    assert [o.file_name for o in outcomes] == ["认定.xlsx"]
    assert _query(home, "SELECT file_path, reason FROM audit.skipped_files ORDER BY file_path") == [
        (".draft.xlsx", "hidden"), ("link.csv", "not_a_regular_file"), ("linked-folder", "not_a_regular_file"),
        ("notes.docx", "unsupported_type"), ("pipe.csv", "not_a_regular_file"), ("~$认定.xlsx", "hidden")]
    # Nothing of the link's target was copied or quoted anywhere.
    assert len(list((home / "archive").rglob("*.*"))) == 1
    assert _query(home, "SELECT count(*) FROM audit.skipped_files WHERE message LIKE '%机密%'") == [(0,)]


def test_a_copy_under_another_name_is_listed_as_such_and_not_read(home: Path) -> None:
    first = _bureau(home, "认定.xlsx", mtime=1_700_000_000)
    _load(home)
    (home / "landing" / "bureau" / "认定（复制）.xlsx").write_bytes(first.read_bytes())

    assert _load(home) == []

    [(path, reason, message, same_as)] = _query(
        home, "SELECT file_path, reason, message, same_as_load_id FROM audit.skipped_files")
    assert (path, reason) == ("认定（复制）.xlsx", "same_content")
    assert "认定.xlsx" in message
    assert same_as == _query(home, "SELECT load_id FROM audit.loads")[0][0]


def test_a_remembered_copy_is_read_once_the_load_it_repeats_is_no_longer_in_force(home: Path) -> None:
    first = _bureau(home, "认定.xlsx", mtime=1_700_000_000)
    _load(home)
    copy = home / "landing" / "bureau" / "认定（复制）.xlsx"
    copy.write_bytes(first.read_bytes())
    os.utime(copy, (1_600_000_000, 1_600_000_000))  # older, so listed before the original
    assert _load(home) == []
    with duckdb.connect(str(home / "build.duckdb")) as con:  # the original's load set aside, as a failed one is
        con.execute("UPDATE audit.loads SET status = 'failed', outcome = 'failed'")

    outcomes = _load(home)

    assert [(o.file_name, o.status) for o in outcomes] == [("认定（复制）.xlsx", "loaded")]
    assert _query(home, "SELECT file_path, reason FROM audit.skipped_files") == [("认定.xlsx", "same_content")]


def test_removing_a_rejected_file_closes_its_rejection(home: Path) -> None:
    broken = home / "landing" / "bureau" / "坏文件.xlsx"
    broken.write_bytes(b"not a workbook")
    _load(home)
    assert _query(home, "SELECT status, removed_at IS NULL FROM audit.loads") == [("rejected", True)]

    broken.unlink()
    _load(home)

    assert _query(home, "SELECT status, removed_at IS NULL FROM audit.loads") == [("rejected", False)]


def test_a_half_written_archive_copy_is_replaced_and_staging_left_by_a_kill_is_removed(home: Path) -> None:
    path = _bureau(home, "认定.xlsx")
    sha, copy = archive(path, home / "archive")
    copy.write_bytes(copy.read_bytes()[:100])  # what a copy cut short would leave under the hash name
    (home / "archive" / ".incoming-999.xlsx").write_bytes(b"half")

    [outcome] = _load(home)

    assert outcome.status == "loaded"
    assert archive_path(home / "archive", sha, ".xlsx").read_bytes() == path.read_bytes()
    assert not list((home / "archive").glob(".incoming-*"))
    assert not (home / "scratch" / "bureau").exists()


def test_a_fifo_swapped_in_after_the_scan_is_refused_without_waiting(home: Path) -> None:
    # Issue 18, finding 9: the scan saw a regular file; by the time the loader opens it, it is a FIFO nobody writes
    # to. Opened blocking, the night would wait for ever.
    import threading

    from warehouse.landing import LandingFile, NotRegularFile

    fifo = home / "landing" / "bureau" / "认定.csv"
    os.mkfifo(fifo)
    outcome: list[object] = []

    def copy() -> None:
        try:
            outcome.append(archive(fifo, home / "archive"))
        except NotRegularFile as err:
            outcome.append(err)

    worker = threading.Thread(target=copy, daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # let the blocked open go, then fail the test
        worker.join(timeout=10)
        pytest.fail("opening a FIFO in the landing zone waited for a writer")
    [refused] = outcome
    assert isinstance(refused, NotRegularFile) and "非普通文件" in str(refused)

    # Through the loader: recorded as not read, by name, and the source's other files are unaffected.
    _bureau(home, "认定-1.xlsx")
    from warehouse.loads import _arrivals

    prepare(home / "build.duckdb")
    with connect(home / "build.duckdb") as con:
        arrivals, not_read = _arrivals(con, "bureau", Paths(home), [LandingFile(fifo, "认定.csv", 0, 0)], [])
    assert arrivals == []
    assert [(s.relative, s.reason) for s, _, _ in not_read] == [("认定.csv", "not_a_regular_file")]


def test_a_name_that_is_not_utf8_is_read_as_gbk_and_recorded_as_it_reads(home: Path) -> None:
    # Issue 17, point 6: a name as an archive unpacked on Chinese Windows leaves it.
    gbk = os.fsdecode("认定-2024年5月.xlsx".encode("gbk"))
    write_workbook(home / "landing" / "bureau" / gbk, {"指标认定": [["GBK"], KPI_HEADER, *ROWS]})
    neither = os.fsdecode(b"\xff\xfe-2024.xlsx")
    write_workbook(home / "landing" / "bureau" / neither, {"指标认定": [["neither"], KPI_HEADER, *ROWS]})

    outcomes = sorted((o.file_name, o.status) for o in _load(home))

    assert outcomes == [("\\xff\\xfe-2024.xlsx", "loaded"), ("认定-2024年5月.xlsx", "loaded")]
    assert sorted(_query(home, "SELECT file_path FROM audit.loads")) == [("\\xff\\xfe-2024.xlsx",),
                                                                        ("认定-2024年5月.xlsx",)]
    assert _load(home) == []  # the same names are found again the next night: nothing read twice
