"""Reference data (<home>/reference/): departments, enterprise roster, metrics, targets, rates, ranking, how
often each source reports, and the date the demo district is looked at."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from demo import figures

DEPARTMENTS = (
    ("D01", "招商服务中心", ("招商中心",)),
    ("D02", "经济发展局", ("经发局", "区经发局")),
    ("D03", "财政金融局", ("财金局",)),
    ("D04", "建设管理局", ("建管局",)),
    ("D05", "社会事业局", ("社事局",)),
    ("D06", "自然资源分局", ("资源分局",)),
    ("D07", "市场监管分局", ("市监分局",)),
    ("D08", "党群工作部", ("党群部",)),
    ("D09", "阴阳赵镇", ("阴阳赵镇人民政府",)),
    ("D10", "新城办事处", ("新城办", "新城街道办事处")),
)
# 全员招商 reached the departments during January 2024: the centre, 经发局 and 新城办 (which tried the workbook in
# December 2023) owe reports from the first week of their targets' year; the others from the week (党群工作部: the
# month) they joined, written in departments.csv as a clerk would (a week, a month, a date).
REPORTS_FROM = {"D03": "2024-W03", "D04": "2024年第4周", "D05": "2024-W02", "D06": "2024-01-29", "D07": "2024-W03",
                "D08": "2024年2月", "D09": "2024-W04"}
DEPARTMENT_NAME = {code: name for code, name, _ in DEPARTMENTS}
DEPARTMENT_ALIAS = {code: aliases[0] for code, _, aliases in DEPARTMENTS}


@dataclass(frozen=True)
class Enterprise:
    name: str
    aliases: tuple[str, ...]
    uscc: str
    customs_code: str


# The district's trading enterprises, keyed by the short name figures.py uses.
ROSTER = {
    figures.ZHENMAO: Enterprise("漯河臻茂实业有限公司", ("臻茂实业",), "9141110052601815XC", "4111990830"),
    figures.YUDUOXIAN: Enterprise(
        "河南豫多鲜农业科技有限公司", ("豫多鲜农业科技", "豫多鲜"), "91411102166131860J", "4111909139"
    ),
    figures.FUYUAN: Enterprise("漯河富元食品有限公司", ("富元食品",), "914111030996030893", "4111924628"),
    figures.LANGE: Enterprise("漯河蓝格液压科技有限公司", ("蓝格液压",), "9141110019482199XC", "4111935181"),
    figures.ZHENGTENG: Enterprise("漯河正腾商贸有限公司", ("正腾商贸",), "91411102909378654A", "4111379754"),
    figures.RONGXIAO: Enterprise("漯河蓉霄建材有限公司", ("蓉霄建材",), "91411103323194874E", "4111357491"),
}

METRICS = (
    ("signed_projects", "签约项目", "个", ("签约项目数", "新签约项目")),
    ("signed_investment", "签约投资额", "亿元", ("签约项目投资额", "签约项目总投资")),
    ("foreign_capital", "实际利用境外资金", "万美元", ("实际利用外资", "利用外资", "实际到位外资")),
    ("domestic_capital", "实际利用省外境内资金", "亿元", ("省外资金", "实际到位省外资金", "利用省外资金")),
    ("trade_total", "货物进出口额", "万元", ("进出口额", "进出口总额", "外贸进出口额")),
)

TARGETS = {
    2023: {
        "signed_projects": "10",
        "signed_investment": "15",
        "foreign_capital": "25",
        "domestic_capital": "6",
        "trade_total": "3000",
    },
    2024: {
        "signed_projects": "12",
        "signed_investment": "20",
        "foreign_capital": "30",
        "domestic_capital": "7",
        "trade_total": "5300",
    },
}

# 全员招商 annual targets per department: valuable leads, signed projects, registered enterprises, visits.
DEPARTMENT_TARGETS = {
    "D01": (60, 6, 8, 40),
    "D02": (30, 4, 5, 15),
    "D03": (15, 2, 3, 8),
    "D04": (15, 2, 3, 8),
    "D05": (15, 2, 3, 8),
    "D06": (10, 1, 3, 6),
    "D07": (15, 2, 12, 8),
    "D08": (8, 1, 2, 5),
    "D09": (15, 2, 3, 8),
    "D10": (20, 3, 5, 10),
}
DEPARTMENT_TARGET_METRICS = (
    "valuable_leads",
    "signed_projects",
    "registered_enterprises",
    "enterprises_visited",
)

RANKING_YAML = """\
# 全员招商周排序 (weekly department ranking) configuration.
# weights:   measure -> weight of that measure's completion rate (actual / department target) in the score;
#            measures: valuable_leads, signed_projects, yi_projects (亿元项目), registered_enterprises,
#            enterprises_visited, investor_meetings (会见客商), trips (外出招商).
# completion_rate_cap: a completion rate above this counts as this much, so that one measure cannot
#            carry a department.
# red_list_size / black_list_size: how many departments the 红榜 (top) and 黑榜 (bottom) name.
weights:
  valuable_leads: 0.25
  signed_projects: 0.25
  yi_projects: 0.10
  registered_enterprises: 0.15
  enterprises_visited: 0.10
  investor_meetings: 0.10
  trips: 0.05
