"""Monthly imports and exports per enterprise (万元), spread from the chosen yearly totals in figures.py."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from demo import figures

CENT = D("0.01")


@dataclass(frozen=True)
class Flow:
    exports: D
    imports: D

    @property
    def total(self) -> D:
        return self.exports + self.imports

    def __add__(self, other: Flow) -> Flow:
        return Flow(self.exports + other.exports, self.imports + other.imports)


NOTHING = Flow(D("0.00"), D("0.00"))


def _round_to(value: D, quantum: D) -> D:
    return ((value / quantum).to_integral_value(ROUND_HALF_UP) * quantum).quantize(CENT)


def _quantum(year: int, month: int) -> D:
    return figures.KUSD_QUANTUM if (year, month) == figures.KUSD_MONTH else CENT


def _spread(year: int, total: D, weights: tuple[int, ...], share: D) -> list[Flow]:
    """Split total over the months by weight; the last trading month takes the rounding remainder."""
    last = max(i for i, weight in enumerate(weights) if weight)
    flows, spent = [], D("0")
    for index, weight in enumerate(weights):
        quantum = _quantum(year, index + 1)
        if not weight:
            flows.append(NOTHING)
            continue
        month_total = total - spent if index == last else _round_to(total * weight / sum(weights), quantum)
        spent += month_total
        exports = _round_to(month_total * share, quantum)
        flows.append(Flow(exports, month_total - exports))
    return flows


def roster_months(year: int) -> dict[str, list[Flow]]:
    """Per roster enterprise (short name), its flow in each month of the year's tables."""
    if year == 2023:
        totals, weights = figures.TRADE_2023, figures.MONTH_WEIGHTS_2023
    else:
        totals, weights = figures.TRADE_2024_JAN_MAY, figures.MONTH_WEIGHTS_2024
    months = {name: _spread(year, totals[name], weights[name], figures.EXPORT_SHARE[name]) for name in totals}
    if year == 2024:
        # 臻茂实业 stopped production: it stays in the first tables of the year with nothing traded.
        months[figures.ZHENMAO] = [NOTHING] * len(weights[figures.YUDUOXIAN])
    return months


def outsider_month(year: int, month: int) -> Flow | None:
    total = figures.OUTSIDER_TRADE.get((year, month))
    if total is None:
        return None
    exports = _round_to(total * D("0.6"), _quantum(year, month))
    return Flow(exports, total - exports)


def cumulative(flows: list[Flow], month: int) -> Flow:
    result = NOTHING
    for flow in flows[:month]:
        result = result + flow
    return result


def roster_total(year: int, month: int) -> D:
    """Year-to-date import+export of the district's roster enterprises through the month (万元)."""
    return sum((cumulative(flows, month).total for flows in roster_months(year).values()), D("0.00"))
