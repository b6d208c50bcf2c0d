import random

import openpyxl
import pytest

from ingest import tables
from ingest.tables import Field, Layouts, TableNotFound, find_table, labelled_value
from ingest.workbook import read_workbook

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
    grid = read_workbook(path).sheets["进出口"]

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


# A header found once is remembered by the rows down to it (Layouts): a later sheet with the same rows there is
# not searched again, and gets exactly what the search would give it.

LEADS = [Field("seq", (r"序号",), required=False), Field("name", (r"线索(名称)?",)),
         Field("amount", (r"(预计)?投资(额)?",), required=False), Field("status", (r"(线索)?状态",))]
GROUPED = [Field(f.name, tuple(rf"(?:[^|]*\|)?(?:{p})" for p in f.patterns), f.required) for f in LEADS]
TITLE = ["填报单位：经发局", None, "报告期：2024年第23周", None]
HEADER = ["序号", "线索名称", "预计投资额（亿元）", "状态"]


def _leads(*rows: list[object]) -> list[list[object]]:
    return [TITLE, ["单位：亿元", None, None, None], HEADER, *rows]


def _searching_is_an_error(monkeypatch) -> None:
    def search(*_args):
        raise AssertionError("searched again")
    monkeypatch.setattr(tables, "_search", search)


def test_a_learnt_layout_is_reused_for_the_same_top_rows(monkeypatch):
    layouts = Layouts()
    find_table(_leads([1, "冷链物流中心项目", 1.5, "在谈"]), LEADS, "线索", layouts=layouts)
    other = _leads([1, "智慧物流总部项目", "2亿", "线索"], ["合计", None, 2, None], [2, "飞图科技项目", 0.6, "在谈"],
                   ["资料来源：经发局台账"])
    expected = find_table(other, LEADS, "线索")
    _searching_is_an_error(monkeypatch)
    assert find_table(other, LEADS, "线索", layouts=layouts) == expected
    assert [row.row_number for row in expected.rows] == [4, 6] and expected.footer == ["资料来源：经发局台账"]


def test_a_layout_is_reused_only_for_the_fields_it_was_learnt_for(monkeypatch):
    layouts = Layouts()
    grid = _leads([1, "冷链物流中心项目", 1.5, "在谈"])
    find_table(grid, LEADS, "线索", layouts=layouts)
    grouped = find_table(grid, GROUPED, "线索")  # for these fields the unit line is a group row over the header
    assert grouped.header_row_numbers == (2, 3)
    assert find_table(grid, GROUPED, "线索", layouts=layouts) == grouped
    assert find_table(grid, LEADS, "线索", layouts=layouts, max_scan=3) == find_table(grid, LEADS, "线索", max_scan=3)
    with pytest.raises(TableNotFound):
        find_table(grid, LEADS, "线索", layouts=layouts, max_scan=2)


def test_changed_rows_above_the_data_are_searched_again():
    layouts = Layouts()
    find_table(_leads([1, "冷链物流中心项目", 1.5, "在谈"]), LEADS, "线索", layouts=layouts)
    moved = [TITLE, ["单位：亿元", None, None, None], ["序号", "状态", "预计投资额（亿元）", "线索名称"],
             [1, "在谈", 1.5, "冷链物流中心项目"]]
    retitled = [["2024年第24周线索"], *_leads([1, "冷链物流中心项目", 1.5, "在谈"])[1:]]
    deeper = [TITLE, *_leads([1, "冷链物流中心项目", 1.5, "在谈"])]
    no_unit = [HEADER, [1, "冷链物流中心项目", 1.5, "在谈"]]
    short = _leads()[:2]
    for grid in (moved, retitled, deeper, no_unit):
        assert find_table(grid, LEADS, "线索", layouts=layouts) == find_table(grid, LEADS, "线索")
    assert find_table(moved, LEADS, "线索", layouts=layouts).columns["status"].index == 1
    with pytest.raises(TableNotFound) as searched:
        find_table(short, LEADS, "线索")
    with pytest.raises(TableNotFound) as remembered:
        find_table(short, LEADS, "线索", layouts=layouts)
    assert str(remembered.value) == str(searched.value)


