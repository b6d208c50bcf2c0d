"""The value-range rules of the form models agree with the raw tables' DDL: every number a form writes is bounded
by its model within the column type it is stored in, so no value can fail a file's write."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pandas as pd
import pytest

from ingest.forms.judging import MODELS
from schemas.rules import failures
from schemas.storage import fits
from warehouse.database import apply_sql_dir

# Numbers a row carries that no cell of the form gives: lineage, and the table's period taken from its title.
NOT_FROM_CELLS = {"load_id", "row_number"}
FROM_THE_TITLE = {"raw.customs_enterprise_monthly": {"year", "month"}}
_INTEGER_RANGE = {"INTEGER": (-(2 ** 31), 2 ** 31 - 1), "BIGINT": (-(2 ** 63), 2 ** 63 - 1)}


def _numeric_columns() -> dict[str, dict[str, str]]:
    with duckdb.connect() as con:
        apply_sql_dir(con, "ddl")
        rows = con.execute(
            "SELECT schema_name || '.' || table_name, column_name, data_type FROM duckdb_columns()"
            " WHERE schema_name = 'raw' AND (data_type LIKE 'DECIMAL%' OR data_type IN ('INTEGER', 'BIGINT'))"
        ).fetchall()
    columns: dict[str, dict[str, str]] = {}
    for table, column, data_type in rows:
        columns.setdefault(table, {})[column] = data_type
    return columns


def _bound(model: type, column: str, data_type: str) -> str | None:
    """How the model keeps the column within its type, or None."""
    schema_column = model.to_schema().columns.get(column)
    for check in schema_column.checks if schema_column is not None else []:
        if check.name == "stored_as" and check.statistics["column_type"] == data_type:
            return "stored_as"
        if check.name == "in_range" and data_type in _INTEGER_RANGE:
            low, high = _INTEGER_RANGE[data_type]
            if low <= check.statistics["min_value"] and check.statistics["max_value"] <= high:
                return "in_range"
    return None


@pytest.mark.parametrize("table", sorted(MODELS))
def test_every_number_a_form_writes_is_bounded_by_its_column_type(table: str) -> None:
    columns = _numeric_columns()[table]
    from_cells = {c: t for c, t in columns.items() if c not in NOT_FROM_CELLS | FROM_THE_TITLE.get(table, set())}
    assert from_cells  # the table has numbers to bound
    unbounded = {column: data_type for column, data_type in from_cells.items()
                 if _bound(MODELS[table], column, data_type) is None}
    assert unbounded == {}


@pytest.mark.parametrize("table", sorted(MODELS))
def test_a_declared_storage_type_is_the_ddl_type(table: str) -> None:
    columns = _numeric_columns()[table]
    declared = {name: check.statistics["column_type"]
                for name, column in MODELS[table].to_schema().columns.items()
                for check in column.checks if check.name == "stored_as"}
    assert declared
    assert {name: columns.get(name) for name in declared} == declared


@pytest.mark.parametrize(("value", "column_type", "stored"), [
    (Decimal("99999999999999.9999"), "DECIMAL(18,4)", True),
    (Decimal("99999999999999.99994"), "DECIMAL(18,4)", True),  # rounds down to the largest value it holds
    (Decimal("99999999999999.99995"), "DECIMAL(18,4)", False),  # rounds up past it
    (Decimal("-1E+14"), "DECIMAL(18,4)", False),
    (Decimal("1E+400"), "DECIMAL(18,4)", False),
    (Decimal("0.00001"), "DECIMAL(18,4)", True),
    (2 ** 31 - 1, "INTEGER", True),
    (2 ** 31, "INTEGER", False),
    (-(2 ** 31), "INTEGER", True),
])
def test_fits_says_what_duckdb_stores(value: object, column_type: str, stored: bool) -> None:
    assert fits(value, column_type) is stored
    with duckdb.connect() as con:
        con.execute(f"CREATE TABLE t (v {column_type})")
        try:
            con.execute("INSERT INTO t VALUES (CAST(? AS VARCHAR))", [str(value)])
            held = True
        except duckdb.ConversionException:
            held = False
    assert held is stored


def test_too_large_names_the_value_as_written_and_the_limit() -> None:
    frame = pd.DataFrame({"metric_code": ["trade_total"], "year": [2024], "month_from": [1], "month_to": [5],
                          "value": [Decimal("1E+16")], "basis": ["confirmed"], "confirmed_on": ["2024-06-14"]},
                         dtype=object)
    [failure] = failures(MODELS["raw.bureau_kpi"], frame)
    assert (failure.field, failure.value, failure.rule) == ("value", "10000000000000000", "value_too_large")
    assert "整数部分最多14位" in failure.message and "DECIMAL(18,4)" in failure.message
