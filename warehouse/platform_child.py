"""The customs platform load in a child process of its own, under a memory and a time bound (issue 18, finding 1).

The load runs DuckDB over the download and pulls the distinct texts into Python to decode them; a download with
tens of thousands of distinct 4,000-character names took the loader's process past 6 GB, where DuckDB's own memory
limit does not reach. So the load runs in a fresh interpreter with an address-space limit and a deadline, into a
DuckDB file of its own in the scratch folder; the loader then copies its rows into raw.customs_platform and
audit.quarantine inside the batch's transaction, in SQL (`copy_staged`), and never holds a text of the file in
Python. A download that breaks a bound, or that the load itself cannot place, is refused once, by name, with the
bound it broke; a child that could not write (a full disk) fails the file, to be tried again next run.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

from ingest.forms.common import FileRejected
from ingest.forms.customs import PlatformLayout
from warehouse.customs_platform import PlatformCounts, PreparedCsv
from warehouse.database import SQL_DIR, sql_identifier, sql_literal

# The child's address space: DuckDB's memory limit (warehouse/database.MEMORY_LIMIT, 1 GB) plus the interpreter,
# DuckDB's threads and what the texts step holds in Python; a 10-million-line download needs about 1.2 GB of it.
MEMORY_LIMIT_MB = 2560
# A 10-million-line download (1.5 GB) loads in about 25 s, the largest file the landing zone takes (4 GB) in about
# 70 s; a file of long texts slows the load down before it fills the memory.
SECONDS_LIMIT = 600
_STAGED = "customs_platform_staged"
log = logging.getLogger(__name__)


class LoadFailed(Exception):
    """The child could not write its database (a full disk...): not the file's fault, tried again next run."""


def load_bounded(prepared: PreparedCsv, layout: PlatformLayout, load_id: int, file_name: str, staging: Path
                 ) -> PlatformCounts:
    """Load a prepared download into the new DuckDB file `staging`, in a bounded child process.

    Raises FileRejected for a download that breaks a bound or cannot be loaded, LoadFailed for a child that could
    not write.
    """
    staging.unlink(missing_ok=True)
    task = {"prepared": {"path": str(prepared.path), "read_as": prepared.read_as, "decode": prepared.decode,
                         "has_nul": prepared.has_nul},
            "layout": asdict(layout), "load_id": load_id, "file_name": file_name, "staging": str(staging)}
    errors = staging.with_suffix(".stderr")
    with errors.open("wb") as stderr:
        try:
            done = subprocess.run(
                [sys.executable, "-m", "warehouse.platform_child", str(MEMORY_LIMIT_MB)],
                input=json.dumps(task).encode(), stdout=subprocess.PIPE, stderr=stderr, timeout=SECONDS_LIMIT,
                cwd=str(Path(__file__).resolve().parent.parent),
                env=dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1"),
            )
        except subprocess.TimeoutExpired:
            raise FileRejected(f"读取这份海关统计下载超过{SECONDS_LIMIT}秒仍未完成，已停止，请核对文件后重新下载 "
                               f"(loading took longer than the {SECONDS_LIMIT} s a download may take)") from None
    answer = done.stdout.decode("utf-8", errors="replace").strip().splitlines()[-1:]
    if done.returncode or not answer:
        log.warning("the platform load of %s died (%s): %s", file_name, done.returncode, _tail(errors))
        raise FileRejected(_memory_message() if done.returncode in (-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV)
                           or "memory" in _tail(errors).lower()
                           else f"读取程序异常退出（退出码{done.returncode}）(the loader's child exited with "
                                f"code {done.returncode})")
    result = json.loads(answer[0])
    if "counts" in result:
        return PlatformCounts(**result["counts"])
    if result["outcome"] == "failed":
        raise LoadFailed(result["message"])
    log.warning("the platform load of %s refused it: %s", file_name, result.get("detail", result["message"]))
    raise FileRejected(_memory_message() if result["outcome"] == "memory" else result["message"])


def _memory_message() -> str:
    return (f"读取这份海关统计下载时超出了{MEMORY_LIMIT_MB} MB的内存上限（文件多半有极长的字段或过多的列），"
            f"已退回，请重新下载 (loading it needed more than the {MEMORY_LIMIT_MB} MB a download may use)")


def _tail(path: Path) -> str:
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 2000))
        return handle.read().decode("utf-8", errors="replace")


def copy_staged(con, staging: Path) -> None:
    """The staged rows into raw.customs_platform and audit.quarantine, in the caller's transaction."""
    con.execute(f"ATTACH {sql_literal(str(staging))} AS {sql_identifier(_STAGED)} (READ_ONLY)")
    try:
        for step in ("raw", "quarantine"):
            con.execute((SQL_DIR / "loads" / f"customs_platform_copy_{step}.sql").read_text(encoding="utf-8"))
    finally:
        con.execute(f"DETACH {sql_identifier(_STAGED)}")


def _serve(memory_mb: int) -> dict:
    """In the child: read the task from stdin, load, and say how it went."""
    import resource

    import duckdb

    from warehouse.customs_platform import load_platform_csv
    from warehouse.database import MEMORY_LIMIT, apply_sql_dir

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the loader's Ctrl-C stops the run; the loader stops the child
    task = json.loads(sys.stdin.buffer.read())
    layout = task["layout"]
    layout = PlatformLayout(**{**layout, "period": tuple(layout["period"]) if layout["period"] else None})
    prepared = PreparedCsv(**{**task["prepared"], "path": Path(task["prepared"]["path"])})
    con = None
    try:
        con = duckdb.connect(task["staging"], config={"memory_limit": MEMORY_LIMIT})
        con.execute((SQL_DIR / "ddl" / "00_schemas.sql").read_text(encoding="utf-8"))
        apply_sql_dir(con, "ddl")
        con.begin()
        counts = load_platform_csv(con, prepared, layout, task["load_id"], task["file_name"])
        con.commit()
        return {"counts": asdict(counts)}
    except FileRejected as err:
        return {"outcome": "rejected", "message": str(err)}
    except (MemoryError, duckdb.OutOfMemoryException) as err:
        return {"outcome": "memory", "message": "", "detail": f"{type(err).__name__}: {err}"[:500]}
    except (OSError, duckdb.IOException) as err:
        return {"outcome": "failed", "message": f"{type(err).__name__}: {err}"[:500]}
    except Exception as err:  # noqa: BLE001 - the same bytes would fail the same way every night: refused once
        return {"outcome": "rejected",
                "message": f"这份海关统计下载无法读取，请重新下载 (the download cannot be loaded): "
                           f"{type(err).__name__}: {str(err)[:300]}"}
    finally:
        if con is not None:
            con.close()


if __name__ == "__main__":
    print(json.dumps(_serve(int(sys.argv[1]))))
