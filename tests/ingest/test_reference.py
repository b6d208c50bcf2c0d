"""The reference folder read and checked whole: each file by its model, every problem of every file named by file,
line or key, the value as written and what was expected, all in one ReferenceError."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import dagster as dg
import pytest
import sqlglot
from sqlglot import expressions as exp

from demo import reference as demo_reference
from ingest.forms import template
from ingest.forms.reference import ReferenceError, load_reference
from ingest.forms.reference_models import MEASURES
from orchestration.definitions import ASSETS
from tests.reference import write_reference as write_reference_folder
from tests.workbooks import KPI_HEADER, write_workbook
from warehouse.database import connect, prepare
from warehouse.home import Paths
from warehouse.reference import write_reference
from warehouse.resource import Warehouse

ROOT = Path(__file__).resolve().parents[2]

METRICS = """code,name,unit,aliases
signed_projects,签约项目,个,签约项目数
signed_investment,签约投资额,亿元,签约项目总投资
foreign_capital,实际利用境外资金,万美元,实际利用外资|利用外资
domestic_capital,实际利用省外境内资金,亿元,省外资金
trade_total,货物进出口额,万元,进出口额
"""
RANKING = """weights:
  valuable_leads: 0.5
  signed_projects: 0.5
completion_rate_cap: 1.5
red_list_size: 1
black_list_size: 1
"""
DEPARTMENTS = "code,name,aliases\nD01,招商服务中心,招商中心\nD02,经济发展局,经发局|区经发局\nD03,财政金融局,财金局\n"
BASE = {
    "departments.csv": DEPARTMENTS,
    "enterprises.csv": "name,aliases,uscc,customs_code\n"
                       "漯河臻茂实业有限公司,臻茂实业,9141110052601815XC,4111990830\n"
                       "漯河正腾商贸有限公司,正腾商贸,91411102909378654A,\n",
    "metrics.csv": METRICS,
    "targets.csv": "year,metric_code,target\n2024,signed_projects,12\n2024,signed_investment,20\n"
                   "2024,trade_total,5300\n",
    "fx_rates.csv": "year,month,usd_cny\n2024,5,7.1100\n2024,6,7.1128\n",
    "department_targets.csv": "year,department_code,metric,target\n2024,D01,valuable_leads,60\n"
                              "2024,D02,signed_projects,4\n",
    "six_post_plan.csv": "year,leader,project_name,investor\n"
                         "2024,管委会主任,智慧物流总部项目,中原智慧物流集团有限公司\n"
                         "2024,党工委书记,数字经济文化产业项目,\n",
    "cadence.csv": "source,department,cadence,due_days\nbureau,,monthly,20\ndepartments,,weekly,3\n"
                   "departments,财金局,monthly,5\n",
    "trade_dismissed.csv": "name,uscc,customs_code,reason\n漯河瑞丰源食品有限公司,91411104748526053D,,召陵区企业\n",
    "ranking.yaml": RANKING,
    "pipeline.yaml": "fulfilment_rate_denominator: signed\nstart_rate_denominator: fulfilled\n",
    "calendar.yaml": "as_of: 2024-07-15\n",
}
MEASURE_LIST = ("valuable_leads、signed_projects、yi_projects、signed_investment、registered_enterprises、trips、"
                "enterprises_visited、investor_meetings")
RANKING_KEYS = "weights、caps、cap、completion_rate_cap、red_list_size、black_list_size、black_list_unreported"


def write(folder: Path, **replaced: str | bytes | None) -> Path:
    """The base folder with some files replaced (None: the file left out)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in (BASE | replaced).items():
        if isinstance(content, str):
            (folder / name).write_text(content, encoding="utf-8")
        elif content is not None:
            (folder / name).write_bytes(content)
    return folder


def problems(tmp_path: Path, **replaced: str | bytes | None) -> list[str]:
    with pytest.raises(ReferenceError) as raised:
        load_reference(write(tmp_path / "reference", **replaced))
    assert str(raised.value) == "\n".join(raised.value.problems)
    return raised.value.problems


