"""Housekeeping: runs older than ZHAOSHANG_KEEP_RUNS_DAYS go with their events, and the check-result CSVs with them;
newer runs and the archive stay. The runs are real runs of the housekeeping job on a real SQLite instance, made
old by setting back the creation time the run storage keeps."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import dagster as dg
import pytest

from orchestration.definitions import build_definitions
from orchestration.settings import instance_config, prepare_dagster_home
from warehouse.home import paths


def _age(dagster_home: Path, run_id: str, days: int) -> None:
    with sqlite3.connect(dagster_home / "history" / "runs.db") as db:
        db.execute("UPDATE runs SET create_timestamp = datetime('now', ?) WHERE run_id = ?", [f"-{days} days", run_id])


def _check_folder(home: Path, name: str, days_old: int) -> Path:
    folder = home / "reports" / "checks" / name
    folder.mkdir(parents=True)
    (folder / "marts.kpi_completion__rule.csv").write_text("\ufeff指标\n新增注册企业\n", encoding="utf-8")
    then = time.time() - days_old * 86400
    os.utime(folder, (then, then))
    return folder


def test_runs_and_check_results_older_than_the_setting_are_pruned_the_archive_never(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHAOSHANG_KEEP_RUNS_DAYS", "30")
    where = paths(home)
    prepare_dagster_home(where)
    job = build_definitions(str(home)).resolve_job_def("housekeeping")
    archived = home / "archive" / "ab" / ("ab" * 32 + ".xlsx")
    archived.parent.mkdir(parents=True)
    archived.write_bytes(b"kept for ever")
    os.utime(archived, (time.time() - 400 * 86400,) * 2)
    with dg.DagsterInstance.from_config(str(where.dagster_home)) as instance:
        old, older, recent = (job.execute_in_process(instance=instance).run_id for _ in range(3))
        _age(where.dagster_home, old, 31)
        _age(where.dagster_home, older, 200)
        stale = _check_folder(home, old, 31)
        fresh = _check_folder(home, recent, 29)

        result = job.execute_in_process(instance=instance)

        assert result.success
        assert instance.get_run_by_id(old) is None and instance.get_run_by_id(older) is None
        assert instance.all_logs(old) == [] and instance.all_logs(older) == []
        assert instance.get_run_by_id(recent) is not None and instance.all_logs(recent)
        assert instance.get_run_by_id(result.run_id) is not None
        messages = [e.user_message for e in instance.all_logs(result.run_id) if "删除了" in e.user_message]
    assert messages == ["删除了 30 天前的 2 次运行记录和 1 个检查结果目录 (deleted 2 runs and 1 check-result folders "
                        "older than 30 days); 归档文件不删除 (the archive is kept)"]
    assert not stale.exists() and fresh.exists()
    assert archived.read_bytes() == b"kept for ever"


def test_dagster_prunes_ticks_after_the_same_number_of_days(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHAOSHANG_KEEP_RUNS_DAYS", "45")
    retention = instance_config()["retention"]
    assert retention["schedule"] == {"purge_after_days": 45}
    assert retention["sensor"]["purge_after_days"] == {"skipped": 1, "failure": 45, "success": 45}
