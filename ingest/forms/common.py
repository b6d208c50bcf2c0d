"""What every form reader returns, and the cell-by-cell coercion they share.

Plain Python: the readers run in worker processes that import neither pandas nor pandera (warehouse/isolation.py).
A reader coerces each table's cells into records and leaves them pending; the loader's process judges the pending
tables of a whole batch of files by their models, and makes the frames (ingest/forms/judging.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.cells import ExcelError, RuleBroken
from ingest.csv_lines import LINE_RULES, BrokenLine
from ingest.tables import FoundTable
from ingest.text import visible

if TYPE_CHECKING:
    import pandas as pd

    from ingest.forms.customs import PlatformDownload
    from ingest.forms.reference_data import Reference


class FileRejected(Exception):
    """The whole file cannot be placed (no period, unknown department, missing sheet...).

    str() is the message for the clerk: what is missing and what was expected.
    """


@dataclass(frozen=True)
class Issue:
    sheet: str | None
    row_number: int | None
    column_name: str | None
    value: str | None
    rule: str
    message: str


@dataclass
class Pending:
    """One table's coerced rows, waiting for the model of their raw table (ingest/forms/judging.py)."""

    table: str  # the raw table they are for; one without a model (raw.dept_reports) takes them as they are
    sheet: str | None
    records: list[dict[str, object]]
    columns: list[str]
    headers: dict[str, str] = field(default_factory=dict)  # found column -> its header as written, for messages
    sources: dict[str, str] = field(default_factory=dict)  # coerced column -> the found column it was read from
    # The cells of those found columns, one per record: a rule broken by a derived value names the cell as written.
    source_cells: dict[str, list[object]] = field(default_factory=dict)
    drop: tuple[str, ...] = ()  # columns the model judges that the raw table does not hold


@dataclass
class ParsedFile:
    """The accepted rows of one file per raw table, and every problem found on the way.

    As a reader returns it, its tables are `pending`: coerced, not yet judged. Judging (ingest/forms/judging.py)
    moves each table's accepted rows to `tables` and its rules' failures to `issues`.
    """

    rows_read: int = 0
    tables: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    findings: list[tuple[str | None, str, str]] = field(default_factory=list)  # (sheet, rule, message)
    logical_key: str | None = None
    # Tables too big for a pandas frame (a customs platform download), described for the warehouse to load in
    # bulk; their rows are counted when they are loaded.
    bulk_loads: list[PlatformDownload] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)

    def add(self, table: str, frame: pd.DataFrame) -> None:
        if not frame.empty:
            self.tables.setdefault(table, []).append(frame)

    @property
    def rejected_rows(self) -> int:
        return len({(i.sheet, i.row_number) for i in self.issues if i.row_number is not None})


@dataclass(frozen=True)
class Coercion:
    """Turn one cell into a typed value; a ValueError becomes an Issue under `rule`.

    `convert(cell, row)` also sees the row: its raw cells under "_cells" and the values coerced before it,
    for the cells whose meaning depends on another (an amount on its unit column, a value on its metric).
    """

    rule: str
    convert: Callable[[object, dict], object]
    field: str | None = None  # the found column to read, when it is not the output column's name
    of_cell: Callable[[object], object] | None = None  # `convert` when it reads the cell alone (see Conversions)


def by_cell(rule: str, convert: Callable[[object], object], field: str | None = None) -> Coercion:
    """A coercion of the cell alone. `convert` must depend on nothing else: equal cells of a table (of a batch, for
    a reader that shares Conversions) are converted once."""
    return Coercion(rule, lambda cell, _row: convert(cell), field, convert)


class Conversions:
    """Cell conversions remembered over a batch of files: a value the clerks repeat (a date, a status, an amount,
    an industry) is parsed once per batch, not once per cell. Only a pure function of the cell is remembered, with
    its result or its ValueError's message and rule, keyed by the cell's type and value: cells that are equal but
    read differently (0.0 and -0.0, an aware datetime, a Decimal's trailing zeros) are converted each time."""

    def __init__(self) -> None:
        self._done: dict[tuple, tuple[bool, object]] = {}

    def read(self, function: Callable[[object], object], cell: object) -> object:
        """function(cell); where it raises a ValueError, a ValueError with the same message and rule."""
        kind = cell.__class__
        if not (kind in _SAME_WHEN_EQUAL or (kind is float and cell) or (kind is dt.datetime and cell.tzinfo is None)):
            return function(cell)
        key = (function, kind, cell)
        done = self._done.get(key)
        if done is None:
            try:
                done = (True, function(cell))
            except ValueError as err:
                # Kept as text: an exception kept would hold its traceback, and the batch's frames with it.
                done = (False, (str(err), getattr(err, "rule", None)))
            self._done[key] = done
        if done[0]:
            return done[1]
        message, rule = done[1]
        raise ValueError(message) if rule is None else RuleBroken(rule, message)


# Types whose equal values always read the same.
_SAME_WHEN_EQUAL = frozenset({str, int, bool, dt.date, type(None)})


def cell_text(cell: object) -> str | None:
    """A cell as text for a message or a quarantine row: invisible characters shown by their code."""
    if cell is None:
        return None
    return visible(str(cell))


