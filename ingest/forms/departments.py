"""Department workbooks (全员招商): who reports, for which week, and the four sheets of their work."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.dates import parse_date
from ingest.forms.common import (
    Coercion,
    Conversions,
    FileRejected,
    ParsedFile,
    Pending,
    broken_line_issues,
    by_cell,
    read_table,
)
from ingest.forms.reference_data import Reference
from ingest.numbers import Number, parse_number
from ingest.periods import ReportPeriod, parse_report_period
from ingest.tables import Field, FoundTable, Layouts, TableNotFound, find_columns, find_table, labelled_value
from ingest.text import clean_text, is_nothing, normalise
from ingest.units import amount_in
from ingest.workbook import read_workbook
from schemas.codes import code_list

_NAME = (r"序号",)


LEAD_FIELDS = (
    Field("seq", _NAME, required=False),
    Field("lead_name", (r"线索(名称)?", r"项目(名称)?")),
    Field("investor", (r"投资(方|主体|企业|人)", r"意向企业", r"客商"), required=False),
    Field("industry", (r"产业(类别|类型|分类)?", r"(所属)?行业"), required=False),
    Field("expected_investment", (r"(预计|意向|拟)?投资(额|总额)?", r"总投资"), required=False),
    Field("origin", (r"来源(地|城市)?", r"客商来源地"), required=False),
    Field("obtained_on", (r"获取(日期|时间)", r"(登记)?日期"), required=False),
    Field("status", (r"(线索)?状态", r"进展(情况)?", r"进度")),
    Field("note", (r"备注",), required=False),
)
SIGNED_FIELDS = (
    Field("seq", _NAME, required=False),
    Field("project_name", (r"项目(名称)?",)),
    Field("investor", (r"投资(方|主体|企业|人)", r"签约(企业|主体|方)"), required=False),
    Field("total_investment", (r"(总|协议|签约|计划)?投资(额|总额)?",)),
    Field("signed_on", (r"签约(日期|时间)",)),
    Field("signing_event", (r"签约(活动|场合|仪式)",), required=False),
    Field("six_post_leader", (r"六职(领导)?",), required=False),
    Field("note", (r"备注",), required=False),
)
ENTERPRISE_FIELDS = (
    Field("seq", _NAME, required=False),
    Field("enterprise_name", (r"企业(名称)?", r"(公司|单位)名称")),
    Field("uscc", (r"(统一)?社会信用代码", r"信用代码", r"统一代码")),
    Field("registered_on", (r"(注册|成立)(日期|时间)",), required=False),
    Field("registered_capital", (r"注册(资本|资金)",), required=False),
    Field("industry", (r"(所属)?行业", r"产业(类别)?"), required=False),
)
ACTIVITY_FIELDS = (
    Field("seq", _NAME, required=False),
    Field("activity_date", (r"(活动)?日期", r"(活动)?时间"), required=False),
    Field("activity_type", (r"活动(类型|类别|形式)", r"类型")),
    Field("place", (r"(活动)?地点", r"城市", r"目的地"), required=False),
    Field("enterprises_count", (r"对接企业(数|数量|家数)?", r"企业(数|家数)"), required=False),
    Field("leader", (r"带队(领导)?", r"领导"), required=False),
    Field("summary", (r"(内容)?摘要", r"(活动)?内容"), required=False),
)

DEPARTMENT_LABELS = ("填报单位", "报送单位", "填报部门", "单位名称", "部门")
PERIOD_LABELS = ("报告期", "报送期", "填报期间", "统计期", "周次")
_FILE_NAME_NOISE = re.compile(r"[（(](修订|更正|补报)[)）]|_?v\d+$|副本", re.IGNORECASE)


@dataclass(frozen=True)
class Sheetform:
    table: str  # the raw table its rows go to, judged by that table's model (ingest/forms/judging.py)
    fields: tuple[Field, ...]
    hint: str  # a word in the sheet name that says which form it is


FORMS = (
    Sheetform("raw.dept_leads", LEAD_FIELDS, "线索"),
    Sheetform("raw.dept_signed_projects", SIGNED_FIELDS, "签约"),
    Sheetform("raw.dept_enterprises", ENTERPRISE_FIELDS, "企业"),
    Sheetform("raw.dept_activities", ACTIVITY_FIELDS, "活动"),
)


def _choice(list_name: str) -> Callable[[object], str | None]:
    # A value none of the list's is kept as written, for the form's rule to quarantine with the allowed values.
    def convert(cell: object) -> str | None:
        if is_nothing(cell):
            return None
        return code_list(list_name).lookup(normalise(cell)) or normalise(cell)
    return convert


def _uscc(cell: object) -> str | None:
    return None if is_nothing(cell) else normalise(cell).upper()


_LEAD_STATUS = by_cell("status", _choice("lead_status"))
_ACTIVITY_TYPE = by_cell("activity_type", _choice("activity_type"))
_USCC = by_cell("text", _uscc)


@lru_cache(maxsize=64)
def _amount_reader(column_unit: str | None, unit: str) -> Callable[[object], tuple | None]:
    # One function per unit pair (the units known to ingest/units.py), remembered by a batch's Conversions.
    return lambda cell: amount_in(cell, column_unit, unit)


def _amount(field: str, unit: str, table: FoundTable, conversions: Conversions) -> tuple[Coercion, Coercion]:
    """The amount and its approximate flag ('10余'), both read from one cell, parsed once."""
    column = table.columns.get(field)
    read = _amount_reader((column.unit if column else None) or table.unit, unit)

    def value(cell: object, row: dict) -> object:
        parsed = conversions.read(read, cell)
        row[f"_approximate_{field}"] = bool(parsed and parsed[1])
        return None if parsed is None else parsed[0]

    return Coercion("number", value, field), _approximate(field)


def _whole_number(cell: object) -> Number | None:
    number = parse_number(cell)
    if number is not None and number.value != number.value.to_integral_value():
        raise ValueError(f"「{cell}」应为整数 (must be a whole number)")
    return number


def _count(field: str, conversions: Conversions) -> tuple[Coercion, Coercion]:
    """A whole number and its approximate flag ('10余' is 10 and a lower bound)."""
    def value(cell: object, row: dict) -> int | None:
        number = conversions.read(_whole_number, cell)
        row[f"_approximate_{field}"] = bool(number and number.approximate)
        return None if number is None else int(number.value)

    return Coercion("number", value, field), _approximate(field)


def _approximate(field: str) -> Coercion:
    # Set by the value's coercion just before; a KeyError when the value failed, so one bad cell is one issue.
    return Coercion("number", lambda _cell, row: row.pop(f"_approximate_{field}"), field)


# The coercions of a cell alone, made once: only amounts and counts depend on the table (their unit) and batch.
_TEXT = by_cell("text", clean_text)
_DATE = by_cell("date", parse_date)
_REQUIRED = by_cell("required", clean_text)


def _coercions(form: Sheetform, table: FoundTable, conversions: Conversions) -> dict[str, Coercion]:
    if form.table == "raw.dept_leads":
        amount, approx = _amount("expected_investment", "亿元", table, conversions)
        return {"lead_name": _REQUIRED, "investor": _TEXT, "industry": _TEXT, "expected_investment_yi_yuan": amount,
                "expected_investment_approximate": approx, "origin": _TEXT, "obtained_on": _DATE,
                "status": _LEAD_STATUS, "note": _TEXT}
    if form.table == "raw.dept_signed_projects":
        amount, approx = _amount("total_investment", "亿元", table, conversions)
        return {"project_name": _REQUIRED, "investor": _TEXT, "total_investment_yi_yuan": amount,
                "total_investment_approximate": approx, "signed_on": _DATE, "signing_event": _TEXT,
                "six_post_leader": _TEXT, "note": _TEXT}
    if form.table == "raw.dept_enterprises":
        amount, approx = _amount("registered_capital", "万元", table, conversions)
        return {"enterprise_name": _REQUIRED, "uscc": _USCC, "registered_on": _DATE,
                "registered_capital_wan_yuan": amount, "registered_capital_approximate": approx, "industry": _TEXT}
    count, approx = _count("enterprises_count", conversions)
    return {"activity_date": _DATE, "activity_type": _ACTIVITY_TYPE, "place": _TEXT, "enterprises_count": count,
            "enterprises_count_approximate": approx, "leader": _TEXT, "summary": _TEXT}


def _grid_label(grid: list[list[object]], labels: tuple[str, ...]) -> str | None:
    """A label and its value in a 基本信息-style sheet: '填报单位：经发局', a label cell then its value
    to the right, or a label row with the values beneath."""
    wanted = {normalise(label) for label in labels}
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            text = normalise(cell).rstrip(":")
            if text in wanted:
                beside = [v for v in row[c + 1:] if not is_nothing(v)]
                if beside:
                    return str(beside[0]).strip()
                below = grid[r + 1][c] if r + 1 < len(grid) and c < len(grid[r + 1]) else None
                if not is_nothing(below):
                    return str(below).strip()
    lines = [" ".join(str(v) for v in row if v is not None) for row in grid]
    return labelled_value(lines, labels)


def _from_file_name(path: Path, batch: _Batch) -> tuple[str | None, ReportPeriod | None]:
    department = period = None
    for part in re.split(r"[-_—–\s]+", _FILE_NAME_NOISE.sub("", path.stem)):
        part = _FILE_NAME_NOISE.sub("", part)
        if not part:
            continue
        if period is None:
            try:
                period = batch.conversions.read(parse_report_period, part)
                continue
            except ValueError:
                pass
        try:
            batch.conversions.read(batch.reference.department_code, part)
            department = department or part
        except ValueError:
            pass
    return department, period


def _clean(label: str | None) -> str | None:
    try:
        return clean_text(label)
    except ValueError:
        return None  # nothing but control characters: no department written


def _identity(path: Path, sheets: dict, tables: list[FoundTable], batch: _Batch
              ) -> tuple[str, str, ReportPeriod, str | None, object]:
    reference = batch.reference
    info = next((grid for name, grid in sheets.items() if "基本信息" in normalise(name)), None)
    preamble = [line for table in tables for line in table.preamble]
    department = period_text = reporter = reported_on = None
    if info is not None:
        department = _grid_label(info, DEPARTMENT_LABELS)
        period_text = _grid_label(info, PERIOD_LABELS)
        reporter = _grid_label(info, ("填报人", "联系人"))
        reported_on = _grid_label(info, ("填报日期", "报送日期"))
    department = department or labelled_value(preamble, DEPARTMENT_LABELS)
    period_text = period_text or labelled_value(preamble, PERIOD_LABELS)
    name_department, name_period = _from_file_name(path, batch)
    department = _clean(department) or name_department
    if not department:
        raise FileRejected("找不到填报单位：请填写「基本信息」表的「填报单位」，或在文件名中写明部门 "
                           "(no reporting department in the workbook or its file name)")
    try:
        code = reference.department_code(department)
    except ValueError as err:
        raise FileRejected(str(err)) from None
    if name_department and reference.department_code(name_department) != code:
        # Taking either would supersede a report the file was perhaps never meant to replace.
        raise FileRejected(
            f"填报单位「{department}」与文件名中的「{name_department}」不是同一个部门，无法判断是哪个部门的报告，"
            "请改正后重新上传 (the workbook and its file name name different departments)")
    if period_text:
        try:
            period = parse_report_period(period_text)
        except ValueError as err:
            raise FileRejected(f"报告期「{period_text}」无法识别：{err}") from None
    elif name_period:
        period = name_period
    else:
        raise FileRejected("找不到报告期：请填写「基本信息」表的「报告期」（如2024年第23周），或写在文件名中 "
                           "(no report period in the workbook or its file name)")
    return code, department, period, reporter, reported_on


@lru_cache(maxsize=8)
def _under_groups(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """Under a two-row header the lower cell says what a column is ('签约情况|总投资'); the upper one only
    groups columns, so any text may stand above a column's own header."""
    return tuple(Field(f.name, tuple(rf"(?:[^|]*\|)?(?:{p})" for p in f.patterns), f.required) for f in fields)


