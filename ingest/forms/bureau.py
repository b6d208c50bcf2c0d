"""市商务局认定 workbooks: the 指标认定 (KPI) sheet and the 项目认定 (project) sheet."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.dates import parse_date
from ingest.forms.common import (
    Coercion,
    FileRejected,
    ParsedFile,
    broken_line_issues,
    by_cell,
    cell_text,
    read_each_file,
    read_table,
)
from ingest.forms.reference_data import Reference
from ingest.periods import parse_period, year_hint
from ingest.tables import Field, FoundTable, TableNotFound, find_table
from ingest.text import clean_text, is_nothing, normalise
from ingest.units import amount_in, normalise_unit
from ingest.workbook import read_workbook
from schemas.codes import allowed_message, code_list

KPI_FIELDS = (
    Field("metric", (r"指标(名称)?", r"指标项目", r"考核指标")),
    Field("period", (r"统计(期|期间|时段)", r"(认定)?期间", r"时间段?")),
    Field("value", (r"认定(值|数|金额|数额)", r"(完成|认定)?数值", r"完成(值|额|情况)")),
    Field("unit", (r"(计量)?单位",), required=False),
    Field("basis", (r"(数据)?口径", r"类型", r"认定类型"), required=False),
    Field("confirmed_on", (r"认定(日期|时间)", r"确认(日期|时间)")),
)
PROJECT_FIELDS = (
    Field("seq", (r"序号",), required=False),
    Field("project_name", (r"项目名称", r"项目")),
    Field("investor", (r"投资(方|主体|企业)", r"签约(企业|主体)"), required=False),
    Field("total_investment", (r"(总|计划|协议)?投资(额|总额)?",)),
    Field("signed_on", (r"签约(日期|时间)",), required=False),
    Field("stage", (r"认定阶段", r"(项目)?阶段", r"进展阶段")),
    Field("confirmed_on", (r"认定(日期|时间)",), required=False),
    Field("batch", (r"三个一批(期次|批次)?", r"期次", r"批次"), required=False),
    Field("batch_type", (r"三个一批(类型|类别)", r"(批次|一批)(类型|类别)"), required=False),
    Field("provincial_status", (r"省级?认定(状态|情况)", r"省认定"), required=False),
    Field("department", (r"责任(单位|部门)", r"(牵头|招引)(单位|部门)"), required=False),
    Field("six_post_leader", (r"六职(领导)?", r"包联领导"), required=False),
    Field("note", (r"备注",), required=False),
)

# 三个一批 batches run to a few dozen: 1-99 as digits or as Chinese numerals (三, 十, 十三, 二十, 九十九).
_BATCH = re.compile(r"^第?(\d{1,2}|[一二三四五六七八九]|[一二三四五六七八九]?十[一二三四五六七八九]?)期?$")
_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def parse_basis(cell: object) -> str:
    """口径: blank means 认定, as the bureau writes a figure it confirms."""
    return _choice("kpi_basis")(cell) or "confirmed"


def _choice(list_name: str):
    # A blank cell is allowed: a project planned for a batch has no stage yet, most have no provincial status.
    def convert(cell: object) -> str | None:
        if is_nothing(cell):
            return None
        value = code_list(list_name).lookup(normalise(cell))
        if value is None:
            raise ValueError(allowed_message(list_name, cell))
        return value

    return convert


def parse_batch(cell: object) -> int | None:
    """三个一批期次 as written: '第12期', '12', '第十三期', 12.0; anything else ('三三', '第一百期') is not a batch."""
    if is_nothing(cell):
        return None
    text = normalise(cell).removesuffix(".0")
    match = _BATCH.match(text)
    if not match:
        raise ValueError(
            f"三个一批期次「{cell}」无法识别，应写作「第12期」、「第十三期」或「12」(batch not understood)")
    number = match.group(1)
    if number.isdigit():
        return int(number)
    tens, ten, ones = number.partition("十")
    if not ten:
        return _CHINESE_DIGITS[number]
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[ones] if ones else 0)


def _kpi_coercions(reference: Reference, table: FoundTable, default_year: int | None) -> dict[str, Coercion]:
    column_unit = table.columns["value"].unit or table.unit

    def value(cell: object, row: dict) -> object:
        unit_cell = row["_cells"].get("unit")
        written_unit = normalise_unit(unit_cell) if not is_nothing(unit_cell) else column_unit
        target = reference.metric_unit(row["metric_code"])
        year, month = row["period"].year, row["period"].month_to
        parsed = amount_in(cell, written_unit, target, reference.usd_cny(year, month))
        if parsed is None:
            raise ValueError("认定值为空 (the confirmed value is missing)")
        return parsed[0]

    return {
        "metric_as_written": by_cell("required", lambda c: clean_text(c) or "", "metric"),
        "metric_code": by_cell("known_metric", reference.metric_code, "metric"),
        "period": by_cell("period", lambda c: parse_period(c, default_year)),
        "year": Coercion("period", lambda _c, row: row["period"].year, "period"),
        "month_from": Coercion("period", lambda _c, row: row["period"].month_from, "period"),
        "month_to": Coercion("period", lambda _c, row: row["period"].month_to, "period"),
        "value": Coercion("number", value, "value"),
        "unit": Coercion("known_metric", lambda _c, row: reference.metric_unit(row["metric_code"]), "metric"),
        "value_as_written": by_cell("text", cell_text, "value"),
        "unit_as_written": by_cell("text", cell_text, "unit"),
        "basis": by_cell("basis", parse_basis),
        "confirmed_on": by_cell("date", parse_date),
    }


def _department(reference: Reference, cell: object) -> str | None:
    return None if is_nothing(cell) else reference.department_code(cell)


def _project_coercions(reference: Reference, table: FoundTable) -> dict[str, Coercion]:
    column_unit = table.columns["total_investment"].unit or table.unit

    def investment(cell: object) -> object:
        parsed = amount_in(cell, column_unit, "亿元")
        return None if parsed is None else parsed[0]

    return {
        "project_name": by_cell("required", clean_text),
        "investor": by_cell("text", clean_text),
        "total_investment_yi_yuan": by_cell("number", investment, "total_investment"),
        "signed_on": by_cell("date", parse_date),
        "stage": by_cell("stage", _choice("project_stage")),
        "confirmed_on": by_cell("date", parse_date),
        "batch": by_cell("batch", parse_batch),
        "batch_type": by_cell("batch_type", _choice("batch_type")),
        "provincial_status": by_cell("provincial_status", _choice("provincial_status")),
        "department_as_written": by_cell("text", clean_text, "department"),
        "department_code": by_cell("known_department", lambda c: _department(reference, c), "department"),
        "six_post_leader": by_cell("text", clean_text),
        "note": by_cell("text", clean_text),
    }


def _try_find(grid: list[list[object]], fields: tuple[Field, ...], sheet: str) -> FoundTable | TableNotFound:
    try:
        return find_table(grid, fields, sheet)
    except TableNotFound as err:
        return err


def read_bureau_file(path: Path, reference: Reference) -> ParsedFile:
    """One workbook read and judged, for tests and tools (the loader judges a batch of them at once)."""
    # Imported here: the workers that run read_bureau_files import this module, and never pandas.
    from ingest.forms.judging import judged

    return judged(_read(path, reference))


def read_bureau_files(paths: list[Path], reference: Reference) -> list[ParsedFile | Exception]:
    """The source's reader, run in the worker processes: each file's tables are left pending for the loader to
    judge."""
    return read_each_file(_read, paths, reference)


def _read(path: Path, reference: Reference) -> ParsedFile:
    """Every visible sheet is tried as either form, so sheet names and order do not matter; a hidden sheet (a
    draft, an old version) is only named in the file's findings."""
    workbook = read_workbook(path)
    sheets = workbook.sheets
    parsed = ParsedFile(logical_key=f"bureau|{path.name}", findings=list(workbook.findings),
                        rows_read=len(workbook.broken), issues=broken_line_issues(path.stem, workbook.broken))
    found_any = False
    misses = []
    for sheet, grid in sheets.items():
        for fields, kind in ((KPI_FIELDS, "kpi"), (PROJECT_FIELDS, "projects")):
            table = _try_find(grid, fields, sheet)
            if isinstance(table, TableNotFound):
                misses.append(str(table))
                continue
            found_any = True
            if kind == "kpi":
                year = year_hint(" ".join(table.preamble)) or year_hint(sheet) or year_hint(path.name)
                # The period is read for its year and months, which raw.bureau_kpi holds in its place.
                read_table(parsed, table, _kpi_coercions(reference, table, year), "raw.bureau_kpi", drop=("period",))
            else:
                read_table(parsed, table, _project_coercions(reference, table), "raw.bureau_projects")
            break
    if not found_any:
        raise FileRejected(
            "找不到「指标认定」或「项目认定」表 (neither a KPI nor a project confirmation table was found): "
            + "；".join(misses)
        )
    return parsed
