"""The Dagster side's settings, each read from the environment here and nowhere else, and the instance's
DAGSTER_HOME (the home's folders are chosen by warehouse/home.py)."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from warehouse.home import Paths

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def ui_port() -> int:
    """The UI's port on 127.0.0.1: 3000 unless ZHAOSHANG_UI_PORT says otherwise."""
    return int(os.environ.get("ZHAOSHANG_UI_PORT") or 3000)


def portal_enabled() -> bool:
    """Whether `make serve` starts the departments' portal: yes unless ZHAOSHANG_PORTAL=off."""
    return (os.environ.get("ZHAOSHANG_PORTAL") or "on").strip().lower() != "off"


def postgres_url() -> str | None:
    """The PostgreSQL database that keeps the instance's history (`postgresql://user@host:port/db`), or None for
    the SQLite files under DAGSTER_HOME."""
    return os.environ.get("ZHAOSHANG_DAGSTER_POSTGRES_URL") or None


def pg_bin() -> Path | None:
    """The folder of the `pg_dump` and `pg_restore` that backup and restore use (ZHAOSHANG_PG_BIN), or None for those
    on PATH. They must be of the server's major version: a pg_dump refuses a newer server, a pg_restore an archive
    a newer pg_dump wrote."""
    folder = os.environ.get("ZHAOSHANG_PG_BIN")
    return Path(folder) if folder else None


def keep_runs_days() -> int:
    """How many days of run history, sensor and schedule ticks and check-result CSVs are kept: 90 unless
    ZHAOSHANG_KEEP_RUNS_DAYS says otherwise. The archive is kept for ever whatever this says."""
    days = int(os.environ.get("ZHAOSHANG_KEEP_RUNS_DAYS") or 90)
    if days < 1:
        raise ValueError(f"ZHAOSHANG_KEEP_RUNS_DAYS 必须至少为 1 天 (at least one day), not {days}")
    return days


def nightly_cron() -> str:
    """When the nightly job runs, as cron in Asia/Shanghai time: 02:00 unless ZHAOSHANG_NIGHTLY_CRON says otherwise."""
    return os.environ.get("ZHAOSHANG_NIGHTLY_CRON") or "0 2 * * *"


def _sqlalchemy_url(url: str) -> str:
    """The operator's `postgresql://…` with the driver installed (psycopg2) named: SQLAlchemy 2.1 would otherwise
    look for psycopg 3."""
    scheme, sep, rest = url.partition("://")
    return f"postgresql+psycopg2://{rest}" if sep and scheme in ("postgresql", "postgres") else url


def instance_config() -> dict:
    """orchestration/dagster.yaml with the storage and the retention the settings choose."""
    config = yaml.safe_load((PROJECT_ROOT / "orchestration" / "dagster.yaml").read_text(encoding="utf-8"))
    days = keep_runs_days()
    # A skipped sensor tick (every 5 s, "no new files") is worth a day; the rest as long as the runs.
    config["retention"] = {"schedule": {"purge_after_days": days},
                           "sensor": {"purge_after_days": {"skipped": 1, "failure": days, "success": days}}}
    if postgres_url():
        config["storage"] = {"postgres": {"postgres_url": _sqlalchemy_url(postgres_url())}}
    return config


def dagster_env(where: Paths) -> dict[str, str]:
    """The environment of a process that opens the instance: its homes, and the checkout on the import path, since
    the instance's run launcher (orchestration/launcher.py) is ours and Dagster's commands start outside it."""
    path = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    return dict(os.environ, DAGSTER_HOME=str(where.dagster_home), ZHAOSHANG_HOME=str(where.home), PYTHONPATH=path)


def prepare_dagster_home(where: Paths) -> None:
    """DAGSTER_HOME under ZHAOSHANG_HOME, with the instance settings of instance_config()."""
    where.dagster_home.mkdir(parents=True, exist_ok=True)
    config = where.dagster_home / "dagster.yaml"
    text = ("# Written by orchestration/settings.py from orchestration/dagster.yaml and the ZHAOSHANG_* settings;"
            " edits here are overwritten.\n" + yaml.safe_dump(instance_config(), allow_unicode=True, sort_keys=False))
    if not config.exists() or config.read_text(encoding="utf-8") != text:
        config.write_text(text, encoding="utf-8")
    config.chmod(0o600)  # the database URL may carry a password