def _find(grid: list[list[object]], form: Sheetform, sheet: str, layouts: Layouts) -> FoundTable:
    """The form's table; under group headers ('项目基本情况' over 项目名称 and 投资方) when those explain more
    columns. A title line over the header is one cell, never a group row, so it is not taken for one."""
    try:
        table = find_table(grid, form.fields, sheet, layouts=layouts)
    except TableNotFound:
        return find_table(grid, _under_groups(form.fields), sheet, layouts=layouts)
    above = table.header_row_numbers[0] - 2
    if above >= 0 and sum(not is_nothing(cell) for cell in grid[above]) >= 2:
        try:
            grouped = find_columns(grid, _under_groups(form.fields), sheet, layouts=layouts)
        except TableNotFound:
            return table
        if len(grouped) > len(table.columns):
            return find_table(grid, _under_groups(form.fields), sheet, layouts=layouts)
    return table


def _match_sheets(sheets: dict, layouts: Layouts) -> list[tuple[Sheetform, FoundTable]]:
    """Pair sheets with forms by their headers; the sheet name only decides the order of trying."""
    found = []
    remaining = list(FORMS)
    for name, grid in sheets.items():
        if "基本信息" in normalise(name) or not remaining:
            continue
        ordered = sorted(remaining, key=lambda f: f.hint not in normalise(name))
        for form in ordered:
            try:
                found.append((form, _find(grid, form, name, layouts)))
            except TableNotFound:
                continue
            remaining.remove(form)
            break
    return found


