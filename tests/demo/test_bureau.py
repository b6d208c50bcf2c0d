"""The bureau's confirmation workbooks state the confirmed figures the summary quotes, round by round."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from tests.demo.grids import fold, number, records, sheets

JULY = "西城区2024年上半年招商引资指标认定表.xlsx"
MAY = "关于西城区2024年1-4月招商引资指标及项目认定结果的反馈.xlsx"
STARTED = {"开工", "投产"}


@pytest.fixture(scope="module")
def bureau(demo_home: Path) -> dict[str, dict[str, list[list[object]]]]:
    return {path.name: sheets(path) for path in sorted((demo_home / "landing" / "bureau").iterdir())}


def test_five_workbooks_with_both_sheets(bureau) -> None:
    assert len(bureau) == 5
    assert all(list(book) == ["指标认定", "项目认定"] for book in bureau.values())


def kpis(book) -> list[tuple[str, str, Decimal, str, str]]:
    return [
        (r["指标名称"], r["统计期"], number(r["认定值"]), r["单位"], r["口径"])
        for r in records_of(book["指标认定"])
    ]


def records_of(grid: list[list[object]]) -> list[dict[str, object]]:
    # 指标认定 has no 序号 column: its header is the row that starts with 指标名称.
    start = next(i for i, row in enumerate(grid) if fold(row[0]) == "指标名称")
    return [dict(zip(grid[start], row, strict=True)) for row in grid[start + 1 :]]


def test_july_round_ends_at_the_summary_figures(bureau) -> None:
    assert kpis(bureau[JULY]) == [
        ("签约项目数", "2024年1-6月", 8, "个", "认定"),
        ("签约项目总投资", "2024年1-6月", 10, "亿元", "认定"),
        ("实际到位外资", "2024年1-6月", 18, "万美元", "认定"),
        ("实际利用省外境内资金", "2024年1-4月", 21800, "万元", "认定"),
        ("实际利用省外境内资金", "2024年1-6月", Decimal("3.5"), "亿元", "预计"),
        ("外贸进出口额", "2024年1-5月", Decimal("1116.12"), "万元", "认定"),
    ]


def test_may_round_first_confirms_domestic_capital_lower(bureau) -> None:
    rows = records_of(bureau[MAY]["指标认定"])
    row = next(r for r in rows if r["指标名称"] == "省外资金")
    assert (row["统计期"], number(row["认定值"]), row["认定日期"]) == (
        "2024年1-4月",
        Decimal("2.05"),
        "2024年5月16日",
    )


def test_short_periods_take_the_year_from_the_title(bureau) -> None:
    grid = bureau["西城区2024年1-3月招商引资指标认定表.xlsx"]["指标认定"]
    assert grid[0][0] == "2024年1-3月招商引资指标认定表"
    assert grid[2][1] == "1-3月"
    assert bureau["2024年1至5月招商引资认定表（西城区）.xlsx"]["指标认定"][2][1] == "1至5月"


def test_july_projects(bureau, demo_home: Path) -> None:
    projects = records(bureau[JULY]["项目认定"])
    signed = [p for p in projects if fold(p["签约日期"])]
    assert len(signed) == 8
    assert sum(number(p["总投资"]) for p in signed) == 10
    assert sum(number(p["总投资"]) >= 1 for p in signed) == 4

    with (demo_home / "reference" / "six_post_plan.csv").open(encoding="utf-8") as handle:
        planned = {row["project_name"]: row["leader"] for row in csv.DictReader(handle)}
    six_post = [p for p in signed if planned.get(p["项目名称"]) == p["六职领导"]]
    assert len(six_post) == 8
    assert sum(p["认定阶段"] in {"履约"} | STARTED for p in six_post) == 7
    assert sum(p["认定阶段"] in STARTED for p in six_post) == 7

    batch_12 = [p for p in projects if fold(p["三个一批期次"]) in ("第12期", "12")]
    assert {p["项目名称"] for p in batch_12} == {"智慧物流总部项目", "山外科技孵化项目"}
    assert all(p["认定阶段"] == "开工" and p["省级认定状态"] == "待认定" for p in batch_12)
    batch_13 = [p for p in projects if fold(p["三个一批期次"]) in ("第十三期", "13")]
    assert {p["项目名称"] for p in batch_13} == {"中食数联项目", "旅游出行综合服务平台项目"}
    assert sum(number(p["总投资"]) for p in batch_13) == 6
    assert not any(fold(p["签约日期"]) or fold(p["认定阶段"]) for p in batch_13)
