"""An alert setting over real servers: a STARTTLS SMTP server with a login and a robot server, named in
reference/alerts.yaml as a centre would write it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from alerts.dispatch import load_alert_settings
from alerts.ledger import Ledger
from ingest.forms.reference_models import AlertSettings
from tests.alerts.servers import PASSWORD, USER, Mailbox, Robot, robot_server, smtp_server
from tests.reference import write_reference

SECRET = "SEC0123456789abcdef"


def alerts_yaml(box: Mailbox | None, robot: Robot, security: str = "starttls") -> str:
    mail = (f"email: {{host: 127.0.0.1, port: {box.port}, security: {security}, user: {USER}, "
            f"password_env: ZHAOSHANG_TEST_SMTP_PASSWORD, sender: zhaoshang@example.gov.cn, "
            f"to: [ops@example.gov.cn]}}\n" if box else "")
    return mail + f"""wecom: {{webhook: "{robot.url}/cgi-bin/webhook/send?key=wecom-key"}}
dingtalk: {{webhook: "{robot.url}/robot/send?access_token=ding-token", secret: {SECRET}}}
digest_hour: 8
links: {{ui: "http://127.0.0.1:3000", portal: "http://127.0.0.1:8000"}}
""" + ("departments:\n  经发局: {email: jfj@example.gov.cn}\n  新城办: {email: [xcb@example.gov.cn]}\n" if box else "")


@dataclass
class Setup:
    settings: AlertSettings
    box: Mailbox
    robot: Robot
    ledger: Ledger
    reference: Path


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "cert.pem"))  # the test's own certificate is trusted
    monkeypatch.setenv("ZHAOSHANG_TEST_SMTP_PASSWORD", PASSWORD)
    with smtp_server(tmp_path, "starttls") as box, robot_server() as robot:
        reference = write_reference(tmp_path / "reference", **{"alerts.yaml": alerts_yaml(box, robot)})
        yield Setup(load_alert_settings(reference), box, robot, Ledger(tmp_path / "alerts" / "alerts.sqlite"),
                    reference)