def test_the_files_load_as_the_types_the_warehouse_stores(tmp_path: Path) -> None:
    reference = load_reference(write(tmp_path / "reference"))
    assert reference.departments[1] == {"code": "D02", "name": "经济发展局", "aliases": ["经发局", "区经发局"],
                                        "reports_from": None}
    assert reference.enterprises[1] == {"name": "漯河正腾商贸有限公司", "aliases": ["正腾商贸"],
                                        "uscc": "91411102909378654A", "customs_code": None}
    assert reference.metrics[2] == {"code": "foreign_capital", "name": "实际利用境外资金", "unit": "万美元",
                                    "aliases": ["实际利用外资", "利用外资"]}
    assert reference.targets[2] == {"year": 2024, "metric_code": "trade_total", "target": Decimal("5300")}
    assert reference.department_targets[0] == {"year": 2024, "department_code": "D01", "metric": "valuable_leads",
                                               "target": Decimal("60")}
    assert reference.fx_rates == {(2024, 5): Decimal("7.1100"), (2024, 6): Decimal("7.1128")}
    assert reference.six_post_plan[1] == {"year": 2024, "leader": "党工委书记", "project_name": "数字经济文化产业项目",
                                          "investor": None}
    assert reference.cadence == [
        {"source": "bureau", "department_code": None, "cadence": "monthly", "due_days": 20},
        {"source": "departments", "department_code": None, "cadence": "weekly", "due_days": 3},
        {"source": "departments", "department_code": "D03", "cadence": "monthly", "due_days": 5}]
    assert reference.trade_dismissed == [{"name": "漯河瑞丰源食品有限公司", "uscc": "91411104748526053D",
                                          "customs_code": None, "reason": "召陵区企业"}]
    # The keys each file sets, typed; what a file leaves out stays out (the SQL has its defaults).
    assert reference.settings == {
        "ranking": {"weights": {"valuable_leads": Decimal("0.5"), "signed_projects": Decimal("0.5")},
                    "completion_rate_cap": Decimal("1.5"), "red_list_size": 1, "black_list_size": 1},
        "pipeline": {"fulfilment_rate_denominator": "signed", "start_rate_denominator": "fulfilled"},
        "calendar": {"as_of": dt.date(2024, 7, 15)}}
    assert reference.department_code("财金局") == "D03"
    assert reference.metric_code("利用外资") == "foreign_capital"


def test_the_settings_reach_the_warehouse_as_before(tmp_path: Path) -> None:
    reference = load_reference(write(tmp_path / "reference", **{
        "ranking.yaml": RANKING + "black_list_unreported: true\ncaps:\n  signed_projects: 2\n"}))
    prepare(tmp_path / "build.duckdb")
    with connect(tmp_path / "build.duckdb") as con:
        write_reference(con, reference)
        assert con.execute("SELECT key, value FROM raw.ref_settings ORDER BY key").fetchall() == [
            ("calendar.as_of", "2024-07-15"), ("pipeline.fulfilment_rate_denominator", "signed"),
            ("pipeline.start_rate_denominator", "fulfilled"), ("ranking.black_list_size", "1"),
            ("ranking.black_list_unreported", "True"), ("ranking.completion_rate_cap", "1.5"),
            ("ranking.red_list_size", "1")]
        assert con.execute("SELECT measure, weight, cap FROM raw.ref_ranking_weights ORDER BY measure").fetchall() == [
            ("signed_projects", Decimal("0.5000"), Decimal("2.0000")), ("valuable_leads", Decimal("0.5000"), None)]
        assert con.execute("SELECT name, uscc, customs_code FROM raw.ref_enterprises ORDER BY name").fetchall() == [
            ("漯河正腾商贸有限公司", "91411102909378654A", None),
            ("漯河臻茂实业有限公司", "9141110052601815XC", "4111990830")]


