"""What the Dagster UI shows of a table: typed, inline tables with Chinese headers, never a Markdown blob."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal

import dagster as dg
import pandas as pd

from warehouse.build import Column

# Our severities as Dagster shows a check that did not pass: a blocking check is an error, a warning a warning.
CHECK_SEVERITY = {"blocking": dg.AssetCheckSeverity.ERROR, "warning": dg.AssetCheckSeverity.WARN}


def check_verdict(severity: str, passed: bool) -> dict[str, object]:
    """`passed` and `severity` as Dagster is told them. Dagster knows only passed, or failed as an error or a
    warning (with a triangle and "Failed"); an information check has nothing for anyone to put right, so it passes
    there, its rows and their count in its metadata for whoever wants them. audit.check_results and the console
    keep telling information apart from problems."""
    if severity == "information":
        return {"passed": True}
    return {"passed": passed, "severity": CHECK_SEVERITY[severity]}

# Rows shown inline on a check; the full list is in the CSV beside the run and in the warehouse.
SHOWN_ROWS = 200


def _cell(value: object) -> str | int | float | bool | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):  # pandas' Timestamp too
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple) or hasattr(value, "tolist"):
        items = value.tolist() if hasattr(value, "tolist") else value
        return "、".join("" if item is None else str(_cell(item)) for item in items)
    return str(value)


def rows_table(frame: pd.DataFrame, labels: dict[str, str]) -> dg.MetadataValue:
    """The first SHOWN_ROWS rows as table metadata, headed by each column's Chinese label where it has one."""
    names = [labels.get(column, column) for column in frame.columns]
    # Two columns with the same label keep their own names beside it.
    names = [f"{name}（{column}）" if names.count(name) > 1 else name for name, column in zip(names, frame.columns,
                                                                                               strict=True)]
    records = [dg.TableRecord(dict(zip(names, map(_cell, row), strict=True)))
               for row in frame.head(SHOWN_ROWS).itertuples(index=False)]
    schema = dg.TableSchema(columns=[dg.TableColumn(name, "string") for name in names])
    return dg.MetadataValue.table(records=records, schema=schema)


def column_schema(columns: Sequence[Column]) -> dg.TableSchema:
    return dg.TableSchema(columns=[dg.TableColumn(c.name, c.type.lower(), description=c.comment) for c in columns])
