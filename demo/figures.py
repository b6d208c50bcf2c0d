"""The chosen inputs: every number here is picked so that the warehouse, computing honestly from the generated
files, reproduces the figures of the 2024 first-half work summary (see README.md for the table).

Amounts are Decimal strings so that sums are exact (1116.12 stays 1116.12).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D

YEAR = 2024

# --- bureau confirmations (市商务局认定) -----------------------------------------------------------------

# 2023 year-end confirmation: trade 5000万元 against a 3000万元 target, the rest near their targets.
KPI_2023 = {
    "signed_projects": D("11"),
    "signed_investment": D("16.8"),
    "foreign_capital": D("26"),
    "domestic_capital": D("6.3"),
    "trade_total": D("5000.00"),
}

# 2024 year-to-date values per confirmation round, keyed by the last month of the period they confirm.
# Signed projects and investment follow from the project list below; trade follows from the customs table.
FOREIGN_CAPITAL_YTD = {3: D("6"), 4: D("10"), 5: D("14"), 6: D("18")}  # 万美元
DOMESTIC_CAPITAL_1_3 = D("1.32")  # 亿元, April round
DOMESTIC_CAPITAL_1_4_FIRST = D("2.05")  # May round
DOMESTIC_CAPITAL_1_4_REVISED = D("2.18")  # July round re-confirms January-April
DOMESTIC_CAPITAL_1_6_EXPECTED = D("3.5")  # 口径 预计 in the July round


@dataclass(frozen=True)
class Round:
    """One bureau confirmation round of 2024: the KPI period it confirms and the date it was confirmed."""

    months: int
    confirmed_on: dt.date


ROUNDS = (
    Round(3, dt.date(2024, 4, 15)),
    Round(4, dt.date(2024, 5, 16)),
    Round(5, dt.date(2024, 6, 14)),
    Round(6, dt.date(2024, 7, 12)),
)
CONFIRMED_2023_ON = dt.date(2024, 1, 20)

# Stages: 签约 < 履约 < 开工 < 投产. A project's stage as confirmed in each round it appears in (by months).


@dataclass(frozen=True)
class BureauProject:
    name: str
    investor: str
    amount: D  # 亿元
    signed: dt.date | None
    department: str  # as the bureau writes 责任单位 (name or alias)
    six_post: str  # 六职领导 post, "" when not a six-post project
    stages: dict[int, str]  # round months -> 认定阶段
    batch: str = ""  # 三个一批期次 as written
    province: str = ""  # 省级认定状态
    remark: str = ""
    batch_type: str = ""  # 三个一批类型: 签约一批, 开工一批 or 投产一批


# The 8 projects signed January-June 2024: 10亿 in all, 4 of at least 1亿. Six-post projects among them:
# all 8 are signed, 7 reach 履约 or later and the same 7 reach 开工 or later (大数据产业园三期 only signed).
BUREAU_PROJECTS_2024 = (
    BureauProject(
        "数字经济文化产业项目",
        "环球数码创意科技（深圳）有限公司",
        D("2.5"),
        dt.date(2024, 1, 18),
        "招商服务中心",
        "党工委书记",
        {3: "签约", 4: "履约", 5: "开工", 6: "开工"},
    ),
    BureauProject(
        "神飞航天食品产业园项目",
        "神飞航天食品科技（北京）有限公司",
        D("1.0"),
        dt.date(2024, 1, 18),
        "经发局",
        "党工委副书记",
        {3: "签约", 4: "履约", 5: "开工", 6: "开工"},
    ),
    BureauProject(
        "艺龙酒店项目",
        "艺龙酒店管理集团有限公司",
        D("0.4"),
        dt.date(2024, 2, 26),
        "新城办事处",
        "管委会副主任",
        {3: "履约", 4: "开工", 5: "开工", 6: "投产"},
    ),
    BureauProject(
        "飞图科技项目",
        "河南飞图信息科技有限公司",
        D("0.6"),
        dt.date(2024, 3, 12),
        "财政金融局",
        "管委会常务副主任",
        {3: "签约", 4: "签约", 5: "履约", 6: "开工"},
    ),
    BureauProject(
        "智慧物流总部项目",
        "中原智慧物流集团有限公司",
        D("3.0"),
        dt.date(2024, 4, 10),
        "招商中心",
        "管委会主任",
        {4: "签约", 5: "履约", 6: "开工"},
        "第12期",
        "待认定",
        "第十二期“三个一批”签约项目，已达开工认定条件",
        "签约一批",
    ),
    BureauProject(
        "山外科技孵化项目",
        "山外山科技创业投资有限公司",
        D("2.0"),
        dt.date(2024, 4, 10),
        "社会事业局",
        "党工委副书记",
        {4: "签约", 5: "履约", 6: "开工"},
        "12",
        "待认定",
        "已达开工认定条件",
        "签约一批",
    ),
    BureauProject(
        "金大地氟硅研究院项目",
        "金大地氟硅新材料研究院有限公司",
        D("0.3"),
        dt.date(2024, 5, 20),
        "经济发展局",
        "管委会常务副主任",
        {5: "签约", 6: "开工"},
    ),
    BureauProject(
        "大数据产业园三期项目",
        "漯河智慧岛大数据产业发展有限公司",
        D("0.2"),
        dt.date(2024, 6, 18),
        "招商服务中心",
        "纪工委书记",
        {6: "签约"},
    ),
)

# 第十三期“三个一批”: planned for July, 6亿 in all, not signed by June; both are six-post projects.
BATCH_13 = (
    BureauProject(
        "中食数联项目",
        "华润数字科技有限公司",
        D("3.5"),
        None,
        "招商服务中心",
        "党工委书记",
        {6: ""},
        "第十三期",
        "待认定",
        "拟签约（第十三期“三个一批”，7月签约）",
        "签约一批",
    ),
    BureauProject(
        "旅游出行综合服务平台项目",
        "盛威时代科技股份有限公司",
        D("2.5"),
        None,
        "新城办",
        "管委会主任",
        {6: ""},
        "13",
        "待认定",
        "拟签约（第十三期“三个一批”，7月签约）",
        "签约",
    ),
)

# The 2023 confirmed projects (11 projects, 16.8亿), listed in the 2023 year-end file.
PROJECTS_2023 = (
    ("豫中冷链物流园项目", "豫中冷链供应链管理有限公司", D("3.2"), dt.date(2023, 2, 16), "投产", "第9期"),
    ("食品机械装备制造项目", "漯河中盛食品机械有限公司", D("2.0"), dt.date(2023, 3, 28), "开工", ""),
    ("西城商务中心总部楼宇项目", "河南汇通置业有限公司", D("2.5"), dt.date(2023, 4, 20), "开工", "第10期"),
    ("中原数据标注基地项目", "郑州数标信息技术有限公司", D("1.5"), dt.date(2023, 5, 30), "投产", ""),
    ("康养综合体项目", "河南颐和康养产业有限公司", D("1.8"), dt.date(2023, 6, 21), "开工", "第10期"),
    ("教育培训基地项目", "河南启智教育科技有限公司", D("0.9"), dt.date(2023, 7, 12), "履约", ""),
    ("新能源汽车展销中心项目", "河南驰骋汽车销售服务有限公司", D("1.2"), dt.date(2023, 8, 25), "投产", ""),
    ("智能仓储项目", "漯河捷运仓储服务有限公司", D("0.8"), dt.date(2023, 9, 14), "开工", "第11期"),
    ("社区商业综合体项目", "漯河万邻商业管理有限公司", D("1.6"), dt.date(2023, 12, 18), "签约", ""),
    ("文化创意园项目", "漯河沙澧文创发展有限公司", D("0.7"), dt.date(2023, 10, 19), "履约", ""),
    ("生鲜电商配送中心项目", "河南鲜达供应链有限公司", D("0.6"), dt.date(2023, 11, 8), "签约", ""),
)

# 三个一批类型 of the 2023 projects on a batch list, as the year-end file gives it.
BATCH_TYPES_2023 = {
    "豫中冷链物流园项目": "投产一批",
    "西城商务中心总部楼宇项目": "开工一批",
    "康养综合体项目": "开工一批",
    "智能仓储项目": "签约一批",
}

# --- department reports (全员招商) -----------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentProject:
    name: str
    investor: str
    amount: D  # 亿元
    signed: dt.date
    departments: tuple[str, ...]  # reporting department codes; more than one = a cross-department duplicate
    event: str = ""  # 签约活动
    six_post: str = ""


def _from_bureau(project: BureauProject, departments: tuple[str, ...], event: str = "") -> DepartmentProject:
    assert project.signed is not None
    return DepartmentProject(
        project.name, project.investor, project.amount, project.signed, departments, event, project.six_post
    )


_OPENING = "“开门红”项目集中签约仪式"
_BATCH_12 = "第十二期“三个一批”集中签约活动"
_BRIEFING = "西城区区情说明暨项目集中签约仪式"
_B = {project.name: project for project in BUREAU_PROJECTS_2024}

# 16 newly signed projects: the bureau's 8 plus 8 smaller ones (all below 1亿), so exactly 4 are 亿元项目.
# 智慧物流总部 and 星河直播电商产业园 are each reported by two departments and must count once.
DEPARTMENT_PROJECTS = (
    _from_bureau(_B["数字经济文化产业项目"], ("D01",), _OPENING),
    _from_bureau(_B["神飞航天食品产业园项目"], ("D02",), _OPENING),
    _from_bureau(_B["艺龙酒店项目"], ("D10",)),
    _from_bureau(_B["飞图科技项目"], ("D03",)),
    _from_bureau(_B["智慧物流总部项目"], ("D01", "D02"), _BATCH_12),
    _from_bureau(_B["山外科技孵化项目"], ("D05",), _BATCH_12),
    _from_bureau(_B["金大地氟硅研究院项目"], ("D02",)),
    _from_bureau(_B["大数据产业园三期项目"], ("D01",), _BRIEFING),
    DepartmentProject(
        "星河直播电商产业园项目",
        "杭州星河互娱文化传媒有限公司",
        D("0.7"),
        dt.date(2024, 2, 5),
        ("D10", "D09"),
    ),
    DepartmentProject(
        "恒达供应链管理总部项目", "河南恒达供应链管理有限公司", D("0.8"), dt.date(2024, 3, 20), ("D02",)
    ),
    DepartmentProject(
        "云端乡村振兴农产品展销中心项目",
        "漯河云端农业发展有限公司",
        D("0.35"),
        dt.date(2024, 3, 28),
        ("D09",),
    ),
    DepartmentProject(
        "卓远人力资源产业园项目", "卓远人力资源集团有限公司", D("0.5"), dt.date(2024, 4, 22), ("D05",)
    ),
    DepartmentProject(
        "豫信会计服务集聚区项目", "河南豫信会计师事务所有限公司", D("0.3"), dt.date(2024, 5, 8), ("D03",)
    ),
    DepartmentProject(
        "宏图建筑设计院项目", "河南宏图建筑设计研究院有限公司", D("0.3"), dt.date(2024, 5, 28), ("D04",)
    ),
    DepartmentProject(
        "汇智软件外包基地项目",
        "郑州汇智软件技术有限公司",
        D("0.45"),
        dt.date(2024, 6, 6),
        ("D07",),
        _BRIEFING,
    ),
    DepartmentProject(
        "德信律师事务所西城分所项目", "河南德信律师事务所", D("0.05"), dt.date(2024, 6, 12), ("D08",)
    ),
)

# Leads' latest statuses: 16 signed (the projects above) + 105 under negotiation = 121 valuable leads.
LEADS_NEGOTIATING = 105
LEADS_STILL_OPEN = 15  # latest status 线索
LEADS_ABANDONED = 8  # latest status 已放弃 (two of them first reported in December 2023)

# Enterprises registered January-June 2024, by the department that brought them in: 31 distinct USCCs.
REGISTRATIONS = {
    "D07": 8,
    "D01": 5,
    "D02": 4,
    "D10": 3,
    "D03": 2,
    "D04": 2,
    "D05": 2,
    "D06": 2,
    "D09": 2,
    "D08": 1,
}

# 对接企业数 of the 考察对接 rows, January-June 2024: they sum to 68.
VISITS = (5, 3, 4, 2, 6, 3, 4, 5, 2, 3, 4, 3, 2, 5, 4, 3, 2, 3, 2, 3)

INVESTOR_MEETINGS = 73  # 会见客商 rows, January-June 2024


@dataclass(frozen=True)
class Trip:
    """An 外出招商 row: 对接企业数 is text when the clerk wrote it approximately ('10余')."""

    day: dt.date
    city: str
    department: str
    companies: int | str
    leader: str
    summary: str


# 16 trips to 11 distinct cities.
TRIPS = (
    Trip(dt.date(2024, 1, 10), "郑州", "D01", 3, "管委会主任", "赴郑州对接省属企业及金融机构"),
    Trip(dt.date(2024, 3, 5), "北京", "D01", 4, "党工委书记", "赴北京对接中国动漫集团、中食数联"),
    Trip(dt.date(2024, 3, 19), "上海", "D02", 3, "管委会主任", "赴上海对接食品科技企业"),
    Trip(dt.date(2024, 4, 2), "泉州", "D01", "10余", "党工委书记", "赴泉州开展鞋服、食品产业链招商"),
    Trip(dt.date(2024, 4, 3), "厦门", "D01", 2, "党工委书记", "赴厦门对接跨境电商企业"),
    Trip(dt.date(2024, 4, 16), "杭州", "D10", 3, "管委会副主任", "赴杭州考察直播电商产业园"),
    Trip(dt.date(2024, 4, 24), "深圳", "D03", 2, "管委会常务副主任", "赴深圳对接数字经济企业"),
    Trip(dt.date(2024, 5, 7), "郑州", "D05", 2, "党工委副书记", "参加省豫商大会"),
    Trip(dt.date(2024, 5, 14), "广州", "D07", 2, "管委会副主任", "赴广州对接软件外包企业"),
    Trip(dt.date(2024, 5, 22), "苏州", "D04", 2, "管委会常务副主任", "赴苏州考察建筑设计、产业园运营"),
    Trip(dt.date(2024, 5, 29), "武汉", "D02", 2, "管委会主任", "赴武汉对接光电、航天食品项目"),
    Trip(dt.date(2024, 6, 4), "北京", "D01", 3, "党工委书记", "赴北京对接华润数科、盛威时代"),
    Trip(dt.date(2024, 6, 5), "上海", "D06", 1, "管委会副主任", "赴上海对接联东U谷"),
    Trip(dt.date(2024, 6, 11), "西安", "D09", 2, "纪工委书记", "赴西安对接农产品加工企业"),
    Trip(dt.date(2024, 6, 13), "杭州", "D02", 2, "管委会主任", "赴杭州对接万有引力直播基地"),
    Trip(dt.date(2024, 6, 19), "上海", "D01", 2, "党工委书记", "赴上海对接大数据企业"),
)

PROMOTIONS = (
    (dt.date(2024, 1, 18), "西城区", "D01", 12, "党工委书记", "举办“开门红”项目集中签约仪式"),
    (dt.date(2024, 4, 26), "漯河国际会展中心", "D02", 8, "管委会主任", "参加市食博会，开展项目推介"),
    (dt.date(2024, 6, 18), "西城区", "D01", 15, "党工委书记", "举办西城区区情说明暨项目集中签约仪式"),
)

# --- customs trade (万元) ---------------------------------------------------------------------------------

# Roster enterprises by their short names; the roster itself is in reference.py.
ZHENMAO, YUDUOXIAN, FUYUAN, LANGE, ZHENGTENG, RONGXIAO = (
    "臻茂实业",
    "豫多鲜",
    "富元食品",
    "蓝格液压",
    "正腾商贸",
    "蓉霄建材",
)

# 2023 import+export per enterprise: 5000.00万元 in all.
TRADE_2023 = {ZHENMAO: D("1236.47"), YUDUOXIAN: D("1689.35"), FUYUAN: D("1183.90"), LANGE: D("890.28")}
# January-May 2024: 1116.12万元 in all; 臻茂实业 stopped, the three old traders fell by more than 30%.
TRADE_2024_JAN_MAY = {
    YUDUOXIAN: D("430.16"),
    FUYUAN: D("296.58"),
    LANGE: D("231.27"),
    ZHENGTENG: D("93.64"),
    RONGXIAO: D("64.47"),
}
# How each year's total spreads over the months (relative weights; 0 = no trade that month).
MONTH_WEIGHTS_2023 = {
    ZHENMAO: (7, 8, 9, 9, 8, 8, 8, 9, 9, 8, 8, 9),
    YUDUOXIAN: (9, 8, 9, 10, 9, 8, 7, 7, 7, 8, 8, 10),
    FUYUAN: (8, 9, 10, 9, 9, 8, 7, 7, 8, 8, 9, 8),
    LANGE: (7, 8, 9, 9, 8, 8, 8, 7, 7, 8, 9, 12),
}
MONTH_WEIGHTS_2024 = {
    YUDUOXIAN: (9, 7, 8, 8, 8),
    FUYUAN: (8, 8, 7, 8, 8),
    LANGE: (8, 7, 8, 8, 9),
    ZHENGTENG: (0, 3, 4, 5, 6),
    RONGXIAO: (2, 2, 3, 3, 4),
}
EXPORT_SHARE = {
    ZHENMAO: D("0.75"),
    YUDUOXIAN: D("0.85"),
    FUYUAN: D("0.70"),
    LANGE: D("0.90"),
    ZHENGTENG: D("0.40"),
    RONGXIAO: D("1.00"),
}

# A Luohe trader outside the district, listed in some monthly tables: the roster must leave it out.
OUTSIDER_TRADE = {
    (2023, 10): D("58.20"),
    (2023, 11): D("61.35"),
    (2023, 12): D("66.10"),
    (2024, 2): D("45.80"),
    (2024, 3): D("52.36"),
    (2024, 4): D("49.90"),
    (2024, 5): D("55.14"),
}

# Monthly tables written in another unit: the converted figures hold to the cent.
YUAN_MONTH = (2023, 6)
KUSD_MONTH = (2024, 1)
# January 2024 is the 千美元 month: at 7.1250 CNY/USD, 0.8千美元 = 0.57万元 exactly, so every January amount
# is a multiple of 0.57万元.
KUSD_QUANTUM = D("0.57")

USD_CNY = {
    (2023, 1): "7.0125",
    (2023, 2): "7.0410",
    (2023, 3): "7.0632",
    (2023, 4): "7.0519",
    (2023, 5): "7.0844",
    (2023, 6): "7.1518",
    (2023, 7): "7.1980",
    (2023, 8): "7.2305",
    (2023, 9): "7.2412",
    (2023, 10): "7.2258",
    (2023, 11): "7.1966",
    (2023, 12): "7.1087",
    (2024, 1): "7.1250",
    (2024, 2): "7.1112",
    (2024, 3): "7.1030",
    (2024, 4): "7.1045",
    (2024, 5): "7.1081",
    (2024, 6): "7.1128",
    (2024, 7): "7.1290",
    (2024, 8): "7.1535",
    (2024, 9): "7.0951",
    (2024, 10): "7.0985",
    (2024, 11): "7.1658",
    (2024, 12): "7.1884",
}