def test_the_demo_reference_loads(tmp_path: Path) -> None:
    demo_reference.write(tmp_path)
    reference = load_reference(tmp_path / "reference")
    assert [d["code"] for d in reference.departments] == [f"D{n:02d}" for n in range(1, 11)]
    assert len(reference.enterprises) == 6 and len(reference.six_post_plan) == 10
    assert len(reference.department_targets) == 40 and len(reference.fx_rates) == 24
    assert {(t["year"], t["metric_code"]): t["target"] for t in reference.targets}[(2024, "trade_total")] == 5300
    assert reference.cadence[-1] == {"source": "departments", "department_code": "D08", "cadence": "monthly",
                                     "due_days": 5}
    ranking = reference.settings["ranking"]
    assert sum(ranking["weights"].values()) == 1 and set(ranking["weights"]) < set(MEASURES)
    assert (ranking["red_list_size"], ranking["black_list_size"]) == (3, 3)
    assert ranking["completion_rate_cap"] == Decimal("1.5")
    assert reference.settings["calendar"] == {"as_of": dt.date(2024, 7, 15)}


def test_the_tests_reference_loads(tmp_path: Path) -> None:
    reference = load_reference(write_reference_folder(tmp_path / "reference"))
    assert [d["code"] for d in reference.departments][:3] == ["D01", "D02", "D03"]
    assert reference.usd_cny(2024, 5) == Decimal("7.1100")
    assert reference.metric_unit("foreign_capital") == "万美元"
    assert reference.settings["ranking"]["red_list_size"] == 1 and reference.trade_dismissed == []
    assert [row["source"] for row in reference.cadence] == ["bureau", "customs", "departments"]


def test_the_measures_are_those_the_marts_compute() -> None:
    sql = (ROOT / "warehouse" / "sql" / "marts" / "department_completion.sql").read_text(encoding="utf-8")
    unpivot = next(pivot for pivot in sqlglot.parse_one(sql.split(";")[0], read="duckdb").find_all(exp.Pivot)
                   if pivot.args.get("unpivot"))
    [select] = list(unpivot.find_all(exp.Select))
    keys = {"department_code", "department_name", "iso_year", "week"}
    assert tuple(e.alias_or_name for e in select.expressions if e.alias_or_name not in keys) == MEASURES


def test_every_problem_of_every_file_together(tmp_path: Path) -> None:
    assert problems(tmp_path, **{
        "targets.csv": "year,metric_code,target\n2024,signed_projects,12\n2024年,signed_investment,20\n",
        "fx_rates.csv": "year,month,usd_cny\n2024,13,七点一\n",
        "ranking.yaml": RANKING.replace("red_list_size", "red_list_sizee").replace("valuable_leads", "valuable_leadz"),
        "calendar.yaml": "as_of: 7月15日\n",
    }) == [
        "targets.csv 第3行 year：「2024年」应为四位数字的年份，如2024 (year must be a number such as 2024)",
        "fx_rates.csv 第2行 month：「13」应为1到12的月份 (month must be 1 to 12)",
        "fx_rates.csv 第2行 usd_cny：「七点一」应为数字，如7.1128 (rate must be a number)",
        f"ranking.yaml weights.valuable_leadz：不认识的指标，已知的有 {MEASURE_LIST}，最接近的是 valuable_leads "
        "(unknown measure)",
        f"ranking.yaml red_list_sizee：不认识的设置项，已知的有 {RANKING_KEYS}，最接近的是 red_list_size (unknown key)",
        "calendar.yaml as_of：「7月15日」应为日期，写作2024-07-15 (not a date)",
    ]


