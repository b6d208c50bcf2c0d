"""Department workbooks (全员招商): who reports, for which week, and the four sheets of their work."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ingest.dates import parse_date
from ingest.forms.common import (
    FAILED,
    Coercion,
    FileRejected,
    ParsedFile,
    broken_line_issues,
    by_cell,
    coerce_table,
    issue_for,
    judge,
)
from ingest.forms.reference import Reference
from ingest.numbers import parse_number
from ingest.periods import ReportPeriod, parse_report_period
from ingest.tables import Field, FoundTable, TableNotFound, find_table, labelled_value
from ingest.text import clean_text, is_nothing, normalise
from ingest.units import amount_in
from ingest.workbook import read_workbook
from schemas.codes import code_list
from schemas.departments import ActivityRow, EnterpriseRow, LeadRow, SignedProjectRow

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
    table: str
    fields: tuple[Field, ...]
    model: type
    hint: str  # a word in the sheet name that says which form it is


FORMS = (
    Sheetform("raw.dept_leads", LEAD_FIELDS, LeadRow, "线索"),
    Sheetform("raw.dept_signed_projects", SIGNED_FIELDS, SignedProjectRow, "签约"),
    Sheetform("raw.dept_enterprises", ENTERPRISE_FIELDS, EnterpriseRow, "企业"),
    Sheetform("raw.dept_activities", ACTIVITY_FIELDS, ActivityRow, "活动"),
)


def _choice(list_name: str):
    # A value none of the list's is kept as written, for the form's rule to quarantine with the allowed values.
    def convert(cell: object) -> str | None:
        if is_nothing(cell):
            return None
        return code_list(list_name).lookup(normalise(cell)) or normalise(cell)
    return convert


def _amount(field: str, unit: str, table: FoundTable) -> tuple[Coercion, Coercion]:
    """The amount and its approximate flag ('10余'), both read from one cell, parsed once."""
    column = table.columns.get(field)
    column_unit = (column.unit if column else None) or table.unit

    def value(cell: object, row: dict) -> object:
        parsed = amount_in(cell, column_unit, unit)
        row[f"_approximate_{field}"] = bool(parsed and parsed[1])
        return None if parsed is None else parsed[0]

    return Coercion("number", value, field), _approximate(field)


def _count(field: str) -> tuple[Coercion, Coercion]:
    """A whole number and its approximate flag ('10余' is 10 and a lower bound)."""
    def value(cell: object, row: dict) -> int | None:
        number = parse_number(cell)
        row[f"_approximate_{field}"] = bool(number and number.approximate)
        if number is None:
            return None
        if number.value != number.value.to_integral_value():
            raise ValueError(f"「{cell}」应为整数 (must be a whole number)")
        return int(number.value)

    return Coercion("number", value, field), _approximate(field)


def _approximate(field: str) -> Coercion:
    # Set by the value's coercion just before; a KeyError when the value failed, so one bad cell is one issue.
    return Coercion("number", lambda _cell, row: row.pop(f"_approximate_{field}"), field)


def _coercions(form: Sheetform, table: FoundTable) -> dict[str, Coercion]:
    if form.table == "raw.dept_leads":
        amount, approx = _amount("expected_investment", "亿元", table)
        return {"lead_name": by_cell("required", clean_text), "investor": by_cell("text", clean_text),
                "industry": by_cell("text", clean_text), "expected_investment_yi_yuan": amount,
                "expected_investment_approximate": approx, "origin": by_cell("text", clean_text),
                "obtained_on": by_cell("date", parse_date), "status": by_cell("status", _choice("lead_status")),
                "note": by_cell("text", clean_text)}
    if form.table == "raw.dept_signed_projects":
        amount, approx = _amount("total_investment", "亿元", table)
        return {"project_name": by_cell("required", clean_text), "investor": by_cell("text", clean_text),
                "total_investment_yi_yuan": amount, "total_investment_approximate": approx,
                "signed_on": by_cell("date", parse_date), "signing_event": by_cell("text", clean_text),
                "six_post_leader": by_cell("text", clean_text), "note": by_cell("text", clean_text)}
    if form.table == "raw.dept_enterprises":
        amount, approx = _amount("registered_capital", "万元", table)
        return {"enterprise_name": by_cell("required", clean_text),
                "uscc": by_cell("text", lambda c: None if is_nothing(c) else normalise(c).upper()),
                "registered_on": by_cell("date", parse_date), "registered_capital_wan_yuan": amount,
                "registered_capital_approximate": approx, "industry": by_cell("text", clean_text)}
    count, approx = _count("enterprises_count")
    return {"activity_date": by_cell("date", parse_date),
            "activity_type": by_cell("activity_type", _choice("activity_type")),
            "place": by_cell("text", clean_text), "enterprises_count": count, "enterprises_count_approximate": approx,
            "leader": by_cell("text", clean_text), "summary": by_cell("text", clean_text)}


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


def _from_file_name(path: Path, reference: Reference) -> tuple[str | None, ReportPeriod | None]:
    department = period = None
    for part in re.split(r"[-_—–\s]+", _FILE_NAME_NOISE.sub("", path.stem)):
        part = _FILE_NAME_NOISE.sub("", part)
        if not part:
            continue
        try:
            period = period or parse_report_period(part)
            continue
        except ValueError:
            pass
        try:
            reference.department_code(part)
            department = department or part
        except ValueError:
            pass
    return department, period


def _clean(label: str | None) -> str | None:
    try:
        return clean_text(label)
    except ValueError:
        return None  # nothing but control characters: no department written


def _identity(path: Path, sheets: dict, tables: list[FoundTable], reference: Reference
              ) -> tuple[str, str, ReportPeriod, str | None, object]:
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
    name_department, name_period = _from_file_name(path, reference)
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


def _under_groups(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """Under a two-row header the lower cell says what a column is ('签约情况|总投资'); the upper one only
    groups columns, so any text may stand above a column's own header."""
    return tuple(Field(f.name, tuple(rf"(?:[^|]*\|)?(?:{p})" for p in f.patterns), f.required) for f in fields)


