"""The hostile corpus dropped beside the demo, with a link, a device, hidden files and a copy, through the real
nightly job (readers in worker processes): each file ends the night as its case says, the demo's figures are
published unchanged, and every load accounts for every row it read."""

from __future__ import annotations

import os
import shutil

import duckdb
import pytest

from orchestration.definitions import build_definitions
from tests.conftest import copy_demo
from tests.hostile.corpus import outcomes_unlike_their_cases, write_corpus

# The demo's 2024 figures, table by table: the corpus is dated 2019 and must leave every one of them as it was.
FIGURES = {
    "marts.kpi_latest": "year = 2024",
    "marts.department_totals": "iso_year = 2024",
    "marts.department_ranking": "iso_year = 2024",
    "marts.trade_monthly": "year = 2024",
    "marts.trade_by_enterprise": "year = 2024",
    "marts.six_post_projects": "year = 2024",
    "marts.pipeline_funnel": "year = 2024",
}


def _figures(database) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {table: sorted(con.execute(f"SELECT * FROM {table} WHERE {where}").fetchall(), key=repr)
                for table, where in FIGURES.items()}


@pytest.fixture(scope="module")
def hostile_night(demo_inputs, tmp_path_factory):
    home = copy_demo(demo_inputs, tmp_path_factory.mktemp("hostile_night"))
    write_corpus(home)
    secret = tmp_path_factory.mktemp("outside") / "secret.csv"
    secret.write_text("机密\n", encoding="utf-8")
    landing = home / "landing"
    (landing / "bureau" / "快捷方式.csv").symlink_to(secret)
    os.mkfifo(landing / "customs" / "管道.csv")
    (landing / "departments" / ".草稿.xlsx").write_bytes(b"draft")
    first = next((landing / "departments").glob("*.xlsx"))
    shutil.copy(first, landing / "departments" / f"副本-{first.name}")
    result = build_definitions(str(home)).resolve_job_def("nightly").execute_in_process(raise_on_error=False)
    return home, result


def test_every_hostile_file_ends_the_night_as_its_case_says(hostile_night) -> None:
    home, result = hostile_night
    assert result.success
    with duckdb.connect(str(home / "warehouse" / "zhaoshang.duckdb"), read_only=True) as con:
        assert outcomes_unlike_their_cases(con) == []
        skipped = dict(con.execute("SELECT file_name, reason FROM audit.skipped_files").fetchall())
    assert skipped["快捷方式.csv"] == "not_a_regular_file" and skipped["管道.csv"] == "not_a_regular_file"
    assert skipped[".草稿.xlsx"] == "hidden" and next(r for n, r in skipped.items() if n.startswith("副本-")) == \
        "same_content"


def test_the_demos_figures_are_published_unchanged_beside_the_corpus(hostile_night, demo_run) -> None:
    home, _ = hostile_night
    assert _figures(home / "warehouse" / "zhaoshang.duckdb") == _figures(demo_run.published)
