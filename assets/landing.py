"""One ingest asset per source (ingest/sources.py): load the new files, then check what is wrong now."""

import dagster as dg
import pandas as pd

from assets.display import CHECK_SEVERITY, rows_table
from assets.full_disk import explains_full_disk
from assets.reference import reference_data, reference_or_fail
from assets.run_tags import count_in_run
from ingest.sources import SOURCES, Source
from warehouse.audit import (
    LANDING_CHECK_TABLES,
    open_findings,
    open_quarantine,
    open_rejections,
    skipped_files,
    unbalanced_loads,
)
from warehouse.build import source_fingerprint
from warehouse.checks import record_results
from warehouse.labels import column_labels
from warehouse.landing import REFUSED
from warehouse.loads import load_source
from warehouse.resource import Warehouse
from warehouse.runs import note_run

# File names a run's log line lists of the files read without a problem (all of them are in audit.loads).
LOGGED_NAMES = 20


# Each landing check once: its severity and words serve its spec, its result in the UI and audit.check_results.
# A rejected file or a quarantined cell is for whoever sent it to fix (warning); an unbalanced load is ours (blocking).
_CHECKS = {
    "files_readable": ("warning", "每个文件都能识别；未读取的文件列在旁边 every file in the landing zone could be "
                                  "read and placed (those not read are listed beside)"),
    "rows_valid": ("warning", "每一行都通过校验 every row of the files in force passed validation"),
    "rows_balance": ("blocking", "每个文件：读取行 = 接受行 + 隔离行，否则不发布 every load accounts for every row "
                                 "read (read = accepted + quarantined); publication stops if one does not"),
}


def _specs(name: str) -> list[dg.AssetCheckSpec]:
    return [dg.AssetCheckSpec(check, asset=name, blocking=severity == "blocking", description=description)
            for check, (severity, description) in _CHECKS.items()]


def landing_asset(source: Source) -> dg.AssetsDefinition:
    name = source.asset_name

    @dg.asset(name=name, group_name="ingest", deps=[reference_data],
              description=f"{source.label}：{source.contents} -> " + ", ".join(source.raw_tables),
              kinds={"python", "duckdb"}, check_specs=_specs(name))
    @explains_full_disk
    def _load(context: dg.AssetExecutionContext, warehouse: Warehouse):
        reference, _ = reference_or_fail(warehouse)
        with warehouse.connect() as con:
            note_run(con, context.run_id)
            outcomes = load_source(con, source.name, warehouse.paths, source.reader, reference,
                                   run_id=context.run_id, pool=warehouse.pool())
            rejected = open_rejections(con, source.name)
            quarantined = open_quarantine(con, source.name)
            findings = open_findings(con, source.name)
            skipped = skipped_files(con, source.name)
            unbalanced = unbalanced_loads(con, source.name)
            labels = {table.removeprefix("audit."): column_labels(con, table) for table in LANDING_CHECK_TABLES}
            version = source_fingerprint(con, source.name)
            refused = skipped[skipped["reason"].isin(REFUSED)]
            failing = {"files_readable": pd.concat([rejected, refused], ignore_index=True), "rows_valid": quarantined,
                       "rows_balance": unbalanced}
            record_results(con, context.run_id, [(check, name, severity, description, failing[check])
                                                 for check, (severity, description) in _CHECKS.items()])
        # A line per file that needs a look; the clean ones in one line (each log line is a row Dagster writes to
        # its event log: a thousand workbooks would cost seconds).
        clean = []
        for outcome in outcomes:
            if outcome.status in ("rejected", "failed") or outcome.rows_rejected:
                context.log.warning(f"{outcome.file_name}: {outcome.status}, {outcome.rows_accepted}/"
                                    f"{outcome.rows_read} rows accepted" + (f" — {outcome.message}" if outcome.message
                                                                            else ""))
            else:
                clean.append(outcome.file_name)
        if clean:
            more = f" …（另有{len(clean) - LOGGED_NAMES}个 more）" if len(clean) > LOGGED_NAMES else ""
            context.log.info(f"{len(clean)}个文件读取无误 files read without a problem: "
                             + "、".join(clean[:LOGGED_NAMES]) + more)
        rows_quarantined = quarantined[["file_name", "sheet", "row_number"]].drop_duplicates().shape[0]
        # The run's tags say what this run found; what is still wrong from earlier runs is in its failed checks.
        count_in_run(context, rejected_files=sum(o.status in ("rejected", "failed") for o in outcomes),
                     quarantined_rows=sum(o.rows_rejected for o in outcomes),
                     failed_checks=(not (rejected.empty and refused.empty)) + (not quarantined.empty)
                     + (not unbalanced.empty))
        yield dg.MaterializeResult(
            data_version=dg.DataVersion(version),
            metadata={
                "本次读取的文件 files read this run": len(outcomes),
                "未读取的文件 files not read": rows_table(skipped, labels["skipped_files"]),
            },
        )
        yield dg.AssetCheckResult(
            check_name="files_readable", passed=rejected.empty and refused.empty,
            severity=CHECK_SEVERITY[_CHECKS["files_readable"][0]],
            description=_names(rejected, "个文件未能读入 files rejected or not written") if not rejected.empty
            else _names(refused, "个文件被拒绝打开 files refused") if not refused.empty
            else _names(skipped, "个文件未读取（见下）files not read, see below") if not skipped.empty else None,
            metadata={"退回的文件 rejected files": rows_table(rejected, labels["loads"]),
                      "未读取的文件 files not read": rows_table(skipped, labels["skipped_files"])},
        )
        yield dg.AssetCheckResult(
            check_name="rows_valid", passed=quarantined.empty, severity=CHECK_SEVERITY[_CHECKS["rows_valid"][0]],
            description=None if quarantined.empty else f"{rows_quarantined} 行被隔离，涉及文件 (rows quarantined in): "
            + "、".join(quarantined["file_name"].unique()),
            metadata={"隔离的单元格 quarantined cells": rows_table(quarantined, labels["quarantine"]),
                      "文件层面的发现 file findings": rows_table(findings, labels["quarantine"])},
        )
        yield dg.AssetCheckResult(
            check_name="rows_balance", passed=unbalanced.empty, severity=CHECK_SEVERITY[_CHECKS["rows_balance"][0]],
            description=None if unbalanced.empty else _names(unbalanced, "个文件的行数对不上 loads do not balance"),
            metadata={"对不上的读取 unbalanced loads": rows_table(unbalanced, labels["loads"])},
        )

    return _load


def _names(frame, what: str) -> str:
    return f"{len(frame)} {what}：" + "、".join(frame["file_name"] if "file_name" in frame else frame["file_path"])


INGEST_ASSETS = [landing_asset(source) for source in SOURCES]
