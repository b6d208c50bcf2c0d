"""Reference data: departments and aliases, the enterprise roster, metrics, targets, rates, weights."""


import dagster as dg

from ingest.forms.reference import Reference, ReferenceError, load_reference
from warehouse.reference import write_reference
from warehouse.resource import Warehouse


def reference_or_fail(warehouse: Warehouse) -> Reference:
    try:
        return load_reference(warehouse.paths.reference)
    except ReferenceError as err:
        raise dg.Failure(description=f"参考数据有误 (reference data is wrong): {err}") from None


@dg.asset(group_name="reference", description="参考数据 reference/*.csv, *.yaml -> raw.ref_*")
def reference_data(warehouse: Warehouse) -> dg.MaterializeResult:
    reference = reference_or_fail(warehouse)
    with warehouse.connect() as con:
        counts = write_reference(con, reference)
    return dg.MaterializeResult(metadata={f"rows in raw.ref_{name}": count for name, count in counts.items()})
