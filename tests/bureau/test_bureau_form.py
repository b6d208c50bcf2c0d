"""read_bureau_file on real xlsx files: metric aliases, every period form, bases, units, stages and batches."""

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from ingest.forms.bureau import parse_batch, read_bureau_file
from tests.bureau.workbooks import bureau_workbook, reference

CONFIRMED = dt.date(2024, 5, 16)


def _tuples(frame, columns):
    return [tuple(None if pd.isna(v) else v for v in row) for row in frame[columns].itertuples(index=False)]


def _kpi(parsed):
    frame = parsed.tables["raw.bureau_kpi"][0]
    return _tuples(frame, ["metric_code", "year", "month_from", "month_to", "value", "basis"])


@pytest.mark.parametrize(("written", "title", "file_name"), [
    ("2024年1-4月", None, "认定表.xlsx"),
    ("2024年1至4月", None, "认定表.xlsx"),
    ("1-4月", "2024年1-4月西城区招商引资指标认定表", "认定表.xlsx"),
    ("1至4月", "2024年西城区招商引资指标认定表", "认定表.xlsx"),
    ("1-4月", None, "西城区2024年指标认定表.xlsx"),
    ("202401-202404", None, "认定表.xlsx"),
    ("截至2024年4月", None, "认定表.xlsx"),
    ("2024年1-4月累计", None, "认定表.xlsx"),
])
def test_every_period_form_is_january_to_april_2024(tmp_path, written, title, file_name):
    path = bureau_workbook(tmp_path / file_name, [("省外资金", written, "2.05", "亿元", "认定", CONFIRMED)],
                           title=title)
    parsed = read_bureau_file(path, reference(tmp_path))
    assert parsed.issues == []
    assert _kpi(parsed) == [("domestic_capital", 2024, 1, 4, Decimal("2.05"), "confirmed")]


def test_a_period_without_a_year_anywhere_is_quarantined(tmp_path):
    path = bureau_workbook(tmp_path / "指标认定表.xlsx", [("省外资金", "1-4月", "2.05", "亿元", "认定", CONFIRMED)])
    parsed = read_bureau_file(path, reference(tmp_path))
    assert "raw.bureau_kpi" not in parsed.tables
    [issue] = parsed.issues
    assert (issue.rule, issue.column_name, issue.value, issue.row_number) == ("period", "统计期", "1-4月", 2)
    assert "没有写年份" in issue.message


def test_a_single_month_is_not_a_year_to_date_figure(tmp_path):
    path = bureau_workbook(tmp_path / "2024年认定.xlsx", [("省外资金", "2024年4月", "0.5", "亿元", "认定", CONFIRMED)])
    parsed = read_bureau_file(path, reference(tmp_path))
    assert [i.rule for i in parsed.issues] == ["cumulative_from_january"]


def test_an_unknown_metric_is_quarantined_naming_the_known_ones(tmp_path):
    path = bureau_workbook(tmp_path / "2024年认定.xlsx", [
        ("实际利用外资", "2024年1-4月", "10", "万美元", "认定", CONFIRMED),
        ("招商引资到位资金", "2024年1-4月", "3", "亿元", "认定", CONFIRMED),
    ])
    parsed = read_bureau_file(path, reference(tmp_path))
    assert _kpi(parsed) == [("foreign_capital", 2024, 1, 4, Decimal("10"), "confirmed")]
    [issue] = parsed.issues
    assert (issue.rule, issue.value, issue.row_number) == ("known_metric", "招商引资到位资金", 3)
    for known in ("签约项目", "签约投资额", "实际利用境外资金（实际利用外资、利用外资）",
                  "实际利用省外境内资金（省外资金）", "货物进出口额"):
        assert known in issue.message


def test_confirmed_and_estimated_figures_stay_apart_in_the_metric_unit(tmp_path):
    path = bureau_workbook(tmp_path / "2024年1-6月认定.xlsx", [
        ("实际利用省外境内资金", "2024年1-4月", "21800", "万元", "认定", CONFIRMED),
        ("省外资金", "2024年1-6月", "3.5", "亿元", "预计", CONFIRMED),
        ("签约项目数", "2024年1-6月", "8", "个", None, CONFIRMED),
    ])
    parsed = read_bureau_file(path, reference(tmp_path))
    assert parsed.issues == []
    assert _kpi(parsed) == [
        ("domestic_capital", 2024, 1, 4, Decimal("2.18"), "confirmed"),
        ("domestic_capital", 2024, 1, 6, Decimal("3.5"), "estimated"),
        ("signed_projects", 2024, 1, 6, Decimal("8"), "confirmed"),
    ]


def test_project_stages_batches_and_provincial_status_as_written(tmp_path):
    projects = [
        ("智慧物流总部项目", "中原智慧物流集团有限公司", 3, "2024/4/10", "已开工", "2024年7月12日", "第12期", "待认定",
         "招商中心", "管委会主任", None),
        ("山外科技孵化项目", "山外山科技创业投资有限公司", "2", dt.date(2024, 4, 10), "开工", CONFIRMED, 12, "未认定",
         "社事局", None, None),
        ("中食数联项目", "华润数字科技有限公司", "3.5", None, None, CONFIRMED, "第十三期", "待认定", "招商服务中心",
         None, "拟签约"),
        ("某项目", None, "1", None, "洽谈", CONFIRMED, "第十二批次", None, None, None, None),
    ]
    path = bureau_workbook(tmp_path / "2024年认定.xlsx", [], projects)
    parsed = read_bureau_file(path, reference(tmp_path))
    frame = parsed.tables["raw.bureau_projects"][0]
    assert _tuples(frame, ["project_name", "stage", "batch", "provincial_status", "department_code", "signed_on",
                           "total_investment_yi_yuan"]) == [
        ("智慧物流总部项目", "开工", 12, "待认定", "D01", dt.date(2024, 4, 10), Decimal("3")),
        ("山外科技孵化项目", "开工", 12, "待认定", "D05", dt.date(2024, 4, 10), Decimal("2")),
        ("中食数联项目", None, 13, "待认定", "D01", None, Decimal("3.5")),
    ]
    assert sorted((i.row_number, i.rule) for i in parsed.issues) == [(5, "batch"), (5, "stage")]


@pytest.mark.parametrize(("written", "batch"), [
    ("第12期", 12), ("12", 12), (12, 12), (12.0, 12), ("第十三期", 13), ("十三", 13), ("第十期", 10),
    ("第二十一期", 21), ("", None), ("-", None),
])
def test_batch_forms(written, batch):
    assert parse_batch(written) == batch
