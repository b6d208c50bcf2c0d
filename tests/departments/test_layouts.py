"""Every layout clerks send (INPUTS.md, DOMAIN.md) reads to the same values, from real workbooks."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from ingest.forms.common import FileRejected, ParsedFile
from ingest.forms.departments import read_department_file
from ingest.forms.reference import Reference
from tests.departments.books import (
    ACTIVITY_HEADER,
    BAD_USCC,
    ENTERPRISE_HEADER,
    GOOD_USCC,
    INFO,
    LEAD_HEADER,
    SIGNED_HEADER,
    info,
    workbook,
    write_xls,
    write_xlsx,
)

JUNE_5 = dt.date(2024, 6, 5)


def rows(parsed: ParsedFile, table: str) -> list[dict]:
    frame = pd.concat(parsed.tables[table]).astype(object)
    return frame.where(frame.notna(), None).to_dict("records")  # as insert_frame writes it: NULL, not NaN


def clean(parsed: ParsedFile) -> ParsedFile:
    assert parsed.issues == [] and parsed.findings == []
    return parsed


def test_the_template_layout_reads_every_sheet(tmp_path: Path, reference: Reference) -> None:
    path = write_xlsx(tmp_path / "周报.xlsx", workbook(
        leads=[[1, "冷链物流中心项目", "郑州华瑞供应链有限公司", "现代物流", 1.5, "郑州", JUNE_5, "在谈", None]],
        signed=[[1, "智慧物流总部项目", "中原智慧物流集团有限公司", 3, JUNE_5, "集中签约", "管委会主任", None]],
        enterprises=[[1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5, 500, "批发和零售业"]],
        activities=[[1, JUNE_5, "考察对接", "杭州", 4, "管委会主任", "考察直播基地"]],
    ))
    parsed = clean(read_department_file(path, reference))
    assert parsed.logical_key == "departments|D02|2024-W23"
    assert parsed.rows_read == 4
    report = rows(parsed, "raw.dept_reports")[0]
    assert (report["department_code"], report["year"], report["week"]) == ("D02", 2024, 23)
    assert report["reported_on"] == dt.date(2024, 6, 10)
    lead = rows(parsed, "raw.dept_leads")[0]
    assert (lead["lead_name"], lead["status"], lead["expected_investment_yi_yuan"]) == \
        ("冷链物流中心项目", "在谈", Decimal("1.5"))
    project = rows(parsed, "raw.dept_signed_projects")[0]
    assert (project["total_investment_yi_yuan"], project["signed_on"], project["six_post_leader"]) == \
        (Decimal("3"), JUNE_5, "管委会主任")
    assert rows(parsed, "raw.dept_enterprises")[0]["uscc"] == GOOD_USCC
    activity = rows(parsed, "raw.dept_activities")[0]
    assert (activity["activity_type"], activity["enterprises_count"], activity["enterprises_count_approximate"]) \
        == ("考察对接", 4, False)


def test_title_unit_and_department_lines_above_the_header(tmp_path: Path, reference: Reference) -> None:
    """No 基本信息 sheet: department and period from the lines above a table; amounts in 万元 by a unit line."""
    sheet = [
        ["填报单位：区经发局", None, None, "报告期：2024年第23周"],
        ["新签约项目统计表"],
        [None, None, None, None, None, "单位：万元"],
        ["序号", "项目名称", "投资方", "总投资", "签约日期", "备注"],
        [1, "智慧物流总部项目", "中原智慧物流集团有限公司", 3500, JUNE_5, None],
    ]
    path = write_xlsx(tmp_path / "周报.xlsx", {"签约项目": sheet}, merges={"签约项目": ["A2:F2"]})
    parsed = clean(read_department_file(path, reference))
    assert parsed.logical_key == "departments|D02|2024-W23"
    assert rows(parsed, "raw.dept_signed_projects")[0]["total_investment_yi_yuan"] == Decimal("0.35")


def test_merged_two_row_header(tmp_path: Path, reference: Reference) -> None:
    sheet = [
        ["序号", "项目基本情况", None, "签约情况", None, "六职领导"],
        [None, "项目名称", "投资方", "总投资（亿元）", "签约日期", None],
        [1, "智慧物流总部项目", "中原智慧物流集团有限公司", 3, JUNE_5, "管委会主任"],
    ]
    path = write_xlsx(tmp_path / "经发局-2024年第23周.xlsx", {"签约项目": sheet},
                      merges={"签约项目": ["A1:A2", "B1:C1", "D1:E1", "F1:F2"]})
    parsed = clean(read_department_file(path, reference))
    project = rows(parsed, "raw.dept_signed_projects")[0]
    assert (project["project_name"], project["investor"], project["total_investment_yi_yuan"],
            project["signed_on"], project["six_post_leader"]) == \
        ("智慧物流总部项目", "中原智慧物流集团有限公司", Decimal("3"), JUNE_5, "管委会主任")


def test_header_synonyms_full_width_brackets_and_line_breaks(tmp_path: Path, reference: Reference) -> None:
    leads = [["序 号", "项目名称", "意向企业", "所属行业", "意向投资额\n（亿元）", "客商来源地", "登记日期",
              "进展情况"],
             [1, "冷链物流中心项目", "郑州华瑞供应链有限公司", "现代物流", 2, "郑州", JUNE_5, "洽谈中"]]
    activities = [["序号", "活动时间", "活动形式", "目的地", "对接企业（家数）", "带队领导", "活动内容"],
                  [1, JUNE_5, "外出", "杭州", 3, "管委会主任", "赴杭州"]]
    path = write_xlsx(tmp_path / "经发局-2024年第23周.xlsx", {"线索": leads, "招商活动": activities})
    parsed = clean(read_department_file(path, reference))
    lead = rows(parsed, "raw.dept_leads")[0]
    assert (lead["investor"], lead["expected_investment_yi_yuan"], lead["status"]) == \
        ("郑州华瑞供应链有限公司", Decimal("2"), "在谈")
    activity = rows(parsed, "raw.dept_activities")[0]
    assert (activity["activity_type"], activity["place"], activity["enterprises_count"]) == ("外出招商", "杭州", 3)


def test_total_and_subtotal_rows_are_not_data(tmp_path: Path, reference: Reference) -> None:
    signed = [[1, "智慧物流总部项目", "中原智慧物流集团有限公司", 3, JUNE_5, None, None, None],
              ["小计", None, None, 3, None, None, None, None],
              [2, "飞图科技项目", "河南飞图信息科技有限公司", 0.6, JUNE_5, None, None, None],
              ["合计", None, None, 3.6, None, None, None, None]]
    parsed = clean(read_department_file(write_xlsx(tmp_path / "x.xlsx", workbook(signed=signed)), reference))
    assert [p["project_name"] for p in rows(parsed, "raw.dept_signed_projects")] == ["智慧物流总部项目", "飞图科技项目"]
    assert parsed.rows_read == 2


def test_amounts_written_with_units_and_numbers_as_text(tmp_path: Path, reference: Reference) -> None:
    signed = [[1, "甲项目", None, "1.2亿", JUNE_5], [2, "乙项目", None, "3500万", JUNE_5],
              [3, "丙项目", None, "1,200万元", JUNE_5], [4, "丁项目", None, "１．５", JUNE_5]]
    enterprises = [[1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5, "1,500", "批发和零售业"]]
    path = write_xlsx(tmp_path / "x.xlsx", workbook(signed=signed, enterprises=enterprises))
    parsed = clean(read_department_file(path, reference))
    assert [p["total_investment_yi_yuan"] for p in rows(parsed, "raw.dept_signed_projects")] == \
        [Decimal("1.2"), Decimal("0.35"), Decimal("0.12"), Decimal("1.5")]
    assert rows(parsed, "raw.dept_enterprises")[0]["registered_capital_wan_yuan"] == Decimal("1500")


def test_full_width_digits_and_nothing_markers(tmp_path: Path, reference: Reference) -> None:
    activities = [[1, "２０２４年６月５日", "考察对接", "郑州", "１２", "—", "/"],
                  [2, JUNE_5, "会见客商", "/", None, "—", None]]
    parsed = clean(read_department_file(write_xlsx(tmp_path / "x.xlsx", workbook(activities=activities)),
                                        reference))
    first, second = rows(parsed, "raw.dept_activities")
    assert (first["activity_date"], first["enterprises_count"], first["leader"], first["summary"]) == \
        (JUNE_5, 12, None, None)
    assert (second["place"], second["enterprises_count"]) == (None, None)


@pytest.mark.parametrize("written", [45448, "45448", "2024/6/5", "2024年6月5日", "2024.6.5", "20240605"])
def test_dates_as_excel_serials_or_chinese(tmp_path: Path, reference: Reference, written: object) -> None:
    signed = [[1, "智慧物流总部项目", None, 3, written]]
    parsed = clean(read_department_file(write_xlsx(tmp_path / "x.xlsx", workbook(signed=signed)), reference))
    assert rows(parsed, "raw.dept_signed_projects")[0]["signed_on"] == JUNE_5


def test_an_approximate_value_is_a_flagged_lower_bound(tmp_path: Path, reference: Reference) -> None:
    activities = [[1, JUNE_5, "外出招商", "泉州", "10余", "党工委书记", "鞋服产业链招商"]]
    signed = [[1, "食品产业园项目", None, "2亿余", JUNE_5]]
    path = write_xlsx(tmp_path / "x.xlsx", workbook(activities=activities, signed=signed))
    parsed = clean(read_department_file(path, reference))
    activity = rows(parsed, "raw.dept_activities")[0]
    assert (activity["enterprises_count"], activity["enterprises_count_approximate"]) == (10, True)
    project = rows(parsed, "raw.dept_signed_projects")[0]
    assert (project["total_investment_yi_yuan"], project["total_investment_approximate"]) == (Decimal("2"), True)


def test_legacy_xls(tmp_path: Path, reference: Reference) -> None:
    book = workbook(period="2024-W23", signed=[[1, "智慧物流总部项目", None, 3, 45448]],
                    enterprises=[[1, "漯河正腾商贸有限公司", GOOD_USCC, "2024-06-05", 500, None]])
    parsed = clean(read_department_file(write_xls(tmp_path / "周报.xls", book), reference))
    assert parsed.logical_key == "departments|D02|2024-W23"
    assert rows(parsed, "raw.dept_signed_projects")[0]["signed_on"] == JUNE_5
    assert rows(parsed, "raw.dept_enterprises")[0]["registered_capital_wan_yuan"] == Decimal("500")


def test_sheets_in_any_order_under_any_name_with_extra_columns(tmp_path: Path, reference: Reference) -> None:
    sheets = {
        "Sheet3": [[*ACTIVITY_HEADER, "联系电话"], [1, JUNE_5, "会见客商", "西城区", 1, None, None, "13800000000"]],
        "Sheet1": [["联系人", *ENTERPRISE_HEADER], ["张三", 1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5, 500, None]],
        "Sheet2": [[*SIGNED_HEADER, "项目地址"], [1, "飞图科技项目", None, 0.6, JUNE_5, None, None, None, "西城区"]],
        INFO: info("新城办", "2024年第23周"),
        "线索表": [[*LEAD_HEADER, "对接人"], [1, "冷链物流中心项目", None, None, 1, None, None, "线索", None, "李四"]],
    }
    parsed = clean(read_department_file(write_xlsx(tmp_path / "x.xlsx", sheets), reference))
    assert parsed.logical_key == "departments|D10|2024-W23"
    assert {table: len(rows(parsed, table)) for table in parsed.tables} == {
        "raw.dept_reports": 1, "raw.dept_activities": 1, "raw.dept_enterprises": 1, "raw.dept_signed_projects": 1,
        "raw.dept_leads": 1}
    assert rows(parsed, "raw.dept_enterprises")[0]["enterprise_name"] == "漯河正腾商贸有限公司"
    # The extra columns are kept with their rows, by their headers.
    assert json.loads(rows(parsed, "raw.dept_enterprises")[0]["extra_columns"]) == {"联系人": "张三"}
    assert json.loads(rows(parsed, "raw.dept_activities")[0]["extra_columns"]) == {"联系电话": "13800000000"}
    assert json.loads(rows(parsed, "raw.dept_leads")[0]["extra_columns"]) == {"对接人": "李四"}
    assert rows(parsed, "raw.dept_reports")[0].get("extra_columns") is None


def test_department_and_period_from_the_file_name(tmp_path: Path, reference: Reference) -> None:
    sheets = {"签约项目": [SIGNED_HEADER, [1, "飞图科技项目", None, 0.6, JUNE_5]]}
    parsed = clean(read_department_file(write_xlsx(tmp_path / "财金局-2024年6月（修订）.xlsx", sheets), reference))
    assert parsed.logical_key == "departments|D03|2024-06"
    report = rows(parsed, "raw.dept_reports")[0]
    assert (report["period_kind"], report["year"], report["week"]) == ("month", 2024, 26)


def test_the_file_name_may_give_the_period_before_the_department(tmp_path: Path, reference: Reference) -> None:
    sheets = {"签约项目": [SIGNED_HEADER, [1, "飞图科技项目", None, 0.6, JUNE_5]]}
    parsed = clean(read_department_file(write_xlsx(tmp_path / "2024年第23周_财金局.xlsx", sheets), reference))
    assert parsed.logical_key == "departments|D03|2024-W23"


def test_a_date_range_of_one_week_is_that_week(tmp_path: Path, reference: Reference) -> None:
    book = workbook(period="2024.6.3-2024.6.9", signed=[[1, "飞图科技项目", None, 0.6, JUNE_5]])
    parsed = clean(read_department_file(write_xlsx(tmp_path / "x.xlsx", book), reference))
    assert parsed.logical_key == "departments|D02|2024-W23"


def test_an_unknown_department_rejects_the_workbook_naming_the_nearest(tmp_path: Path, reference: Reference) -> None:
    book = workbook(department="经济发展处", signed=[[1, "飞图科技项目", None, 0.6, JUNE_5]])
    with pytest.raises(FileRejected) as rejected:
        read_department_file(write_xlsx(tmp_path / "x.xlsx", book), reference)
    message = str(rejected.value)
    assert "经济发展处" in message and "经济发展局" in message.split("最接近的是")[1].split("。")[0]


def test_a_bad_row_is_reported_with_sheet_row_column_and_value(tmp_path: Path, reference: Reference) -> None:
    enterprises = [[1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5, 500, None],
                   [2, "漯河豫泽商贸有限公司", "91411102909378654B", JUNE_5, 100, None]]
    parsed = read_department_file(write_xlsx(tmp_path / "x.xlsx", workbook(enterprises=enterprises)), reference)
    assert [e["enterprise_name"] for e in rows(parsed, "raw.dept_enterprises")] == ["漯河正腾商贸有限公司"]
    (issue,) = parsed.issues
    assert (issue.sheet, issue.row_number, issue.column_name, issue.value, issue.rule) == \
        ("注册企业", 3, "统一社会信用代码", "91411102909378654B", "uscc_check_character")
    assert "校验位" in issue.message


def test_a_bad_amount_is_one_issue_for_its_cell(tmp_path: Path, reference: Reference) -> None:
    signed = [[1, "智慧物流总部项目", None, "三三亿", JUNE_5], [2, "飞图科技项目", None, 0.6, JUNE_5]]
    activities = [[1, JUNE_5, "考察对接", "郑州", "2.5", None, None]]
    path = write_xlsx(tmp_path / "x.xlsx", workbook(signed=signed, activities=activities))
    parsed = read_department_file(path, reference)
    assert [p["project_name"] for p in rows(parsed, "raw.dept_signed_projects")] == ["飞图科技项目"]
    assert [(i.sheet, i.row_number, i.column_name, i.value, i.rule) for i in parsed.issues] == [
        ("签约项目", 2, "总投资（亿元）", "三三亿", "number"), ("招商活动", 2, "对接企业数", "2.5", "number")]
    assert parsed.rejected_rows == 2 and "raw.dept_activities" not in parsed.tables


def test_a_title_merged_right_above_the_header_is_not_a_group_row(tmp_path: Path, reference: Reference) -> None:
    sheet = [["新招引注册企业统计表", None, None, None, None, None], ENTERPRISE_HEADER,
             [1, "漯河正腾商贸有限公司", BAD_USCC, JUNE_5, 500, None]]
    path = write_xlsx(tmp_path / "经发局-2024年第23周.xlsx", {"注册企业": sheet}, merges={"注册企业": ["A1:F1"]})
    (issue,) = read_department_file(path, reference).issues
    assert (issue.row_number, issue.column_name) == (3, "统一社会信用代码")


def test_a_december_monthly_report_counts_in_its_own_year(tmp_path: Path, reference: Reference) -> None:
    # 31 December 2024 is in ISO week 1 of 2025; the December report still belongs to 2024's last week.
    book = workbook(period="2024年12月", signed=[[1, "飞图科技项目", None, 0.6, "2024-12-20"]])
    report = rows(read_department_file(write_xlsx(tmp_path / "x.xlsx", book), reference), "raw.dept_reports")[0]
    assert (report["period_label"], report["year"], report["week"]) == ("2024-12", 2024, 52)
