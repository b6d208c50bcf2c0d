"""Department workbooks written the way clerks write them, for the tests."""

from __future__ import annotations

from pathlib import Path

import xlwt

from tests.workbooks import write_workbook as write_xlsx  # noqa: F401 - the name the department tests use

Rows = list[list[object]]

INFO = "基本信息"
LEAD_HEADER = ["序号", "线索名称", "投资方", "产业类别", "预计投资额（亿元）", "来源地", "获取日期", "状态", "备注"]
SIGNED_HEADER = ["序号", "项目名称", "投资方", "总投资（亿元）", "签约日期", "签约活动", "六职领导", "备注"]
ENTERPRISE_HEADER = ["序号", "企业名称", "统一社会信用代码", "注册日期", "注册资本（万元）", "行业"]
ACTIVITY_HEADER = ["序号", "日期", "活动类型", "地点", "对接企业数", "带队领导", "内容摘要"]

GOOD_USCC = "91411102909378654A"
OTHER_USCC = "91411103323194874E"
BAD_USCC = "91411102909378654B"  # wrong check character


def info(department: str, period: str) -> Rows:
    return [["填报单位", department], ["报告期", period], ["填报人", "王磊"], ["填报日期", "2024-06-10"]]


def write_xls(path: Path, sheets: dict[str, Rows]) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))
    return path


def workbook(department: str = "经济发展局", period: str = "2024年第23周", *, leads: Rows = (),
             signed: Rows = (), enterprises: Rows = (), activities: Rows = ()) -> dict[str, Rows]:
    """The template's layout: a 基本信息 sheet and the four forms under a one-row header."""
    return {INFO: info(department, period), "线索": [LEAD_HEADER, *leads], "签约项目": [SIGNED_HEADER, *signed],
            "注册企业": [ENTERPRISE_HEADER, *enterprises], "招商活动": [ACTIVITY_HEADER, *activities]}
