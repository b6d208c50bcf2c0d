"""Reference data kept by the centre in <ZHAOSHANG_HOME>/reference: departments, enterprises, metrics,
targets, exchange rates, ranking weights, how often each source reports, customs enterprises set aside."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from ingest.text import normalise

REQUIRED_FILES = {
    "departments.csv": ("code", "name", "aliases"),
    "enterprises.csv": ("name", "aliases", "uscc", "customs_code"),
    "metrics.csv": ("code", "name", "unit", "aliases"),
    "targets.csv": ("year", "metric_code", "target"),
    "fx_rates.csv": ("year", "month", "usd_cny"),
}
OPTIONAL_FILES = {
    "department_targets.csv": ("year", "department_code", "metric", "target"),
    "six_post_plan.csv": ("year", "leader", "project_name", "investor"),
    "cadence.csv": ("source", "department", "cadence", "due_days"),
    "trade_dismissed.csv": ("name", "uscc", "customs_code", "reason"),
}
SETTINGS_FILES = ("ranking.yaml", "pipeline.yaml", "calendar.yaml")

# How often each source is expected, and how many days after its period ends: cadence.csv when the centre
# writes one, else this. A department row overrides `departments` for that department.
CADENCE_SOURCES = ("bureau", "customs", "customs_platform", "departments")
CADENCES = ("weekly", "monthly")
DEFAULT_CADENCE = (
    {"source": "bureau", "department_code": None, "cadence": "monthly", "due_days": 20},
    {"source": "customs", "department_code": None, "cadence": "monthly", "due_days": 20},
    {"source": "departments", "department_code": None, "cadence": "weekly", "due_days": 3},
)


class ReferenceError(Exception):
    """A reference file is missing or wrong; the message names the file, the row and the column."""


def _aliases(text: str | None) -> list[str]:
    return [a.strip() for a in (text or "").split("|") if a.strip()]


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceError(f"{path.name}: 缺少列 {', '.join(missing)} (missing columns)")
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _decimal(path: Path, line: int, column: str, text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ReferenceError(f"{path.name} 第{line}行 {column}: 「{text}」不是数字 (not a number)") from None


@dataclass
class Reference:
    departments: list[dict]          # code, name, aliases
    enterprises: list[dict]          # name, aliases, uscc, customs_code
    metrics: list[dict]              # code, name, unit, aliases
    targets: list[dict]              # year, metric_code, target
    department_targets: list[dict]   # year, department_code, metric, target
    fx_rates: dict[tuple[int, int], Decimal]
    six_post_plan: list[dict]
    settings: dict                   # ranking.yaml, pipeline.yaml and calendar.yaml, as written
    cadence: list[dict] = field(default_factory=lambda: list(DEFAULT_CADENCE))  # source, department_code, ...
    trade_dismissed: list[dict] = field(default_factory=list)  # name, uscc, customs_code, reason

    def __post_init__(self) -> None:
        self._department_by_name = {}
        for dept in self.departments:
            for name in [dept["name"], dept["code"], *dept["aliases"]]:
                self._department_by_name[normalise(name)] = dept["code"]
        self._metric_by_name = {}
        for metric in self.metrics:
            for name in [metric["name"], metric["code"], *metric["aliases"]]:
                self._metric_by_name[normalise(name)] = metric["code"]

    def department_code(self, written: object) -> str:
        """Resolve a department as written (name or alias); ValueError names the nearest known ones."""
        key = normalise(written)
        if key in self._department_by_name:
            return self._department_by_name[key]
        nearest = difflib.get_close_matches(key, self._department_by_name, n=3, cutoff=0.3)
        hint = f"，最接近的是：{'、'.join(nearest)}" if nearest else ""
        known = "、".join(d["name"] for d in self.departments)
        raise ValueError(
            f"部门「{written}」不在部门名单中{hint}。已知部门：{known} (unknown department)"
        )

    def metric_code(self, written: object) -> str:
        key = normalise(written)
        if key in self._metric_by_name:
            return self._metric_by_name[key]
        known = "、".join(m["name"] + (f"（{'、'.join(m['aliases'])}）" if m["aliases"] else "") for m in self.metrics)
        raise ValueError(f"指标「{written}」无法识别，已知指标：{known} (unknown metric)")

    def metric_unit(self, code: str) -> str:
        return next(m["unit"] for m in self.metrics if m["code"] == code)

    def usd_cny(self, year: int, month: int) -> Decimal | None:
        return self.fx_rates.get((year, month))


def load_reference(folder: Path) -> Reference:
    missing = [name for name in REQUIRED_FILES if not (folder / name).exists()]
    if missing:
        raise ReferenceError(f"参考数据目录 {folder} 缺少文件：{', '.join(missing)} (missing reference files)")
    tables = {
        name: _read_csv(folder / name, columns) if (folder / name).exists() else []
        for name, columns in (REQUIRED_FILES | OPTIONAL_FILES).items()
    }
    for row in tables["departments.csv"] + tables["enterprises.csv"] + tables["metrics.csv"]:
        row["aliases"] = _aliases(row["aliases"])
    for name, column in (("targets.csv", "target"), ("department_targets.csv", "target")):
        for line, row in enumerate(tables[name], start=2):
            row["year"] = int(row["year"])
            row[column] = _decimal(folder / name, line, column, row[column])
    fx = {}
    for line, row in enumerate(tables["fx_rates.csv"], start=2):
        fx[(int(row["year"]), int(row["month"]))] = _decimal(folder / "fx_rates.csv", line, "usd_cny", row["usd_cny"])
    for row in tables["six_post_plan.csv"]:
        row["year"] = int(row["year"])
    settings = {}
    for name in SETTINGS_FILES:
        if (folder / name).exists():
            settings[name.removesuffix(".yaml")] = yaml.safe_load((folder / name).read_text(encoding="utf-8")) or {}
    _check_as_of(folder / "calendar.yaml", settings.get("calendar", {}))
    reference = Reference(
        departments=tables["departments.csv"],
        enterprises=tables["enterprises.csv"],
        metrics=tables["metrics.csv"],
        targets=tables["targets.csv"],
        department_targets=tables["department_targets.csv"],
        fx_rates=fx,
        six_post_plan=tables["six_post_plan.csv"],
        settings=settings,
        trade_dismissed=[{k: row[k] or None for k in OPTIONAL_FILES["trade_dismissed.csv"]}
                         for row in tables["trade_dismissed.csv"]],
    )
    if (folder / "cadence.csv").exists():
        reference.cadence = _cadence(folder / "cadence.csv", tables["cadence.csv"], reference)
    return reference


def _check_as_of(path: Path, calendar: dict) -> None:
    value = calendar.get("as_of")
    if value is not None and not isinstance(value, dt.date):
        raise ReferenceError(f"{path.name} as_of: 「{value}」不是日期，应写作2024-07-15 (not a date)")


def _cadence(path: Path, rows: list[dict[str, str]], reference: Reference) -> list[dict]:
    """cadence.csv: source, department (blank for the source as a whole), cadence, due_days."""
    cadence, seen = [], set()
    for line, row in enumerate(rows, start=2):
        where = f"{path.name} 第{line}行"
        if row["source"] not in CADENCE_SOURCES:
            raise ReferenceError(f"{where} source: 「{row['source']}」应为{'、'.join(CADENCE_SOURCES)}之一 "
                                 "(unknown source)")
        if row["cadence"] not in CADENCES:
            raise ReferenceError(f"{where} cadence: 「{row['cadence']}」应为 weekly 或 monthly (unknown cadence)")
        if not row["due_days"].isdigit():
            raise ReferenceError(f"{where} due_days: 「{row['due_days']}」应为天数（0或正整数）(not a number of days)")
        department = None
        if row["department"]:
            if row["source"] != "departments":
                raise ReferenceError(f"{where} department: 只有 departments 可以按部门设置 (only departments)")
            try:
                department = reference.department_code(row["department"])
            except ValueError as err:
                raise ReferenceError(f"{where} department: {err}") from None
        if (row["source"], department) in seen:
            raise ReferenceError(f"{where}: {row['source']} {row['department']} 已经设置过 (set twice)")
        seen.add((row["source"], department))
        cadence.append({"source": row["source"], "department_code": department, "cadence": row["cadence"],
                        "due_days": int(row["due_days"])})
    return cadence
