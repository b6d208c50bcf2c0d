"""`make run`: the nightly job once (on the demo data in a new home), then the report.

A night with nothing new costs almost nothing: when the landing zone, the reference data and the code (SQL, code
lists, readers) are what they were when this command last ran the job to the end, the published warehouse already
is what the job would make, so the job is not started and the report is read from it. Anything else (a file added,
touched or removed, a changed reference file, a new release, a load that failed and waits to be retried) runs the
job, which itself rebuilds only the tables whose inputs changed.
"""

from __future__ import annotations

import hashlib
import os
import sys

from orchestration.report import check_records, check_section, latest_run, run_report
from orchestration.settings import PROJECT_ROOT, prepare_dagster_home
from warehouse.clock import centre_today
from warehouse.home import Paths, paths
from warehouse.landing import folder_digest, scan

CODE_FOLDERS = ("assets", "ingest", "orchestration", "reports", "schemas", "warehouse")


def is_new_home(where: Paths) -> bool:
    """No reference data and no warehouse: nothing of a real centre's can be overwritten by the demo."""
    return not any(where.reference.glob("*")) and not where.build_db.exists() and not where.published_db.exists()


def inputs_digest(where: Paths) -> str:
    """What the job would read: every landing entry (path, size, time), the reference files, the code, and the day
    (what is overdue moves on with the calendar)."""
    from ingest.sources import SOURCE_NAMES

    landing = [(source, scan(where.landing_for(source))) for source in SOURCE_NAMES]
    listing = [(source, [(f.relative, f.size, f.modified_ns) for f in files], [(s.relative, s.reason) for s in skipped])
               for source, (files, skipped) in landing]
    code = [folder_digest(PROJECT_ROOT / folder, pattern) for folder in CODE_FOLDERS for pattern in ("*.py", "*.sql")]
    inputs = (listing, folder_digest(where.reference), code, centre_today())
    return hashlib.sha256(repr(inputs).encode()).hexdigest()[:16]


def _marker(where: Paths):
    return where.published_db.with_name(".make-run-inputs")


def main() -> int:
    where = paths()
    if is_new_home(where):
        from demo import generate

        written = generate(where.home)
        print(f"{where.home} 是新目录：已写入{len(written)}个演示文件 (a new home: wrote the demo inputs)")
    elif not any(file.is_file() for file in where.landing.rglob("*")):
        print(f"{where.landing} 中没有文件，照常运行 (the landing zone is empty: running on what is loaded)")
    digest = inputs_digest(where)
    marker = _marker(where)
    if where.published_db.exists() and marker.exists() and marker.read_text() == digest:
        print("自上次运行以来没有新的或改动的文件、参考数据和程序，已发布的数据仓库保持不变 "
              "(nothing new since the last run: the published warehouse stands as it is)\n")
        print(run_report(where.published_db))
        print()
        print(check_section(check_records(where.published_db, latest_run(where.published_db))))
        return 0

    import dagster as dg

    from ingest.sources import SOURCES
    from orchestration.definitions import build_definitions
    from warehouse.isolation import shared_pool
    from warehouse.resource import Warehouse

    # The readers' workers start and import the readers while Dagster sets the run up.
    shared_pool(Warehouse.model_fields["parse_workers"].default).warm(
        [source.reader_name.split(":")[0] for source in SOURCES])
    prepare_dagster_home(where)
    os.environ["DAGSTER_HOME"] = str(where.dagster_home)
    with dg.DagsterInstance.get() as instance:
        result = build_definitions(str(where.home)).resolve_job_def("nightly").execute_in_process(
            instance=instance, raise_on_error=False)
    if where.published_db.exists():
        print(run_report(where.published_db))
    print()
    print(check_section(check_records(where.build_db, result.run_id)))
    if not result.success:
        for message in failure_messages(result):
            print(message, file=sys.stderr)
        print(f"The nightly run failed (run id {result.run_id}); open `make ui` for the failed step.", file=sys.stderr)
        return 1
    if not waiting_retry(where):
        marker.write_text(digest)
    return 0


def failure_messages(result) -> list[str]:
    """Each failed step's own error (a full disk says so in words, assets/full_disk.py), not Dagster's wrapper."""
    messages = []
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            while error.cause and error.cls_name and error.cls_name.startswith("Dagster"):
                error = error.cause
            messages.append(f"{event.step_key}: {error.message.strip()}")
    return messages


def waiting_retry(where: Paths) -> bool:
    """A load that could not be written is tried again next run, even with nothing new."""
    import duckdb

    with duckdb.connect(str(where.published_db), read_only=True) as con:
        return bool(con.execute("SELECT count(*) FROM audit.loads WHERE status = 'failed'").fetchone()[0])


if __name__ == "__main__":
    sys.exit(main())
