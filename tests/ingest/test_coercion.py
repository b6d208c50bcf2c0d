"""Coercion and the form's rules in one pass: every failing cell of a row is reported at once, the row counted
once among the rejected."""

from __future__ import annotations

import datetime as dt

import pandera.pandas as pa
import pytest
from pandera.typing import Series

from ingest.cells import ExcelError
from ingest.dates import parse_date
from ingest.forms.common import Conversions, ParsedFile, by_cell, coerce_records, read_table
from ingest.forms.judging import judge_files, judged
from ingest.numbers import parse_number
from ingest.tables import Field, find_table
from ingest.text import clean_text

FIELDS = (Field("name", ("名称",)), Field("amount", ("金额",)), Field("day", ("日期",)), Field("kind", ("类型",)))
COERCIONS = {
    "name": by_cell("required", clean_text),
    "amount": by_cell("number", lambda c: None if (n := parse_number(c)) is None else n.value),
    "day": by_cell("date", parse_date),
    "kind": by_cell("text", clean_text),
}


class Row(pa.DataFrameModel):
    name: Series[object] = pa.Field(nullable=False)
    amount: Series[object] = pa.Field(nullable=True, ge=0)
    kind: Series[object] = pa.Field(nullable=True, isin=["甲", "乙"])


def _read(rows: list[list[object]]) -> tuple[ParsedFile, list[dict], list[str]]:
    """Coerced as a worker does, then judged by the model as the loader does; also the rules broken before."""
    table = find_table([["名称", "金额", "日期", "类型"], *rows], FIELDS, "表")
    parsed = ParsedFile()
    read_table(parsed, table, COERCIONS, "raw.things")
    coerced = [issue.rule for issue in parsed.issues]
    judged(parsed, {"raw.things": Row})
    return parsed, [row for frame in parsed.tables.get("raw.things", []) for row in frame.to_dict("records")], coerced


def test_every_failing_cell_of_a_row_in_one_pass():
    parsed, rows, coerced = _read([
        ["好项目", 1, "2024-05-08", "甲"],
        ["坏项目", -1, "2024-13-45", "丙"],  # a rule, a coercion and another rule: three problems, one row
        [ExcelError("#REF!"), ExcelError("#DIV/0!"), "1900-01-01", "乙"],
    ])
    assert [row["name"] for row in rows] == ["好项目"]
    assert coerced == ["date", "excel_error", "excel_error", "date_window"]  # the model's rules come when judged
    assert parsed.pending == []
    # A row's problems side by side, its coercion problems first.
    assert [(i.row_number, i.column_name, i.value, i.rule) for i in parsed.issues] == [
        (3, "日期", "2024-13-45", "date"), (3, "金额", "-1", "not_negative"), (3, "类型", "丙", "allowed_values"),
        (4, "名称", "#REF!", "excel_error"), (4, "金额", "#DIV/0!", "excel_error"),
        (4, "日期", "1900-01-01", "date_window"),
    ]
    assert (parsed.rows_read, parsed.rejected_rows) == (3, 2)


def test_a_failed_cell_is_not_reported_again_by_a_rule():
    # The name fails coercion (only control characters) and is then missing: one problem, not two.
    parsed, rows, _ = _read([["\x00\x00", 1, "2024-05-08", "甲"]])
    assert rows == []
    assert [(i.column_name, i.value, i.rule) for i in parsed.issues] == [("名称", "\\x00\\x00", "control_characters")]


def test_a_coercion_reading_what_nothing_set_is_a_bug_not_a_bad_cell():
    table = find_table([["名称"], ["甲"]], FIELDS[:1], "表")
    broken = {"name": by_cell("required", clean_text), "twice": COERCIONS["name"].__class__(
        "required", lambda _c, row: row["never_set"], "name")}
    with pytest.raises(KeyError, match="never_set"):
        coerce_records(table, broken)


def test_conversions_read_each_value_once_and_equal_cells_that_read_differently_apart():
    seen: list[object] = []

    def text(cell: object) -> str:
        seen.append(cell)
        if cell == "坏":
            raise ValueError(f"「{cell}」不行")
        return str(cell)

    conversions = Conversions()
    cells = ["甲", "甲", 1, True, 1.0, 0.0, -0.0, -0.0, dt.date(2024, 6, 5), dt.datetime(2024, 6, 5), "坏", "坏"]
    read = []
    for cell in cells:
        try:
            read.append(conversions.read(text, cell))
        except ValueError as err:
            read.append(str(err))
    assert read == ["甲", "甲", "1", "True", "1.0", "0.0", "-0.0", "-0.0", "2024-06-05", "2024-06-05 00:00:00",
                    "「坏」不行", "「坏」不行"]
    # Once each, but for zero, whose sign equality does not see: read every time.
    assert seen == ["甲", 1, True, 1.0, 0.0, -0.0, -0.0, dt.date(2024, 6, 5), dt.datetime(2024, 6, 5), "坏"]


def test_coercion_shared_over_tables_is_coercion_of_each_alone():
    header = ["名称", "金额", "日期", "类型"]
    grids = [[header, ["好项目", "1亿", "2024年5月8日", "甲"], ["坏项目", "-", "2024-13-45", "丙"]],
             [header, ["好项目", "1亿", "2024-13-45", "甲"], ["又一个", "1亿", "2024年5月8日", "乙"]]]
    conversions = Conversions()
    for grid in grids:
        table = find_table(grid, FIELDS, "表")
        shared, shared_issues = coerce_records(table, COERCIONS, conversions=conversions)
        alone, alone_issues = coerce_records(table, COERCIONS)
        assert shared == alone
        assert shared_issues == alone_issues
    assert [i.rule for i in shared_issues] == ["date"]


def test_a_table_its_model_cannot_judge_costs_its_own_file_only():
    # A reader's bug: a table without a column its model requires. The batch is judged again file by file.
    grid = [["名称", "金额", "日期", "类型"], ["好项目", 1, "2024-05-08", "甲"], ["坏项目", -1, "2024-05-08", "甲"]]
    table = find_table(grid, FIELDS, "表")
    files = [ParsedFile(logical_key=key) for key in ("a", "bug", "c")]
    for parsed in files:
        coercions = COERCIONS if parsed.logical_key != "bug" else {"name": COERCIONS["name"]}
        read_table(parsed, table, coercions, "raw.things")

    first, bug, last = judge_files(files, {"raw.things": Row})

    assert isinstance(bug, RuntimeError) and "COLUMN_NOT_IN_DATAFRAME" in str(bug)
    for parsed in (first, last):
        assert [row["name"] for frame in parsed.tables["raw.things"] for row in frame.to_dict("records")] == ["好项目"]
        assert [(i.row_number, i.rule) for i in parsed.issues] == [(3, "not_negative")]


def test_a_table_no_model_judges_is_refused_not_taken_as_read():
    grid = [["名称", "金额", "日期", "类型"], ["好项目", 1, "2024-05-08", "甲"]]
    table = find_table(grid, FIELDS, "表")
    files = [ParsedFile(logical_key=key) for key in ("a", "forgotten")]
    read_table(files[0], table, COERCIONS, "raw.things")
    read_table(files[1], table, COERCIONS, "raw.forgotten_things")

    judged_a, forgotten = judge_files(files, {"raw.things": Row})

    assert isinstance(forgotten, KeyError) and "raw.forgotten_things" in str(forgotten)
    assert [row["name"] for frame in judged_a.tables["raw.things"] for row in frame.to_dict("records")] == ["好项目"]
