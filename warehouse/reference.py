"""Writing the reference data into raw.ref_* (replaced whole on every run)."""

from __future__ import annotations

import duckdb
import pandas as pd

from ingest.forms.reference import Reference
from schemas.codes import LISTS
from warehouse.database import insert_frame


def _code_rows() -> list[dict]:
    return [{"list": name, "value": code.value, "label": code.chinese, "synonyms": list(code.synonyms),
             "written": code.written, "rank": code.rank, "valuable": code.valuable, "stage": code.stage,
             "measure": code.measure}
            for name, codes in LISTS.items() for code in codes.codes]


def _settings_rows(reference: Reference) -> list[dict]:
    rows = []
    for group, values in reference.settings.items():
        for key, value in (values or {}).items():
            if not isinstance(value, dict):
                rows.append({"key": f"{group}.{key}", "value": str(value)})
    return rows


def _weight_rows(reference: Reference) -> list[dict]:
    ranking = reference.settings.get("ranking", {})
    weights = ranking.get("weights", {}) or {}
    caps = ranking.get("caps", {}) or {}
    default_cap = ranking.get("cap")
    return [{"measure": measure, "weight": str(weight), "cap": str(caps.get(measure, default_cap))
             if caps.get(measure, default_cap) is not None else None}
            for measure, weight in weights.items()]


def write_reference(con: duckdb.DuckDBPyConnection, reference: Reference) -> dict[str, int]:
    frames = {
        "departments": pd.DataFrame(reference.departments, columns=["code", "name", "aliases", "reports_from"]),
        "enterprises": pd.DataFrame(reference.enterprises, columns=["name", "aliases", "uscc", "customs_code"]),
        "metrics": pd.DataFrame(reference.metrics, columns=["code", "name", "unit", "aliases"]),
        "targets": pd.DataFrame(reference.targets, columns=["year", "metric_code", "target"]),
        "department_targets": pd.DataFrame(reference.department_targets,
                                           columns=["year", "department_code", "metric", "target"]),
        "fx_rates": pd.DataFrame([{"year": y, "month": m, "usd_cny": r} for (y, m), r in reference.fx_rates.items()],
                                 columns=["year", "month", "usd_cny"]),
        "ranking_weights": pd.DataFrame(_weight_rows(reference), columns=["measure", "weight", "cap"]),
        "settings": pd.DataFrame(_settings_rows(reference), columns=["key", "value"]),
        "six_post_plan": pd.DataFrame(reference.six_post_plan, columns=["year", "leader", "project_name", "investor"]),
        "cadence": pd.DataFrame(reference.cadence, columns=["source", "department_code", "cadence", "due_days"]),
        "trade_dismissed": pd.DataFrame(reference.trade_dismissed, columns=["name", "uscc", "customs_code", "reason"]),
        "codes": pd.DataFrame(_code_rows()),
    }
    counts = {}
    con.begin()
    for name in frames:
        con.execute(f"DELETE FROM raw.ref_{name}")
        counts[name] = insert_frame(con, f"raw.ref_{name}", frames[name])
    con.commit()
    return counts
