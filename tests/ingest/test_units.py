from decimal import Decimal

import pytest

from ingest.units import amount_in, convert, normalise_unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("单位：万元", "万元"),
        ("单位:元", "元"),
        ("金额单位：千美元", "千美元"),
        ("（亿元）", "亿元"),
        ("(单位：万元)", "万元"),
        ("千美元", "千美元"),
        ("人民币", "元"),
        ("美元", "美元"),
        ("%", "%"),
        ("个", "个"),
        ("全称", None),
        (None, None),
    ],
)
def test_normalise_unit(text, unit):
    assert normalise_unit(text) == unit


@pytest.mark.parametrize(
    ("cell", "column_unit", "target", "expected"),
    [
        ("3500万", "亿元", "亿元", (Decimal("0.35"), False)),
        ("1.2亿", "万元", "万元", (Decimal(12000), False)),
        ("1.2亿", None, "万元", (Decimal(12000), False)),
        ("3500万元", "亿元", "万元", (Decimal(3500), False)),
        (3500, "单位：万元", "亿元", (Decimal("0.35"), False)),
        (1116.12, "万元", "元", (Decimal(11161200), False)),
        ("11,161,200", "元", "万元", (Decimal("1116.12"), False)),
        ("1,234", "千元", "万元", (Decimal("123.4"), False)),
        ("10余", "亿元", "亿元", (Decimal(10), True)),
        ("2.18", None, "亿元", (Decimal("2.18"), False)),
        ("70余次", "次", "个", (Decimal(70), True)),
        ("68家", None, "家", (Decimal(68), False)),
        ("1.2万", None, "人", (Decimal(12000), False)),
        ("180", "千美元", "万美元", (Decimal(18), False)),
    ],
)
def test_amount_in(cell, column_unit, target, expected):
    assert amount_in(cell, column_unit, target) == expected


def test_cell_unit_wins_over_column_unit():
    assert amount_in("5000万元", "亿元", "亿元") == (Decimal("0.5"), False)


def test_empty_cell_is_none():
    assert amount_in("—", "万元", "亿元") is None


def test_currency_conversion_needs_rate():
    assert amount_in("18", "万美元", "万元", usd_cny=Decimal("7.1")) == (Decimal("127.8"), False)
    with pytest.raises(ValueError, match="汇率"):
        amount_in("18", "万美元", "万元")


def test_bare_magnitude_takes_currency_of_dollar_column():
    assert amount_in("1.8万", "千美元", "万美元") == (Decimal("1.8"), False)


def test_convert_is_exact_decimal():
    assert convert(Decimal("0.1"), "亿元", "元") == Decimal(10000000)
    assert convert(Decimal(710), "万元", "万美元", Decimal("7.1")) == Decimal(100)


def test_incompatible_units():
    with pytest.raises(ValueError, match="不能换算"):
        amount_in("12个", "个", "万元")
    with pytest.raises(ValueError, match="不认识的单位"):
        convert(Decimal(1), "吨", "万元")
