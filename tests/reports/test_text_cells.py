"""A name from a landing file that starts with `=`, `+`, `-` or `@` is text in every workbook we write, never a
formula: written through the real loader and warehouse, then read back from the workbooks with openpyxl."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import dagster as dg
import openpyxl
import xlsxwriter

from orchestration.definitions import ASSETS
from reports.monthly import write_month_reports
from reports.periods import IsoWeek, Month
from reports.weekly import write_ranking_notice
from tests.departments.books import ACTIVITY_HEADER, ENTERPRISE_HEADER, LEAD_HEADER, SIGNED_HEADER, info
from tests.departments.conftest import write_reference
from warehouse.resource import Warehouse

HOSTILE = ['=HYPERLINK("http://example.invalid","点我")', "+86直播电商项目", "-1号仓储项目", "@云端软件项目"]
BAD_AMOUNT = "=1+2"  # not a number: quarantined, and shown as written on the data-quality sheet
FILE_NAME = "@经发局-2024年第26周.xlsx"


def _write_as_text(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    """A clerk's workbook whose cells hold those strings as text (as Excel keeps a cell typed with a quote)."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    sheet.write_string(r, c, value)
                elif isinstance(value, dt.date):
                    sheet.write_string(r, c, value.isoformat())
                elif value is not None:
                    sheet.write_number(r, c, value)
    book.close()


def _text_cells(path: Path) -> dict[str, str]:
    """Every cell value of the workbook -> its openpyxl data type ('s' text, 'f' formula, 'n' number...)."""
    book = openpyxl.load_workbook(path)
    return {str(cell.value): cell.data_type for sheet in book for row in sheet.iter_rows() for cell in row
            if cell.value is not None}


def test_landing_names_starting_with_formula_characters_stay_text(tmp_path: Path) -> None:
    home = tmp_path / "home"
    write_reference(home / "reference")
    landing = home / "landing" / "departments"
    landing.mkdir(parents=True)
    signed = [[i + 1, name, "某投资公司", 1.5, "2024-06-25", "集中签约", None, None] for i, name in enumerate(HOSTILE)]
    signed.append([5, "=SUM(9,9)项目", "某投资公司", BAD_AMOUNT, "2024-06-26", None, None, None])
    _write_as_text(landing / FILE_NAME, {
        "基本信息": info("经济发展局", "2024年第26周"),
        "线索": [LEAD_HEADER, [1, "+线索项目", "某公司", "电商", 1, "杭州", "2024-06-24", "在谈", None]],
        "签约项目": [SIGNED_HEADER, *signed],
        "注册企业": [ENTERPRISE_HEADER],
        "招商活动": [ACTIVITY_HEADER],
    })
    assert dg.materialize(ASSETS, resources={"warehouse": Warehouse(home=str(home))}).success
    published = home / "warehouse" / "zhaoshang.duckdb"

    month = write_month_reports(published, home / "reports", Month(2024, 6))
    notice = write_ranking_notice(published, home / "reports", IsoWeek(2024, 26))

    cells = _text_cells(month.xlsx)
    for name in HOSTILE:
        assert cells.get(name) == "s", (name, cells.get(name))
    assert cells.get(BAD_AMOUNT) == "s"  # the quarantined value, on the data-quality sheet
    assert cells.get(FILE_NAME) == "s"  # the file it came from
    assert _text_cells(notice.xlsx).get(FILE_NAME) == "s"  # the week's report file on the ranking notice
    for path in (month.xlsx, notice.xlsx):
        with zipfile.ZipFile(path) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
            assert sheets and not any(b"<f>" in archive.read(n) for n in sheets), "no formula anywhere"