completion_rate_cap: 1.5
red_list_size: 3
black_list_size: 3
"""

# How often each source is expected, and how many days after its period ends (source, department, cadence,
# due_days). 党群工作部 reports monthly (department_plan.MONTHLY), the others weekly.
CADENCE = (
    ("bureau", "", "monthly", 20),
    ("customs", "", "monthly", 20),
    ("customs_platform", "", "monthly", 25),
    ("departments", "", "weekly", 3),
    ("departments", "党群工作部", "monthly", 5),
)

# The demo is a district looked at in mid-July 2024: after the bureau's July round, before the June customs
# table is due.
CALENDAR_YAML = """\
# 判断日期 The date the warehouse judges overdue reports and days in stage at. Leave it out to judge at the day
# of each run.
as_of: 2024-07-15
"""

PIPELINE_YAML = """\
# How the project pipeline rates are made: 履约率 and 开工率 are shares of the signed projects.
fulfilment_rate_denominator: signed
start_rate_denominator: signed
"""


def _csv(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def six_post_plan() -> list[tuple[str, str, str]]:
    """(leader post, project, investor) for the 10 projects the six posts planned for 2024."""
    projects = figures.BUREAU_PROJECTS_2024 + figures.BATCH_13
    posts = ("党工委书记", "管委会主任", "党工委副书记", "管委会常务副主任", "管委会副主任", "纪工委书记")
    return [(p.six_post, p.name, p.investor) for post in posts for p in projects if p.six_post == post]


def _files() -> dict[str, str]:
    enterprises = [[e.name, "|".join(e.aliases), e.uscc, e.customs_code] for e in ROSTER.values()]
    return {
        "departments.csv": _csv(
            ["code", "name", "aliases", "reports_from"],
            [[code, name, "|".join(aliases), REPORTS_FROM.get(code, "")] for code, name, aliases in DEPARTMENTS],
        ),
        "enterprises.csv": _csv(["name", "aliases", "uscc", "customs_code"], enterprises),
        "metrics.csv": _csv(
            ["code", "name", "unit", "aliases"],
            [[code, name, unit, "|".join(aliases)] for code, name, unit, aliases in METRICS],
        ),
        "targets.csv": _csv(
            ["year", "metric_code", "target"],
            [[year, code, target] for year, row in TARGETS.items() for code, target in row.items()],
        ),
        "department_targets.csv": _csv(
            ["year", "department_code", "metric", "target"],
            [
                [figures.YEAR, code, metric, target]
                for code, targets in DEPARTMENT_TARGETS.items()
                for metric, target in zip(DEPARTMENT_TARGET_METRICS, targets, strict=True)
            ],
        ),
        "fx_rates.csv": _csv(
            ["year", "month", "usd_cny"],
            [[year, month, rate] for (year, month), rate in figures.USD_CNY.items()],
        ),
        "six_post_plan.csv": _csv(
            ["year", "leader", "project_name", "investor"], [[figures.YEAR, *row] for row in six_post_plan()]
        ),
        "cadence.csv": _csv(["source", "department", "cadence", "due_days"], [list(row) for row in CADENCE]),
        "ranking.yaml": RANKING_YAML,
        "pipeline.yaml": PIPELINE_YAML,
        "calendar.yaml": CALENDAR_YAML,
    }


def write(home: Path) -> list[Path]:
    folder = home / "reference"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in _files().items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written
