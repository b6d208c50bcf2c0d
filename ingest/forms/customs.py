"""Customs trade: the enterprise monthly table (企业进出口情况) and the statistics platform CSV download."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from pathlib import Path

from ingest.codes import clean_code
from ingest.csv_lines import BrokenLine
from ingest.encoding import detect_encoding
from ingest.filetype import CSV, identify, wrong_extension
from ingest.forms.common import (
    Coercion,
    FileRejected,
    ParsedFile,
    broken_line_issues,
    by_cell,
    read_each_file,
    read_table,
)
from ingest.forms.reference_data import Reference
from ingest.numbers import parse_number
from ingest.periods import Period, parse_period
from ingest.tables import Field, FoundTable, Grid, TableNotFound, find_table
from ingest.text import clean_text, is_nothing, normalise
from ingest.units import amount_in
from ingest.workbook import read_workbook

_YTD = r"((\d{1,2}[-至~—])?\d{1,2}月)?累计(值|额)?"
_MONTH = r"(本|当)月(值|额)?"
ENTERPRISE_FIELDS = (
    Field("seq", (r"序号",), required=False),
    Field("enterprise_name", (r"企业(名称)?", r"(单位|公司)名称")),
    Field("customs_code", (r"(企业)?海关(编码|代码|注册编码)", r"十位编码"), required=False),
    Field("uscc", (r"(统一)?社会信用代码", r"信用代码"), required=False),
    Field("region", (r"所属(区域|地区|区县)", r"区域"), required=False),
    Field("total_month", (rf"进出口(总?额|总值)?\|{_MONTH}",), required=False),
    Field("total_ytd", (rf"进出口(总?额|总值)?\|{_YTD}",)),
    Field("export_month", (rf"出口(额|值)?\|{_MONTH}",), required=False),
    Field("export_ytd", (rf"出口(额|值)?\|{_YTD}",), required=False),
    Field("import_month", (rf"进口(额|值)?\|{_MONTH}",), required=False),
    Field("import_ytd", (rf"进口(额|值)?\|{_YTD}",), required=False),
    Field("ytd_yoy_pct", (r"(累计)?同比(增长|增减|增速)?(%)?",), required=False),
)
_AMOUNT_FIELDS = ("total_month", "total_ytd", "export_month", "export_ytd", "import_month", "import_ytd")
PLATFORM_FIELDS = (
    Field("year_month", (r"数据年月", r"年月"), required=False),
    Field("hs_code", (r"商品编码",), required=False),
    Field("product_name", (r"商品名称",), required=False),
    Field("partner_code", (r"贸易伙伴编码",), required=False),
    Field("partner_name", (r"贸易伙伴名称",), required=False),
    Field("trade_mode_code", (r"贸易方式编码",), required=False),
    Field("trade_mode_name", (r"贸易方式名称",), required=False),
    Field("reg_place_code", (r"注册地编码", r"境内目的地编码|境内货源地编码"), required=False),
    Field("reg_place_name", (r"注册地名称", r"境内目的地名称|境内货源地名称"), required=False),
    Field("quantity_1", (r"第一数量",)),
    Field("unit_1", (r"第一计量单位",), required=False),
    Field("quantity_2", (r"第二数量",), required=False),
    Field("unit_2", (r"第二计量单位",), required=False),
    Field("value_yuan", (r"人民币(元)?",), required=False),
    Field("value_usd", (r"美元",), required=False),
)
_PERIOD_IN_TEXT = re.compile(
    r"\d{6}[-~至]\d{6}|\d{4}年\d{1,2}(?:月份?)?[-~至—]\d{1,2}月|\d{4}年\d{1,2}月|\d{4}年(?:全年|度)?"
)


def find_period(texts: list[str]) -> Period | None:
    """The first placeable period written in a title line or a file name."""
    for text in texts:
        for candidate in _PERIOD_IN_TEXT.findall(normalise(text)):
            try:
                return parse_period(candidate)
            except ValueError:
                continue
    return None


def _text(cell: object) -> str | None:
    return None if is_nothing(cell) else clean_text(cell)


def _enterprise_coercions(table: FoundTable, period: Period, reference: Reference) -> dict[str, Coercion]:
    rate = reference.usd_cny(period.year, period.month_to)

    def amount(field: str) -> Coercion:
        column = table.columns.get(field)
        unit = (column.unit if column else None) or table.unit

        def convert(cell: object) -> object:
            parsed = amount_in(cell, unit, "万元", rate)
            return None if parsed is None else parsed[0]
        return by_cell("number", convert, field)

    def percent(cell: object) -> object:
        number = parse_number(cell)
        return None if number is None else number.value

    return {
        "enterprise_name": by_cell("required", _text),
        "customs_code": by_cell("text", clean_code),
        "uscc": by_cell("text", clean_code),
        "region": by_cell("text", _text),
        **{f"{name}_wan_yuan": amount(name)
           for name in _AMOUNT_FIELDS},
        "ytd_yoy_pct": by_cell("number", percent),
    }


_HEAD_LINES = 40
_HEAD_BYTES = 1 << 16
_NOT_CUSTOMS = (
    "既不是企业进出口情况表（需要 企业名称、进出口累计 列），"
    "也不是海关统计平台下载文件（需要 第一数量、人民币或美元 列）"
    "(neither the enterprise monthly table nor a customs platform download)"
)


def read_customs_file(path: Path, reference: Reference) -> ParsedFile:
    """One file read and judged, for tests and tools (the loader judges a batch of them at once)."""
    # Imported here: the workers that run read_customs_files import this module, and never pandas.
    from ingest.forms.judging import judged

    return judged(_read(path, reference))


def read_customs_files(paths: list[Path], reference: Reference) -> list[ParsedFile | Exception]:
    """The source's reader, run in the worker processes: each file's table is left pending for the loader to
    judge."""
    return read_each_file(_read, paths, reference)


def _read(path: Path, reference: Reference) -> ParsedFile:
    """A customs file read as what its content is (an .xlsx named .csv is read as a workbook, and said so)."""
    kind = identify(path)
    if kind == CSV:
        # A platform CSV can run to millions of lines: place it from its first lines, never read it whole here.
        findings = [(None, "wrong_extension", note)] if (note := wrong_extension(path, kind)) else []
        parsed = _read_csv(path, reference)
    else:
        workbook = read_workbook(path)
        findings = workbook.findings
        parsed = _read_workbook(path, workbook.sheets, reference)
    parsed.findings[:0] = findings  # hidden sheets and a wrong extension, before what the table says
    return parsed


def _read_csv(path: Path, reference: Reference) -> ParsedFile:
    head = _head_grid(path)
    if _find(head, ENTERPRISE_FIELDS, path.stem):
        # A table of a few hundred rows: read as any workbook is, within the same bounds (its size, its delimiter).
        workbook = read_workbook(path)
        table = find_table(workbook.sheets[path.stem], ENTERPRISE_FIELDS, path.stem)
        return _read_enterprise_table(path, table, reference, workbook.broken)
    if table := _find(head, PLATFORM_FIELDS, path.stem):
        return _read_platform_csv(path, table, _width(head))
    raise FileRejected(_NOT_CUSTOMS)


def _read_workbook(path: Path, sheets: dict[str, Grid], reference: Reference) -> ParsedFile:
    for sheet, grid in sheets.items():
        if table := _find(grid, ENTERPRISE_FIELDS, sheet):
            return _read_enterprise_table(path, table, reference)
    for sheet, grid in sheets.items():
        if table := _find(grid, PLATFORM_FIELDS, sheet):
            return _read_platform_sheet(path, table, grid)
    raise FileRejected(_NOT_CUSTOMS)


def _find(grid: Grid, fields: tuple[Field, ...], sheet: str) -> FoundTable | None:
    try:
        return find_table(grid, fields, sheet)
    except TableNotFound:
        return None


def _head_grid(path: Path) -> Grid:
    """The first lines of a CSV, read from its first bytes only: a line further down can be of any length or
    open a quote it never closes, and the warehouse deals with it when it loads the file."""
    with path.open("rb") as raw:
        head = raw.read(_HEAD_BYTES)
    encoding = detect_encoding(head)
    if len(head) == _HEAD_BYTES:
        head = head[:head.rfind(b"\n") + 1] or head  # whole lines, unless the first one fills the head
    text = io.StringIO(head.decode(encoding, errors="replace"), newline="")
    return [[cell if cell.strip() else None for cell in row] for row in islice(csv.reader(text), _HEAD_LINES)]


def _width(grid: Grid) -> int:
    return max((len(row) for row in grid), default=0)


def _read_enterprise_table(path: Path, table: FoundTable, reference: Reference,
                           broken: Sequence[BrokenLine] = ()) -> ParsedFile:
    """The table's rows to raw.customs_enterprise_monthly; for a CSV, each line it could not read (`broken`) is
    quarantined whole with its line number, as for a platform download."""
    period = find_period([*table.preamble, path.stem])
    if period is None:
        raise FileRejected("表头上方和文件名中都没有统计期（如「2024年1-5月」）(no period in the title or file name)")
    if period.month_from != 1:
        period = Period(period.year, 1, period.month_to)
    parsed = ParsedFile(logical_key=f"customs|enterprise_monthly|{period.year}-{period.month_to:02d}")
    read_table(parsed, table, _enterprise_coercions(table, period, reference), "raw.customs_enterprise_monthly",
               fixed={"year": period.year, "month": period.month_to, "unit_as_written": table.unit})
    parsed.rows_read += len(broken)
    parsed.issues.extend(broken_line_issues(table.sheet, broken))
    parsed.findings.extend(_reconcile(table))
    parsed.findings.extend(_duplicates(table))
    return parsed


def _duplicates(table: FoundTable) -> list[tuple[str | None, str, str]]:
    """Rows naming the same enterprise (the same USCC, customs code or name): its trade would count twice.

    A finding, not a rejection: which row is right is for the clerk to say; both rows stay as written.
    """
    first_row: dict[tuple[str, str], int] = {}
    rows_of: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for row in table.rows:
        name = _text(row.cells.get("enterprise_name"))
        keys = [(field, code) for field in ("uscc", "customs_code") if (code := _code(row.cells.get(field)))]
        keys += [("name", normalise(name))] if name else []
        same = min((first_row[key] for key in keys if key in first_row), default=None)
        if same is None:
            for key in keys:
                first_row[key] = row.row_number
            rows_of[row.row_number], names[row.row_number] = [row.row_number], name or ""
        else:
            rows_of[same].append(row.row_number)
    return [(table.sheet, "duplicate_rows",
             f"工作表「{table.sheet}」第{'、'.join(map(str, rows))}行是同一家企业（{names[rows[0]]}），"
             f"进出口额会重复计算，请删去重复的行 (rows {', '.join(map(str, rows))} name the same enterprise: "
             "its trade would count twice)")
            for rows in rows_of.values() if len(rows) > 1]


def _code(cell: object) -> str | None:
    try:
        return clean_code(cell)
    except ValueError:
        return None  # a malformed code is reported on its row; it names no enterprise here


def _reconcile(table: FoundTable) -> list[tuple[str | None, str, str]]:
    """Each amount column of the 合计 row against the sum of the rows above it, in the file's own numbers.

    Every written value may be rounded by half its last digit, so the sum may drift by that much per row.
    """
    totals = [row for row in table.total_rows if any(re.search(r"合计|总计", normalise(c)) for c in row.cells.values())]
    if not totals:
        return []
    findings = []
    for field in _AMOUNT_FIELDS:
        if field not in table.columns:
            continue
        total = _number_or_none(totals[-1].cells.get(field))
        values = [v for v in (_number_or_none(row.cells.get(field)) for row in table.rows) if v is not None]
        if total is None or not values:
            continue
        step = min(v.as_tuple().exponent for v in (*values, total))
        added = sum(values, Decimal(0))
        if abs(added - total) > Decimal(len(values)) * Decimal(5).scaleb(step - 1):
            header = table.columns[field].header
            findings.append((table.sheet, "total_mismatch",
                             f"工作表「{table.sheet}」合计行「{header}」为{total}，各行相加为{added}，"
                             f"相差{added - total} (the rows do not add up to the 合计 row)"))
    return findings


def _number_or_none(cell: object) -> Decimal | None:
    try:
        number = parse_number(cell)
    except ValueError:
        return None  # a cell that is not a number is reported on its row; it simply does not add up here
    return None if number is None else number.value


@dataclass(frozen=True)
class PlatformLayout:
    """Where the table sits in the CSV and what each position holds."""

    fields: list[str | None]  # per CSV position: the field it holds, None for a column we do not read
    first_line: int  # the file line (1-based) of the first line under the header
    headers: dict[str, str]  # field -> header as written, for quarantine messages
    sheet: str
    period: tuple[int, int, int] | None  # (year, month_from, month_to) from the file name, when it has one


@dataclass(frozen=True)
class PlatformDownload:
    """A platform download, placed but not read: millions of lines are loaded by the warehouse in bulk.

    Either `path`, the CSV as dropped (in whatever encoding), or `rows`, a download saved as a workbook, file line
    for row.
    """

    layout: PlatformLayout
    path: Path | None = None
    rows: list[list[object]] | None = None


def _read_platform_csv(path: Path, table: FoundTable, width: int) -> ParsedFile:
    parsed, layout = _platform_layout(path, table, width)
    parsed.bulk_loads.append(PlatformDownload(layout, path=path))
    return parsed


def _read_platform_sheet(path: Path, table: FoundTable, grid: Grid) -> ParsedFile:
    parsed, layout = _platform_layout(path, table, _width(grid))
    parsed.bulk_loads.append(PlatformDownload(layout, rows=[[_csv_cell(cell) for cell in row] for row in grid]))
    return parsed


def _csv_cell(cell: object) -> object:
    if is_nothing(cell):
        return ""
    # A whole number Excel holds as a float (a code, a quantity) is written as the integer it is.
    return int(cell) if isinstance(cell, float) and cell.is_integer() else cell


def _platform_layout(path: Path, table: FoundTable, width: int) -> tuple[ParsedFile, PlatformLayout]:
    if "value_yuan" not in table.columns and "value_usd" not in table.columns:
        raise FileRejected("海关统计文件缺少金额列「人民币」或「美元」(no value column)")
    period = find_period([*table.preamble, path.stem])
    if "year_month" not in table.columns and period is None:
        raise FileRejected("文件没有「数据年月」列，文件名中也没有统计期（如「2024年1-5月」或「202401-202405」）"
                           " (no period column and no period in the file name)")
    by_index = {column.index: name for name, column in table.columns.items()}
    layout = PlatformLayout(
        fields=[by_index.get(index) for index in range(width)],
        first_line=table.header_row_numbers[-1] + 1,
        headers={name: column.header for name, column in table.columns.items()},
        sheet=table.sheet,
        period=(period.year, period.month_from, period.month_to) if period else None,
    )
    return ParsedFile(logical_key=f"customs|platform|{path.name}"), layout
