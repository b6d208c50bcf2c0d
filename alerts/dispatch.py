"""Telling each channel what it has not been told: a problem once, then at most a reminder a day while it stays
open; a department's contact its own department's files and reports. A channel that fails is tried again with
backoff, then left for RETRY_AFTER; every message, sent or not, is in the ledger's log. Nothing here raises for a
channel: an alert that cannot be sent never fails a night or a sensor."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from alerts.channels import ChannelError, post_dingtalk, post_wecom, send_mail
from alerts.ledger import Ledger, Sent
from alerts.messages import Message, as_dingtalk, as_mail, as_wecom, compose
from alerts.problems import PUBLISHED_KINDS, Problem
from ingest.forms.reference import load_settings
from ingest.forms.reference_models import AlertSettings

log = logging.getLogger(__name__)

CENTRE = ZoneInfo("Asia/Shanghai")
ALERTS_FILE = "alerts.yaml"
ROBOT_PER_MINUTE = 20  # both robots refuse more than 20 messages a minute
ATTEMPTS = 3
BACKOFF_SECONDS = 2.0  # before the 2nd attempt; doubled before each further one
# What a department's contact hears of: its own files and reports (and the test message of `python -m alerts test`).
DEPARTMENT_KINDS = ("load", "overdue", "test")


def load_alert_settings(reference: Path) -> AlertSettings | None:
    """reference/alerts.yaml checked like the other reference files; None without it (nothing is sent).
    ReferenceError lists its problems."""
    return load_settings(reference, ALERTS_FILE, AlertSettings)


@dataclass(frozen=True)
class Channel:
    name: str                     # email, wecom, dingtalk, email:<department code>
    recipients: str | None
    robot: bool
    send: Callable[[Message, dt.datetime], None]
    department: str | None = None

    def hears_of(self, problem: Problem) -> bool:
        if self.department is None:  # the centre hears of every department's problems, not their test messages
            return problem.kind != "test" or problem.department is None
        return problem.department == self.department and problem.kind in DEPARTMENT_KINDS


def channels(settings: AlertSettings) -> list[Channel]:
    found = []
    if (email := settings.email) is not None:
        def mail_to(to: list[str]) -> Callable[[Message, dt.datetime], None]:
            return lambda message, now: send_mail(email, to, *as_mail(message))

        found.append(Channel("email", ", ".join(email.to), False, mail_to(email.to)))
        found += [Channel(f"email:{code}", ", ".join(contact.email), False, mail_to(contact.email), department=code)
                  for code, contact in settings.departments.items()]
    if (wecom := settings.wecom) is not None:
        found.append(Channel("wecom", None, True, lambda message, now: post_wecom(wecom, message.title,
                                                                                  as_wecom(message))))
    if (dingtalk := settings.dingtalk) is not None:
        found.append(Channel("dingtalk", None, True, lambda message, now: post_dingtalk(
            dingtalk, *as_dingtalk(message), timestamp_ms=int(now.timestamp() * 1000))))
    return found


def resolve(ledger: Ledger, open_problems: list[Problem]) -> None:
    """Forget the published kinds' problems the published warehouse no longer lists (put right since)."""
    for prefix in PUBLISHED_KINDS:
        ledger.resolved(prefix, [p.key for p in open_problems])


def dispatch(problems: list[Problem], settings: AlertSettings, ledger: Ledger, now: dt.datetime, *,
             backoff_seconds: float = BACKOFF_SECONDS, sleep: Callable[[float], None] = time.sleep) -> list[Sent]:
    """Tell every channel what is due of these problems; what was sent or not, as logged."""
    now = now.astimezone(CENTRE)
    logged = []
    for channel in channels(settings):
        due: dict[str, list[Problem]] = {"new": [], "reminder": []}
        for problem in problems:
            if channel.hears_of(problem) and (state := ledger.due(problem.key, channel.name, now, problem.remind)):
                due[state].append(problem)
        first_told = {p.key: told for p in due["reminder"] if (told := ledger.first_told(p.key)) is not None}
        messages = compose(due["new"], False, {}) + compose(due["reminder"], True, first_told)
        down = None
        for message in messages:
            if channel.robot and ledger.requests_since(channel.name, now - dt.timedelta(minutes=1)) + ATTEMPTS \
                    > ROBOT_PER_MINUTE:
                log.warning("%s: 20 messages a minute reached; %s waits for the next look", channel.name, message.title)
                continue
            if down is not None:
                sent = _record(channel, message, "failed", 0, f"同一轮中此通道已失败，未再尝试 (channel down): {down}")
            else:
                sent = _send(channel, message, now, backoff_seconds, sleep)
                down = sent.error if sent.status == "failed" else None
            ledger.log(sent, now)
            if sent.status == "sent":
                ledger.told(message.keys, channel.name, now, message.reminder)
            else:
                ledger.not_told(message.keys, channel.name, now)
            logged.append(sent)
    return logged


def _send(channel: Channel, message: Message, now: dt.datetime, backoff_seconds: float,
          sleep: Callable[[float], None]) -> Sent:
    error = None
    for attempt in range(1, ATTEMPTS + 1):
        try:
            channel.send(message, now)
            return _record(channel, message, "sent", attempt, None)
        except Exception as err:  # noqa: BLE001 - whatever a channel raises, the night and the sensor go on
            error = str(err) if isinstance(err, ChannelError) else f"{type(err).__name__}: {err}"
            log.warning("%s: attempt %d of %s failed: %s", channel.name, attempt, message.title, error)
        if attempt < ATTEMPTS:
            sleep(backoff_seconds * 2 ** (attempt - 1))
    return _record(channel, message, "failed", ATTEMPTS, error)


def _record(channel: Channel, message: Message, status: str, attempts: int, error: str | None) -> Sent:
    subject, body = as_mail(message)
    return Sent(kind=message.kind, problem_keys=message.keys, reminder=message.reminder, channel=channel.name,
                recipients=channel.recipients, status=status, attempts=attempts, error=error, title=subject,
                body=body)
