"""Customs trade: the enterprise monthly table (企业进出口情况) and the statistics platform CSV download."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.codes import clean_code
from ingest.forms.common import Coercion, FileRejected, ParsedFile, by_cell, read_table
from ingest.forms.reference import Reference
from ingest.numbers import parse_number
from ingest.periods import Period, parse_period
from ingest.tables import Field, FoundTable, TableNotFound, find_table
from ingest.text import is_nothing, normalise
from ingest.units import amount_in
from ingest.workbook import read_sheets
from schemas.customs import EnterpriseMonthlyRow, PlatformRow

_YTD = r"(\d{1,2}[-至~—]\d{1,2}月)?累计(值|额)?"
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
    return None if is_nothing(cell) else str(cell).strip()


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
           for name in ("total_month", "total_ytd", "export_month", "export_ytd", "import_month", "import_ytd")},
        "ytd_yoy_pct": by_cell("number", percent),
    }


def _platform_coercions(period: Period | None) -> dict[str, Coercion]:
    def year_month(cell: object) -> Period:
        if not is_nothing(cell):
            return parse_period(cell)
        if period is None:
            raise ValueError("数据年月为空，文件名中也没有统计期 (no period in the row or the file name)")
        return period

    def number(cell: object) -> object:
        parsed = parse_number(cell)
        return None if parsed is None else parsed.value

    return {
        "period": by_cell("period", year_month),
        "year": Coercion("period", lambda _c, row: row["period"].year),
        "month_from": Coercion("period", lambda _c, row: row["period"].month_from),
        "month_to": Coercion("period", lambda _c, row: row["period"].month_to),
        **{name: by_cell("text", clean_code) for name in
           ("hs_code", "partner_code", "trade_mode_code", "reg_place_code")},
        **{name: by_cell("text", _text) for name in
           ("product_name", "partner_name", "trade_mode_name", "reg_place_name", "unit_1", "unit_2")},
        **{name: by_cell("number", number) for name in ("quantity_1", "quantity_2", "value_yuan", "value_usd")},
    }


def read_customs_file(path: Path, reference: Reference) -> ParsedFile:
    sheets = read_sheets(path)
    for sheet, grid in sheets.items():
        try:
            table = find_table(grid, ENTERPRISE_FIELDS, sheet)
        except TableNotFound:
            continue
        return _read_enterprise_table(path, table, reference)
    for sheet, grid in sheets.items():
        try:
            table = find_table(grid, PLATFORM_FIELDS, sheet)
        except TableNotFound:
            continue
        return _read_platform_table(path, table)
    raise FileRejected(
        "既不是企业进出口情况表（需要 企业名称、进出口累计 列），也不是海关统计平台下载文件（需要 第一数量、人民币或美元 列）"
        " (neither the enterprise monthly table nor a customs platform download)"
    )


def _read_enterprise_table(path: Path, table: FoundTable, reference: Reference) -> ParsedFile:
    period = find_period([*table.preamble, path.stem])
    if period is None:
        raise FileRejected("表头上方和文件名中都没有统计期（如「2024年1-5月」）(no period in the title or file name)")
    if period.month_from != 1:
        period = Period(period.year, 1, period.month_to)
    parsed = ParsedFile(logical_key=f"customs|enterprise_monthly|{period.year}-{period.month_to:02d}")
    frame = read_table(parsed, table, _enterprise_coercions(table, period, reference), EnterpriseMonthlyRow,
                       fixed={"year": period.year, "month": period.month_to, "unit_as_written": table.unit})
    parsed.add("raw.customs_enterprise_monthly", frame)
    return parsed


def _read_platform_table(path: Path, table: FoundTable) -> ParsedFile:
    if "value_yuan" not in table.columns and "value_usd" not in table.columns:
        raise FileRejected("海关统计文件缺少金额列「人民币」或「美元」(no value column)")
    period = find_period([path.stem])
    if "year_month" not in table.columns and period is None:
        raise FileRejected("文件没有「数据年月」列，文件名中也没有统计期（如「2024年1-5月」或「202401-202405」）"
                           " (no period column and no period in the file name)")
    parsed = ParsedFile(logical_key=f"customs|platform|{path.name}")
    frame = read_table(parsed, table, _platform_coercions(period), PlatformRow)
    parsed.add("raw.customs_platform", frame.drop(columns=["period", "sheet"]))
    return parsed
