"""Department workbooks: read back file by file, they give the summary's department figures, but only when a
corrected copy replaces the copy it corrects, duplicates count once and December 2023 is left out."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from tests.demo.grids import fold, number, records, sheets
from tests.demo.test_reference import uscc_valid

TEMPLATE = {
    "线索": [
        "序号",
        "线索名称",
        "投资方",
        "产业类别",
        "预计投资额（亿元）",
        "来源地",
        "获取日期",
        "状态",
        "备注",
    ],
    "签约项目": ["序号", "项目名称", "投资方", "总投资（亿元）", "签约日期", "签约活动", "六职领导", "备注"],
    "注册企业": ["序号", "企业名称", "统一社会信用代码", "注册日期", "注册资本（万元）", "行业"],
    "招商活动": ["序号", "日期", "活动类型", "地点", "对接企业数", "带队领导", "内容摘要"],
}
CORRECTIONS = ("（修订）", "_v2")

Books = dict[str, dict[str, list[list[object]]]]


@pytest.fixture(scope="module")
def books(demo_home: Path) -> Books:
    """Every department workbook by file name, in the order the files arrived."""
    paths = sorted(
        (demo_home / "landing" / "departments").iterdir(), key=lambda p: (p.stat().st_mtime, p.name)
    )
    return {path.name: sheets(path) for path in paths}


def superseded(names) -> set[str]:
    return {name.replace(mark, "") for name in names for mark in CORRECTIONS if mark in name}


def counted(books: Books, replace: bool = True) -> Books:
    """The 2024 workbooks, without the copies their corrections replace (unless replace is False)."""
    dropped = superseded(books) if replace else set()
    return {name: book for name, book in books.items() if "2023" not in name and name not in dropped}


def rows(books: Books, sheet: str) -> list[dict[str, object]]:
    return [row for book in books.values() if sheet in book for row in records(book[sheet])]


def figures(books: Books) -> dict[str, int]:
    latest = {}
    for lead in rows(books, "线索"):
        latest[fold(lead.get("线索名称") or lead.get("项目名称"))] = lead["状态"]
    activities = rows(books, "招商活动")
    return {
        "valuable_leads": sum(status in ("在谈", "已签约") for status in latest.values()),
        "signed_projects": len({fold(p["项目名称"]) for p in rows(books, "签约项目")}),
        "registered": len(
            {e["统一社会信用代码"] for e in rows(books, "注册企业") if uscc_valid(e["统一社会信用代码"])}
        ),
        "visited": sum(int(number(a["对接企业数"])) for a in activities if a["活动类型"] == "考察对接"),
        "meetings": sum(a["活动类型"] == "会见客商" for a in activities),
        "cities": len({a["地点"] for a in activities if a["活动类型"] == "外出招商"}),
    }


def test_the_summary_figures(books: Books) -> None:
    assert figures(counted(books)) == {
        "valuable_leads": 121,
        "signed_projects": 16,
        "registered": 31,
        "visited": 68,
        "meetings": 73,
        "cities": 11,
    }


def test_keeping_the_first_copies_would_miscount(books: Books) -> None:
    wrong = figures(counted(books, replace=False))
    assert (wrong["registered"], wrong["visited"], wrong["meetings"]) != (31, 68, 73)


def test_lead_statuses_change_and_some_are_not_valuable(books: Books) -> None:
    statuses: dict[str, list[str]] = {}
    for lead in rows(counted(books), "线索"):
        statuses.setdefault(fold(lead.get("线索名称") or lead.get("项目名称")), []).append(lead["状态"])
    assert any(history == ["线索", "在谈"] for history in statuses.values())
    assert Counter(history[-1] for history in statuses.values()) == {
        "在谈": 105,
        "已签约": 16,
        "线索": 15,
        "已放弃": 8,
    }


def test_duplicates_across_departments(books: Books) -> None:
    current = counted(books)
    projects = Counter(fold(p["项目名称"]) for p in rows(current, "签约项目"))
    assert {name for name, count in projects.items() if count > 1} == {
        "智慧物流总部项目",
        "星河直播电商产业园项目",
    }
    enterprises = Counter(e["统一社会信用代码"] for e in rows(current, "注册企业"))
    assert sum(count > 1 for count in enterprises.values()) == 1


def test_exactly_one_bad_credit_code_in_all_files(books: Books) -> None:
    codes = [e["统一社会信用代码"] for e in rows(books, "注册企业")]
    assert sum(not uscc_valid(code) for code in codes) == 1


def test_trips_reach_the_named_cities_and_one_count_is_approximate(books: Books) -> None:
    trips = [a for a in rows(counted(books), "招商活动") if a["活动类型"] == "外出招商"]
    assert {"北京", "上海", "泉州", "杭州", "郑州"} <= {a["地点"] for a in trips}
    assert [a["对接企业数"] for a in trips if "余" in fold(a["对接企业数"])] == ["10余"]


def test_number_of_workbooks_and_share_of_messy_ones(books: Books) -> None:
    def clean(book) -> bool:
        return list(book) == ["基本信息", *TEMPLATE] and all(book[s][0] == h for s, h in TEMPLATE.items())

    assert 60 <= len(books) <= 90
    messy = [name for name, book in books.items() if name.endswith(".xls") or not clean(book)]
    assert len(messy) * 3 >= len(books)
    assert 2 <= sum(name.endswith(".xls") for name in books) <= 8


def test_the_messy_habits_are_all_there(books: Books) -> None:
    cells = {fold(cell) for book in books.values() for grid in book.values() for row in grid for cell in row}
    raw = {cell for book in books.values() for grid in book.values() for row in grid for cell in row}
    # The department and period only in the file name, as in 新城办-2024年第18周.xlsx:
    assert any("-2024年第" in name and "基本信息" not in book for name, book in books.items())
    assert any(cell.startswith("填报单位:") for cell in cells) and any(c.startswith("报告期:") for c in cells)
    assert {"单位:万元", "单位:亿元", "合计", "—", "/"} <= cells
    assert any(cell.startswith("2024-W") for cell in cells)
    assert {"总投资\n（亿元）", "总投资/亿元", "总投资(亿元)", "项目名称"} <= raw
    assert any(isinstance(c, str) and c.endswith("亿") for c in raw)
    assert any(isinstance(c, str) and c.endswith("万元") and "," in c for c in raw)
    assert any(isinstance(c, str) and any("０" <= ch <= "９" for ch in c) for c in raw)  # full-width digits
    assert any(isinstance(c, str) and c.startswith("2024/") for c in raw)
    assert any(isinstance(c, str) and c.startswith("2024年") and c.endswith("日") for c in raw)
    assert any(isinstance(c, dt.date) for c in raw)
    written = {cell for book in books.values() for cell in _info_and_lines(book)}
    written |= {name.split("-")[0] for name in books if "-2024年第" in name}
    assert {"经发局", "新城办"} <= written


def _info_and_lines(book) -> set[str]:
    found = set()
    for grid in book.values():
        for row in grid[:2]:
            for cell in row:
                text = fold(cell)
                if text.startswith("填报单位:"):
                    found.add(text.removeprefix("填报单位:"))
    if "基本信息" in book:
        found.add(book["基本信息"][0][1])
    return found


def test_a_corrected_copy_follows_the_template_and_was_filed_later(books: Books) -> None:
    first = books["经济发展局2024年第12周招商工作周报.xlsx"]
    fixed = books["经济发展局2024年第12周招商工作周报（修订）.xlsx"]
    assert [row[:2] for row in fixed["基本信息"][:3]] == [
        ["填报单位", "经济发展局"],
        ["报告期", "2024年第12周"],
        ["填报人", "王磊"],
    ]
    assert fixed["基本信息"][3][1] > first["基本信息"][3][1]
    assert len(records(first["注册企业"])) == len(records(fixed["注册企业"])) + 1
    names = list(books)
    assert names.index("新城办事处2024年第20周招商工作周报_v2.xlsx") > names.index(
        "新城办事处2024年第20周招商工作周报.xlsx"
    )
