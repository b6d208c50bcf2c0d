"""The template the centre sends out, filled in by hand, loads without a single warning."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from ingest.forms.departments import read_department_file
from ingest.forms.reference import Reference
from ingest.forms.template import main
from tests.departments.books import GOOD_USCC


def _fill(sheet, *rows: list[object]) -> None:
    # A clerk types under the header, whatever formatting the template laid on the rows below.
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=value)


def test_template_filled_in_by_hand_round_trips(tmp_path: Path, reference: Reference) -> None:
    path = tmp_path / "经发局-2024年第23周.xlsx"
    assert main(["--department", "经发局", "--period", "2024-W23", "--out", str(path),
                 "--reference", str(tmp_path / "reference")]) == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["填报说明", "基本信息", "线索", "签约项目", "注册企业", "招商活动"]
    assert [book["基本信息"].cell(row=r, column=2).value for r in (1, 2)] == ["经济发展局", "2024年第23周"]
    book["基本信息"]["B3"], book["基本信息"]["B4"] = "王磊", dt.date(2024, 6, 10)
    _fill(book["线索"],
          [1, "冷链物流中心项目", "郑州华瑞供应链有限公司", "现代物流", 1.5, "郑州", dt.date(2024, 6, 4), "在谈"],
          [2, "文旅综合体项目", "嘉禾文旅发展有限公司", "文化旅游", None, "许昌", dt.date(2024, 6, 6), "线索"])
    _fill(book["签约项目"],
          [1, "智慧物流总部项目", "中原智慧物流集团有限公司", 3, dt.date(2024, 6, 5), "集中签约", "管委会主任"])
    _fill(book["注册企业"], [1, "漯河正腾商贸有限公司", GOOD_USCC, dt.date(2024, 6, 6), 500, "批发和零售业"])
    _fill(book["招商活动"], [1, dt.date(2024, 6, 7), "外出招商", "杭州", 3, "管委会主任", "赴杭州对接直播基地"],
          [2, dt.date(2024, 6, 8), "会见客商", "西城区", 1, None, "会见正腾商贸负责人"])
    book.save(path)

    parsed = read_department_file(path, reference)
    assert parsed.issues == [] and parsed.findings == []
    assert parsed.logical_key == "departments|D02|2024-W23"
    assert parsed.rows_read == 6
    counts = {table: sum(len(frame) for frame in frames) for table, frames in parsed.tables.items()}
    assert counts == {"raw.dept_reports": 1, "raw.dept_leads": 2, "raw.dept_signed_projects": 1,
                      "raw.dept_enterprises": 1, "raw.dept_activities": 2}
    (project,) = parsed.tables["raw.dept_signed_projects"][0].to_dict("records")
    assert (project["row_number"], project["total_investment_yi_yuan"], project["six_post_leader"]) == \
        (2, Decimal("3"), "管委会主任")
    (report,) = parsed.tables["raw.dept_reports"][0].to_dict("records")
    assert (report["reporter"], report["reported_on"]) == ("王磊", dt.date(2024, 6, 10))


def test_template_has_drop_downs_frozen_headers_and_formats(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    main(["--department", "新城办事处", "--period", "2024年6月", "--out", str(path)])
    book = openpyxl.load_workbook(path)
    lists = {
        name: {str(dv.sqref): dv.formula1.strip('"').split(",")
               for dv in book[name].data_validations.dataValidation}
        for name in ("线索", "签约项目", "招商活动")
    }
    assert lists == {"线索": {"H2:H301": ["线索", "在谈", "已签约", "已放弃"]},
                     "签约项目": {"G2:G301": ["党工委书记", "管委会主任", "党工委副书记", "管委会常务副主任",
                                          "管委会副主任", "纪工委书记"]},
                     "招商活动": {"C2:C301": ["外出招商", "考察对接", "会见客商", "推介活动"]}}
    for name in ("线索", "签约项目", "注册企业", "招商活动"):
        assert book[name].freeze_panes == "A2"
    assert book["签约项目"]["D2"].number_format == "0.00##"
    assert book["签约项目"]["E2"].number_format == "yyyy-mm-dd"
    assert book["注册企业"]["C2"].number_format == "@"
    assert book["基本信息"]["B2"].value == "2024年6月"
    assert "下拉列表" in "".join(str(c.value) for c in book["填报说明"]["A"] if c.value)


def test_template_refuses_an_unknown_department(tmp_path: Path, reference: Reference,
                                                 capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["--department", "经济发展处", "--period", "2024-W23", "--out", str(tmp_path / "t.xlsx"),
              "--reference", str(tmp_path / "reference")])
    assert "经济发展局" in capsys.readouterr().err


def test_a_department_written_as_a_formula_is_text_in_the_template(tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://example.invalid","点我")'
    out = tmp_path / "t.xlsx"
    main(["--department", hostile, "--period", "2024-W23", "--out", str(out)])

    with zipfile.ZipFile(out) as archive:
        parts = {name: archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/")}
    sheets = [xml for name, xml in parts.items() if name.startswith("xl/worksheets/sheet")]
    assert sheets and not any("<f>" in xml or "<f " in xml for xml in sheets), "no formula anywhere"
    assert "HYPERLINK" in "".join(parts.values())  # kept, as text
    book = openpyxl.load_workbook(out)
    assert (book["基本信息"]["B1"].value, book["基本信息"]["B1"].data_type) == (hostile, "s")
    assert book["填报说明"]["A1"].value.startswith(hostile)
