"""The three ways a message reaches people: mail (SMTP with SSL or STARTTLS and a login), a WeCom (企业微信) group
robot and a DingTalk (钉钉) group robot. Each send raises ChannelError with the reason in the server's words."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import smtplib
import ssl
import urllib.error
import urllib.parse
import urllib.request
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from ingest.forms.reference_models import DingtalkSettings, EmailSettings, WecomSettings

TIMEOUT_SECONDS = 10
DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}


class ChannelError(RuntimeError):
    pass


def send_mail(settings: EmailSettings, to: list[str], subject: str, body: str) -> None:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.sender
    message["To"] = ", ".join(to)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rsplit("@", 1)[1])
    message.set_content(body)
    port = settings.port or DEFAULT_PORTS[settings.security]
    # The system's trusted certificates (SSL_CERT_FILE may name another bundle): a mail server is never trusted blind.
    context = ssl.create_default_context()
    try:
        if settings.security == "ssl":
            server = smtplib.SMTP_SSL(settings.host, port, timeout=TIMEOUT_SECONDS, context=context)
        else:
            server = smtplib.SMTP(settings.host, port, timeout=TIMEOUT_SECONDS)
        with server:
            if settings.security == "starttls":
                server.starttls(context=context)
            if settings.user is not None:
                server.login(settings.user, _password(settings))
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as err:
        raise ChannelError(f"邮件发送失败 (mail not sent): {err}") from err


def _password(settings: EmailSettings) -> str:
    if settings.password is not None:
        return settings.password
    value = os.environ.get(settings.password_env or "")
    if not value:
        raise ChannelError(f"环境变量 {settings.password_env} 没有设置邮箱密码 (the password variable is not set)")
    return value


def post_wecom(settings: WecomSettings, title: str, text: str) -> None:
    _post(settings.webhook, {"msgtype": "markdown", "markdown": {"content": text}})


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """The signature DingTalk checks on a robot with 加签: HMAC-SHA256 keyed by the secret over
    "<timestamp>\\n<secret>", in base64, URL-quoted."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode())


def post_dingtalk(settings: DingtalkSettings, title: str, text: str, timestamp_ms: int) -> None:
    joiner = "&" if "?" in settings.webhook else "?"
    url = f"{settings.webhook}{joiner}timestamp={timestamp_ms}&sign={dingtalk_sign(settings.secret, timestamp_ms)}"
    _post(url, {"msgtype": "markdown", "markdown": {"title": title, "text": text}})


def _post(url: str, payload: dict) -> None:
    """POST the JSON; both robots answer {"errcode": 0} when the message is taken."""
    request = urllib.request.Request(url, data=json.dumps(payload, ensure_ascii=False).encode(),
                                     headers={"Content-Type": "application/json; charset=utf-8"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            answer = response.read()
    except (OSError, urllib.error.URLError) as err:
        raise ChannelError(f"机器人没有收到消息 (robot not reached): {err}") from err
    try:
        reply = json.loads(answer)
    except ValueError:
        raise ChannelError(f"机器人的回复无法识别 (unreadable reply): {answer[:200]!r}") from None
    if not isinstance(reply, dict) or reply.get("errcode") != 0:
        raise ChannelError(f"机器人拒收 (robot refused): {reply}")
