"""Trade that cannot be summed wrong: platform downloads by registration place, a cumulative download never
counted twice, last year's same month beside this one, and unmatched enterprises that can be set aside; real
files through the loader and the SQL."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal as D
from pathlib import Path

from tests.customs.conftest import OUTSIDER, ZHENGTENG, monthly_table
from tests.marts.conftest import build, drop

MONTHLY = ["数据年月", "商品编码", "商品名称", "贸易伙伴编码", "贸易伙伴名称", "注册地编码", "注册地名称", "第一数量",
           "第一计量单位", "人民币"]
SPAN = MONTHLY[1:]


def _download(home: Path, name: str, lines: list[list[str]], arrived: dt.datetime) -> None:
    """A platform CSV as the platform writes it: GBK, every field quoted, CRLF, a trailing comma."""
    path = home / "landing" / "customs" / name
    path.write_bytes("".join(",".join(f'"{f}"' for f in line) + ",\r\n" for line in lines).encode("gbk"))
    os.utime(path, (arrived.timestamp(), arrived.timestamp()))


def _line(month: str | None, hs: str, partner: str, place: tuple[str, str], yuan: str) -> list[str]:
    return [*([month] if month else []), hs, "冻猪肉", partner, "日本", *place, "1,000", "千克", yuan]


LUOHE, XUCHANG = ("41119", "漯河"), ("41109", "许昌")


def test_a_cumulative_download_is_never_counted_twice(home: Path) -> None:
    _download(home, "海关统计_按月_2024年4-5月.csv", [
        MONTHLY, _line("202404", "02032900", "116", LUOHE, "100"), _line("202405", "02032900", "116", LUOHE, "150"),
    ], dt.datetime(2024, 6, 20, 10))
    # The same months again, summed over April-May and by partner, for 漯河 and 许昌.
    _download(home, "海关统计_2024年4-5月.csv", [
        SPAN, _line(None, "02032900", "116", LUOHE, "250"), _line(None, "02032900", "116", XUCHANG, "70"),
    ], dt.datetime(2024, 6, 21, 10))
    con = build(home)
    try:
        assert con.execute(
            "SELECT region, period_kind, month_from, month, sum(value_yuan) FROM marts.trade_by_product_partner "
            "GROUP BY ALL ORDER BY ALL").fetchall() == [
            ("漯河", "month", 4, 4, D("100.00")), ("漯河", "month", 5, 5, D("150.00")),
            ("许昌", "span", 4, 5, D("70.00"))]
        assert con.execute("SELECT sum(value_yuan) FROM marts.trade_by_product_partner WHERE region = '漯河'"
                           ).fetchone() == (D("250.00"),)
        assert con.execute("SELECT file_name, region, counted, set_aside_reason FROM core.trade_platform_coverage "
                           "WHERE NOT counted").fetchall() == [
            ("海关统计_2024年4-5月.csv", "漯河", False, "这些月份已有按月下载 monthly downloads cover these months")]
    finally:
        con.close()

    # May downloaded again, corrected: May comes from the later download only.
    _download(home, "海关统计_按月_2024年5月（更正）.csv", [
        MONTHLY, _line("202405", "02032900", "116", LUOHE, "160")], dt.datetime(2024, 6, 25, 10))
    con = build(home)
    try:
        assert con.execute("SELECT month, value_yuan, source_file FROM marts.trade_by_product_partner "
                           "WHERE region = '漯河' ORDER BY month").fetchall() == [
            (4, D("100.00"), "海关统计_按月_2024年4-5月.csv"), (5, D("160.00"), "海关统计_按月_2024年5月（更正）.csv")]
    finally:
        con.close()


def _table(home: Path, year: int, month: int, rows: list[tuple], region: str = "西城区") -> None:
    grid = monthly_table(year, month, "万元", rows, None)
    for line in grid[4:4 + len(rows)]:
        if line[1] == OUTSIDER[0]:
            line[4] = region
    drop(home, "customs", f"{year}年1-{month}月西城区企业进出口情况.xlsx", {"Sheet1": grid},
         dt.datetime(year, month + 1, 12, 10))


def _zhengteng(month: object, ytd: object) -> tuple:
    return (ZHENGTENG[0], ZHENGTENG[3], ZHENGTENG[2], month, ytd, month, ytd, 0, 0)


def test_a_month_beside_the_same_month_last_year(home: Path) -> None:
    _table(home, 2023, 5, [_zhengteng(40, 160)])
    _table(home, 2024, 5, [_zhengteng(30, 120)])
    con = build(home)
    try:
        assert con.execute(
            "SELECT year, total_wan_yuan, total_last_year_wan_yuan, month_yoy_change, total_ytd_wan_yuan, "
            "total_ytd_last_year_wan_yuan, yoy_change FROM marts.trade_monthly ORDER BY year").fetchall() == [
            (2023, D(40), None, None, D(160), None, None),
            (2024, D(30), D(40), D("-0.2500"), D(120), D(160), D("-0.2500"))]
        assert con.execute("SELECT source_file FROM marts.trade_monthly WHERE year = 2024").fetchall() == [
            ("2024年1-5月西城区企业进出口情况.xlsx",)]
    finally:
        con.close()


def test_an_unmatched_enterprise_shows_where_it_is_registered_and_can_be_set_aside(home: Path) -> None:
    outsider = (OUTSIDER[0], OUTSIDER[3], OUTSIDER[2], 55.14, 203.20, 33.08, 121.92, 22.06, 81.28)
    _table(home, 2024, 5, [_zhengteng(30, 120), outsider], region="召陵区")
    con = build(home)
    try:
        assert con.execute("SELECT enterprise_name, region, uscc_division_code, customs_area_code "
                           "FROM marts.trade_unmatched").fetchall() == [(OUTSIDER[0], "召陵区", "411104", "4111")]
    finally:
        con.close()

    (home / "reference" / "trade_dismissed.csv").write_text(
        f"name,uscc,customs_code,reason\n{OUTSIDER[0]},{OUTSIDER[2]},,召陵区企业，不属西城区\n", encoding="utf-8")
    con = build(home)
    try:
        assert con.execute("SELECT count(*) FROM marts.trade_unmatched").fetchone() == (0,)
        # Still not the district's trade: set aside is not added.
        assert con.execute("SELECT total_ytd_wan_yuan FROM marts.trade_monthly").fetchall() == [(D(120),)]
    finally:
        con.close()