CSV_RULES = [
    ("targets.csv", "year,metric_code,target\n1999,signed_projects,12\n",
     "targets.csv 第2行 year：「1999」年份应在2000年至2100年之间 (year out of range)"),
    ("targets.csv", "year,metric_code,target\n2024,trade_totl,5300\n",
     "targets.csv 第2行 metric_code：「trade_totl」不在 metrics.csv 中，已有的指标代码为 signed_projects、"
     "signed_investment、foreign_capital、domestic_capital、trade_total，最接近的是 trade_total (unknown metric)"),
    ("targets.csv", "year,metric_code,target\n2024,签约项目,12\n",
     "targets.csv 第2行 metric_code：「签约项目」应写指标代码 signed_projects (write the metric code)"),
    ("targets.csv", "year,metric_code,target\n2024,trade_total,5300万\n",
     "targets.csv 第2行 target：「5300万」应为数字，用指标的单位，如5300 "
     "(target must be a number in the metric's unit)"),
    ("targets.csv", "year,metric_code,target\n2024,trade_total,-1\n",
     "targets.csv 第2行 target：「-1」不能为负数 (must not be negative)"),
    ("targets.csv", "year,metric_code,target\n2024,trade_total,10000000000000000\n",
     "targets.csv 第2行 target：「10000000000000000」太大，超出仓库能保存的范围（整数部分最多14位），请核对 "
     "(value too large for DECIMAL(18, 4))"),
    ("targets.csv", "year,metric_code,target\n2024,trade_total,5300\n2024,trade_total,5400\n",
     "targets.csv 第3行：「2024 trade_total」已在第2行设置过 (set twice)"),
    ("targets.csv", "year,metric_code,target\n2024,trade_total,\n",
     "targets.csv 第2行 target：不能为空 (required)"),
    ("targets.csv", "year,metric_code\n2024,trade_total\n",
     "targets.csv 第1行：缺少列 target，应有的列为 year、metric_code、target (missing columns)"),
    ("targets.csv", "year,metric_code,target,note\n2024,trade_total,5300,市定\n",
     "targets.csv 第1行 note：不认识的列，应有的列为 year、metric_code、target (unknown column)"),
    ("targets.csv", "year,metric_code,target,\n2024,trade_total,5300,市定\n",
     "targets.csv 第1行 第4列：有内容但没有列名，应有的列为 year、metric_code、target (a column without a name)"),
    ("targets.csv", "year,metric_code,target,year\n2024,trade_total,5300,2024\n",
     "targets.csv 第1行 year：这一列出现了两次 (column twice)"),
    ("targets.csv", "year,metric_code,target\n2024,trade_total,5,300\n",
     "targets.csv 第2行：比表头多出内容「300」，名称中有逗号时请用引号括起 (more cells than columns)"),
    ("targets.csv", "", "targets.csv：文件是空的，没有任何内容，请检查后重新上传 (empty file)"),
    ("targets.csv", "year,metric_code,target\n2024,trade_total,\x00\n",
     "targets.csv 第2行 target：「\\x00」单元格只有不可见的控制字符，没有内容，请重新填写 "
     "(only control characters, no text)"),
    ("targets.csv", "year,metric_code,target\n2024,trade_total,\"5300\n2024,signed_projects,12\n",
     "targets.csv 第2行：CSV格式有误，请检查这一行的引号是否配对 (malformed CSV: unexpected end of data)"),
    ("targets.csv", "year,metric_code,target\r\n2024,trade_total,5300\r\n".encode("utf-16"),
     "targets.csv：文件是UTF-16编码，请在Excel中另存为「CSV UTF-8」或GBK编码的CSV (UTF-16 is not accepted)"),
    ("targets.csv", None, "targets.csv：缺少这个文件，参考数据目录 {folder} 中必须有它 (missing reference file)"),
    ("departments.csv", DEPARTMENTS + "D04,,建管局\n", "departments.csv 第5行 name：不能为空 (required)"),
    ("departments.csv", DEPARTMENTS + "部门4,建设管理局,建管局\n",
     "departments.csv 第5行 code：「部门4」应为字母和数字组成的部门代码，如D01 (department code such as D01)"),
    ("departments.csv", DEPARTMENTS + "D11,新城办事处,经发局\n",
     "departments.csv 第5行 aliases：「经发局」已是第3行的名称或别名，不能同时指两个部门 (names two departments)"),
    ("departments.csv", DEPARTMENTS + "D01,建设管理局,建管局\n",
     "departments.csv 第5行 code：「D01」已在第2行设置过 (set twice)"),
    ("departments.csv", DEPARTMENTS.replace("aliases\n", "aliases,reports_from\n").replace("财金局\n", "财金局,明年\n"),
     "departments.csv 第4行 reports_from：「明年」应为开始报送的日期或报告期，如2024-01-15、2024-W03、2024年1月 "
     "(the first day or period the department reports for)"),
    ("departments.csv",
     DEPARTMENTS.replace("aliases\n", "aliases,reports_from\n").replace("财金局\n", "财金局,2024-W60\n"),
     "departments.csv 第4行 reports_from：「2024-W60」应为开始报送的日期或报告期，如2024-01-15、2024-W03、2024年1月 "
     "(the first day or period the department reports for)"),
    ("enterprises.csv", "name,aliases,uscc,customs_code\n漯河臻茂实业有限公司,,9141110052601815X,\n",
     "enterprises.csv 第2行 uscc：「9141110052601815X」统一社会信用代码应为18位 (a USCC has 18 characters)"),
    ("enterprises.csv", "name,aliases,uscc,customs_code\n漯河臻茂实业有限公司,,9141110052601815XD,411199083\n", [
        "enterprises.csv 第2行 uscc：「9141110052601815XD」统一社会信用代码校验位不对，请核对原件 "
        "(USCC check character is wrong)",
        "enterprises.csv 第2行 customs_code：「411199083」海关编码应为10位数字 (a customs code has 10 digits)"]),
    ("enterprises.csv", "name,aliases,uscc,customs_code\n甲公司,,9141110052601815XC,\n乙公司,,9141110052601815XC,\n",
     "enterprises.csv 第3行 uscc：「9141110052601815XC」已在第2行设置过 (set twice)"),
    ("enterprises.csv", "name,aliases,uscc,customs_code\n甲公司,臻茂,,\n乙公司,臻茂,,\n",
     "enterprises.csv 第3行 aliases：「臻茂」已是第2行的名称或别名，不能同时指两家企业 (names two enterprises)"),
    ("metrics.csv", METRICS.replace("万美元", "万美圆"),
     "metrics.csv 第4行 unit：「万美圆」不是认识的单位，应为 个、亿元、万元、万美元 这样的单位 (unknown unit)"),
    ("metrics.csv", METRICS.replace("foreign_capital,", "ForeignCapital,"),
     "metrics.csv 第4行 code：「ForeignCapital」应为小写英文字母、数字和下划线组成的代码，如signed_projects "
     "(metric code such as signed_projects)"),
    ("fx_rates.csv", "year,month,usd_cny\n2024,6,0\n", "fx_rates.csv 第2行 usd_cny：「0」应大于0 (must be positive)"),
    ("fx_rates.csv", "year,month,usd_cny\n2024,6,7.1\n2024,06,7.2\n",
     "fx_rates.csv 第3行：「2024 6」已在第2行设置过 (set twice)"),
    ("department_targets.csv", "year,department_code,metric,target\n2024,经发局,valuable_leads,10\n",
     "department_targets.csv 第2行 department_code：「经发局」应写部门代码 D02 (write the department code)"),
    ("department_targets.csv", "year,department_code,metric,target\n2024,D09,valuable_leads,10\n",
     "department_targets.csv 第2行 department_code：「D09」不在 departments.csv 中，已有的部门代码为 D01、D02、D03 "
     "(unknown department)"),
    ("department_targets.csv", "year,department_code,metric,target\n2024,D01,leads,10\n",
     f"department_targets.csv 第2行 metric：「leads」不认识的指标，已知的有 {MEASURE_LIST} (unknown measure)"),
    ("six_post_plan.csv", "year,leader,project_name,investor\n2024,,智慧物流总部项目,\n",
     "six_post_plan.csv 第2行 leader：不能为空 (required)"),
    ("six_post_plan.csv", "year,leader,project_name,investor\n2024,管委会主任,智慧物流总部项目,\n"
                          "2024,党工委书记,智慧物流总部 项目,\n",
     "six_post_plan.csv 第3行：「2024 智慧物流总部项目」已在第2行设置过 (set twice)"),
    ("cadence.csv", "source,department,cadence,due_days\nbureaux,,monthly,20\n",
     "cadence.csv 第2行 source：「bureaux」应为 bureau、customs、customs_platform、departments 之一，最接近的是 bureau "
     "(unknown source)"),
    ("cadence.csv", "source,department,cadence,due_days\ncustoms,财金局,daily,1天\n", [
        "cadence.csv 第2行 department：「财金局」只有 departments 可以按部门设置 (only departments)",
        "cadence.csv 第2行 cadence：「daily」应为 weekly、monthly 之一 (unknown cadence)",
        "cadence.csv 第2行 due_days：「1天」应为0到365之间的天数 (a number of days, 0 to 365)"]),
    ("cadence.csv", "source,department,cadence,due_days\ndepartments,财金,monthly,5\n",
     "cadence.csv 第2行 department：「财金」不在部门名单中，最接近的是：财金局、财政金融局 (unknown department)"),
    ("cadence.csv", "source,department,cadence,due_days\ndepartments,财金局,monthly,5\ndepartments,D03,weekly,3\n",
     "cadence.csv 第3行：「departments D03」已在第2行设置过 (set twice)"),
    ("trade_dismissed.csv", "name,uscc,customs_code,reason\n,,,不属西城区\n",
     "trade_dismissed.csv 第2行：name、uscc、customs_code 至少填一项 (a name, USCC or customs code is needed)"),
]


