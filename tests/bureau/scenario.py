"""A small district in two bureau rounds and two department workbooks, with the knobs the tests turn."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.bureau.workbooks import bureau_workbook, department_workbook, write_reference_folder

MAY_ROUND = dt.date(2024, 5, 16)
JULY_ROUND = dt.date(2024, 7, 12)
LOGISTICS = ("智慧物流总部项目", "中原智慧物流集团有限公司")
INCUBATOR = ("山外科技孵化项目", "山外山科技创业投资有限公司")


def write_scenario(home: Path, *, signed_figure: str = "2", incubator_reported: bool = True,
                   unconfirmed_project: bool = True, ambiguous_leads: bool = False,
                   pipeline_yaml: str | None = None) -> Path:
    """May round: 2 projects signed in April (5亿), domestic capital 1-4月 2.05亿. July round: both started,
    1-4月 re-confirmed as 21800万元 (2.18亿), 1-6月 3.5亿 预计, 中食数联 planned for batch 13.
    Departments: 经发局 and 招商中心 both report 智慧物流总部 (written without 项目 and 有限公司), 经发局 a project the
    bureau has not confirmed (unless unconfirmed_project is False); 社事局's April workbook reports 山外科技孵化
    unless incubator_reported is False."""
    write_reference_folder(home, pipeline_yaml)
    bureau = home / "landing" / "bureau"
    bureau_workbook(bureau / "关于西城区2024年1-4月招商引资指标及项目认定结果的反馈.xlsx", [
        ("签约项目", "2024年1-4月", "2", "个", "认定", MAY_ROUND),
        ("签约投资额", "2024年1-4月", "5", "亿元", "认定", MAY_ROUND),
        ("省外资金", "2024年1-4月", "2.05", "亿元", "认定", MAY_ROUND),
    ], [
        (*LOGISTICS, "3", dt.date(2024, 4, 10), "签约", MAY_ROUND, "第12期", None, "招商中心", "管委会主任", None),
        (*INCUBATOR, "2", dt.date(2024, 4, 10), "签约", MAY_ROUND, "12", None, "社事局", None, None),
    ], arrived=dt.datetime(2024, 5, 16, 16, 30))
    bureau_workbook(bureau / "西城区2024年上半年招商引资指标认定表.xlsx", [
        ("签约项目数", "1-6月", signed_figure, "个", "认定", JULY_ROUND),
        ("签约项目总投资", "1-6月", "5", "亿元", "认定", JULY_ROUND),
        ("实际利用省外境内资金", "1-4月", "21800", "万元", "认定", JULY_ROUND),
        ("省外资金", "1-6月", "3.5", "亿元", "预计", JULY_ROUND),
    ], [
        (*LOGISTICS, "3", "2024/4/10", "开工", JULY_ROUND, "第12期", "待认定", "招商中心", "管委会主任", None),
        (*INCUBATOR, "2", "2024/4/10", "开工", JULY_ROUND, "12", "待认定", "社事局", None, None),
        ("中食数联项目", "华润数字科技有限公司", "3.5", None, None, JULY_ROUND, "第十三期", "待认定", "招商服务中心",
         "党工委书记", "拟签约"),
    ], title="2024年上半年西城区招商引资指标认定表", arrived=dt.datetime(2024, 7, 12, 16, 30))

    departments = home / "landing" / "departments"
    ambiguous = [("数据中心项目", "甲数据科技有限公司", "数字经济", 1, "郑州", "2024-05-06", "在谈", None),
                 ("智慧物流总部二期项目", "中原智慧物流集团有限公司", "物流", 2, "郑州", "2024-06-18", "线索", None)]
    department_workbook(departments / "招商中心-2024年6月.xlsx", "招商中心", "2024年6月", leads=[
        ("中食数联项目", "华润数字科技有限公司", "数字经济", "3.5", "深圳", "2024-03-05", "在谈", None),
        ("联东U谷项目", "联东投资（集团）有限公司", "产业园运营", "2", "北京", "2024-06-05", "在谈", None),
        ("预制菜生产项目", "郑州某食品科技有限公司", "食品加工", "0.5", "郑州", "2024-06-10", "线索", None),
        *ambiguous,
    ] if ambiguous_leads else [
        ("中食数联项目", "华润数字科技有限公司", "数字经济", "3.5", "深圳", "2024-03-05", "在谈", None),
        ("联东U谷项目", "联东投资（集团）有限公司", "产业园运营", "2", "北京", "2024-06-05", "在谈", None),
        ("预制菜生产项目", "郑州某食品科技有限公司", "食品加工", "0.5", "郑州", "2024-06-10", "线索", None),
    ], signed=[
        ("智慧物流总部", "中原智慧物流集团", "3", "2024-04-10", "第十二期“三个一批”集中签约活动", "管委会主任", None),
    ])
    department_workbook(departments / "经发局-2024年6月.xlsx", "经发局", "2024年6月", leads=[
        ("数据中心项目", "乙云计算有限公司", "数字经济", 2, "北京", "2024-05-20", "在谈", None),
        ("数据中心项目", None, "数字经济", 2, "北京", "2024-06-20", "在谈", "投资方未定"),
    ] if ambiguous_leads else [], signed=[
        ("智慧物流总部项目", "中原智慧物流集团有限公司", "3", "2024-04-10", None, None, None),
        *([("恒达供应链管理总部项目", "河南恒达供应链管理有限公司", "0.8", "2024-03-20", None, None, None)]
          if unconfirmed_project else []),
    ])
    department_workbook(departments / "社事局-2024年4月.xlsx", "社事局", "2024年4月", signed=[
        (*INCUBATOR, "2", "2024-04-10", None, None, None),
    ] if incubator_reported else [], leads=[] if incubator_reported else [
        ("养老服务中心项目", "河南康泰养老服务有限公司", "康养", "0.5", "郑州", "2024-04-12", "线索", None),
    ])
    return home
