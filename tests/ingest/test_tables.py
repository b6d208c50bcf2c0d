import openpyxl
import pytest

from ingest.tables import Field, TableNotFound, find_table, labelled_value
from ingest.workbook import read_sheets

PROJECT_FIELDS = [
    Field("seq", (r"序号",), required=False),
    Field("project_name", (r"项目名称", r"项目")),
    Field("investor", (r"投资(方|主体)",), required=False),
    Field("total_investment", (r"(总|计划)?投资(额|总额)?",)),
    Field("signed_on", (r"签约(日期|时间)",)),
]

_MONTH = r"本月|当月"
_YTD = r"(1-\d+月)?累计"
CUSTOMS_FIELDS = [
    Field("enterprise_name", (r"企业(名称)?",)),
    Field("customs_code", (r"海关(编码|代码)",), required=False),
    Field("uscc", (r"(统一)?社会信用代码",), required=False),
    Field("total_month", (rf"进出口\|({_MONTH})",), required=False),
    Field("total_ytd", (rf"进出口\|{_YTD}",)),
    Field("export_ytd", (rf"出口\|{_YTD}",), required=False),
    Field("import_ytd", (rf"进口\|{_YTD}",), required=False),
]


def _signed_projects_grid():
    return [
        ["2024年上半年西城区签约项目", None, None, None, None],
        ["填报单位：经发局", None, None, "单位：亿元", None],
        [None, None, None, None, None],
        ["序号", "项目\n名称", "投资方", "总投资（亿元）", "签约日期"],
        [1, "智慧物流总部", "豫运集团", 5, "2024/5/8"],
        [None, None, None, None, None],
        [2, "山外科技孵化", "山外科技", "5", 45420],
        ["合 计", None, None, 10, None],
        ["资料来源：经发局台账", None, None, None, None],
        ["填表人：王某", None, None, None, None],
    ]


def test_single_row_header_below_title_and_unit_line():
    table = find_table(_signed_projects_grid(), PROJECT_FIELDS, "签约项目")

    assert table.header_row_numbers == (4,)
    assert table.preamble == ["2024年上半年西城区签约项目", "填报单位：经发局 单位：亿元"]
    assert table.unit == "亿元"
    assert labelled_value(table.preamble, ["填报单位"]) == "经发局"
    assert [row.row_number for row in table.rows] == [5, 7]
    assert table.rows[0].cells == {
        "seq": 1,
        "project_name": "智慧物流总部",
        "investor": "豫运集团",
        "total_investment": 5,
        "signed_on": "2024/5/8",
    }
    assert table.rows[1].cells["signed_on"] == 45420


def test_header_with_line_break_and_full_width_unit():
    table = find_table(_signed_projects_grid(), PROJECT_FIELDS, "签约项目")

    assert table.columns["project_name"].header == "项目名称"
    assert table.columns["total_investment"].header == "总投资（亿元）"
    assert table.columns["total_investment"].unit == "亿元"
    assert table.columns["total_investment"].index == 3


def test_total_row_is_kept_apart_and_footer_stops_the_data():
    table = find_table(_signed_projects_grid(), PROJECT_FIELDS, "签约项目")

    assert [row.row_number for row in table.total_rows] == [8]
    assert table.total_rows[0].cells["total_investment"] == 10
    assert table.footer == ["资料来源：经发局台账", "填表人：王某"]
    assert all("资料来源" not in str(row.cells) for row in table.rows)


def test_columns_in_any_order_with_extras_and_half_width_units():
    grid = [
        ["签约日期", "备注", "总投资(亿元)", "项目名称", "六职领导"],
        ["2024-06-03", "待省级认定", "3.5", "中食数联", "张某"],
    ]
    table = find_table(grid, PROJECT_FIELDS, "签约项目")

    assert table.header_row_numbers == (1,)
    assert {name: column.index for name, column in table.columns.items()} == {
        "project_name": 3,
        "total_investment": 2,
        "signed_on": 0,
    }
    assert table.rows[0].cells == {
        "project_name": "中食数联",
        "total_investment": "3.5",
        "signed_on": "2024-06-03",
    }
    assert table.rows[0].extra == {"备注": "待省级认定", "六职领导": "张某"}
    assert table.unit is None


def test_header_repeated_on_a_later_page_is_skipped():
    grid = [
        ["项目名称", "总投资/亿元", "签约日期"],
        ["智慧物流总部", 5, "2024-05-08"],
        ["项目名称", "总投资/亿元", "签约日期"],
        ["山外科技孵化", 5, "2024-06-03"],
    ]
    table = find_table(grid, PROJECT_FIELDS, "签约项目")

    assert table.columns["total_investment"].unit == "亿元"
    assert [row.cells["project_name"] for row in table.rows] == ["智慧物流总部", "山外科技孵化"]


def test_first_field_wins_a_column_two_fields_could_match():
    fields = [Field("first", (r"投资额",)), Field("second", (r"投资额",), required=False)]
    table = find_table([["投资额", "投资额"], [1, 2]], fields, "s")
    assert table.columns["first"].index == 0
    assert table.columns["second"].index == 1


