"""`make alerts-test`: every channel of alerts.yaml, the departments' contacts included, gets a test message."""

from __future__ import annotations

import pytest

from alerts.__main__ import main
from tests.alerts.conftest import Setup


def test_every_channel_gets_a_test_message(setup: Setup, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(setup.reference.parent), "test"]) == 0
    assert sorted(mail["To"] for mail in setup.box.wait(3)) == [
        "jfj@example.gov.cn", "ops@example.gov.cn", "xcb@example.gov.cn"]
    assert {mail["Subject"] for mail in setup.box.messages} == {"【招商数据】测试消息"}
    assert [path for path, _, _ in setup.robot.requests] == ["/cgi-bin/webhook/send", "/robot/send"]
    printed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in printed] == ["email", "email:D02", "email:D10", "wecom", "dingtalk"]
    assert all("已发出 sent（尝试1次 attempts）" in line for line in printed)


def test_a_wrong_file_is_reported_and_nothing_sent(setup: Setup, capsys: pytest.CaptureFixture[str]) -> None:
    (setup.reference / "alerts.yaml").write_text("wecom: {webhook: nowhere}\n", encoding="utf-8")
    assert main(["--home", str(setup.reference.parent), "test"]) == 1
    assert capsys.readouterr().err.splitlines()[1] == (
        "alerts.yaml wecom.webhook：「nowhere」应为以 http:// 或 https:// 开头的网址 (not a web address)")
    assert setup.box.messages == [] and setup.robot.requests == []
