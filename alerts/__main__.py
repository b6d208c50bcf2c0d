"""`python -m alerts test`: check reference/alerts.yaml of ZHAOSHANG_HOME (or --home) and send a test message to every
channel it names, the departments' contacts included; each result is printed and kept in the alert ledger."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from alerts.dispatch import CENTRE, channels, dispatch, load_alert_settings
from alerts.ledger import Ledger
from alerts.problems import Problem
from ingest.forms.reference import ReferenceError
from warehouse.home import paths


def test_message(now: dt.datetime, department: str | None, ui: str | None) -> Problem:
    return Problem(key=f"test:{now:%Y%m%dT%H%M%S}:{department or '-'}", kind="test", title="测试消息",
                   lines=(f"这是{now:%Y-%m-%d %H:%M}发出的测试消息：收到说明告警通道设置正确。",), action="无需处理。",
                   link=ui, department=department, remind=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m alerts", description=__doc__)
    parser.add_argument("--home", help="ZHAOSHANG_HOME (default: $ZHAOSHANG_HOME or ./data)")
    parser.add_argument("command", choices=["test"])
    args = parser.parse_args(argv)
    where = paths(args.home)
    try:
        settings = load_alert_settings(where.reference)
    except ReferenceError as err:
        print(f"alerts.yaml 有误 (alerts.yaml is wrong):\n{err}", file=sys.stderr)
        return 1
    if settings is None or not channels(settings):
        print(f"{where.reference / 'alerts.yaml'} 不存在或没有通道，不发告警 (no alert channels set)", file=sys.stderr)
        return 1
    now = dt.datetime.now(CENTRE)
    tests = [test_message(now, code, settings.links.ui) for code in [None, *settings.departments]]
    sent = dispatch(tests, settings, Ledger(where.alerts_db), now)
    for each in sent:
        outcome = "已发出 sent" if each.status == "sent" else f"失败 failed：{each.error}"
        print(f"{each.channel:<12} {each.recipients or '':<40} {outcome}（尝试{each.attempts}次 attempts）")
    return 0 if all(each.status == "sent" for each in sent) else 1


if __name__ == "__main__":
    sys.exit(main())
