"""Department workbooks written the way clerks write them, for the tests."""

from __future__ import annotations

from pathlib import Path

import xlwt

from ingest.forms.template import SHEETS
from tests.workbooks import write_workbook as write_xlsx  # noqa: F401 - the name the department tests use

Rows = list[list[object]]

INFO = "基本信息"
# The headers of the template the centre sends out (ingest/forms/template.py), where they are declared.
LEAD_HEADER, SIGNED_HEADER, ENTERPRISE_HEADER, ACTIVITY_HEADER = (
    [column.header for column in SHEETS[sheet]] for sheet in ("线索", "签约项目", "注册企业", "招商活动"))

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
