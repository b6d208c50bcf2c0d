"""`make run`: fill an empty landing zone with the demo data, run the nightly job once, print the report."""

from __future__ import annotations

import os
import sys

import dagster as dg

from demo import generate
from orchestration.definitions import build_definitions
from orchestration.report import checks_report, run_report
from orchestration.settings import paths, prepare_dagster_home
from warehouse.home import Paths


def landing_is_empty(where: Paths) -> bool:
    return not where.landing.exists() or not any(p.is_file() for p in where.landing.rglob("*"))


def main() -> int:
    where = paths()
    if landing_is_empty(where):
        written = generate(where.home)
        print(f"Landing zone was empty: wrote {len(written)} demo files into {where.home}")
    prepare_dagster_home(where)
    os.environ["DAGSTER_HOME"] = str(where.dagster_home)

    with dg.DagsterInstance.get() as instance:
        # The console shows warnings only (a file rejected, rows quarantined); the full log is in the UI.
        result = build_definitions(str(where.home)).resolve_job_def("nightly").execute_in_process(
            instance=instance, raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
        )
    if where.published_db.exists():
        print(run_report(where.published_db))
    print()
    print(checks_report(result.get_asset_check_evaluations()))
    if not result.success:
        print(f"The nightly run failed (run id {result.run_id}); open `make ui` for the failed step.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
