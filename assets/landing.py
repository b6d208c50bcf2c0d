"""One ingest asset per source, made the same way: load new files, then check what is wrong now."""


import dagster as dg
import pandas as pd

from assets.display import markdown_table
from assets.reference import reference_data, reference_or_fail
from warehouse.audit import open_findings, open_quarantine, open_rejections, skipped_files
from warehouse.loads import BatchReader, load_source
from warehouse.resource import Warehouse


def landing_asset(source: str, reader: BatchReader, description: str) -> dg.AssetsDefinition:
    """`reader` reads a batch of files (warehouse.loads.read_each makes one from a reader of one file)."""
    name = f"{source}_files"

    @dg.asset(
        name=name,
        group_name="ingest",
        deps=[reference_data],
        description=description,
        check_specs=[
            dg.AssetCheckSpec("files_readable", asset=name,
                              description="每个文件都能识别 every file in force could be read and placed"),
            dg.AssetCheckSpec("rows_valid", asset=name,
                              description="每一行都通过校验 every row of the files in force passed validation"),
        ],
    )
    def _load(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
        reference = reference_or_fail(warehouse)
        paths = warehouse.paths
        with warehouse.connect() as con:
            outcomes = load_source(con, source, paths, reader, reference, run_id=context.run_id,
                                   pool=warehouse.pool())
            rejected = open_rejections(con, source)
            quarantined = open_quarantine(con, source)
            findings = open_findings(con, source)
            skipped = skipped_files(con, source)
        for outcome in outcomes:
            worrying = outcome.status in ("rejected", "failed") or outcome.rows_rejected
            log = context.log.warning if worrying else context.log.info
            log(f"{outcome.file_name}: {outcome.status}, {outcome.rows_accepted}/{outcome.rows_read} rows accepted"
                + (f" — {outcome.message}" if outcome.message else ""))
        loaded = pd.DataFrame([o.__dict__ for o in outcomes],
                              columns=["file_name", "status", "rows_read", "rows_accepted", "rows_rejected", "message"])
        return dg.MaterializeResult(
            metadata={
                "files loaded this run": len(outcomes),
                "loads this run": dg.MetadataValue.md(markdown_table(loaded)),
                "files not read": dg.MetadataValue.md(markdown_table(skipped)),
            },
            check_results=[
                dg.AssetCheckResult(
                    check_name="files_readable",
                    passed=rejected.empty,
                    severity=dg.AssetCheckSeverity.ERROR,
                    description=None if rejected.empty else
                    f"{len(rejected)} 个文件被整体退回 (files rejected whole): " + "、".join(rejected["file_name"]),
                    metadata={"rejected files": len(rejected),
                              "files and reasons": dg.MetadataValue.md(markdown_table(rejected))},
                ),
                dg.AssetCheckResult(
                    check_name="rows_valid",
                    passed=quarantined.empty,
                    severity=dg.AssetCheckSeverity.WARN,
                    description=None if quarantined.empty else
                    f"{quarantined[['file_name', 'sheet', 'row_number']].drop_duplicates().shape[0]} 行被隔离，"
                    f"涉及文件 (rows quarantined in): " + "、".join(quarantined["file_name"].unique()),
                    metadata={"quarantined cells": len(quarantined),
                              "failing rows": dg.MetadataValue.md(markdown_table(quarantined)),
                              "file findings": dg.MetadataValue.md(markdown_table(findings))},
                ),
            ],
        )

    return _load
