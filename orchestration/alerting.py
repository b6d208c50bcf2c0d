"""The sensors that send alerts (alerts/): after every run, succeeded or failed, what it left that needs a person;
and once a day at reference/alerts.yaml's digest_hour, the digest. Dagster's own failure sensors see failed runs
only, and a run whose check failed is a "Success" (dagster issues 29896, 22964): so each run's check events are read
here, and its load results from the published warehouse."""

from __future__ import annotations

import datetime as dt
import re

import dagster as dg

from alerts.dispatch import CENTRE, channels, dispatch, load_alert_settings, resolve
from alerts.ledger import Ledger
from alerts.problems import TOLD_BY_FILE, Links, Problem, check_failed, digest, published_problems, run_failed
from assets.run_tags import LABELS
from ingest.forms.reference import ReferenceError
from ingest.forms.reference_models import AlertSettings
from warehouse.checks import sql_checks
from warehouse.resource import Warehouse

INTERVAL_SECONDS = 30


def _settings(warehouse: Warehouse, log) -> AlertSettings | dg.SkipReason:
    try:
        settings = load_alert_settings(warehouse.paths.reference)
    except ReferenceError as err:
        # Its mistakes are shown on every tick of the sensor, never a failed night.
        log.error(f"alerts.yaml 有误，告警未发送 (alerts.yaml is wrong, nothing sent):\n{err}")
        return dg.SkipReason(f"alerts.yaml 有误，告警未发送 (alerts.yaml is wrong):\n{err}")
    if settings is None or not channels(settings):
        return dg.SkipReason("没有 reference/alerts.yaml 或其中没有通道，不发告警 (no alert channels set)")
    return settings


def _links(settings: AlertSettings) -> Links:
    return Links(ui=settings.links.ui, portal=settings.links.portal)


def run_problems(instance: dg.DagsterInstance, run: dg.DagsterRun, links: Links) -> tuple[list[Problem], list[str]]:
    """The run's own problems (its failure, its failed blocking and warning checks) and the keys of the checks that
    passed in it."""
    problems, passed = [], []
    if run.status == dg.DagsterRunStatus.FAILURE:
        steps = [(event.step_key or "", _error_text(event.dagster_event.event_specific_data.error))
                 for event in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.STEP_FAILURE)]
        record = instance.get_run_record_by_id(run.run_id)
        started = record and record.start_time and dt.datetime.fromtimestamp(record.start_time, CENTRE)
        problems.append(run_failed(run.run_id, run.job_name, started or None, steps, links))
    severities = {check.name: check.severity for check in sql_checks()}
    for event in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION):
        evaluation = event.dagster_event.event_specific_data
        table = ".".join(evaluation.asset_key.path)
        severity = "blocking" if evaluation.blocking else severities.get(evaluation.check_name, "warning")
        if evaluation.passed:
            passed.append(f"check_failed:{table}:{evaluation.check_name}")
        elif severity != "information" and evaluation.check_name not in TOLD_BY_FILE:
            csv = next((value.path for value in evaluation.metadata.values()
                        if isinstance(value, dg.PathMetadataValue)), None)
            problems.append(check_failed(table, evaluation.check_name, severity, evaluation.description, None, csv,
                                         links))
    return problems, passed


def _error_text(error) -> str:
    """The error's own words: the one Dagster's own wrapper (a step that failed in a run process) was caused by,
    without a module path in front (dagster._core.definitions.events.Failure: ); a built-in's name stays (OSError:)."""
    if error is None:
        return ""
    while error.cause is not None and (error.cls_name or "").startswith("Dagster"):
        error = error.cause
    return re.sub(r"^\w+(?:\.\w+)+: ", "", error.message)


def alert_after_run(instance: dg.DagsterInstance, run: dg.DagsterRun, warehouse: Warehouse, now: dt.datetime,
                    log) -> dg.SkipReason:
    settings = _settings(warehouse, log)
    if isinstance(settings, dg.SkipReason):
        return settings
    links = _links(settings)
    ledger = Ledger(warehouse.paths.alerts_db)
    own, passed = run_problems(instance, run, links)
    ledger.forget(passed)
    still_open = published_problems(warehouse.paths.published_db, links)
    resolve(ledger, still_open)
    told_here = {p.key for p in own}
    sent = dispatch(own + [p for p in still_open if p.key not in told_here and p.key not in passed], settings, ledger,
                    now)
    return dg.SkipReason(_summary(sent))


