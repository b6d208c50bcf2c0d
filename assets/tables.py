"""Every core and mart table (or view) as its own asset, keyed schema/name, built from the one SQL file that
creates it; its upstream assets are the tables its SQL reads (warehouse/objects.py), and each SQL check hangs on
the table it inspects. One op builds whatever is selected, so a night is still one run that publishes once."""


import hashlib

import dagster as dg

from assets.display import check_verdict, column_schema, rows_table
from assets.full_disk import explains_full_disk
from assets.reference import reference_data
from assets.run_tags import count_in_run
from ingest.sources import SOURCE_BY_NAME
from warehouse.build import RAW_OWNER, build, drawn_sources, drop_strays
from warehouse.checks import run_checks, sql_checks, write_csv
from warehouse.labels import column_labels
from warehouse.objects import SqlObject, sql_objects
from warehouse.resource import Warehouse
from warehouse.runs import note_run


def table_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


def _upstream(read: str, reader: str) -> list[dg.AssetKey]:
    """The assets behind a table a query reads: another object, the source filling a raw table, the reference data,
    or, for the audit trail, the sources the reading object draws on (warehouse.build.drawn_sources)."""
    if read.startswith(("core.", "marts.")):
        return [table_key(read)]
    if read in RAW_OWNER:
        return [dg.AssetKey(SOURCE_BY_NAME[RAW_OWNER[read]].asset_name)]
    if read.startswith("raw.ref_"):
        return [reference_data.key]
    return [dg.AssetKey(SOURCE_BY_NAME[source].asset_name) for source in drawn_sources(reader)]


def _spec(obj: SqlObject) -> dg.AssetSpec:
    return dg.AssetSpec(
        table_key(obj.key),
        deps=sorted({key for read in obj.reads for key in _upstream(read, obj.key)}, key=lambda k: k.to_user_string()),
        group_name=obj.schema,
        description=obj.description,
        kinds={"duckdb", "sql"},
        code_version=hashlib.sha256(obj.sql.encode()).hexdigest()[:12],
        metadata={
            "dagster/table_name": obj.key,
            "SQL": obj.path.relative_to(obj.path.parents[2]).as_posix(),
            "dagster/column_schema": dg.TableSchema(columns=[
                dg.TableColumn(name, description=comment) for name, comment in obj.column_comments.items()]),
        },
    )


OBJECTS = [obj for obj in sql_objects() if obj.kind in ("table", "view")]
CHECKS = sql_checks()


@dg.multi_asset(
    name="warehouse_tables",
    specs=[_spec(obj) for obj in OBJECTS],
    check_specs=[dg.AssetCheckSpec(c.name, asset=table_key(c.table), description=c.description, blocking=c.blocking)
                 for c in CHECKS],
    can_subset=True,
)
@explains_full_disk
def warehouse_tables(context: dg.AssetExecutionContext, warehouse: Warehouse):
    selected = {".".join(key.path) for key in context.selected_asset_keys}
    checks = [c for c in CHECKS if dg.AssetCheckKey(table_key(c.table), c.name) in context.selected_asset_check_keys]
    with warehouse.connect() as con:
        note_run(con, context.run_id)
        if selected == {obj.key for obj in OBJECTS}:
            for stray in drop_strays(con):
                context.log.info(f"{stray}: no SQL file creates it any more; dropped")
        for built in build(con, selected, run_id=context.run_id):
            built_at = con.execute("SELECT built_at FROM audit.table_fingerprints WHERE table_name = ?",
                                   [built.obj.key]).fetchone()[0]
            yield dg.MaterializeResult(
                asset_key=table_key(built.obj.key),
                data_version=dg.DataVersion(built.fingerprint),
                metadata={"dagster/row_count": built.row_count,
                          "dagster/column_schema": column_schema(built.columns),
                          "本次重建 rebuilt this run": built.changed,
                          "内容最后变化 content last changed": built_at.isoformat(sep=" ", timespec="seconds")},
            )
        outcomes = run_checks(con, checks, context.run_id)
        labels = {o.check.name: column_labels(con, o.check.table) | dict(o.check.own_labels) for o in outcomes}
    count_in_run(context, failed_checks=sum(not o.passed and o.check.severity != "information" for o in outcomes))
    folder = warehouse.paths.reports / "checks" / context.run_id
    for outcome in outcomes:
        check = outcome.check
        informs = check.severity == "information"
        rows, count, says = (
            ("提示的行 rows for information", "提示的行数 rows for information", "行供参考 (rows for information)")
            if informs else ("不符合的行 rows", "不符合的行数 failing rows", "行不符合 (rows break it)"))
        metadata: dict[str, object] = {count: len(outcome.failing)}
        if not outcome.passed:
            metadata[rows] = rows_table(outcome.failing, labels[check.name])
            metadata["全部行 all rows (CSV)"] = dg.MetadataValue.path(
                str(write_csv(outcome.failing, folder / f"{check.name}.csv", labels[check.name])))
        yield dg.AssetCheckResult(
            asset_key=table_key(check.table), check_name=check.name, **check_verdict(check.severity, outcome.passed),
            description=check.description if outcome.passed else f"{len(outcome.failing)} {says}: {check.description}",
            metadata=metadata,
        )


TABLE_KEYS = [table_key(obj.key) for obj in OBJECTS]