def read_department_file(path: Path, reference: Reference) -> ParsedFile:
    """One workbook read and judged, for tests and tools (the loader judges a batch of them at once)."""
    # Imported here: the workers that run read_department_files import this module, and never pandas.
    from ingest.forms.judging import judged

    return judged(_parse(path, _Batch(reference)))


def read_department_files(paths: list[Path], reference: Reference) -> list[ParsedFile | Exception]:
    """The source's reader, run in the worker processes: many workbooks at once, in order, each parsed on its own,
    its tables left pending for the loader to judge. What the workbooks share is learnt once: the layout of their
    header rows, and the values clerks repeat (see _Batch). Rows, issues and lineage stay with their file; a
    workbook that cannot be read is returned as its exception, for the loader to record."""
    batch = _Batch(reference)
    results: list[ParsedFile | Exception] = []
    for path in paths:
        try:
            results.append(_parse(path, batch))
        except Exception as err:  # noqa: BLE001 - the loader reports it against this file, the others go on
            results.append(err)
    return results


@dataclass
class _Batch:
    """What the workbooks of one read share. Both only save work: a workbook reads the same alone or in a batch."""

    reference: Reference
    layouts: Layouts = field(default_factory=Layouts)  # header rows seen, so a repeated layout is not searched
    conversions: Conversions = field(default_factory=Conversions)  # cells converted, so a repeated value is not


