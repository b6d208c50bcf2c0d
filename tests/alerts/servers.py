"""Real servers for the alert tests, on 127.0.0.1 and free ports: an SMTP server (aiosmtpd) speaking SSL or
STARTTLS with a login, on a certificate made by the test with the openssl command; an HTTP server standing in for
the WeCom and DingTalk group robots, answering as they do."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import ssl
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "zhaoshang", "s3cret-pass"


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (the client trusts it through SSL_CERT_FILE)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Mailbox:
    port: int
    messages: list[email.message.EmailMessage] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    def wait(self, count: int, seconds: float = 5) -> list[email.message.EmailMessage]:
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages


class _Handler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        # The wire's CRLF line ends back to a text's: an 8bit body keeps them as sent, a base64 one does not.
        raw = envelope.original_content.replace(b"\r\n", b"\n")
        self.box.messages.append(email.message_from_bytes(raw, policy=email.policy.default))
        return "250 OK"


@contextmanager
def smtp_server(folder: Path, security: str) -> Iterator[Mailbox]:
    """security 'ssl' (SMTPS) or 'starttls' (TLS required before the login); the login is USER / PASSWORD."""
    cert, key = certificate(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    box = Mailbox(free_port())

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login.decode(), auth_data.password.decode()) == (
            USER, PASSWORD)
        if ok:
            box.logins.append(auth_data.login.decode())
        return AuthResult(success=ok, handled=False)

    if security == "ssl":
        # The whole connection is TLS, which aiosmtpd's session does not know of: it would not offer AUTH.
        controller = Controller(_Handler(box), hostname="127.0.0.1", port=box.port, ssl_context=context,
                                server_hostname="127.0.0.1", authenticator=authenticate,
                                auth_require_tls=False)
    else:
        controller = Controller(_Handler(box), hostname="127.0.0.1", port=box.port, tls_context=context,
                                require_starttls=True, authenticator=authenticate,
                                auth_require_tls=True)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@dataclass
class Robot:
    """What the robot received: (path, query, JSON body) per request; `failures` requests are answered 500 first,
    then errcode 0 (or `errcode` for every request when set)."""

    url: str
    requests: list[tuple[str, dict[str, str], dict]] = field(default_factory=list)
    failures: int = 0
    times: list[float] = field(default_factory=list)

    def bodies(self, path: str) -> list[dict]:
        return [body for where, _, body in self.requests if where == path]


@contextmanager
def robot_server() -> Iterator[Robot]:
    robot = Robot("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            parsed = urllib.parse.urlsplit(self.path)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            robot.requests.append((parsed.path, dict(urllib.parse.parse_qsl(parsed.query)), body))
            robot.times.append(time.monotonic())
            if robot.failures:
                robot.failures -= 1
                self.send_response(500)
                self.end_headers()
                return
            answer = json.dumps({"errcode": 0, "errmsg": "ok"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    robot.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield robot
    finally:
        server.shutdown()
        server.server_close()
