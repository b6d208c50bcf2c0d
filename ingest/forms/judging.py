"""The second half of reading a form, in the loader's process: the pending tables of a batch of files judged by the
models of their raw tables, one frame and one pandera call per table for the whole batch (pandera's fixed cost
per call outweighs a 50-row workbook). Failing rows become Issues of their own file and leave its frame; each file
gets its own slice of the batch's frames (slices of one block concatenate cheaply in the loader).

The readers stop short of this so that the worker processes reading files import neither pandas nor pandera
(warehouse/isolation.py): a worker starts in a tenth of a second and takes a fifth of the memory.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import pandas as pd

from ingest.forms.common import FAILED, Issue, ParsedFile, Pending, cell_text
from schemas.bureau import BureauKpiRow, BureauProjectRow
from schemas.customs import EnterpriseMonthlyRow
from schemas.departments import ActivityRow, EnterpriseRow, LeadRow, SignedProjectRow
from schemas.rules import Failure, failures

log = logging.getLogger(__name__)

# A department report's header row (who reported, for which period): one per file, written as read, not a data row.
UNJUDGED = frozenset({"raw.dept_reports"})
# The model every row of every other raw table must pass.
MODELS = {
    "raw.bureau_kpi": BureauKpiRow,
    "raw.bureau_projects": BureauProjectRow,
    "raw.customs_enterprise_monthly": EnterpriseMonthlyRow,
    "raw.dept_leads": LeadRow,
    "raw.dept_signed_projects": SignedProjectRow,
    "raw.dept_enterprises": EnterpriseRow,
    "raw.dept_activities": ActivityRow,
}


def judge_files(results: list[ParsedFile | Exception], models: Mapping[str, type] = MODELS
                ) -> list[ParsedFile | Exception]:
    """The readers' results with every pending table judged by the model of its raw table, in the same order; an
    exception stays as it is.

    Where judging the batch fails (a rule that cannot run on a value: a bug, not the clerk's file), each file is
    judged alone, and a file that fails alone is returned as its exception, for the loader to reject by name.
    """
    waiting = [i for i, result in enumerate(results) if isinstance(result, ParsedFile) and result.pending]
    done = list(results)
    try:
        _judge([results[i] for i in waiting], models)
    except Exception:  # noqa: BLE001 - nothing was changed: each file is judged alone below
        log.warning("a batch of %d files could not be judged together; judging each alone", len(waiting),
                    exc_info=True)
        for i in waiting:
            try:
                _judge([results[i]], models)
            except Exception as err:  # noqa: BLE001 - reported against this file, the others go on
                done[i] = err
    return done


def judged(parsed: ParsedFile, models: Mapping[str, type] = MODELS) -> ParsedFile:
    """One file's tables judged; raises what judging it raised."""
    [result] = judge_files([parsed], models)
    if isinstance(result, Exception):
        raise result
    return result


def _judge(files: list[ParsedFile], models: Mapping[str, type]) -> None:
    """Judge every pending table of `files`, changing them only once all are judged."""
    tables: list[tuple[ParsedFile, str, pd.DataFrame]] = []
    failed: list[tuple[ParsedFile, Issue]] = []
    groups: dict[tuple[str, tuple[str, ...], frozenset[str]], list[tuple[ParsedFile, Pending]]] = {}
    for parsed in files:
        for item in parsed.pending:
            if item.table not in models and item.table not in UNJUDGED:
                raise KeyError(f"no model judges the rows of {item.table}")
            groups.setdefault((item.table, tuple(item.columns), frozenset(item.drop)), []).append((parsed, item))
    for (table, columns, dropped), batch in groups.items():
        frame = pd.DataFrame([record for _, item in batch for record in item.records], columns=list(columns),
                             dtype=object)
        out: set[object] = set()
        if table in models:
            owner = [(n, offset) for n, (_, item) in enumerate(batch) for offset in range(len(item.records))]
            found, out = _failures(models[table], frame)
            for failure in found:
                n, offset = owner[failure.index]
                parsed, item = batch[n]
                failed.append((parsed, _issue(failure, item, offset)))
        # Columns chosen rather than dropped: the frame stays one block, which concatenates fast.
        drop = {FAILED, *dropped}
        kept = frame[[column for column in frame.columns if column not in drop]]
        if out:
            kept = kept.drop(index=sorted(out))
        start = end = 0
        for parsed, item in batch:
            rows = len(item.records)
            left = rows - sum(1 for index in range(start, start + rows) if index in out) if out else rows
            tables.append((parsed, table, kept.iloc[end:end + left]))
            start, end = start + rows, end + left
    for parsed, table, frame in tables:
        parsed.add(table, frame)
    for parsed, issue in failed:
        parsed.issues.append(issue)
    for parsed in files:
        # A row's coercion and rule problems side by side, sheets in workbook order, as the clerk reads them.
        order: dict[str | None, int] = {}
        for item in parsed.pending:
            if item.sheet is not None:
                order.setdefault(item.sheet, len(order))
        parsed.issues.sort(key=lambda issue: (order.get(issue.sheet, -1), issue.row_number or 0))
        parsed.pending = []


def _failures(model: type, frame: pd.DataFrame) -> tuple[list[Failure], set[object]]:
    """The model's failures, except those on a field whose coercion already failed (reported then), and the index
    of every row to leave out (a failure of either kind)."""
    found = failures(model, frame)
    failed = frame[FAILED]
    found = [f for f in found if f.field not in failed.at[f.index]]
    out = {f.index for f in found}
    out.update(index for index, fields in failed.items() if fields)
    return found, out


def _issue(failure: Failure, item: Pending, offset: int) -> Issue:
    """A pandera failure as the clerk sees it: the header and the cell as written (for a derived value, such as an
    amount in 亿元 read from '3500万', the cell it was read from)."""
    source = item.sources.get(failure.field, failure.field)
    value = failure.value if source == failure.field else cell_text(item.source_cells[source][offset])
    return Issue(item.sheet, int(item.records[offset]["row_number"]), item.headers.get(source, source), value,
                 failure.rule, failure.message)