def test_the_row_under_a_learnt_header_is_read_again():
    """The row under the header could complete a two-row header: it is not part of what is remembered."""
    header = ["序号", "线索", None, "状态"]
    layouts = Layouts()
    one_row = find_table([header, [1, "冷链物流中心项目", 1.5, "在谈"]], GROUPED, "线索", layouts=layouts)
    assert (one_row.header_row_numbers, "amount" in one_row.columns) == ((1,), False)
    # The same header row over a lower header that names more columns: the pair wins, as the search decides.
    two_rows = [header, [None, "线索名称", "投资额", None], [1, "冷链物流中心项目", 1.5, "在谈"]]
    found = find_table(two_rows, GROUPED, "线索", layouts=layouts)
    assert found == find_table(two_rows, GROUPED, "线索")
    assert (found.header_row_numbers, found.columns["amount"].index) == ((1, 2), 2)


def test_a_learnt_two_row_header_that_no_longer_fits_is_searched_again():
    upper, lower = ["项目", None, "状态"], ["线索名称", "投资额", None]
    layouts = Layouts()
    learnt = find_table([upper, lower, ["冷链物流中心项目", 1.5, "在谈"]], GROUPED, "线索", layouts=layouts)
    assert learnt.header_row_numbers == (1, 2)
    # The same upper row over a note instead of the lower header: the header is found further down.
    later = [upper, [None, None, None, "备注"], ["线索名称", "投资额", "状态"], ["飞图科技项目", 0.6, "在谈"]]
    found = find_table(later, GROUPED, "线索", layouts=layouts)
    assert found == find_table(later, GROUPED, "线索")
    assert found.header_row_numbers == (3,)


def test_the_same_text_in_another_type_reads_the_same():
    layouts = Layouts()
    header = ["序号", "线索名称", 2024, "状态"]
    find_table([header, [1, "甲", 1, "在谈"]], LEADS, "线索", layouts=layouts)
    as_text = [["序号", "线索名称", "2024", "状态"], [1, "乙", 2, "在谈"]]
    assert find_table(as_text, LEADS, "线索", layouts=layouts) == find_table(as_text, LEADS, "线索")


def test_remembered_or_searched_the_tables_are_the_same_in_any_order():
    rng = random.Random(12)
    rows = [[1, "冷链物流中心项目", 1.5, "在谈"], ["小计", None, 1.5, None], [None] * 4, HEADER,
            [2, "飞图科技项目", "0.6亿", "线索"], ["注：单位亿元"], ["序号", "线索", "投资额", "状态"]]
    tops = [[TITLE, ["单位：亿元", None, None, None], HEADER], [HEADER], [["项目", None, None, "进展"], HEADER],
            [["线索情况", None, None, None], HEADER], [["序号", "线索", None, "状态"]],
            [["项目", None, "状态"], ["线索名称", "投资额", None]]]
    grids = [[list(row) for row in top] + rng.sample(rows, rng.randint(0, 4)) for top in tops for _ in range(8)]
    expected = {}
    for index, grid in enumerate(grids):
        for number, fields in enumerate((LEADS, GROUPED)):
            try:
                expected[index, number] = find_table(grid, fields, "线索")
            except TableNotFound as err:
                expected[index, number] = str(err)
    for _ in range(3):
        layouts = Layouts(per_form=4)
        for index in rng.sample(range(len(grids)), len(grids)):
            for number, fields in enumerate((LEADS, GROUPED)):
                try:
                    found = find_table(grids[index], fields, "线索", layouts=layouts)
                except TableNotFound as err:
                    found = str(err)
                assert found == expected[index, number], (index, number)


def test_a_line_of_100000_characters_full_of_labels_is_read_to_its_one_value():
    # 24,998 labels whose values all run over the line break, then the one that does not: a search that looked
    # ahead from each label rescanned the rest of the line every time (issue 18: 10,000 characters took 0.3 s,
    # this line about a minute); bench/hostile_files.py times it.
    line = "单位:-" * 24_998 + "\nz 单位：万元"
    assert len(line) == 100_000
    assert labelled_value([line], ["单位", "金额单位", "计量单位"]) == "万元"
    assert labelled_value(["单位:-" * 24_998 + "\n注"], ["单位"]) is None
    assert labelled_value(["单位 :- " * 20_000 + "填报人：王磊"], ["填报人"]) == "王磊"
