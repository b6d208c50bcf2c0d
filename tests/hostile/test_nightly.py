"""The hostile corpus dropped beside the demo, with a link, a device, hidden files and a copy, through the real
nightly job (readers in worker processes): each file ends the night as its case says, the demo's figures are
published unchanged, and every load accounts for every row it read."""

from __future__ import annotations

import os
import shutil

import duckdb
import pytest

from demo import generate
from orchestration.definitions import build_definitions
from tests.hostile.corpus import CASES, write_corpus

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
def hostile_night(tmp_path_factory):
    home = tmp_path_factory.mktemp("hostile_night")
    generate(home)
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
        loads = {(source, name): (load_id, status, read, accepted, rejected, message)
                 for load_id, source, name, status, read, accepted, rejected, message in con.execute(
                     "SELECT load_id, source, file_name, status, rows_read, rows_accepted, rows_rejected, message"
                     " FROM audit.loads").fetchall()}
        quarantine = con.execute("SELECT load_id, sheet, row_number, column_name, rule FROM audit.quarantine"
                                 ).fetchall()
        findings = con.execute("SELECT load_id, sheet, rule FROM audit.file_findings").fetchall()
        skipped = dict(con.execute("SELECT file_name, reason FROM audit.skipped_files").fetchall())
        unbalanced = con.execute("SELECT count(*) FROM audit.loads WHERE rows_read <> rows_accepted + rows_rejected"
                                 ).fetchone()[0]
    for case in CASES:
        load_id, status, read, accepted, rejected, message = loads[(case.source, case.file_name)]
        if case.rejected:
            assert (status, case.rejected in message) == ("rejected", True), (case.name, message)
            continue
        assert (status, accepted, rejected) == ("loaded", case.accepted, case.rows_rejected), case.name
        assert {row[1:] for row in quarantine if row[0] == load_id} == case.quarantined, case.name
        assert {row[1:] for row in findings if row[0] == load_id} == case.findings, case.name
    assert unbalanced == 0
    assert skipped["快捷方式.csv"] == "not_a_regular_file" and skipped["管道.csv"] == "not_a_regular_file"
    assert skipped[".草稿.xlsx"] == "hidden" and next(r for n, r in skipped.items() if n.startswith("副本-")) == \
        "same_content"


def test_the_demos_figures_are_published_unchanged_beside_the_corpus(hostile_night, demo_run) -> None:
    home, _ = hostile_night
    assert _figures(home / "warehouse" / "zhaoshang.duckdb") == _figures(demo_run.published)