# Field of a coerced record: the fields of the row whose coercion failed. They were reported already, so the
# form's rules do not report them again; the row is judged by its other cells, then left out (judging.py).
FAILED = "_failed"
_NONE_FAILED: frozenset[str] = frozenset()


def coerced_columns(coercions: dict[str, Coercion], fixed: dict[str, object] | None = None) -> list[str]:
    return ["sheet", "row_number", *coercions, "extra_columns", FAILED, *(fixed or {})]


def coerce_records(
    table: FoundTable, coercions: dict[str, Coercion], fixed: dict[str, object] | None = None,
    conversions: Conversions | None = None,
) -> tuple[list[dict[str, object]], list[Issue]]:
    """Coerce every data row of a found table, with an Issue per bad cell (an Excel error cell included).

    Every row is returned, a field that failed as None and named in the row's FAILED set, so that the model's rules
    still see its other cells and the clerk learns of every problem of the row at once. `fixed` adds the same value
    to every row (e.g. the department of the whole workbook); `conversions` shares the conversions of cells alone
    over a batch.
    """
    records: list[dict[str, object]] = []
    issues: list[Issue] = []
    conversions = conversions or Conversions()
    plan = [(name, coercion.field or name, coercion) for name, coercion in coercions.items()]
    for row in table.rows:
        cells = row.cells
        record: dict[str, object] = {"sheet": table.sheet, "row_number": row.row_number, "_cells": cells}
        failed: set[str] | None = None  # made at the row's first failure: most rows have none
        failed_sources: set[str] = set()
        for name, source, coercion in plan:
            if failed and source in failed_sources:
                failed.add(name)  # one cell, one problem: its first failure was reported
                continue
            cell = cells.get(source)
            try:
                if cell.__class__ is ExcelError:
                    raise RuleBroken("excel_error", f"单元格是Excel错误值「{cell}」（公式出错），请改正公式或填入数值 "
                                                    "(an Excel error value: the formula failed)")
                if coercion.of_cell is not None:
                    record[name] = conversions.read(coercion.of_cell, cell)
                else:
                    record[name] = coercion.convert(cell, record)
            except KeyError:
                if not failed:
                    raise  # a coercion reading a value nothing set: a bug, not the clerk's cell
                failed.add(name)  # depends on a cell of this row that already failed and was reported
            except ValueError as err:
                column = table.columns.get(source)
                issues.append(Issue(table.sheet, row.row_number, column.header if column else name, cell_text(cell),
                                    getattr(err, "rule", coercion.rule), str(err)))
                failed = failed or set()
                failed.add(name)
                failed_sources.add(source)
        del record["_cells"]
        if failed:
            for name in failed:
                record[name] = None
        record["extra_columns"] = _extra_columns(row.extra)
        record[FAILED] = frozenset(failed) if failed else _NONE_FAILED
        records.append(record | fixed if fixed else record)
    return records, issues


def _extra_columns(extra: dict[str, object]) -> str | None:
    """The columns no field claimed, as JSON text {header as written: cell as text}; None when there are none."""
    kept = {header: str(int(value)) if isinstance(value, float) and value.is_integer() else cell_text(value)
            for header, value in extra.items() if value is not None and str(value).strip()}
    return json.dumps(kept, ensure_ascii=False, default=str) if kept else None


def headers_of(table: FoundTable) -> dict[str, str]:
    """Field name -> the header as the clerk wrote it, for messages."""
    return {name: column.header for name, column in table.columns.items()}


def read_table(
    parsed: ParsedFile, table: FoundTable, coercions: dict[str, Coercion], raw_table: str,
    fixed: dict[str, object] | None = None, conversions: Conversions | None = None, drop: tuple[str, ...] = (),
) -> None:
    """Coerce one table, counting its rows and collecting its coercion issues into `parsed`; its rows wait in
    `parsed.pending` for the model of `raw_table`."""
    parsed.rows_read += len(table.rows)
    records, issues = coerce_records(table, coercions, fixed, conversions)
    parsed.issues.extend(issues)
    sources = {name: coercion.field for name, coercion in coercions.items() if coercion.field not in (None, name)}
    cells = {source: [row.cells.get(source) for row in table.rows] for source in set(sources.values())}
    parsed.pending.append(Pending(raw_table, table.sheet, records, coerced_columns(coercions, fixed),
                                  headers_of(table), sources, cells, drop))


def read_each_file(read_one: Callable[[Path, Reference], ParsedFile], paths: list[Path], reference: Reference
                   ) -> list[ParsedFile | Exception]:
    """A reader of one file applied to many: a file that fails is returned as its exception, the others go on."""
    results: list[ParsedFile | Exception] = []
    for path in paths:
        try:
            results.append(read_one(path, reference))
        except Exception as err:  # noqa: BLE001 - the loader reports it against this file
            results.append(err)
    return results


def broken_line_issues(sheet: str, broken: Sequence[BrokenLine]) -> list[Issue]:
    """A CSV's unreadable lines as quarantined rows, each under its own line number."""
    return [Issue(sheet, line.line, None, line.text, line.rule, LINE_RULES[line.rule].replace("{value}", line.text))
            for line in broken]
