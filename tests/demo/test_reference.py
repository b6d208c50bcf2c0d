"""The reference folder holds exactly the tables other modules parse, in the agreed formats."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import yaml

from demo.department_plan import MONTHLY, WEEKLY
from ingest.forms.reference import load_reference

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_valid(code: str) -> bool:
    """GB 32100-2015, written out again here so the test does not trust the generator's own check."""
    if len(code) != 18 or any(char not in CHARSET for char in code):
        return False
    total = sum(CHARSET.index(char) * weight for char, weight in zip(code[:17], WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31] == code[17]


def read(home: Path, name: str) -> list[dict[str, str]]:
    with (home / "reference" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_departments_with_their_aliases(demo_home: Path) -> None:
    rows = {
        row["code"]: (row["name"], row["aliases"].split("|")) for row in read(demo_home, "departments.csv")
    }
    assert len(rows) == 10
    assert rows["D01"] == ("招商服务中心", ["招商中心"])
    assert rows["D02"] == ("经济发展局", ["经发局", "区经发局"])
    assert rows["D10"] == ("新城办事处", ["新城办", "新城街道办事处"])


def test_enterprise_roster_codes_are_valid(demo_home: Path) -> None:
    rows = read(demo_home, "enterprises.csv")
    assert list(rows[0]) == ["name", "aliases", "uscc", "customs_code"]
    by_name = {row["name"]: row for row in rows}
    assert by_name["漯河臻茂实业有限公司"]["uscc"] == "9141110052601815XC"
    assert by_name["河南豫多鲜农业科技有限公司"]["aliases"] == "豫多鲜农业科技|豫多鲜"
    assert all(uscc_valid(row["uscc"]) for row in rows)
    assert all(row["customs_code"].startswith("4111") and len(row["customs_code"]) == 10 for row in rows)


def test_metrics_and_targets(demo_home: Path) -> None:
    metrics = {row["code"]: row for row in read(demo_home, "metrics.csv")}
    assert metrics["trade_total"]["unit"] == "万元"
    assert "实际利用外资" in metrics["foreign_capital"]["aliases"].split("|")
    targets = {
        (row["year"], row["metric_code"]): Decimal(row["target"]) for row in read(demo_home, "targets.csv")
    }
    assert targets[("2024", "signed_projects")] == 12
    assert targets[("2024", "trade_total")] == 5300
    assert targets[("2023", "trade_total")] == 3000
    assert {code for year, code in targets if year == "2023"} == set(metrics)


def test_department_targets_cover_every_department(demo_home: Path) -> None:
    rows = read(demo_home, "department_targets.csv")
    assert {(row["department_code"], row["metric"]) for row in rows} == {
        (f"D{n:02d}", metric)
        for n in range(1, 11)
        for metric in ("valuable_leads", "signed_projects", "registered_enterprises", "enterprises_visited")
    }


def test_a_rate_for_every_month_of_two_years(demo_home: Path) -> None:
    rows = read(demo_home, "fx_rates.csv")
    assert [(int(r["year"]), int(r["month"])) for r in rows] == [
        (y, m) for y in (2023, 2024) for m in range(1, 13)
    ]
    assert all(
        len(r["usd_cny"].split(".")[1]) == 4 and 7 < Decimal(r["usd_cny"]) < Decimal("7.3") for r in rows
    )


def test_six_posts_plan_ten_projects(demo_home: Path) -> None:
    rows = read(demo_home, "six_post_plan.csv")
    assert len(rows) == 10
    per_post: dict[str, int] = {}
    for row in rows:
        per_post[row["leader"]] = per_post.get(row["leader"], 0) + 1
    assert len(per_post) == 6 and set(per_post.values()) <= {1, 2}


def test_yaml_settings(demo_home: Path) -> None:
    ranking = yaml.safe_load((demo_home / "reference" / "ranking.yaml").read_text(encoding="utf-8"))
    assert set(ranking["weights"]) == {
        "valuable_leads",
        "signed_projects",
        "yi_projects",
        "registered_enterprises",
        "enterprises_visited",
        "investor_meetings",
        "trips",
    }
    assert sum(Decimal(str(w)) for w in ranking["weights"].values()) == 1
    assert (ranking["red_list_size"], ranking["black_list_size"]) == (3, 3)
    assert ranking["completion_rate_cap"] == 1.5
    pipeline = yaml.safe_load((demo_home / "reference" / "pipeline.yaml").read_text(encoding="utf-8"))
    assert pipeline == {"fulfilment_rate_denominator": "signed", "start_rate_denominator": "signed"}


def test_each_department_starts_with_its_first_2024_report(demo_home: Path) -> None:
    # reports_from as a clerk writes it, read by the reference model; it must fall on the department's first
    # report of 2024 (department_plan), so the demo owes nothing before a department could have sent it.
    starts = {d["code"]: d["reports_from"] for d in load_reference(demo_home / "reference").departments}
    first = {code: dt.date.fromisocalendar(2024, weeks[0], 1) for code, weeks in WEEKLY.items()}
    first |= {code: dt.date(2024, months[0], 1) for code, months in MONTHLY.items()}
    assert {code: day for code, day in starts.items() if day} == {
        code: day for code, day in first.items() if code not in ("D01", "D02", "D10")}
    # The three December pilots start with their targets' year: week 1 of 2024.
    assert [first[code] for code in ("D01", "D02", "D10")] == [dt.date(2024, 1, 1), dt.date(2024, 1, 8),
                                                                dt.date(2024, 1, 8)]
    assert [starts[code] for code in ("D01", "D02", "D10")] == [None, None, None]
