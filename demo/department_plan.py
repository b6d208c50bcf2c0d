"""What each department reported in which workbook: the report schedule and the rows of every report.

Rows are drawn from a seeded generator around the chosen totals in figures.py, then checked against them, so
the plan is the same on every run. Two reports are sent twice (the later copy corrects the earlier one); the
totals hold only when the later copy replaces the earlier.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal as D

from demo import figures, uscc

# ISO weeks (or, for 党群工作部, months) of 2024 in which each department sent a report.
WEEKLY = {
    "D01": (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 26),
    "D02": (2, 5, 8, 12, 15, 18, 21, 23, 26),
    "D03": (3, 7, 11, 15, 19, 24),
    "D04": (4, 9, 14, 19, 23, 26),
    "D05": (2, 6, 10, 16, 21, 25),
    "D06": (5, 12, 20, 26),
    "D07": (3, 8, 13, 17, 22, 26),
    "D09": (4, 10, 16, 22, 26),
    "D10": (2, 6, 10, 14, 18, 20, 24),
}
MONTHLY = {"D08": (2, 4, 6)}
# December 2023 reports: their rows are dated 2023 and must not count for 2024.
LAST_YEAR = (("D01", 50), ("D02", 51), ("D10", 52))
# (department, week) sent again with corrections, and the suffix of the corrected file's name.
RESUBMITTED = {("D02", 12): "（修订）", ("D10", 20): "_v2"}


@dataclass(frozen=True)
class Report:
    department: str
    year: int
    week: int | None  # ISO week, or None for a monthly report
    month: int | None
    start: dt.date  # first day whose rows this report carries
    end: dt.date
    filed: dt.date
    revision: str = ""  # file-name suffix of a corrected copy


@dataclass(frozen=True)
class Lead:
    name: str
    investor: str
    industry: str
    amount: D  # 亿元
    origin: str
    obtained: dt.date


@dataclass(frozen=True)
class Registration:
    name: str
    uscc: str
    registered: dt.date
    capital: D  # 万元
    industry: str


@dataclass(frozen=True)
class Activity:
    day: dt.date
    kind: str  # 外出招商 | 考察对接 | 会见客商 | 推介活动
    place: str
    companies: int | str | None
    leader: str
    summary: str


@dataclass
class Content:
    leads: list[tuple[Lead, str]] = field(default_factory=list)  # (lead, 状态 in this report)
    projects: list[figures.DepartmentProject] = field(default_factory=list)
    enterprises: list[Registration] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)


CITIES = (
    "郑州",
    "北京",
    "上海",
    "深圳",
    "杭州",
    "广州",
    "泉州",
    "厦门",
    "苏州",
    "武汉",
    "西安",
    "南京",
    "成都",
    "许昌",
)
BRANDS = (
    "华瑞",
    "鼎盛",
    "博远",
    "中科",
    "天鸿",
    "金鹏",
    "宏达",
    "恒信",
    "新锐",
    "瑞康",
    "卓越",
    "众联",
    "海纳",
    "嘉禾",
    "润丰",
    "盛世",
    "德润",
    "远航",
    "安泰",
    "华晟",
    "启明",
    "弘毅",
    "同创",
    "佳和",
    "融通",
    "万象",
    "国信",
    "智远",
    "正阳",
    "科达",
    "云帆",
    "锦程",
    "泰和",
    "长风",
    "蓝海",
    "星辰",
    "凯瑞",
    "中联",
    "华宇",
    "东方",
)
# (project suffix, 产业类别, investor's trade word)
LEAD_KINDS = (
    ("食品精深加工项目", "食品加工", "食品"),
    ("冷链物流中心项目", "现代物流", "供应链"),
    ("智能制造基地项目", "装备制造", "智能装备"),
    ("生物医药研发中心项目", "生物医药", "生物科技"),
    ("跨境电商产业园项目", "电子商务", "电子商务"),
    ("数字营销服务中心项目", "数字经济", "网络科技"),
    ("区域总部项目", "总部经济", "控股"),
    ("新能源装备项目", "新能源", "新能源科技"),
    ("文旅综合体项目", "文化旅游", "文旅发展"),
    ("软件研发中心项目", "软件和信息服务", "软件技术"),
    ("人力资源服务项目", "商务服务", "人力资源"),
    ("融资租赁项目", "金融", "融资租赁"),
    ("康养服务中心项目", "康养", "健康产业"),
    ("预制菜生产项目", "食品加工", "食品科技"),
    ("直播电商基地项目", "电子商务", "文化传媒"),
)
# Leads under negotiation the summary names, with the department that follows them.
NAMED_LEADS = (
    ("中国动漫集团项目", "中国动漫集团有限公司", "文化创意", "北京", "D01"),
    ("万有引力直播基地项目", "杭州万有引力文化传媒有限公司", "电子商务", "杭州", "D02"),
    ("中原证券基金公司项目", "中原证券股份有限公司", "金融", "郑州", "D03"),
    ("联东U谷项目", "联东投资（集团）有限公司", "产业园运营", "北京", "D06"),
    ("河南交投集团运营中心项目", "河南交通投资集团有限公司", "总部经济", "郑州", "D04"),
    ("电力产业园项目", "河南豫能电力产业发展有限公司", "新能源", "郑州", "D02"),
    ("阳光财险分支机构项目", "阳光财产保险股份有限公司", "金融", "北京", "D03"),
    ("郑州银行西城支行项目", "郑州银行股份有限公司", "金融", "郑州", "D03"),
    ("中广发资本基金项目", "中广发资本管理有限公司", "金融", "广州", "D01"),
    ("华中（漯河）宇航食品研究院项目", "华中宇航食品科技有限公司", "科研院所", "武汉", "D01"),
    ("智库中原食品产业研究中心项目", "智库中原（河南）咨询有限公司", "科研院所", "郑州", "D05"),
    ("人类干细胞国家工程研究中心项目", "中源协和细胞基因工程股份有限公司", "生物医药", "天津", "D05"),
    ("大数据产业园四期项目", "漯河智慧岛大数据产业发展有限公司", "数字经济", "漯河", "D01"),
    ("中食数联项目", "华润数字科技有限公司", "数字经济", "深圳", "D01"),
    ("旅游出行综合服务平台项目", "盛威时代科技股份有限公司", "数字经济", "郑州", "D10"),
)
ENTERPRISE_KINDS = (
    ("商贸", "批发和零售业"),
    ("网络科技", "信息传输、软件和信息技术服务业"),
    ("企业管理咨询", "租赁和商务服务业"),
    ("供应链管理", "交通运输、仓储和邮政业"),
    ("信息技术", "信息传输、软件和信息技术服务业"),
    ("文化传媒", "文化、体育和娱乐业"),
    ("建筑工程", "建筑业"),
    ("人力资源服务", "租赁和商务服务业"),
    ("食品科技", "制造业"),
    ("新材料科技", "科学研究和技术服务业"),
    ("餐饮管理", "住宿和餐饮业"),
)
# Departments drawn for leads and activities, repeated by how active they are.
ACTIVE = ("D01",) * 5 + ("D02",) * 3 + ("D10",) * 2 + ("D03", "D04", "D05", "D06", "D07", "D08", "D09")
LEADERS = ("党工委书记", "管委会主任", "党工委副书记", "管委会常务副主任", "管委会副主任", "纪工委书记")
REPORTERS = {
    "D01": "李娜",
    "D02": "王磊",
    "D03": "张敏",
    "D04": "刘洋",
    "D05": "陈静",
    "D06": "杨帆",
    "D07": "赵丽",
    "D08": "黄蕾",
    "D09": "周强",
    "D10": "吴婷",
}


def _week_bounds(year: int, week: int) -> tuple[dt.date, dt.date]:
    monday = dt.date.fromisocalendar(year, week, 1)
    return monday, monday + dt.timedelta(days=6)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def schedule() -> dict[str, list[Report]]:
    """Each department's 2024 reports in order; a report carries the rows dated since the previous one."""
    reports: dict[str, list[Report]] = {}
    for code, weeks in WEEKLY.items():
        start, reports[code] = dt.date(2024, 1, 1), []
        for week in weeks:
            end = _week_bounds(2024, week)[1]
            reports[code].append(Report(code, 2024, week, None, start, end, end + dt.timedelta(days=1)))
            start = end + dt.timedelta(days=1)
    for code, months in MONTHLY.items():
        start, reports[code] = dt.date(2024, 1, 1), []
        for month in months:
            end = _month_end(2024, month)
            reports[code].append(Report(code, 2024, None, month, start, end, end + dt.timedelta(days=1)))
            start = end + dt.timedelta(days=1)
    return reports