@pytest.mark.parametrize(("name", "content", "expected"), CSV_RULES)
def test_each_rule_of_the_csv_files(tmp_path: Path, name: str, content: str | bytes | None,
                                    expected: str | list[str]) -> None:
    expected = [expected] if isinstance(expected, str) else expected
    folder = tmp_path / "reference"
    assert problems(tmp_path, **{name: content}) == [text.format(folder=folder) for text in expected]


YAML_RULES = [
    ("ranking.yaml", RANKING + "trips: 0.1\n",
     f"ranking.yaml trips：不认识的设置项，已知的有 {RANKING_KEYS} (unknown key)"),
    ("ranking.yaml", RANKING.replace("0.5\n  signed", "半\n  signed"),
     "ranking.yaml weights.valuable_leads：「半」应为数字，如0.25 (weight must be a number)"),
    ("ranking.yaml", RANKING.replace("red_list_size: 1", "red_list_size: 三"),
     "ranking.yaml red_list_size：「三」应为0或正整数 (must be a whole number)"),
    ("ranking.yaml", RANKING.replace("black_list_size: 1", "black_list_size: 1.5"),
     "ranking.yaml black_list_size：「1.5」应为0或正整数 (must be a whole number)"),
    ("ranking.yaml", RANKING + "black_list_unreported: 也许\n",
     "ranking.yaml black_list_unreported：「也许」应为 true 或 false (must be true or false)"),
    ("ranking.yaml", RANKING + "caps:\n  visits: 2\n",
     f"ranking.yaml caps.visits：不认识的指标，已知的有 {MEASURE_LIST} (unknown measure)"),
    ("ranking.yaml", RANKING + "cap: 2\n",
     "ranking.yaml：cap 与 completion_rate_cap 是同一个设置，只写一个 (the same setting twice)"),
    ("ranking.yaml", "weights: 0.5\n",
     "ranking.yaml weights：「0.5」应在下面逐行写「指标: 数值」(must be a list of measure: value lines)"),
    ("ranking.yaml", RANKING + "red_list_size: 2\n",
     "ranking.yaml 第7行 red_list_size：重复设置，第5行已经设置过 (set twice)"),
    ("ranking.yaml", RANKING + "black_list_size 2\n",
     "ranking.yaml 第7行：不是有效的YAML格式，请检查冒号和缩进（could not find expected ':'）(not valid YAML)"),
    ("ranking.yaml", RANKING.replace("0.5\n  signed_projects: 0.5", "&half 0.5\n  signed_projects: *half"),
     "ranking.yaml 第3行：不是有效的YAML格式，请检查冒号和缩进（不能用 * 引用别处的值 (aliases are not allowed)）"
     "(not valid YAML)"),
    ("ranking.yaml", "- valuable_leads\n- signed_projects\n",
     "ranking.yaml：应逐行写「名称: 值」的设置 (must be key: value settings)"),
    ("pipeline.yaml", "fulfilment_rate_denominator: contracts\n",
     "pipeline.yaml fulfilment_rate_denominator：「contracts」应为 signed、signed_confirmed 之一 "
     "(unknown denominator)"),
    ("pipeline.yaml", "start_rate_denominator: fulfiled\n",
     "pipeline.yaml start_rate_denominator：「fulfiled」应为 signed、signed_confirmed、fulfilled 之一，最接近的是 "
     "fulfilled (unknown denominator)"),
    ("calendar.yaml", "as_of: 1999-12-31\n",
     "calendar.yaml as_of：「1999-12-31」日期应在2000年至2100年之间 (date out of range)"),
    ("calendar.yaml", "asof: 2024-07-15\n",
     "calendar.yaml asof：不认识的设置项，已知的有 as_of，最接近的是 as_of (unknown key)"),
]


