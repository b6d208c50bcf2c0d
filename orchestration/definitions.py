"""Everything Dagster loads: `dagster dev -m orchestration.definitions`."""

from __future__ import annotations

import dagster as dg

from assets.landing import INGEST_ASSETS
from assets.publish import published_warehouse
from assets.reference import reference_data
from assets.reports import people_reports
from assets.tables import warehouse_tables
from orchestration.alerting import ALERT_SENSORS
from orchestration.automation import landing_zone_sensor, nightly_job, nightly_schedule
from orchestration.housekeeping import housekeeping_job, housekeeping_schedule
from warehouse.home import keep_files_private, zhaoshang_home
from warehouse.resource import Warehouse

ASSETS = [reference_data, *INGEST_ASSETS, warehouse_tables, published_warehouse, people_reports]


def build_definitions(home: str | None = None) -> dg.Definitions:
    # Every Dagster process of ours loads these definitions before it writes anything into the home.
    keep_files_private()
    return dg.Definitions(
        assets=ASSETS,
        jobs=[nightly_job, housekeeping_job],
        schedules=[nightly_schedule, housekeeping_schedule],
        sensors=[landing_zone_sensor, *ALERT_SENSORS],
        resources={"warehouse": Warehouse(home=str(home or zhaoshang_home()))},
    )


defs = build_definitions()