class _Planner:
    def __init__(self) -> None:
        self.rng = random.Random(20240701)
        self.reports = schedule()
        self.contents: dict[Report, Content] = defaultdict(Content)

    def covering(self, code: str, day: dt.date) -> Report:
        return next(r for r in self.reports[code] if r.start <= day <= r.end)

    def day_in(self, report: Report, latest: dt.date | None = None) -> dt.date:
        end = min(report.end, latest) if latest else report.end
        return report.start + dt.timedelta(days=self.rng.randrange((end - report.start).days + 1))

    def amount(self) -> D:
        return D(
            self.rng.choice(("0.3", "0.5", "0.8", "1", "1.2", "1.5", "2", "2.5", "3", "5", "0.6", "0.45"))
        )

    # -- leads -------------------------------------------------------------------------------------

    def lead(
        self,
        name: str,
        investor: str,
        industry: str,
        origin: str,
        code: str,
        path: tuple[str, ...],
        amount: D | None = None,
    ) -> None:
        """Report the lead once per status in path, each status in a later report of its department."""
        reports = self.reports[code]
        first = self.rng.randrange(len(reports) - len(path) + 1)
        picks = [first]
        for _ in path[1:]:
            picks.append(self.rng.randrange(picks[-1] + 1, len(reports) - (len(path) - len(picks)) + 1))
        lead = Lead(name, investor, industry, amount or self.amount(), origin, self.day_in(reports[first]))
        for index, status in zip(picks, path, strict=True):
            self.contents[reports[index]].leads.append((lead, status))

    def leads(self) -> None:
        generated = iter(self.rng.sample([(b, k) for b in BRANDS for k in LEAD_KINDS], k=200))

        def fresh(code: str, path: tuple[str, ...]) -> None:
            brand, (suffix, industry, trade) = next(generated)
            city = self.rng.choice(CITIES)
            self.lead(brand + suffix, f"{city}{brand}{trade}有限公司", industry, city, code, path)

        for name, investor, industry, origin, code in NAMED_LEADS:
            self.lead(name, investor, industry, origin, code, ("在谈",))
        for index in range(figures.LEADS_NEGOTIATING - len(NAMED_LEADS)):
            fresh(self.rng.choice(ACTIVE), ("线索", "在谈") if index % 5 < 2 else ("在谈",))
        for _ in range(figures.LEADS_STILL_OPEN):
            fresh(self.rng.choice(ACTIVE), ("线索",))
        for _ in range(figures.LEADS_ABANDONED - 2):
            fresh(self.rng.choice(ACTIVE), ("在谈", "已放弃"))
        for project in figures.DEPARTMENT_PROJECTS:
            # The lead of a signed project is reported by the department that led it, 在谈 the report before.
            code = project.departments[0]
            reports = self.reports[code]
            signing = self.covering(code, project.signed)
            before = reports.index(signing) - 1
            obtained_in = reports[before] if before >= 0 else signing
            lead = Lead(
                project.name,
                project.investor,
                "签约项目",
                project.amount,
                "",
                self.day_in(obtained_in, project.signed),
            )
            if before >= 0:
                self.contents[reports[before]].leads.append((lead, "在谈"))
            self.contents[signing].leads.append((lead, "已签约"))

    # -- projects, enterprises, activities ---------------------------------------------------------

    def projects(self) -> None:
        for project in figures.DEPARTMENT_PROJECTS:
            for code in project.departments:
                self.contents[self.covering(code, project.signed)].projects.append(project)

    def registration(self, code: str) -> Registration:
        brand = self.rng.choice(BRANDS) + self.rng.choice(BRANDS)[0]
        kind, industry = self.rng.choice(ENTERPRISE_KINDS)
        report = self.rng.choice(self.reports[code])
        capital = D(self.rng.choice((50, 100, 200, 300, 500, 800, 1000, 1200, 2000, 3000, 5000)))
        return Registration(
            f"漯河{brand}{kind}有限公司", uscc.invent(self.rng), self.day_in(report), capital, industry
        )

    def enterprises(self) -> dict[str, Registration]:
        """The 31 registrations; returns a few named ones the corrections and the bad row refer to."""
        names: set[str] = set()
        special: dict[str, Registration] = {}
        for code, count in figures.REGISTRATIONS.items():
            for _ in range(count):
                enterprise = self.registration(code)
                while enterprise.name in names:
                    enterprise = self.registration(code)
                names.add(enterprise.name)
                self.contents[self.covering(code, enterprise.registered)].enterprises.append(enterprise)
                special.setdefault(code, enterprise)
        # 市监分局's first registration is also claimed by 资源分局, which helped: it must count once.
        shared = special["D07"]
        self.contents[self.covering("D06", max(shared.registered, dt.date(2024, 2, 1)))].enterprises.append(
            shared
        )
        # One clerk's typo: a wrong check character. The row is quarantined; it is not one of the 31.
        typo = Registration(
            "漯河豫泽商贸有限公司",
            uscc.spoil(uscc.invent(self.rng)),
            dt.date(2024, 4, 11),
            D(100),
            "批发和零售业",
        )
        self.contents[self.covering("D07", typo.registered)].enterprises.append(typo)
        # The enterprise the first copy of 经发局's week-12 report claimed by mistake (registered elsewhere).
        special["withdrawn"] = Registration(
            "漯河博远企业管理咨询有限公司",
            uscc.invent(self.rng, "411103"),
            dt.date(2024, 3, 19),
            D(200),
            "租赁和商务服务业",
        )
        return special

    def activities(self) -> dict[str, Activity]:
        pinned: dict[str, Activity] = {}
        for index, companies in enumerate(figures.VISITS):
            code = "D02" if index == 0 else self.rng.choice(ACTIVE)
            report = self.week(code, 12) if index == 0 else self.rng.choice(self.reports[code])
            city = self.rng.choice(CITIES[:6])
            visit = Activity(
                self.day_in(report),
                "考察对接",
                city,
                companies,
                self.rng.choice(LEADERS),
                f"考察对接{city}{self.rng.choice(BRANDS)}集团等企业",
            )
            self.contents[report].activities.append(visit)
            pinned.setdefault("visit", visit)
        for index in range(figures.INVESTOR_MEETINGS):
            code = "D10" if index == 0 else self.rng.choice(ACTIVE)
            report = self.week(code, 20) if index == 0 else self.rng.choice(self.reports[code])
            brand, (suffix, _, trade) = self.rng.choice(BRANDS), self.rng.choice(LEAD_KINDS)
            meeting = Activity(
                self.day_in(report),
                "会见客商",
                "西城区",
                1,
                self.rng.choice(LEADERS + ("",)),
                f"会见{brand}{trade}负责人，洽谈{brand}{suffix}",
            )
            self.contents[report].activities.append(meeting)
            pinned.setdefault("meeting", meeting)
        for trip in figures.TRIPS:
            self.contents[self.covering(trip.department, trip.day)].activities.append(
                Activity(trip.day, "外出招商", trip.city, trip.companies, trip.leader, trip.summary)
            )
        for day, place, code, companies, leader, summary in figures.PROMOTIONS:
            self.contents[self.covering(code, day)].activities.append(
                Activity(day, "推介活动", place, companies, leader, summary)
            )
        return pinned

    def week(self, code: str, week: int) -> Report:
        return next(r for r in self.reports[code] if r.week == week)

    # -- December 2023 -----------------------------------------------------------------------------

    def last_year(self) -> dict[Report, Content]:
        reports = {}
        for code, week in LAST_YEAR:
            start, end = _week_bounds(2023, week)
            reports[code] = Report(code, 2023, week, None, start, end, end + dt.timedelta(days=1))
        later = {"D01": self.reports["D01"][2], "D02": self.reports["D02"][2]}
        abandoned = (
            (
                "D01",
                Lead(
                    "博雅教育培训中心项目",
                    "郑州博雅教育科技有限公司",
                    "教育培训",
                    D("0.3"),
                    "郑州",
                    dt.date(2023, 12, 12),
                ),
                "线索",
            ),
            (
                "D02",
                Lead(
                    "银河星光影城项目",
                    "河南银河星光影业有限公司",
                    "文化旅游",
                    D("0.5"),
                    "郑州",
                    dt.date(2023, 12, 19),
                ),
                "在谈",
            ),
        )
        contents: dict[Report, Content] = {report: Content() for report in reports.values()}
        for code, lead, status in abandoned:
            contents[reports[code]].leads.append((lead, status))
            self.contents[later[code]].leads.append((lead, "已放弃"))
        name, investor, amount, signed, _, _ = next(p for p in figures.PROJECTS_2023 if p[3].month == 12)
        contents[reports["D02"]].projects.append(
            figures.DepartmentProject(name, investor, amount, signed, ("D02",))
        )
        contents[reports["D10"]].enterprises.append(
            Registration(
                "漯河万邻商业管理有限公司",
                uscc.invent(self.rng),
                dt.date(2023, 12, 27),
                D(500),
                "租赁和商务服务业",
            )
        )
        contents[reports["D01"]].activities.append(
            Activity(dt.date(2023, 12, 14), "会见客商", "西城区", 1, "管委会主任", "会见万邻商业负责人")
        )
        contents[reports["D02"]].activities.append(
            Activity(dt.date(2023, 12, 20), "考察对接", "郑州", 3, "管委会主任", "考察对接郑州食品企业")
        )
        return contents


