"""The department workbook the centre sends out (全员招商周报模板): one per department and report period.

    python -m ingest.forms.template --department 经发局 --period 2024-W23 --out 经发局-2024年第23周.xlsx

Drop-down lists keep 状态 / 活动类型 / 六职领导 to the values the loader accepts, so a template filled in by hand
loads without a warning.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ingest.forms.reference import Reference, load_reference
from ingest.periods import ReportPeriod, parse_report_period
from schemas.codes import code_list

ROWS = 300  # rows made ready (formats, drop-downs) under each header

DATE_FORMAT = "yyyy-mm-dd"
AMOUNT_FORMAT = "0.00##"
COUNT_FORMAT = "0"
TEXT_FORMAT = "@"


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    number_format: str | None = None
    choices: str | None = None  # the code list (schemas/codes.py) its drop-down offers
    note: str = ""  # {valuable}: the lead statuses that count as valuable

    def offered(self) -> list[str]:
        return code_list(self.choices).values(written_only=True) if self.choices else []

    def explained(self) -> str:
        valuable = "、".join(c.value for c in code_list("lead_status").codes if c.valuable)
        return self.note.format(valuable=valuable)


SHEETS: dict[str, tuple[Column, ...]] = {
    "线索": (
        Column("序号", 6, COUNT_FORMAT),
        Column("线索名称", 28, note="项目或线索的名称；同一线索每次状态变化时再报一次，名称保持一致"),
        Column("投资方", 28),
        Column("产业类别", 12),
        Column("预计投资额（亿元）", 14, AMOUNT_FORMAT, note="单位亿元；只知道大约时可写“10余”，按下限计"),
        Column("来源地", 10),
        Column("获取日期", 12, DATE_FORMAT),
        Column("状态", 10, choices="lead_status", note="{valuable}计入有价值线索"),
        Column("备注", 24),
    ),
    "签约项目": (
        Column("序号", 6, COUNT_FORMAT),
        Column("项目名称", 28),
        Column("投资方", 28),
        Column("总投资（亿元）", 14, AMOUNT_FORMAT, note="单位亿元；≥1亿元为亿元项目"),
        Column("签约日期", 12, DATE_FORMAT),
        Column("签约活动", 24),
        Column("六职领导", 16, choices="six_post", note="六职领导包联的项目选择领导职务，其余留空"),
        Column("备注", 24),
    ),
    "注册企业": (
        Column("序号", 6, COUNT_FORMAT),
        Column("企业名称", 30),
        Column("统一社会信用代码", 22, TEXT_FORMAT, note="18位，按营业执照填写；校验位不对的行会被退回"),
        Column("注册日期", 12, DATE_FORMAT),
        Column("注册资本（万元）", 14, AMOUNT_FORMAT, note="单位万元"),
        Column("行业", 20),
    ),
    "招商活动": (
        Column("序号", 6, COUNT_FORMAT),
        Column("日期", 12, DATE_FORMAT),
        Column("活动类型", 12, choices="activity_type",
               note="外出招商计外出次数，考察对接计对接企业数，会见客商计会见次数"),
        Column("地点", 14, note="外出招商填所到城市"),
        Column("对接企业数", 10, COUNT_FORMAT, note="整数；只知道大约时可写“10余”，按下限计"),
        Column("带队领导", 14),
        Column("内容摘要", 36),
    ),
}

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_BOLD = Font(bold=True)


def period_text(period: ReportPeriod) -> str:
    """The 报告期 as a clerk would write it."""
    if period.kind == "week":
        return f"{period.year}年第{period.week}周"
    if period.kind == "month":
        return f"{period.start.year}年{period.start.month}月"
    return f"{period.start:%Y.%m.%d}-{period.end:%Y.%m.%d}"


def write_template(path: Path, department: str, period: ReportPeriod) -> Path:
    book = Workbook()
    book.remove(book.active)
    _instructions(book.create_sheet("填报说明"), department, period)
    _basic_info(book.create_sheet("基本信息"), department, period)
    for name, columns in SHEETS.items():
        _form(book.create_sheet(name), columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _instructions(sheet: Worksheet, department: str, period: ReportPeriod) -> None:
    lines = [
        f"{department} {period_text(period)} 全员招商工作报表 填报说明",
        "",
        "1. 「基本信息」表的填报单位、报告期已填好，请补填填报人和填报日期；不要改动表名和表头。",
        "2. 每张表从表头下一行起逐行填写，一行一条；没有内容的表保留表头即可，不要删除。",
        "3. 金额按表头单位填写数字（亿元、万元）；日期写成2024-06-05；状态、活动类型、六职领导请从下拉列表中选择。",
        "4. 同一部门同一报告期重复报送时，以最后报送的文件为准，之前的文件作废（保留备查）。",
        "5. 多个部门共同推进的项目或企业可以各自填报，全区合计只计一次，排名时各部门都计分。",
        "",
        "各列说明：",
    ]
    for name, columns in SHEETS.items():
        lines.extend(f"  {name} · {c.header}：{c.explained()}" for c in columns if c.note)
    for row, line in enumerate(lines, start=1):
        _text(sheet, row, 1, line or None)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110


def _basic_info(sheet: Worksheet, department: str, period: ReportPeriod) -> None:
    rows = (("填报单位", department, None), ("报告期", period_text(period), None), ("填报人", None, None),
            ("填报日期", None, DATE_FORMAT))
    for row, (label, value, number_format) in enumerate(rows, start=1):
        _text(sheet, row, 1, label).font = _BOLD
        cell = _text(sheet, row, 2, value)
        if number_format:
            cell.number_format = number_format
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 24


def _form(sheet: Worksheet, columns: tuple[Column, ...]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = _text(sheet, 1, index, column.header)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.number_format:
            for row in range(2, ROWS + 2):
                sheet.cell(row=row, column=index).number_format = column.number_format
        if offered := column.offered():
            listed = DataValidation(type="list", formula1='"' + ",".join(offered) + '"', allow_blank=True,
                                    showErrorMessage=True, errorTitle="请从下拉列表选择",
                                    error="可选：" + "、".join(offered))
            listed.add(f"{letter}2:{letter}{ROWS + 1}")
            sheet.add_data_validation(listed)
    sheet.freeze_panes = "A2"


def _text(sheet: Worksheet, row: int, column: int, value: str | None) -> Cell:
    """A cell holding the text as written: openpyxl makes a formula of any string starting with '=', and the
    department comes from the command line (or a clerk's request), so it is written as text whatever it says."""
    cell = sheet.cell(row=row, column=column, value=value)
    if value is not None:
        cell.data_type = "s"
    return cell


def _department_name(written: str, reference: Reference | None) -> str:
    if reference is None:
        return written
    code = reference.department_code(written)
    return next(d["name"] for d in reference.departments if d["code"] == code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="写出部门全员招商报表模板 write a department workbook template")
    parser.add_argument("--department", required=True, help="部门名称或简称，如 经发局")
    parser.add_argument("--period", required=True, help="报告期，如 2024-W23、2024年第23周、2024年6月")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--reference", type=Path, help="参考数据目录：有则把部门简称换成全称并核对")
    args = parser.parse_args(argv)
    try:
        period = parse_report_period(args.period)
        reference = load_reference(args.reference) if args.reference else None
        department = _department_name(args.department, reference)
    except ValueError as err:
        parser.error(str(err))
    print(write_template(args.out, department, period))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
