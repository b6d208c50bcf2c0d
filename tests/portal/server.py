"""The portal as its users meet it: `python -m portal serve` in a process of its own on a free port, over a home
of the test's, with accounts made by the operator's own commands."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "zhaoshang-test-2024"
# login -> (role, department as an operator types it)
ACCOUNTS = {"jingfa": ("clerk", "经发局"), "caijin": ("clerk", "财政金融局"), "shangwu": ("bureau", None),
            "haiguan": ("customs", None), "yunwei": ("operator", None)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def portal_command(home: Path, *args: str, stdin: str | None = None, env: dict | None = None
                   ) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portal", *args], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, env=dict(os.environ, ZHAOSHANG_HOME=str(home), **(env or {})), timeout=120)


def add_accounts(home: Path) -> None:
    for login, (role, department) in ACCOUNTS.items():
        args = ["user", "add", login, "--role", role] + (["--department", department] if department else [])
        done = portal_command(home, *args, stdin=PASSWORD + "\n")
        assert done.returncode == 0, done.stderr


@dataclass
class Portal:
    home: Path
    url: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_portal(home: Path, env: dict | None = None) -> Portal:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "portal", "serve"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               env=dict(os.environ, ZHAOSHANG_HOME=str(home), ZHAOSHANG_PORTAL_PORT=str(port),
                                        **(env or {})))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/login/", timeout=5) as answer:
                if answer.status == 200:
                    return Portal(home, url, process)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("the portal did not start") from None
            time.sleep(0.2)


def published_home(demo_home: Path, home: Path) -> Path:
    """A home with the demo's reference data and published warehouse, and an empty landing zone."""
    shutil.copytree(demo_home / "reference", home / "reference")
    (home / "warehouse").mkdir(parents=True)
    shutil.copy2(demo_home / "warehouse" / "zhaoshang.duckdb", home / "warehouse" / "zhaoshang.duckdb")
    for source in ("bureau", "departments", "customs"):
        (home / "landing" / source).mkdir(parents=True)
    return home
