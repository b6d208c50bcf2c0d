"""Reading landing files in worker processes, so that one file's fault costs that file and never the night.

A native reader can abort the whole process (python-calamine asked for a sheet whose used range runs to XFD1048576
allocates it densely), and a hostile file can eat memory until the kernel kills whoever holds it. Every reader
therefore runs in a fresh interpreter (`python -m warehouse.isolation`, started like multiprocessing's spawn, so
it inherits no threads, locks or open DuckDB files) with an address-space limit. A worker that dies takes only its
task with it: the files of a batch that crashed are read again one by one, and the one that crashes alone is
returned as ReaderCrashed, for the loader to reject by name. Both cores are put to work.

The reader must be a module-level function `reader(paths, reference) -> list[ParsedFile | Exception]` (it is
pickled by name). Nothing here imports pandas or DuckDB, so a worker starts with only what its reader imports.
"""

from __future__ import annotations

import atexit
import importlib
import io
import logging
import os
import pickle
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

# A worker's address space: the readers' imports take about 30 MB of it (they import neither pandas nor pandera:
# the loader judges what they read, ingest/forms/judging.py); a department batch or a bounded workbook far less than
# the rest. A file that needs more is refused by name rather than slowing the machine down.
MEMORY_LIMIT_MB = 1536
# A file read alone may take this long: the slowest legitimate file (a 10,000-line workbook) reads in a few seconds.
SECONDS_PER_FILE = 120
# Each further file of a task adds this much: a file that hangs the reader holds its task (then is found by reading
# the task's files one by one) for minutes, not SECONDS_PER_FILE times the task's files.
SECONDS_PER_FURTHER_FILE = 5
# Files per task at most: a submitted batch is split evenly over the workers, all its tasks sent at once, so the
# workers read the whole of the next batch while the loader writes this one as long as a batch is no larger than
# CHUNK_FILES times the workers (the loader's is); a reader learns layouts once per task.
CHUNK_FILES = 100

Reader = Callable[[list[Path], object], list[object]]
log = logging.getLogger(__name__)


class ReaderCrashed(Exception):
    """The worker reading this file alone died or ran out of time; str() is the message for the clerk."""


def _describe_death(returncode: int | None, timed_out: bool) -> str:
    if timed_out:
        return f"读取超过{SECONDS_PER_FILE}秒仍未完成，已停止 (reading took longer than {SECONDS_PER_FILE} s)"
    if returncode is not None and returncode < 0:
        name = signal.Signals(-returncode).name
        if -returncode in (signal.SIGABRT, signal.SIGKILL, signal.SIGSEGV, signal.SIGBUS):
            return (f"读取程序异常终止（{name}），多半是文件损坏或内容过大，超出了每个文件"
                    f"{MEMORY_LIMIT_MB} MB的内存上限 (the reader was stopped by {name}: the file is damaged, "
                    f"or needs more than the {MEMORY_LIMIT_MB} MB a file may use)")
        return f"读取程序被信号{name}终止 (the reader was stopped by {name})"
    return f"读取程序异常退出（退出码{returncode}）(the reader exited with code {returncode})"


@dataclass
class Reading:
    """The files of one ParsePool.submit: their results, in the order of `paths`, as the workers answer."""

    reader: Reader
    paths: Sequence[Path]
    reference: object
    results: list[object]
    left: int = 0  # tasks not answered yet
    interrupted: bool = False  # its tasks were stopped or dropped (discard, an interrupted collect, close)


@dataclass
class _Task:
    reading: Reading
    indexes: list[int]  # positions in the reading's paths
    solo: bool  # already a single file read again after a crash: a crash now is this file's


def _deadline_seconds(task: _Task) -> float:
    return SECONDS_PER_FILE + SECONDS_PER_FURTHER_FILE * (len(task.indexes) - 1)


@dataclass
class _Worker:
    process: subprocess.Popen
    connection: Connection  # parent end: tasks out, results in
    task: _Task | None = None
    started: float = 0.0
    warming: bool = False  # importing the readers (warm()); its answer is read before its first task

    def alive(self) -> bool:
        return self.process.poll() is None


def _start_worker(memory_mb: int) -> _Worker:
    to_child_read, to_child_write = os.pipe()
    to_parent_read, to_parent_write = os.pipe()
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "warehouse.isolation", str(to_child_read), str(to_parent_write), str(memory_mb)],
        pass_fds=(to_child_read, to_parent_write), env=env, cwd=str(Path(__file__).resolve().parent.parent),
    )
    os.close(to_child_read)
    os.close(to_parent_write)
    # One duplex Connection over the two pipe ends: send() writes to the child, recv() reads from it.
    connection = _Duplex(to_parent_read, to_child_write)
    return _Worker(process, connection)


