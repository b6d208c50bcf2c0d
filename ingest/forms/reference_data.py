"""The reference data as the readers use it: departments and metrics by every name they go by, exchange rates,
targets, settings. Plain Python, so a worker process reading landing files receives it without pydantic, pandas or
pandera; ingest/forms/reference.py reads and checks the files into it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from ingest.text import normalise

# How often each source is expected, and how many days after its period ends: cadence.csv when the centre
# writes one, else this. A department row overrides `departments` for that department.
DEFAULT_CADENCE = (
    {"source": "bureau", "department_code": None, "cadence": "monthly", "due_days": 20},
    {"source": "customs", "department_code": None, "cadence": "monthly", "due_days": 20},
    {"source": "departments", "department_code": None, "cadence": "weekly", "due_days": 3},
)


class Names:
    """Every way a thing is written (its code, name and aliases, normalised) -> its code."""

    def __init__(self) -> None:
        self.codes: list[str] = []
        self.code_of: dict[str, str] = {}

    def add(self, code: str, written: str) -> str | None:
        """Record a name of the code; the other code it already names, if any."""
        if code not in self.codes:
            self.codes.append(code)
        holder = self.code_of.setdefault(normalise(written), code)
        return holder if holder != code else None

    def get(self, written: object) -> str | None:
        return self.code_of.get(normalise(written))

    def nearest(self, written: object) -> list[str]:
        return difflib.get_close_matches(normalise(written), self.code_of, n=3, cutoff=0.3)


@dataclass
class Reference:
    departments: list[dict]          # code, name, aliases, reports_from
    enterprises: list[dict]          # name, aliases, uscc, customs_code
    metrics: list[dict]              # code, name, unit, aliases
    targets: list[dict]              # year, metric_code, target
    department_targets: list[dict]   # year, department_code, metric, target
    fx_rates: dict[tuple[int, int], Decimal]
    six_post_plan: list[dict]
    settings: dict                   # ranking, pipeline, calendar: the keys each YAML file sets, checked and typed
    cadence: list[dict] = field(default_factory=lambda: list(DEFAULT_CADENCE))  # source, department_code, ...
    trade_dismissed: list[dict] = field(default_factory=list)  # name, uscc, customs_code, reason

    def __post_init__(self) -> None:
        self._departments = Names()
        for dept in self.departments:
            for name in [dept["name"], dept["code"], *dept["aliases"]]:
                self._departments.add(dept["code"], name)
        self._metrics = Names()
        for metric in self.metrics:
            for name in [metric["name"], metric["code"], *metric["aliases"]]:
                self._metrics.add(metric["code"], name)

    def department_code(self, written: object) -> str:
        """Resolve a department as written (name or alias); ValueError names the nearest known ones."""
        code = self._departments.get(written)
        if code is not None:
            return code
        nearest_names = self._departments.nearest(written)
        hint = f"，最接近的是：{'、'.join(nearest_names)}" if nearest_names else ""
        known = "、".join(d["name"] for d in self.departments)
        raise ValueError(
            f"部门「{written}」不在部门名单中{hint}。已知部门：{known} (unknown department)"
        )

    def metric_code(self, written: object) -> str:
        code = self._metrics.get(written)
        if code is not None:
            return code
        known = "、".join(m["name"] + (f"（{'、'.join(m['aliases'])}）" if m["aliases"] else "") for m in self.metrics)
        raise ValueError(f"指标「{written}」无法识别，已知指标：{known} (unknown metric)")

    def metric_unit(self, code: str) -> str:
        return next(m["unit"] for m in self.metrics if m["code"] == code)

    def usd_cny(self, year: int, month: int) -> Decimal | None:
        return self.fx_rates.get((year, month))