def _summary(sent) -> str:
    if not sent:
        return "没有需要通知的新问题 (nothing new to tell)"
    failed = [s for s in sent if s.status != "sent"]
    return (f"发出{len(sent) - len(failed)}条告警" + (f"，{len(failed)}条未发出（稍后重试）" if failed else "")
            + f" ({len(sent) - len(failed)} alerts sent, {len(failed)} failed)")


def _after_run(context: dg.RunStatusSensorContext, warehouse: Warehouse) -> dg.SkipReason:
    return alert_after_run(context.instance, context.dagster_run, warehouse, dt.datetime.now(CENTRE), context.log)


@dg.run_status_sensor(run_status=dg.DagsterRunStatus.SUCCESS, name="alerts_after_success",
                      minimum_interval_seconds=INTERVAL_SECONDS, default_status=dg.DefaultSensorStatus.RUNNING,
                      description="运行成功后：退回的文件、隔离的行、未通过的检查、逾期未报，发给 alerts.yaml 的通道 "
                                  "(after a run that succeeded, what it left that needs a person)")
def alerts_after_success(context: dg.RunStatusSensorContext, warehouse: Warehouse):
    return _after_run(context, warehouse)


@dg.run_status_sensor(run_status=dg.DagsterRunStatus.FAILURE, name="alerts_after_failure",
                      minimum_interval_seconds=INTERVAL_SECONDS, default_status=dg.DefaultSensorStatus.RUNNING,
                      description="运行失败后：失败的运行和它留下的问题 "
                                  "(after a failed run: the failure and what it left)")
def alerts_after_failure(context: dg.RunStatusSensorContext, warehouse: Warehouse):
    return _after_run(context, warehouse)


def send_digest(instance: dg.DagsterInstance, warehouse: Warehouse, now: dt.datetime, log) -> dg.SkipReason:
    """At digest_hour (the centre's time) or after, once a day: the digest, and a reminder of what is still open."""
    settings = _settings(warehouse, log)
    if isinstance(settings, dg.SkipReason):
        return settings
    now = now.astimezone(CENTRE)
    if now.hour < settings.digest_hour:
        return dg.SkipReason(f"每日汇总在{settings.digest_hour}点发送 (the digest goes at {settings.digest_hour}:00)")
    ledger = Ledger(warehouse.paths.alerts_db)
    key = f"digest:{now.date().isoformat()}"
    if not any(ledger.due(key, channel.name, now, remind=False) for channel in channels(settings)
               if channel.department is None):
        return dg.SkipReason(f"今天的汇总已发出 (today's digest is out): {key}")
    links = _links(settings)
    still_open = published_problems(warehouse.paths.published_db, links)
    resolve(ledger, still_open)
    sent = dispatch([digest(now.date(), _last_run(instance), still_open, links), *still_open], settings, ledger, now)
    return dg.SkipReason(_summary(sent))


def _last_run(instance: dg.DagsterInstance) -> str:
    records = instance.get_run_records(
        filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE]), limit=1)
    if not records:
        return "还没有运行过。"
    record = records[0]
    run = record.dagster_run
    ended = dt.datetime.fromtimestamp(record.end_time, CENTRE) if record.end_time else None
    outcome = "成功" if run.status == dg.DagsterRunStatus.SUCCESS else "失败"
    found = "，".join(f"{label.split()[0]}{run.tags[label]}" for label in LABELS.values() if label in run.tags)
    return (f"{outcome}（{run.run_id[:8]}" + (f"，{ended:%m月%d日 %H:%M}结束" if ended else "") + "）"
            + (f"，本次{found}" if found else "") + "。")


@dg.sensor(name="alerts_digest", minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="每天 alerts.yaml 的 digest_hour 点发每日汇总，并提醒仍未解决的问题 (the daily digest)")
def alerts_digest(context: dg.SensorEvaluationContext, warehouse: Warehouse):
    return send_digest(context.instance, warehouse, dt.datetime.now(CENTRE), context.log)


ALERT_SENSORS = [alerts_after_success, alerts_after_failure, alerts_digest]
