"""A department workbook as a clerk fills in the template: the portal tests' one way to make one."""

from __future__ import annotations

from pathlib import Path

from tests.workbooks import write_workbook

LEAD_HEADER = ["序号", "线索名称", "投资方", "产业类别", "预计投资额（亿元）", "来源地", "获取日期", "状态", "备注"]


def workbook(path: Path, department: str = "经济发展局", status: str = "在谈", period: str = "2024年第27周") -> Path:
    return write_workbook(path, {
        "基本信息": [["填报单位", department], ["报告期", period], ["填报人", "王芳"]],
        "线索": [LEAD_HEADER,
               [1, "新能源电池材料项目", "华东新材料集团", "新材料", 12.5, "上海", "2024-07-02", status]],
    })