@pytest.mark.parametrize(("name", "content", "expected"), YAML_RULES)
def test_each_rule_of_the_settings_files(tmp_path: Path, name: str, content: str, expected: str) -> None:
    assert problems(tmp_path, **{name: content}) == [expected]


def test_a_file_saved_under_another_extension_is_named(tmp_path: Path) -> None:
    folder = write(tmp_path / "reference", **{"ranking.yaml": None})
    (folder / "ranking.yml").write_text(RANKING, encoding="utf-8")
    (folder / "department_targets.xlsx").write_bytes(b"PK")
    (folder / "说明.txt").write_text("参考数据说明", encoding="utf-8")
    assert problems(tmp_path, **{"ranking.yaml": None}) == [
        "department_targets.xlsx：不会被读取，应保存为 department_targets.csv (to be read, save it as "
        "department_targets.csv)",
        "ranking.yml：不会被读取，应保存为 ranking.yaml (to be read, save it as ranking.yaml)"]


def test_line_numbers_are_those_the_editor_shows(tmp_path: Path) -> None:
    # A blank line and a name quoted over two lines come before the bad row: it is on line 7.
    departments = ('code,name,aliases\nD01,招商服务中心,招商中心\n\nD02,"经济\n发展局",经发局\n'
                   'D03,财政金融局,财金局\nD04,,\n')
    assert problems(tmp_path, **{"departments.csv": departments}) == ["departments.csv 第7行 name：不能为空 (required)"]


