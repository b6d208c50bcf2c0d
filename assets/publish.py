"""The file analysts open: a complete, checked build, published by one atomic rename."""


import dagster as dg

from alerts.ledger import Ledger
from assets.full_disk import explains_full_disk
from assets.landing import INGEST_ASSETS
from assets.tables import TABLE_KEYS
from warehouse.alert_log import copy_alert_log
from warehouse.dictionary import build_dictionary
from warehouse.publish import build_state, publish
from warehouse.resource import Warehouse
from warehouse.runs import finish_run, note_run, publication_failed


@dg.asset(group_name="publish", deps=[*TABLE_KEYS, *(asset.key for asset in INGEST_ASSETS)], kinds={"duckdb"},
          description="发布给分析人员的只读文件 the file analysts open read-only: "
                      "<ZHAOSHANG_HOME>/warehouse/zhaoshang.duckdb")
@explains_full_disk
def published_warehouse(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    paths = warehouse.paths
    with warehouse.connect() as con:
        copy_alert_log(con, Ledger(paths.alerts_db).rows())
    state = build_state(paths.build_db)
    marker = paths.published_state
    unchanged = paths.published_db.exists() and marker.exists() and marker.read_text() == state
    with warehouse.connect() as con:
        note_run(con, context.run_id)
        # Recorded before the copy, so the published file says which run published it.
        finish_run(con, context.run_id, published=not unchanged)
        if not unchanged:
            build_dictionary(con)
    if not unchanged:
        try:
            publish(paths.build_db, paths.published_db)
        except Exception:
            with warehouse.connect() as con:
                publication_failed(con, context.run_id)
            raise
        marker.write_text(state)
    return dg.MaterializeResult(
        data_version=dg.DataVersion(state),
        metadata={"path": dg.MetadataValue.path(str(paths.published_db)),
                  "size_bytes": paths.published_db.stat().st_size,
                  "本次重新发布 published this run": not unchanged},
    )
