"""The services `make serve` runs and the instance settings it writes, read from the ZHAOSHANG_* settings."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from orchestration.serve import services
from orchestration.settings import keep_runs_days, prepare_dagster_home
from warehouse.home import paths


def test_the_services_are_the_daemon_the_ui_on_loopback_and_the_portal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZHAOSHANG_PORTAL", raising=False)
    monkeypatch.setenv("ZHAOSHANG_UI_PORT", "3123")
    found = {service.name: service.command for service in services()}
    assert list(found) == ["daemon", "webserver", "portal"]
    assert found["daemon"][1:] == ["run", "-m", "orchestration.definitions", "--log-level", "warning"]
    assert found["webserver"][1:6] == ["-m", "orchestration.definitions", "-h", "127.0.0.1", "-p"]
    assert found["webserver"][6] == "3123"
    assert found["portal"] == [sys.executable, "-m", "portal", "serve"]
    monkeypatch.setenv("ZHAOSHANG_PORTAL", "off")
    assert [service.name for service in services()] == ["daemon", "webserver"]


def test_the_instance_settings_monitor_runs_and_keep_the_set_days(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHAOSHANG_KEEP_RUNS_DAYS", "30")
    monkeypatch.delenv("ZHAOSHANG_DAGSTER_POSTGRES_URL", raising=False)
    where = paths(tmp_path)
    prepare_dagster_home(where)
    written = where.dagster_home / "dagster.yaml"
    config = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert written.stat().st_mode & 0o777 == 0o600
    assert config["run_monitoring"]["enabled"] is True
    assert config["run_launcher"] == {"module": "orchestration.launcher", "class": "WatchedRunLauncher"}
    assert config["retention"]["schedule"] == {"purge_after_days": 30}
    assert "storage" not in config
    monkeypatch.setenv("ZHAOSHANG_KEEP_RUNS_DAYS", "0")
    with pytest.raises(ValueError, match="至少为 1 天"):
        keep_runs_days()