def test_what_a_clerk_may_write_is_read(tmp_path: Path) -> None:
    reference = load_reference(write(tmp_path / "reference", **{
        # Saved by Chinese Excel: GBK, CRLF, full-width digits, thousands separators, a "nothing" marker.
        "targets.csv": "year,metric_code,target\r\n２０２４,trade_total,\"5,300.00\"\r\n".encode("gbk"),
        "six_post_plan.csv": "year,leader,project_name,investor\n2024,管委会主任,智慧物流总部项目,-\n",
        "ranking.yaml": "weights:\n  trips: 1\ncap: 2\nblack_list_unreported: 是\n",
        "pipeline.yaml": "# 用默认值\n",
        "calendar.yaml": "as_of: '2024-07-15'\n",
    }))
    assert reference.targets == [{"year": 2024, "metric_code": "trade_total", "target": Decimal("5300.00")}]
    assert reference.six_post_plan[0]["investor"] is None
    assert reference.settings == {"ranking": {"weights": {"trips": Decimal("1")}, "cap": Decimal("2"),
                                              "black_list_unreported": True},
                                  "pipeline": {}, "calendar": {"as_of": dt.date(2024, 7, 15)}}


def test_a_department_start_may_be_written_as_a_date_a_week_or_a_month(tmp_path: Path) -> None:
    departments = ("code,name,aliases,reports_from\nD01,招商服务中心,招商中心,\nD02,经济发展局,经发局,2024-01-29\n"
                   "D03,财政金融局,财金局,２０２４年第３周\nD04,建设管理局,建管局,2024-W04\nD05,社会事业局,社事局,2024年2月\n")
    reference = load_reference(write(tmp_path / "reference", **{"departments.csv": departments}))
    assert [d["reports_from"] for d in reference.departments] == [
        None, dt.date(2024, 1, 29), dt.date(2024, 1, 15), dt.date(2024, 1, 22), dt.date(2024, 2, 1)]
    prepare(tmp_path / "build.duckdb")
    with connect(tmp_path / "build.duckdb") as con:
        write_reference(con, reference)
        assert con.execute("SELECT code, reports_from FROM raw.ref_departments WHERE code IN ('D01', 'D03') "
                           "ORDER BY code").fetchall() == [("D01", None), ("D03", dt.date(2024, 1, 15))]