def plan() -> dict[Report, Content]:
    """Every department workbook to write, with its rows; corrected copies come after the copies they fix."""
    planner = _Planner()
    planner.leads()
    planner.projects()
    special = planner.enterprises()
    pinned = planner.activities()
    result = planner.last_year()
    for code in sorted(planner.reports):
        for report in planner.reports[code]:
            content = planner.contents[report]
            content.activities.sort(key=lambda activity: activity.day)
            suffix = RESUBMITTED.get((code, report.week))
            if suffix:
                result[report] = _first_copy(content, special["withdrawn"], pinned)
                fixed = Report(
                    code,
                    report.year,
                    report.week,
                    report.month,
                    report.start,
                    report.end,
                    report.filed + dt.timedelta(days=2),
                    suffix,
                )
                result[fixed] = content
            else:
                result[report] = content
    return result


def _first_copy(content: Content, withdrawn: Registration, pinned: dict[str, Activity]) -> Content:
    """The copy sent first, with the mistakes the corrected copy removes."""
    activities = []
    for activity in content.activities:
        if activity == pinned["visit"]:
            activity = Activity(
                activity.day, activity.kind, activity.place, 8, activity.leader, activity.summary
            )
        activities.append(activity)
        if activity == pinned["meeting"]:
            activities.append(activity)  # the same meeting entered twice
    enterprises = list(content.enterprises)
    if pinned["visit"] in content.activities:
        enterprises.append(withdrawn)
    return Content(list(content.leads), list(content.projects), enterprises, activities)
