"""Customs files: the monthly enterprise tables add up (also after converting 元 and 千美元) to the summary's
trade figures for the roster enterprises, and the platform downloads keep the platform's CSV habits."""

from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from tests.demo.grids import fold, number, sheets

ROSTER_FALLING = ("河南豫多鲜农业科技有限公司", "漯河富元食品有限公司", "漯河蓝格液压科技有限公司")
CENT = Decimal("0.01")
AMOUNTS = ("month", "ytd", "export_month", "export_ytd", "import_month", "import_ytd")


def reference(home: Path, name: str) -> list[dict[str, str]]:
    with (home / "reference" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def tables(demo_home: Path) -> dict[tuple[int, int], dict]:
    """Each monthly enterprise table: its unit, its rows (amounts converted to 万元) and its 合计 row."""
    rates = {
        (int(r["year"]), int(r["month"])): Decimal(r["usd_cny"]) for r in reference(demo_home, "fx_rates.csv")
    }
    result = {}
    for path in (demo_home / "landing" / "customs").iterdir():
        if "企业进出口情况" not in path.name:
            continue
        (grid,) = sheets(path).values()
        year, month = map(int, re.match(r"(\d{4})年(?:1-)?(\d+)月", fold(grid[0][0])).groups())
        unit = fold(grid[1][0]).removeprefix("单位:")
        to_wan = {"万元": Decimal(1), "元": Decimal("0.0001"), "千美元": rates[(year, month)] / 10}[unit]
        start = next(i for i, row in enumerate(grid) if fold(row[0]) == "序号")
        end = next(i for i, row in enumerate(grid) if fold(row[0]) == "合计")
        rows = [
            {
                "name": row[1],
                "customs_code": str(row[2]),
                "uscc": row[3],
                "area": row[4],
                **{key: number(row[5 + i]) * to_wan for i, key in enumerate(AMOUNTS)},
            }
            for row in grid[start + 2 : end]
        ]
        result[(year, month)] = {
            "path": path,
            "unit": unit,
            "grid": grid,
            "header": grid[start : start + 2],
            "rows": rows,
            "total": grid[end],
            "footer": grid[end + 1 :],
        }
    return result


def roster(demo_home: Path) -> dict[str, str]:
    return {row["uscc"]: row["name"] for row in reference(demo_home, "enterprises.csv")}


def test_one_table_a_month_in_several_formats_and_units(tables) -> None:
    assert sorted(tables) == [(2023, m) for m in range(1, 13)] + [(2024, m) for m in range(1, 6)]
    assert Counter(t["path"].suffix for t in tables.values()) == {".xlsx": 15, ".xls": 1, ".csv": 1}
    assert Counter(t["unit"] for t in tables.values()) == {"万元": 15, "元": 1, "千美元": 1}
    may = tables[(2024, 5)]
    assert may["path"].name == "2024年1-5月西城区企业进出口情况.xlsx"
    assert [fold(c) for c in may["header"][0]][:6] == [
        "序号",
        "企业名称",
        "海关编码",
        "统一社会信用代码",
        "所属区域",
        "进出口",
    ]
    assert [fold(c) for c in may["header"][1]][5:7] == ["本月", "1-5月累计"]
    assert all(fold(t["footer"][0][0]) == "资料来源:漯河海关" for t in tables.values())


def test_total_rows_match_the_rows_as_written(tables) -> None:
    for table in tables.values():
        start = 2 + next(i for i, row in enumerate(table["grid"]) if fold(row[0]) == "序号")
        written = table["grid"][start : start + len(table["rows"])]
        for column in range(5, 11):
            assert number(table["total"][column]) == sum(number(row[column]) for row in written), table[
                "path"
            ]


def test_roster_trade_is_the_summary_figure(tables, demo_home: Path) -> None:
    district = roster(demo_home)

    def district_ytd(key) -> Decimal:
        return sum(row["ytd"] for row in tables[key]["rows"] if row["uscc"] in district)

    assert district_ytd((2023, 12)) == Decimal("5000.00")
    assert district_ytd((2024, 5)) == Decimal("1116.12")
    outsiders = [row for table in tables.values() for row in table["rows"] if row["uscc"] not in district]
    assert outsiders and all(
        r["area"] != "西城区" and r["customs_code"].startswith("4111") for r in outsiders
    )


def test_month_is_the_difference_of_year_to_date_figures_to_the_cent(tables) -> None:
    for (year, month), table in tables.items():
        before = {r["uscc"]: r for r in tables[(year, month - 1)]["rows"]} if month > 1 else {}
        for row in table["rows"]:
            previous = before.get(row["uscc"])
            for flow in ("", "export_", "import_"):
                earlier = previous[f"{flow}ytd"] if previous else 0
                assert (row[f"{flow}ytd"] - earlier).quantize(CENT) == row[f"{flow}month"].quantize(CENT)
                assert row[f"{flow}ytd"] == row[f"{flow}ytd"].quantize(CENT), (table["path"], row)


def test_the_trade_firms_of_the_summary(tables, demo_home: Path) -> None:
    ytd = {key: {r["uscc"]: r["ytd"] for r in t["rows"]} for key, t in tables.items()}
    by_name = {name: code for code, name in roster(demo_home).items()}
    zhenmao = by_name["漯河臻茂实业有限公司"]
    assert ytd[(2023, 12)][zhenmao] > 0
    assert all(ytd[(2024, m)].get(zhenmao, 0) == 0 for m in range(1, 6))
    assert any(zhenmao not in ytd[(2024, m)] for m in range(1, 6))
    for name in ROSTER_FALLING:
        assert ytd[(2024, 5)][by_name[name]] < Decimal("0.7") * ytd[(2023, 5)][by_name[name]]
    for name in ("漯河正腾商贸有限公司", "漯河蓉霄建材有限公司"):
        assert all(by_name[name] not in ytd[(2023, m)] for m in range(1, 13))
        assert 0 < ytd[(2024, 5)][by_name[name]] < 100


@pytest.fixture(scope="module")
def downloads(demo_home: Path) -> dict[str, bytes]:
    folder = demo_home / "landing" / "customs"
    return {p.name: p.read_bytes() for p in folder.iterdir() if "企业进出口情况" not in p.name}


def decode(raw: bytes) -> str:
    return raw[3:].decode("utf-8") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("gb18030")


def test_platform_encodings(downloads) -> None:
    assert len(downloads) == 3
    utf8 = [name for name, raw in downloads.items() if raw.startswith(b"\xef\xbb\xbf")]
    assert len(utf8) == 1
    for name, raw in downloads.items():
        if name not in utf8:
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
            assert "商品编码" in raw.decode("gb18030")


def test_platform_csv_habits(downloads) -> None:
    quoted_line = re.compile(r'^(?:"[^"]*",)+$')
    rows = 0
    headers = []
    for raw in downloads.values():
        text = decode(raw)
        assert text.endswith(",\r\n") and "\n" not in text.replace("\r\n", "")
        lines = text.split("\r\n")[:-1]
        assert all(quoted_line.match(line) for line in lines)
        table = [line[1:-2].split('","') for line in lines]
        headers.append(table[0])
        rows += len(table) - 1
        codes = [row[table[0].index("商品编码")] for row in table[1:]]
        assert all(re.fullmatch(r"\d{8}", code) for code in codes) and any(c.startswith("0") for c in codes)
        assert any("," in field for row in table[1:] for field in row)  # thousands separators
    assert 200 <= rows <= 500
    assert len({tuple(h) for h in headers}) == 3
    assert any("-" in decode(raw).split('","') for raw in downloads.values())  # an empty unit
    assert sum("数据年月" not in h for h in headers) == 1


def test_a_download_without_months_names_its_period(downloads) -> None:
    (name,) = [n for n, raw in downloads.items() if "数据年月" not in decode(raw).split("\r\n")[0]]
    assert "2024年1-5月" in name
    months = {
        line.split('","')[0].strip('"')
        for raw in downloads.values()
        for line in decode(raw).split("\r\n")[1:]
        if line.startswith('"20')
    }
    assert all(re.fullmatch(r"20(23|24)(0[1-9]|1[0-2])", m) for m in months)
