"""Customs files written the way they arrive, and a warehouse built from them with the real loader and SQL."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.build import build_warehouse, open_warehouse
from warehouse.loads import LoadOutcome

FUYUAN = ("漯河富元食品有限公司", "富元食品", "914111030996030893", "4111924628")
ZHENMAO = ("漯河臻茂实业有限公司", "臻茂实业", "9141110052601815XC", "4111990830")
ZHENGTENG = ("漯河正腾商贸有限公司", "正腾商贸", "91411102909378654A", "4111379754")
OUTSIDER = ("漯河瑞丰源食品有限公司", "瑞丰源", "91411104748526053D", "4111961527")

@pytest.fixture
def trade_home(home: Path) -> Path:
    """The fixture reference with 富元食品 added to the roster and a few more monthly rates."""
    with (home / "reference" / "enterprises.csv").open("a", encoding="utf-8", newline="") as out:
        csv.writer(out).writerow(FUYUAN)
    with (home / "reference" / "fx_rates.csv").open("a", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([(2024, 1, "7.1250"), (2024, 2, "7.1112"), (2024, 3, "7.1030")])
    return home


def monthly_table(year: int, month: int, unit: str, rows: list[tuple], total: tuple | None) -> list[list[object]]:
    """A monthly enterprise table as the bureau sends it: title, unit line, two-row merged header with 本月 and
    1-N月累计, rows (name, customs code, USCC, then 本月 and 累计 of 进出口, 出口, 进口), 合计, footer."""
    ytd = f"1-{month}月累计"
    return [
        [f"{year}年1-{month}月西城区企业进出口情况"],
        [f"单位：{unit}"],
        ["序号", "企业名称", "海关编码", "统一社会信用代码", "所属区域", "进出口", None, "出口", None, "进口", None],
        [None, None, None, None, None, "本月", ytd, "本月", ytd, "本月", ytd],
        *([number, *row[:3], "西城区", *row[3:]] for number, row in enumerate(rows, start=1)),
        *([["合计", None, None, None, None, *total]] if total else []),
        ["资料来源：漯河海关"],
    ]


def cumulative_table(year: int, month: int, rows: list[tuple]) -> list[list[object]]:
    """A table with 累计 only: rows (name, customs code, USCC, 进出口, 出口, 进口 year to date), in 万元."""
    return [
        [f"{year}年1-{month}月西城区企业进出口情况"],
        ["单位：万元"],
        ["序号", "企业名称", "海关编码", "统一社会信用代码", "进出口", "出口", "进口"],
        [None, None, None, None, f"1-{month}月累计", "累计", "累计"],
        *([number, *row] for number, row in enumerate(rows, start=1)),
    ]


@pytest.fixture
def build() -> Iterator:
    """build(home) loads whatever is in home/landing/customs (tests/build.py, the one way a test builds) and
    builds core and marts; returns the outcomes and a read-only connection to the build database."""
    opened: list[duckdb.DuckDBPyConnection] = []

    def _build(home: Path) -> tuple[list[LoadOutcome], duckdb.DuckDBPyConnection]:
        while opened:  # a build opens the file read-write
            opened.pop().close()
        outcomes = build_warehouse(home, ("customs",))
        opened.append(open_warehouse(home))
        return outcomes, opened[-1]

    yield _build
    while opened:
        opened.pop().close()