def _find(grid: list[list[object]], form: Sheetform, sheet: str) -> FoundTable:
    """The form's table; under group headers ('项目基本情况' over 项目名称 and 投资方) when those explain more
    columns. A title line over the header is one cell, never a group row, so it is not taken for one."""
    try:
        table = find_table(grid, form.fields, sheet)
    except TableNotFound:
        return find_table(grid, _under_groups(form.fields), sheet)
    above = table.header_row_numbers[0] - 2
    if above >= 0 and sum(not is_nothing(cell) for cell in grid[above]) >= 2:
        try:
            grouped = find_table(grid, _under_groups(form.fields), sheet)
        except TableNotFound:
            return table
        if len(grouped.columns) > len(table.columns):
            return grouped
    return table


def _match_sheets(sheets: dict) -> list[tuple[Sheetform, FoundTable]]:
    """Pair sheets with forms by their headers; the sheet name only decides the order of trying."""
    found = []
    remaining = list(FORMS)
    for name, grid in sheets.items():
        if "基本信息" in normalise(name) or not remaining:
            continue
        ordered = sorted(remaining, key=lambda f: f.hint not in normalise(name))
        for form in ordered:
            try:
                found.append((form, _find(grid, form, name)))
            except TableNotFound:
                continue
            remaining.remove(form)
            break
    return found


def read_department_file(path: Path, reference: Reference) -> ParsedFile:
    parsed, pending = _parse(path, reference)
    _validate(pending)
    return parsed


