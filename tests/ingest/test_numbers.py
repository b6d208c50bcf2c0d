from decimal import Decimal

import pytest

from ingest.numbers import Number, parse_number


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (12, Number(Decimal(12), False, None)),
        (1116.12, Number(Decimal("1116.12"), False, None)),
        (8.0, Number(Decimal(8), False, None)),
        (Decimal("2.18"), Number(Decimal("2.18"), False, None)),
        ("１２", Number(Decimal(12), False, None)),
        ("1,116.12", Number(Decimal("1116.12"), False, None)),
        ("１，１１６．１２", Number(Decimal("1116.12"), False, None)),
        (" 5 300 ", Number(Decimal(5300), False, None)),
        ("-5", Number(Decimal(-5), False, None)),
        ("−5", Number(Decimal(-5), False, None)),
        ("1.2亿", Number(Decimal("1.2"), False, "亿")),
        ("3500万", Number(Decimal(3500), False, "万")),
        ("3500万元", Number(Decimal(3500), False, "万元")),
        ("18万美元", Number(Decimal(18), False, "万美元")),
        ("12.5%", Number(Decimal("12.5"), False, "%")),
        ("121条", Number(Decimal(121), False, "条")),
        ("10余", Number(Decimal(10), True, None)),
        ("70余次", Number(Decimal(70), True, "次")),
        ("近70%", Number(Decimal(70), True, "%")),
        ("约5", Number(Decimal(5), True, None)),
        ("5以上", Number(Decimal(5), True, None)),
        ("20多", Number(Decimal(20), True, None)),
        ("20多个", Number(Decimal(20), True, "个")),
    ],
)
def test_parses_what_clerks_write(cell, expected):
    assert parse_number(cell) == expected


def test_float_value_is_exact_decimal():
    number = parse_number(1116.12)
    assert isinstance(number.value, Decimal)
    assert str(number.value) == "1116.12"


@pytest.mark.parametrize("cell", [None, "", " ", "-", "—", "/", "无", float("nan")])
def test_nothing_is_none_not_zero(cell):
    assert parse_number(cell) is None


@pytest.mark.parametrize("cell", ["abc", "1,11", "12..5", "万", "1.2吨", "5-6", object()])
def test_rejects_non_numbers_in_chinese(cell):
    with pytest.raises(ValueError, match="不是数字"):
        parse_number(cell)


def test_bool_is_not_a_number():
    with pytest.raises(ValueError, match="不是数字"):
        parse_number(True)
