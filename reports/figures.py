"""How figures are written in a 工作总结: exact decimals without trailing zeros, rates as percentages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from schemas.codes import code_list

STATUS_ZH = {code.value: code.chinese for code in code_list("kpi_status").codes}
BASIS_ZH = {code.value: code.chinese for code in code_list("kpi_basis").codes}
LIST_ZH = {code.value: code.chinese for code in code_list("ranking_list").codes}
UNRANKED = "未排名"  # a department that did not send what it owed is not ranked as if it had
# What each department figure (a column of marts.department_totals / department_weekly) counts, and its unit.
DEPARTMENT_MEASURES = {
    "valuable_leads": ("有价值线索", "条"), "signed_projects": ("签约项目", "个"), "yi_projects": ("亿元项目", "个"),
    "signed_investment_yi_yuan": ("签约项目总投资", "亿元"), "registered_enterprises": ("注册企业", "家"),
    "trips": ("外出招商", "次"), "trip_cities": ("外出招商城市", "个"), "enterprises_visited": ("考察对接企业", "家"),
    "investor_meetings": ("会见客商", "次"), "promotions": ("推介活动", "场"),
    "departments_reporting": ("已报送部门", "个"),
}

_DIGITS = "零一二三四五六七八九"


def amount(value: object) -> str:
    """Decimal('10.0000') -> '10', Decimal('2.1800') -> '2.18', 3.5 -> '3.5'."""
    if value is None:
        return "—"
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def percent(rate: object, places: int = 2) -> str:
    """A fraction as a percentage: 0.6 -> '60%', 0.6667 -> '66.67%', 0.2106 -> '21.06%'."""
    if rate is None:
        return "—"
    number = rate if isinstance(rate, Decimal) else Decimal(str(rate))
    return amount((number * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)) + "%"


def points(gap: object) -> str:
    """Percentage points, without sign: Decimal('-20.61') -> '20.61个百分点'."""
    return amount(abs(gap if isinstance(gap, Decimal) else Decimal(str(gap)))) + "个百分点"


def chinese_number(n: int) -> str:
    """12 -> '十二', 13 -> '十三', 20 -> '二十', 7 -> '七' (the batch numbers of 三个一批, below 100)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else _DIGITS[tens]) + "十" if tens else ""
    return text + (_DIGITS[ones] if ones else "")
