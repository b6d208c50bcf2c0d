"""reference/alerts.yaml, checked like the other reference files: each problem names the file, the key, the value
as written and what was expected; departments are resolved through departments.csv; without the file, nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.dispatch import channels, load_alert_settings
from ingest.forms.reference import ReferenceError
from tests.reference import write_reference

GOOD = """
email:
  host: smtp.example.gov.cn
  security: ssl
  user: zhaoshang
  password_env: ZHAOSHANG_SMTP_PASSWORD
  sender: zhaoshang@example.gov.cn
  to: [ops@example.gov.cn, lead@example.gov.cn]
wecom: {webhook: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"}
dingtalk: {webhook: "https://oapi.dingtalk.com/robot/send?access_token=xyz", secret: SEC123}
digest_hour: 9
links: {ui: "http://10.0.0.5:3000", portal: "http://10.0.0.5:8000"}
departments:
  经发局: {email: jfj@example.gov.cn}
  D10: {email: [xcb@example.gov.cn]}
"""


def _reference(tmp_path: Path, alerts: str | None) -> Path:
    return write_reference(tmp_path / "reference", **({"alerts.yaml": alerts} if alerts is not None else {}))


def test_without_the_file_nothing_is_sent(tmp_path: Path) -> None:
    assert load_alert_settings(_reference(tmp_path, None)) is None


def test_a_good_file_sets_every_channel_and_resolves_departments_by_name(tmp_path: Path) -> None:
    settings = load_alert_settings(_reference(tmp_path, GOOD))
    assert (settings.email.security, settings.email.port, settings.email.to) == (
        "ssl", None, ["ops@example.gov.cn", "lead@example.gov.cn"])
    assert settings.digest_hour == 9 and settings.dingtalk.secret == "SEC123"
    assert {code: contact.email for code, contact in settings.departments.items()} == {
        "D02": ["jfj@example.gov.cn"], "D10": ["xcb@example.gov.cn"]}
    assert [(c.name, c.recipients) for c in channels(settings)] == [
        ("email", "ops@example.gov.cn, lead@example.gov.cn"), ("email:D02", "jfj@example.gov.cn"),
        ("email:D10", "xcb@example.gov.cn"), ("wecom", None), ("dingtalk", None)]


def test_every_problem_is_named_with_its_key_value_and_what_was_expected(tmp_path: Path) -> None:
    wrong = """
email:
  host: smtp.example.gov.cn
  port: 99999
  security: tls
  user: zhaoshang
  sender: zhaoshang
  to: []
wecom: {webhook: "qyapi.weixin.qq.com/send"}
dingtalk: {webhook: "https://oapi.dingtalk.com/robot/send"}
digest_hour: 25
links: {ui: "http://127.0.0.1:3000", portl: "x"}
departments:
  经济局: {email: jfj@example.gov.cn}
"""
    with pytest.raises(ReferenceError) as raised:
        load_alert_settings(_reference(tmp_path, wrong))
    assert raised.value.problems == [
        "alerts.yaml email.port：「99999」应为1到65535之间的端口号 (a port number)",
        "alerts.yaml email.security：「tls」应为 ssl、starttls、none 之一 (unknown security)",
        "alerts.yaml email.sender：「zhaoshang」应为邮箱地址，如 zhaoshang@example.gov.cn (not a mail address)",
        "alerts.yaml email.to：「[]」至少写一个邮箱地址 (at least one address)",
        "alerts.yaml wecom.webhook：「qyapi.weixin.qq.com/send」应为以 http:// 或 https:// 开头的网址 "
        "(not a web address)",
        "alerts.yaml dingtalk.secret：缺少这一项，必须填写 (missing)",
        "alerts.yaml digest_hour：「25」应为0到23之间的整点，如8 (an hour, 0 to 23)",
        "alerts.yaml links.portl：不认识的设置项，已知的有 ui、portal，最接近的是 portal (unknown key)",
        "alerts.yaml departments.经济局：不在部门名单中，最接近的是：经济发展局、经发局、区经发局 (unknown department)",
    ]


def test_a_user_needs_a_password_and_contacts_need_a_mail_server(tmp_path: Path) -> None:
    with pytest.raises(ReferenceError) as raised:
        load_alert_settings(_reference(tmp_path, """
email: {host: smtp.example.gov.cn, user: zhaoshang, sender: a@example.gov.cn, to: b@example.gov.cn}
"""))
    assert raised.value.problems == [
        "alerts.yaml email：写了 user 就要写 password 或 password_env (a user needs a password)"]
    with pytest.raises(ReferenceError) as raised:
        load_alert_settings(_reference(tmp_path, "departments: {D02: {email: a@example.gov.cn}}\n"))
    assert raised.value.problems == [
        "alerts.yaml：给部门发邮件需要先写 email 设置（邮件服务器）(department contacts need the email settings)"]