def test_a_file_that_cannot_be_read_does_not_blame_the_rows_naming_it(tmp_path: Path) -> None:
    # metrics.csv without its unit column: the targets naming its metrics are not reported as well.
    assert problems(tmp_path, **{"metrics.csv": "code,name,aliases\nsigned_projects,签约项目,\n"}) == [
        "metrics.csv 第1行：缺少列 unit，应有的列为 code、name、unit、aliases (missing columns)"]
    # A metric row wrong in its unit still defines its code.
    assert problems(tmp_path, **{"metrics.csv": METRICS.replace("万元", "万块")}) == [
        "metrics.csv 第6行 unit：「万块」不是认识的单位，应为 个、亿元、万元、万美元 这样的单位 (unknown unit)"]


def test_the_template_command_names_the_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write(tmp_path / "reference", **{"pipeline.yaml": "start_rate_denominator: all\n"})
    with pytest.raises(SystemExit) as raised:
        template.main(["--department", "经发局", "--period", "2024-W23", "--out", str(tmp_path / "t.xlsx"),
                       "--reference", str(folder)])
    assert raised.value.code == 2
    assert "pipeline.yaml start_rate_denominator：「all」应为 signed、signed_confirmed、fulfilled 之一" in \
        capsys.readouterr().err


def test_a_run_stops_before_any_source_with_every_problem(home: Path) -> None:
    write_workbook(home / "landing" / "bureau" / "认定-2024年1-5月.xlsx",
                   {"指标认定": [KPI_HEADER, ["签约项目", "1-5月", 7, "个", "认定", dt.date(2024, 6, 14)]]})
    (home / "reference" / "targets.csv").write_text("year,metric_code,target\n2024年,trade_total,5300\n",
                                                    encoding="utf-8")
    (home / "reference" / "ranking.yaml").write_text("red_list_sizee: 3\n", encoding="utf-8")

    result = dg.materialize(ASSETS, resources={"warehouse": Warehouse(home=str(home))}, raise_on_error=False)

    [failure] = [event for event in result.all_events if event.is_step_failure]
    assert failure.step_key == "reference_data"
    assert failure.step_failure_data.user_failure_data.description == (
        "参考数据有误 (reference data is wrong): "
        "targets.csv 第2行 year：「2024年」应为四位数字的年份，如2024 (year must be a number such as 2024)\n"
        f"ranking.yaml red_list_sizee：不认识的设置项，已知的有 {RANKING_KEYS}，最接近的是 red_list_size (unknown key)")
    assert not [event for event in result.all_events if event.is_successful_output]
    assert not Paths(home).build_db.exists() and not Paths(home).published_db.exists()
