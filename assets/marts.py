"""core and marts built by the SQL in warehouse/sql, checked, then published for analysts."""


import dagster as dg

from assets.bureau import bureau_files
from assets.customs import customs_files
from assets.departments import department_files
from assets.display import markdown_table
from assets.reference import reference_data
from warehouse.checks import mart_checks
from warehouse.objects import build_layer
from warehouse.publish import publish
from warehouse.resource import Warehouse

CHECKS = mart_checks()


@dg.asset(group_name="warehouse", deps=[reference_data, bureau_files, department_files, customs_files],
          description="core.*：统一的维度与事实 conformed dimensions and facts (warehouse/sql/core)")
def core_tables(warehouse: Warehouse) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        applied = build_layer(con, "core")
    return dg.MaterializeResult(metadata={"sql files": ", ".join(applied)})


@dg.asset(
    group_name="warehouse",
    deps=[core_tables],
    description="marts.*：给人看的表 tables for people (warehouse/sql/marts)",
    check_specs=[dg.AssetCheckSpec(c.name, asset="mart_tables", description=c.description, blocking=c.blocking)
                 for c in CHECKS],
)
def mart_tables(warehouse: Warehouse) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        applied = build_layer(con, "marts")
        results = []
        for check in CHECKS:
            failing = check.failing_rows(con)
            results.append(dg.AssetCheckResult(
                check_name=check.name, passed=failing.empty,
                severity=dg.AssetCheckSeverity.ERROR if check.blocking else dg.AssetCheckSeverity.WARN,
                description=check.description,
                metadata={"failing rows": len(failing), "rows": dg.MetadataValue.md(markdown_table(failing))},
            ))
        kpi = con.execute("SELECT count(*) FROM marts.kpi_completion").fetchone()[0]
    return dg.MaterializeResult(metadata={"sql files": ", ".join(applied), "kpi_completion rows": kpi},
                                check_results=results)


@dg.asset(group_name="warehouse", deps=[mart_tables],
          description="发布给分析人员的只读文件 the file analysts open: <ZHAOSHANG_HOME>/warehouse/zhaoshang.duckdb")
def published_warehouse(warehouse: Warehouse) -> dg.MaterializeResult:
    target = publish(warehouse.paths.build_db, warehouse.paths.published_db)
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(target)),
                                          "size_bytes": target.stat().st_size})