def _write_customs_workbook(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "进出口"
    sheet.append(["2024年1-5月西城区企业进出口情况"])
    sheet.merge_cells("A1:I1")
    sheet.append([None, None, None, None, None, None, None, None, "单位：万元"])
    sheet.append(
        ["序号", "企业名称", "海关编码", "统一社会信用代码", "进出口", None, "出口", None, "累计同比(%)"]
    )
    sheet.append([None, None, None, None, "本月", "1-5月累计", "本月", "累计", None])
    for column in "ABCDI":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("E3:F3")
    sheet.merge_cells("G3:H3")
    fuyuan = ["漯河富元食品有限公司", "4111924628", "914111030996030893"]
    lange = ["漯河蓝格液压科技有限公司", "4111935181", "9141110019482199XC"]
    sheet.append([1, *fuyuan, 12.5, 300.25, 10, 250.25, "-35"])
    sheet.append([2, *lange, 0, 80, 0, 80, "-60"])
    sheet.append(["合计", None, None, None, 12.5, 380.25, 10, 330.25, None])
    sheet.append(["资料来源：漯河海关"])
    book.save(path)


def test_two_row_merged_header_from_a_real_xlsx(tmp_path):
    path = tmp_path / "2024年1-5月进出口.xlsx"
    _write_customs_workbook(path)
    grid = read_sheets(path)["进出口"]

    table = find_table(grid, CUSTOMS_FIELDS, "进出口")

    assert table.header_row_numbers == (3, 4)
    assert table.unit == "万元"
    assert table.columns["total_ytd"].header == "进出口/1-5月累计"
    assert table.columns["total_ytd"].index == 5
    assert table.columns["export_ytd"].index == 7
    assert table.columns["uscc"].header == "统一社会信用代码"
    assert "import_ytd" not in table.columns
    assert [row.row_number for row in table.rows] == [5, 6]
    first = table.rows[0]
    assert first.cells["enterprise_name"] == "漯河富元食品有限公司"
    assert first.cells["total_month"] == 12.5
    assert first.cells["total_ytd"] == 300.25
    assert first.extra == {"序号": 1, "出口/本月": 10, "累计同比(%)": "-35"}
    assert [row.cells["total_ytd"] for row in table.total_rows] == [380.25]
    assert table.footer == ["资料来源：漯河海关"]


def test_unit_line_above_a_single_header_is_not_taken_for_its_top_half():
    grid = [
        [None, None, "单位：万元"],
        ["企业名称", "进出口额", "备注"],
        ["漯河正腾商贸有限公司", 3, None],
    ]
    fields = [Field("enterprise_name", (r"企业名称",)), Field("note", (r"备注",), required=False)]

    table = find_table(grid, fields, "s")

    assert table.header_row_numbers == (2,)
    assert table.columns["note"].index == 2
    assert table.unit == "万元"


def test_missing_required_column_is_named_with_what_was_seen():
    grid = [
        ["2024年签约项目"],
        ["序号", "项目名称", "投资方", "签约日期"],
        [1, "智慧物流总部", "豫运集团", "2024-05-08"],
    ]
    with pytest.raises(TableNotFound) as caught:
        find_table(grid, PROJECT_FIELDS, "签约项目")

    error = caught.value
    assert error.missing == [r"(总|计划)?投资(额|总额)?"]
    message = str(error)
    assert "签约项目" in message
    assert "(总|计划)?投资(额|总额)?" in message
    assert "序号、项目名称、投资方、签约日期" in message


def test_header_beyond_max_scan_is_not_found():
    grid = [[f"说明第{i}行"] for i in range(30)] + [["项目名称", "总投资", "签约日期"]]
    with pytest.raises(TableNotFound):
        find_table(grid, PROJECT_FIELDS, "s")
    assert find_table(grid, PROJECT_FIELDS, "s", max_scan=31).header_row_numbers == (31,)


def test_empty_sheet():
    with pytest.raises(TableNotFound, match="项目名称"):
        find_table([], PROJECT_FIELDS, "空表")


@pytest.mark.parametrize(
    ("lines", "labels", "value"),
    [
        (["填报单位：经发局"], ["填报单位"], "经发局"),
        (["填报单位:经发局"], ["填报单位"], "经发局"),
        (["填报单位： 经发局 报告期：2024年第23周"], ["报告期"], "2024年第23周"),
        (["填报单位： 经发局 报告期：2024年第23周"], ["填报单位"], "经发局"),
        (["（单位：万元）"], ["单位"], "万元)"),
        (["填报单位：经发局"], ["单位"], None),
        (["填报单位：", "填报单位：财金局"], ["填报单位"], "财金局"),
        (["标题"], ["填报单位"], None),
    ],
)
def test_labelled_value(lines, labels, value):
    assert labelled_value(lines, labels) == value