class _Duplex(Connection):
    """A Connection reading one pipe and writing another (multiprocessing's own needs a socketpair)."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        super().__init__(read_fd)
        self._out = Connection(write_fd, readable=False)

    def send(self, obj: object) -> None:
        self._out.send(obj)

    def close(self) -> None:
        self._out.close()
        super().close()


@dataclass
class ParsePool:
    """Worker processes kept for the life of the calling process (a run), started on first use."""

    workers: int = 2
    memory_mb: int = MEMORY_LIMIT_MB
    _idle: list[_Worker] = field(default_factory=list)
    _busy: list[_Worker] = field(default_factory=list)
    _queue: deque[_Task] = field(default_factory=deque)

    def warm(self, modules: Sequence[str]) -> None:
        """Start the workers now and have them import these modules, without waiting: a run that will read files
        starts them while it does its own setting up."""
        while len(self._idle) < self.workers:
            worker = _start_worker(self.memory_mb)
            worker.connection.send((_import_modules, list(modules), None))
            worker.warming = True
            self._idle.append(worker)

    def read(self, reader: Reader, paths: Sequence[Path], reference: object) -> list[object]:
        """reader(paths, reference) in the workers, results in the order of `paths`."""
        return self.collect(self.submit(reader, paths, reference))

    def submit(self, reader: Reader, paths: Sequence[Path], reference: object) -> Reading:
        """Send the files to the workers without waiting for them: the caller writes what it read before while the
        workers read these. Tasks of several readings are served in the order they were submitted."""
        reading = Reading(reader, paths, reference, [None] * len(paths))
        chunk = max(1, min(CHUNK_FILES, -(-len(paths) // self.workers)))
        for start in range(0, len(paths), chunk):
            self._queue.append(_Task(reading, list(range(start, min(start + chunk, len(paths)))), solo=False))
            reading.left += 1
        try:
            self._dispatch()
        except Exception:  # noqa: BLE001 - left queued: collect tries again, and raises if it still cannot
            log.warning("the parse workers could not be started; trying again when the files are collected",
                        exc_info=True)
        return reading

    def collect(self, reading: Reading) -> list[object]:
        """The results of a submitted reading, once every file of it is read (waiting for earlier readings too)."""
        try:
            while reading.left and not reading.interrupted:
                self._dispatch()
                self._answers()
        except Exception:
            # This reading cannot be finished (a worker could not be started): it alone is given up, and readings
            # sent before or after it are still served.
            self.discard(reading)
            raise
        except BaseException:
            # Interrupted (KeyboardInterrupt...): no task is left half-read in a worker, none waits to be sent.
            self._stop_all()
            raise
        if reading.interrupted:
            raise RuntimeError("the workers reading these files were stopped")
        return reading.results

    def discard(self, reading: Reading) -> None:
        """Forget a reading that will not be collected: its tasks not sent are dropped, those in a worker stopped."""
        self._queue = deque(task for task in self._queue if task.reading is not reading)
        for worker in [w for w in self._busy if w.task.reading is reading]:
            self._busy.remove(worker)
            _stop(worker)
        reading.interrupted = True

    def _dispatch(self) -> None:
        while self._queue and len(self._busy) < self.workers:
            worker = self._idle.pop() if self._idle else _start_worker(self.memory_mb)
            if worker.warming:
                worker.warming = False
                if _receive(worker) is None:  # died while importing: a fresh one takes its place
                    _stop(worker)
                    worker = _start_worker(self.memory_mb)
            task = worker.task = self._queue.popleft()
            message = (task.reading.reader, [task.reading.paths[i] for i in task.indexes], task.reading.reference)
            try:
                worker.connection.send(message)
            except OSError:  # died while idle (killed from outside): a fresh worker takes the task
                _stop(worker)
                try:
                    worker = _start_worker(self.memory_mb)
                    worker.connection.send(message)
                except BaseException:
                    self._queue.appendleft(task)  # not lost: its reading is discarded or stopped by the caller
                    raise
                worker.task = task
            worker.started = time.monotonic()
            self._busy.append(worker)

    def _answers(self) -> None:
        """Wait for at least one busy worker to answer, die or run out of time, and take what it did."""
        deadline = min(w.started + _deadline_seconds(w.task) for w in self._busy)
        ready = wait([w.connection for w in self._busy], timeout=max(0.0, deadline - time.monotonic()))
        for worker in list(self._busy):
            task = worker.task
            timed_out = worker.connection not in ready and time.monotonic() >= worker.started + _deadline_seconds(task)
            if worker.connection not in ready and not timed_out:
                continue
            self._busy.remove(worker)
            answer = None if timed_out else _receive(worker)
            if answer is not None and answer[0] == "read":
                for index, result in zip(task.indexes, answer[1], strict=True):
                    task.reading.results[index] = result
                task.reading.left -= 1
                self._idle.append(worker)
                continue
            if answer is None:
                failure: Exception = ReaderCrashed(_describe_death(_stop(worker), timed_out))
            elif answer[0] == "refused":
                _stop(worker)
                failure = ReaderCrashed(f"读取程序返回了不该有的内容（{answer[1]}），已拒收 "
                                        f"(the reader's answer named {answer[1]}, which no reading returns)")
            else:  # the reader itself raised (out of memory...): the worker is sound
                failure = answer[1]
                self._idle.append(worker)
            if task.solo or len(task.indexes) == 1:
                task.reading.results[task.indexes[0]] = failure
                task.reading.left -= 1
            else:
                # Which file of the task is at fault is unknown: each is read again on its own, before any other
                # reading's tasks, so this reading is not held up behind the next.
                self._queue.extendleft(reversed([_Task(task.reading, [index], solo=True) for index in task.indexes]))
                task.reading.left += len(task.indexes) - 1

    def _stop_all(self) -> None:
        for worker in self._busy:
            worker.task.reading.interrupted = True
            _stop(worker)
        for task in self._queue:
            task.reading.interrupted = True
        self._busy.clear()
        self._queue.clear()

    def close(self) -> None:
        self._stop_all()
        while self._idle:
            worker = self._idle.pop()
            if worker.warming:
                _receive(worker)
            worker.connection.close()
            try:
                worker.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                _stop(worker)


# What a worker's answer may be built of besides plain values: these, and the records and exceptions of our own
# readers (classes of the modules under _OWN_MODULES).
_PLAIN_CLASSES = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"), ("datetime", "timedelta"),
                  ("datetime", "timezone"), ("decimal", "Decimal"), ("pathlib", "PosixPath"),
                  ("pathlib", "PurePosixPath"), ("builtins", "set"), ("builtins", "frozenset"),
                  ("builtins", "bytearray")}
_OWN_MODULES = ("ingest.", "schemas.")
# Modules whose exceptions an answer may carry (ReaderCrashed, ValueError...), and nothing else of them.
_EXCEPTION_MODULES = ("builtins", "warehouse.isolation")


class _AnswerUnpickler(pickle.Unpickler):
    """Reads a worker's answer without running anything it names: a worker taken over through a native parser's
    bug could otherwise send a pickle that calls os.system in the loader's process. Only the classes a reading
    returns can be looked up (nothing is imported for any other name): of the readers' modules only classes (their
    records, exceptions and values such as ExcelError), never a function; of the others only exceptions."""

    def find_class(self, module: str, name: str) -> object:
        own = module.startswith(_OWN_MODULES)
        if not own and module not in _EXCEPTION_MODULES and (module, name) not in _PLAIN_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name}"[:100])
        found = super().find_class(module, name)
        allowed = (module, name) in _PLAIN_CLASSES or (isinstance(found, type) and (
            own or issubclass(found, BaseException)))
        if not allowed:
            raise pickle.UnpicklingError(f"{module}.{name}"[:100])
        return found


def _receive(worker: _Worker) -> tuple[str, object] | None:
    """("read", results) or ("raised", exception); None when the worker died or its answer cannot be read (the
    worker is then stopped like a dead one, and its task read again file by file); ("refused", what it named) for
    an answer naming something no reading returns (its worker is not to be trusted either)."""
    try:
        data = worker.connection.recv_bytes()
    except (EOFError, OSError):
        return None  # the worker died
    try:
        return _AnswerUnpickler(io.BytesIO(data)).load()
    except pickle.UnpicklingError as err:
        log.warning("a parse worker answered with %s, which no reading returns: refused", err)
        return "refused", str(err)
    except Exception:  # noqa: BLE001 - an answer that does not unpickle: the task is treated as its worker's death
        log.warning("an answer of a parse worker could not be read", exc_info=True)
        return None


def _stop(worker: _Worker) -> int | None:
    if worker.alive():
        worker.process.kill()
    worker.connection.close()
    return worker.process.wait()


_POOL: ParsePool | None = None


def shared_pool(workers: int) -> ParsePool:
    """The process's pool, so the three sources of a run share warm workers."""
    global _POOL
    if _POOL is None or _POOL.workers != workers:
        if _POOL is not None:
            _POOL.close()
        _POOL = ParsePool(workers)
        atexit.register(_POOL.close)
    return _POOL


