"""Alerts through real servers: the exact mail, WeCom and DingTalk messages (the DingTalk signature recomputed
here), SMTP over SSL and STARTTLS with a login, one message per problem however often the sensors look, one reminder
a day, a failing channel retried with backoff and logged, the robots' 20 messages a minute."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from pathlib import Path

import pytest

from alerts.dispatch import CENTRE, dispatch, load_alert_settings
from alerts.ledger import Ledger
from alerts.problems import Links, check_failed, run_failed
from tests.alerts.conftest import SECRET, Setup, alerts_yaml
from tests.alerts.servers import PASSWORD, USER, robot_server, smtp_server
from tests.reference import write_reference

LINKS = Links(ui="http://127.0.0.1:3000", portal="http://127.0.0.1:8000")
NIGHT = dt.datetime(2024, 7, 15, 2, 5, tzinfo=CENTRE)
RUN_ID = "4f1c2d3e-0000-4000-8000-000000000001"


def _failed_run():
    return run_failed(RUN_ID, "nightly", dt.datetime(2024, 7, 15, 2, 0, tzinfo=CENTRE),
                      [("departments_files", "OSError: [Errno 28] No space left on device\nTraceback ...")], LINKS)


def _no_sleep(delays: list[float]):
    return delays.append


def test_each_channel_gets_the_exact_message(setup: Setup) -> None:
    sent = dispatch([_failed_run()], setup.settings, setup.ledger, NIGHT, sleep=_no_sleep([]))

    assert [(s.channel, s.status, s.attempts) for s in sent] == [
        ("email", "sent", 1), ("wecom", "sent", 1), ("dingtalk", "sent", 1)]
    [mail] = setup.box.wait(1)
    assert setup.box.logins == [USER]
    assert (mail["From"], mail["To"]) == ("zhaoshang@example.gov.cn", "ops@example.gov.cn")
    assert mail["Subject"] == "【招商数据】数据运行失败（nightly）"
    assert mail.get_content() == (
        "运行 4f1c2d3e（nightly，开始于2024-07-15 02:00）失败，已发布的数据仓库没有更新。\n"
        "失败的步骤 departments_files：OSError: [Errno 28] No space left on device\n"
        "\n"
        "怎么办：请打开运行页面查看出错的步骤，排除后重新运行（或等下一次夜间运行）。\n"
        f"查看：http://127.0.0.1:3000/runs/{RUN_ID}\n")
    wecom, dingtalk = setup.robot.requests
    assert wecom[:2] == ("/cgi-bin/webhook/send", {"key": "wecom-key"})
    assert wecom[2] == {"msgtype": "markdown", "markdown": {"content": (
        "**【招商数据】数据运行失败（nightly）**\n"
        "> 运行 4f1c2d3e（nightly，开始于2024-07-15 02:00）失败，已发布的数据仓库没有更新。\n"
        "> 失败的步骤 departments\\_files：OSError: \\[Errno 28\\] No space left on device\n"
        "<font color=\"warning\">怎么办：</font>请打开运行页面查看出错的步骤，排除后重新运行（或等下一次夜间运行）。\n"
        f"[查看详情](http://127.0.0.1:3000/runs/{RUN_ID})")}}
    path, query, body = dingtalk
    timestamp = int(NIGHT.timestamp() * 1000)
    expected_sign = base64.b64encode(hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(),
                                              hashlib.sha256).digest()).decode()
    assert (path, query) == ("/robot/send", {"access_token": "ding-token", "timestamp": str(timestamp),
                                             "sign": expected_sign})
    assert body == {"msgtype": "markdown", "markdown": {"title": "【招商数据】数据运行失败（nightly）", "text": (
        "#### 【招商数据】数据运行失败（nightly）\n"
        "\n"
        "- 运行 4f1c2d3e（nightly，开始于2024-07-15 02:00）失败，已发布的数据仓库没有更新。\n"
        "- 失败的步骤 departments\\_files：OSError: \\[Errno 28\\] No space left on device\n"
        "\n"
        "**怎么办**：请打开运行页面查看出错的步骤，排除后重新运行（或等下一次夜间运行）。\n"
        "\n"
        f"[查看详情](http://127.0.0.1:3000/runs/{RUN_ID})")}}


def test_mail_over_ssl_with_a_login(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "cert.pem"))
    monkeypatch.setenv("ZHAOSHANG_TEST_SMTP_PASSWORD", PASSWORD)
    with smtp_server(tmp_path, "ssl") as box, robot_server() as robot:
        settings = load_alert_settings(write_reference(tmp_path / "reference", **{
            "alerts.yaml": alerts_yaml(box, robot, security="ssl")}))
        sent = dispatch([_failed_run()], settings, Ledger(tmp_path / "ledger.sqlite"), NIGHT)
        assert sent[0].channel == "email" and sent[0].status == "sent"
        assert [m["Subject"] for m in box.wait(1)] == ["【招商数据】数据运行失败（nightly）"]
        assert box.logins == [USER]


def test_a_wrong_password_is_logged_as_the_server_said_it(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHAOSHANG_TEST_SMTP_PASSWORD", "wrong")
    delays: list[float] = []
    [mail, *_] = dispatch([_failed_run()], setup.settings, setup.ledger, NIGHT, sleep=_no_sleep(delays))
    assert (mail.status, mail.attempts, delays) == ("failed", 3, [2.0, 4.0])
    assert mail.error.startswith("邮件发送失败 (mail not sent): (535")


def test_one_message_per_problem_then_one_reminder_a_day(setup: Setup) -> None:
    problems = [_failed_run(), check_failed("marts.kpi_completion", "kpi_target_set", "warning",
                                            "有完成值却没有目标 every KPI has a target", 2, None, LINKS)]
    looks = [NIGHT + dt.timedelta(seconds=seconds) for seconds in (0, 5, 10, 30, 3600, 6 * 3600)]
    for now in looks:
        dispatch(problems, setup.settings, setup.ledger, now)
    assert len(setup.box.wait(2)) == 2
    assert [body["markdown"]["content"].splitlines()[0] for body in setup.robot.bodies("/cgi-bin/webhook/send")] == [
        "**【招商数据】数据运行失败（nightly）**", "**【招商数据】检查未通过：kpi\\_target\\_set**"]

    # A day later the check still fails: one reminder, on every channel; a failed run is not reminded of.
    next_day = NIGHT + dt.timedelta(days=1)
    for now in (next_day, next_day + dt.timedelta(minutes=1), next_day + dt.timedelta(hours=12)):
        dispatch(problems, setup.settings, setup.ledger, now)
    mails = setup.box.wait(3)
    assert len(mails) == 3
    assert mails[2]["Subject"] == "【招商数据】提醒：检查未通过：kpi_target_set"
    assert mails[2].get_content().splitlines()[:3] == [
        "仍未解决（首次通知于07月15日 02:05）：",
        "检查「kpi_target_set」（marts.kpi_completion，警告）未通过，2行不符合。",
        "有完成值却没有目标 every KPI has a target"]
    assert len(setup.robot.bodies("/robot/send")) == 3

    # Put right, then failing again: a new problem, told at once.
    setup.ledger.forget(["check_failed:marts.kpi_completion:kpi_target_set"])
    dispatch(problems, setup.settings, setup.ledger, next_day + dt.timedelta(hours=13))
    assert setup.box.wait(4)[3]["Subject"] == "【招商数据】检查未通过：kpi_target_set"


def test_a_failing_robot_is_retried_with_backoff_logged_and_tried_again_later(setup: Setup) -> None:
    setup.robot.failures = 3  # WeCom (after the mail) answers 500 three times
    delays: list[float] = []
    sent = dispatch([_failed_run()], setup.settings, setup.ledger, NIGHT, backoff_seconds=0.5,
                    sleep=_no_sleep(delays))
    assert [(s.channel, s.status, s.attempts) for s in sent] == [
        ("email", "sent", 1), ("wecom", "failed", 3), ("dingtalk", "sent", 1)]
    assert delays == [0.5, 1.0]
    assert sent[1].error.startswith("机器人没有收到消息 (robot not reached): HTTP Error 500")
    log = setup.ledger.rows()
    assert [(row[5], row[7], row[8]) for row in log] == [("email", "sent", 1), ("wecom", "failed", 3),
                                                         ("dingtalk", "sent", 1)]
    assert log[1][1] == dt.datetime(2024, 7, 15, 2, 5)  # the centre's time

    # Not again at the sensor's next looks, but after ten minutes: WeCom alone, since the others were told.
    assert dispatch([_failed_run()], setup.settings, setup.ledger, NIGHT + dt.timedelta(minutes=1)) == []
    again = dispatch([_failed_run()], setup.settings, setup.ledger, NIGHT + dt.timedelta(minutes=11))
    assert [(s.channel, s.status, s.attempts) for s in again] == [("wecom", "sent", 1)]


def test_the_robots_get_at_most_twenty_messages_a_minute(tmp_path: Path) -> None:
    with robot_server() as robot:
        settings = load_alert_settings(write_reference(tmp_path / "reference", **{
            "alerts.yaml": alerts_yaml(None, robot)}))
        ledger = Ledger(tmp_path / "ledger.sqlite")
        runs = [run_failed(f"run-{n:02d}", "nightly", None, [], LINKS) for n in range(25)]
        dispatch(runs, settings, ledger, NIGHT)
        first = len(robot.bodies("/cgi-bin/webhook/send"))
        assert first <= 20 and len(robot.bodies("/robot/send")) == first
        dispatch(runs, settings, ledger, NIGHT + dt.timedelta(seconds=61))
        assert len(robot.bodies("/cgi-bin/webhook/send")) == 25 == len(robot.bodies("/robot/send"))