def read_department_files(paths: list[Path], reference: Reference) -> list[ParsedFile | Exception]:
    """Many workbooks at once, in order: each is parsed on its own, then pandera runs once per form over all of
    them (its fixed cost per call outweighs a 50-row workbook). Rows, issues and lineage stay with their file;
    a workbook that cannot be read is returned as its exception, for the loader to record."""
    results: list[ParsedFile | Exception] = []
    pending: list[_Pending] = []
    for path in paths:
        try:
            parsed, waiting = _parse(path, reference)
        except Exception as err:  # noqa: BLE001 - the loader reports it against this file, the others go on
            results.append(err)
            continue
        results.append(parsed)
        pending.extend(waiting)
    _validate(pending)
    return results


@dataclass
class _Pending:
    """A coerced table of one workbook, waiting for pandera."""

    parsed: ParsedFile
    form: Sheetform
    table: FoundTable
    frame: pd.DataFrame
    sources: dict[str, str]  # coerced column -> the found column it was read from, for messages


def _parse(path: Path, reference: Reference) -> tuple[ParsedFile, list[_Pending]]:
    workbook = read_workbook(path)
    sheets = workbook.sheets
    matched = _match_sheets(sheets)
    if not matched:
        raise FileRejected("工作簿中没有可识别的表（线索、签约项目、注册企业、招商活动），请使用模板 "
                           "(no known sheet: leads, signed projects, registered enterprises, activities)")
    code, written, period, reporter, reported_on = _identity(path, sheets, [t for _, t in matched], reference)
    parsed = ParsedFile(logical_key=f"departments|{code}|{period.key}", findings=list(workbook.findings),
                        rows_read=len(workbook.broken), issues=broken_line_issues(path.stem, workbook.broken))
    try:
        reported = parse_date(reported_on)
    except ValueError as err:
        reported = None
        parsed.findings.append(("基本信息", "date", f"填报日期：{err}"))
    parsed.add("raw.dept_reports", _report_frame(code, written, period, reporter, reported))
    pending = []
    for form, table in matched:
        coercions = _coercions(form, table)
        parsed.rows_read += len(table.rows)
        frame, issues = coerce_table(table, coercions, fixed={"department_code": code})
        parsed.issues.extend(issues)
        sources = {name: coercion.field for name, coercion in coercions.items() if coercion.field}
        pending.append(_Pending(parsed, form, table, frame, sources))
    return parsed, pending


def _validate(pending: list[_Pending]) -> None:
    """Validate each form's rows of every pending workbook in one pandera call; failing rows become Issues of
    their own workbook and leave its frame, as do rows with a cell that failed coercion."""
    for form in FORMS:
        batch = [p for p in pending if p.form is form and not p.frame.empty]
        if not batch:
            continue
        frame = pd.concat([p.frame for p in batch], ignore_index=True)
        owner = [i for i, p in enumerate(batch) for _ in range(len(p.frame))]
        found, out = judge(form.model, frame)
        for failure in found:
            item = batch[owner[failure.index]]
            item.parsed.issues.append(
                issue_for(failure, int(frame.at[failure.index, "row_number"]), item.table, item.sources))
        frame = frame.drop(columns=FAILED)
        failed = set(out)
        start = 0
        for item in batch:
            part = frame.iloc[start:start + len(item.frame)]
            start += len(item.frame)
            item.parsed.add(form.table, part.drop(index=[i for i in part.index if i in failed]) if failed else part)
    # A row's coercion and rule problems side by side, sheets in workbook order, as the clerk reads them.
    sheet_order = {(id(item.parsed), item.table.sheet): index for index, item in enumerate(pending)}
    for parsed in {id(item.parsed): item.parsed for item in pending}.values():
        parsed.issues.sort(key=lambda issue: (sheet_order.get((id(parsed), issue.sheet), -1), issue.row_number or 0))


def _report_frame(code: str, written: str, period: ReportPeriod, reporter: str | None, reported: object
                  ) -> pd.DataFrame:
    return pd.DataFrame([{
        "department_code": code, "department_as_written": written, "period_kind": period.kind,
        "period_label": period.label, "year": period.year, "week": period.week,
        "period_start": period.start, "period_end": period.end, "reporter": reporter, "reported_on": reported,
    }], dtype=object)
