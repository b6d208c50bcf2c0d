"""Chinese numerals in amounts and counts read exactly (两亿, 三千万, 十二个), alone and through the loader."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.numbers import Number, parse_number
from ingest.units import amount_in
from tests.bureau.workbooks import KPI_HEADER, PROJECT_HEADER, build_warehouse, write_reference_folder
from tests.departments.books import ACTIVITY_HEADER, SIGNED_HEADER, info
from tests.workbooks import write_workbook


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("两亿", Number(Decimal(2), False, "亿")),
        ("两亿元", Number(Decimal(2), False, "亿元")),
        ("三千万", Number(Decimal(3000), False, "万")),
        ("三千万元", Number(Decimal(3000), False, "万元")),
        ("一亿两千万", Number(Decimal("1.2"), False, "亿")),
        ("一万零五百", Number(Decimal("1.05"), False, "万")),
        ("三百五", Number(Decimal(350), False, None)),
        ("两万五", Number(Decimal("2.5"), False, "万")),
        ("一亿五", Number(Decimal("1.5"), False, "亿")),
        ("一千零三", Number(Decimal(1003), False, None)),
        ("一点五亿", Number(Decimal("1.5"), False, "亿")),
        ("五百万美元", Number(Decimal(500), False, "万美元")),
        ("两千美元", Number(Decimal(2000), False, "美元")),
        ("十二个", Number(Decimal(12), False, "个")),
        ("十二", Number(Decimal(12), False, None)),
        ("一百零五", Number(Decimal(105), False, None)),
        ("三十多家", Number(Decimal(30), True, "家")),
        ("近两亿", Number(Decimal(2), True, "亿")),
        ("十余个", Number(Decimal(10), True, "个")),
        ("壹仟万元", Number(Decimal(1000), False, "万元")),
        ("3千万", Number(Decimal(3000), False, "万")),
        ("1.2亿", Number(Decimal("1.2"), False, "亿")),
    ],
)
def test_chinese_numerals_read_exactly(cell, expected) -> None:
    assert parse_number(cell) == expected


@pytest.mark.parametrize("cell", ["三三", "二〇", "十百", "万", "亿元", "一亿一亿", "两万万", "点五", "廿"])
def test_a_slip_of_the_pen_is_not_a_number(cell) -> None:
    with pytest.raises(ValueError, match="不是数字"):
        parse_number(cell)


@pytest.mark.parametrize(
    ("cell", "column_unit", "target", "expected"),
    [
        ("两亿", "亿元", "亿元", Decimal(2)),
        ("两亿", None, "万元", Decimal(20000)),
        ("三千万", "亿元", "亿元", Decimal("0.3")),
        ("三千万元", "万元", "亿元", Decimal("0.3")),
        ("一亿两千万", "亿元", "亿元", Decimal("1.2")),
        ("两万五", None, "万元", Decimal("2.5")),
        ("五百万美元", None, "万美元", Decimal(500)),
    ],
)
def test_amounts_convert_into_the_columns_unit(cell, column_unit, target, expected) -> None:
    assert amount_in(cell, column_unit, target) == (expected, False)


def test_chinese_numerals_load_from_real_workbooks(tmp_path: Path) -> None:
    home = tmp_path
    write_reference_folder(home)
    write_workbook(home / "landing" / "bureau" / "认定表.xlsx", {
        "指标认定": [KPI_HEADER, ("签约投资额", "2024年1-6月", "两亿", "亿元", "认定", dt.date(2024, 7, 12)),
                     ("签约项目", "2024年1-6月", "十二个", "个", "认定", dt.date(2024, 7, 12))],
        "项目认定": [PROJECT_HEADER, (1, "冷链物流园项目", "豫中冷链有限公司", "三千万", dt.date(2024, 5, 6), "签约",
                                     dt.date(2024, 7, 12), None, None, "招商中心", None, None)],
    })
    write_workbook(home / "landing" / "departments" / "经发局-2024年第23周.xlsx", {
        "基本信息": info("经发局", "2024年第23周"),
        "签约项目": [SIGNED_HEADER, (1, "智能制造产业园项目", "郑州某科技有限公司", "两亿", dt.date(2024, 6, 5))],
        "招商活动": [ACTIVITY_HEADER, (1, dt.date(2024, 6, 5), "考察对接", "郑州", "十二个", None, None)],
    })

    con = build_warehouse(home)
    try:
        assert con.execute("SELECT count(*) FROM audit.quarantine").fetchone() == (0,)
        assert con.execute("SELECT metric_code, value FROM raw.bureau_kpi ORDER BY 1").fetchall() == [
            ("signed_investment", Decimal(2)), ("signed_projects", Decimal(12))]
        assert con.execute("SELECT total_investment_yi_yuan FROM raw.bureau_projects").fetchall() == [
            (Decimal("0.3"),)]
        assert con.execute("SELECT total_investment_yi_yuan FROM raw.dept_signed_projects").fetchall() == [
            (Decimal(2),)]
        assert con.execute("SELECT enterprises_count FROM raw.dept_activities").fetchall() == [(12,)]
    finally:
        con.close()


def test_a_numeral_that_is_not_one_is_quarantined_on_its_cell(tmp_path: Path) -> None:
    write_reference_folder(tmp_path)
    write_workbook(tmp_path / "landing" / "bureau" / "认定表.xlsx", {
        "指标认定": [KPI_HEADER, ("签约投资额", "2024年1-6月", "两两亿", "亿元", "认定", dt.date(2024, 7, 12))],
    })
    con = build_warehouse(tmp_path)
    try:
        assert con.execute("SELECT column_name, value, rule FROM audit.quarantine").fetchall() == [
            ("认定值", "两两亿", "number")]
    finally:
        con.close()