def _parse(path: Path, batch: _Batch) -> ParsedFile:
    workbook = read_workbook(path)
    sheets = workbook.sheets
    matched = _match_sheets(sheets, batch.layouts)
    if not matched:
        raise FileRejected("工作簿中没有可识别的表（线索、签约项目、注册企业、招商活动），请使用模板 "
                           "(no known sheet: leads, signed projects, registered enterprises, activities)")
    code, written, period, reporter, reported_on = _identity(path, sheets, [t for _, t in matched], batch)
    parsed = ParsedFile(logical_key=f"departments|{code}|{period.key}", findings=list(workbook.findings),
                        rows_read=len(workbook.broken), issues=broken_line_issues(path.stem, workbook.broken))
    try:
        reported = parse_date(reported_on)
    except ValueError as err:
        reported = None
        parsed.findings.append(("基本信息", "date", f"填报日期：{err}"))
    fixed = {"department_code": code}
    for form, table in matched:
        read_table(parsed, table, _coercions(form, table, batch.conversions), form.table, fixed, batch.conversions)
    # The report row is not one of the file's data rows: no model judges it.
    parsed.pending.append(Pending("raw.dept_reports", None, [_report_row(code, written, period, reporter, reported)],
                                  _REPORT_COLUMNS))
    return parsed


_REPORT_COLUMNS = ["department_code", "department_as_written", "period_kind", "period_label", "year", "week",
                   "period_start", "period_end", "reporter", "reported_on"]


def _report_row(code: str, written: str, period: ReportPeriod, reporter: str | None, reported: object
                ) -> dict[str, object]:
    return {
        "department_code": code, "department_as_written": written, "period_kind": period.kind,
        "period_label": period.label, "year": period.year, "week": period.week,
        "period_start": period.start, "period_end": period.end, "reporter": reporter, "reported_on": reported,
    }
