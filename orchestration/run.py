"""`make run`: the nightly job once (on the demo data in a new home), then the report."""

from __future__ import annotations

import os
import sys

import dagster as dg

from demo import generate
from orchestration.definitions import build_definitions
from orchestration.report import check_records, check_section, run_report
from orchestration.settings import paths, prepare_dagster_home
from warehouse.home import Paths


def is_new_home(where: Paths) -> bool:
    """No reference data and no warehouse: nothing of a real centre's can be overwritten by the demo."""
    return not any(where.reference.glob("*")) and not where.build_db.exists() and not where.published_db.exists()


def main() -> int:
    where = paths()
    if is_new_home(where):
        written = generate(where.home)
        print(f"{where.home} 是新目录：已写入{len(written)}个演示文件 (a new home: wrote the demo inputs)")
    elif not any(file.is_file() for file in where.landing.rglob("*")):
        print(f"{where.landing} 中没有文件，照常运行 (the landing zone is empty: running on what is loaded)")
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
        print(f"The nightly run failed (run id {result.run_id}); open `make ui` for the failed step.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