def _import_modules(names: list[str], _reference: object) -> list[None]:
    for name in names:
        importlib.import_module(name)
    return [None] * len(names)


def _portable(result: object) -> object:
    """An exception that would not survive pickling goes back as its type and message."""
    if isinstance(result, BaseException):
        try:
            pickle.loads(pickle.dumps(result))
        except Exception:  # noqa: BLE001 - any failure to round-trip means: send it as text
            return RuntimeError(f"{type(result).__name__}: {result}")
    return result


def _serve(read_fd: int, write_fd: int, memory_mb: int) -> None:
    import resource

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # The parent's Ctrl-C stops the run; the parent then stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inbox, outbox = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    while True:
        try:
            reader, paths, reference = inbox.recv()
        except EOFError:
            return
        try:
            answer: tuple[str, object] = ("read", [_portable(r) for r in reader(paths, reference)])
        except MemoryError:
            answer = ("raised", ReaderCrashed(f"读取时超出了每个文件{memory_mb} MB的内存上限，多半是文件内容过大 "
                                              f"(needs more than the {memory_mb} MB a file may use)"))
        except Exception as err:  # noqa: BLE001 - sent back: the parent decides which file it belongs to
            answer = ("raised", _portable(err))
        outbox.send(answer)


if __name__ == "__main__":
    # Through the module's real name, so what the worker pickles (ReaderCrashed) unpickles in the parent.
    from warehouse.isolation import _serve as serve

    serve(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
