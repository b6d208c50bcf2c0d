"""Reference data: departments and aliases, the enterprise roster, metrics, targets, rates, weights."""


import dagster as dg

from ingest.forms.reference import Reference, ReferenceError
from warehouse.reference import write_reference
from warehouse.resource import Warehouse
from warehouse.runs import note_run


def reference_or_fail(warehouse: Warehouse) -> tuple[Reference, str]:
    try:
        return warehouse.reference()
    except ReferenceError as err:
        raise dg.Failure(description=f"参考数据有误 (reference data is wrong): {err}") from None


@dg.asset(group_name="reference", kinds={"csv", "duckdb"},
          description="参考数据：部门、企业名录、指标、目标、汇率、排名权重 reference/*.csv, *.yaml -> raw.ref_*")
def reference_data(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    reference, version = reference_or_fail(warehouse)
    with warehouse.connect() as con:
        note_run(con, context.run_id)
        counts = write_reference(con, reference)
    # The version is the files' hash: rewritten with the same files, nothing downstream is out of date. The code
    # lists written beside them (raw.ref_codes, from schemas/codes.py) change only with a release; the build's
    # fingerprints hash that table's content, so only Dagster's staleness marker does not see such a change.
    return dg.MaterializeResult(data_version=dg.DataVersion(version),
                                metadata={f"raw.ref_{name}": count for name, count in counts.items()})
