"""Reference data kept by the centre in <ZHAOSHANG_HOME>/reference: departments, enterprises, metrics,
targets, exchange rates, ranking weights."""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
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
}


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
    settings: dict                   # ranking.yaml and pipeline.yaml, as written

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
    for name in ("ranking.yaml", "pipeline.yaml"):
        if (folder / name).exists():
            settings[name.removesuffix(".yaml")] = yaml.safe_load((folder / name).read_text(encoding="utf-8")) or {}
    return Reference(
        departments=tables["departments.csv"],
        enterprises=tables["enterprises.csv"],
        metrics=tables["metrics.csv"],
        targets=tables["targets.csv"],
        department_targets=tables["department_targets.csv"],
        fx_rates=fx,
        six_post_plan=tables["six_post_plan.csv"],
        settings=settings,
    )
