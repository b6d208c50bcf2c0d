"""A raw table's columns are declared in its DDL; the readers' output and the pandera models follow it: every column a
reader writes is declared, every declared column is written, and every rule names a declared column."""

from __future__ import annotations

import duckdb
import pytest

from ingest.forms.judging import MODELS, judge_files
from ingest.forms.reference import load_reference
from ingest.sources import SOURCES
from warehouse.database import prepare

LINEAGE = {"load_id", "file_name"}  # added by the loader to every row
BULK = {"raw.customs_platform"}  # loaded by SQL straight from the file (warehouse/sql/loads)


@pytest.fixture(scope="module")
def declared(tmp_path_factory) -> dict[str, set[str]]:
    path = tmp_path_factory.mktemp("ddl") / "build.duckdb"
    prepare(path)
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'raw'"
                           " AND table_name NOT LIKE 'ref_%'").fetchall()
    tables: dict[str, set[str]] = {}
    for table, column in rows:
        tables.setdefault(f"raw.{table}", set()).add(column)
    return tables


@pytest.fixture(scope="module")
def written(demo_run) -> dict[str, set[str]]:
    """The columns each raw table receives from the readers, over every file of the demo."""
    reference = load_reference(demo_run.home / "reference")
    columns: dict[str, set[str]] = {}
    for source in SOURCES:
        paths = sorted(p for p in (demo_run.home / "landing" / source.name).rglob("*") if p.is_file())
        for parsed in judge_files(source.reader(paths, reference)):
            for table, frames in parsed.tables.items():
                for frame in frames:
                    columns.setdefault(table, set()).update(frame.columns)
    return columns


def test_every_raw_table_receives_exactly_its_declared_columns(declared, written) -> None:
    assert set(written) == set(declared) - BULK
    for table, columns in written.items():
        assert columns | LINEAGE == declared[table], table


def test_every_rule_of_a_form_names_a_declared_column(declared) -> None:
    for table, model in MODELS.items():
        assert set(model.to_schema().columns) <= declared[table], table


def test_the_forms_and_their_tables_are_the_sources_tables(declared) -> None:
    assert {table for source in SOURCES for table in source.raw_tables} == set(declared)
