"""The README's commands for analysts run exactly as written, in a checkout whose data folder is the demo's:
every sh block as a bash script, every sql block through the DuckDB CLI, every python block through .venv."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("## For analysts", "## SQL tools", "## Reports for people")
BLOCK = re.compile(r"^```(sh|sql|python)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def analyst_blocks() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parts = re.split(r"(?m)^(?=## )", readme)
    chosen = [p for p in parts if p.startswith(SECTIONS)]
    assert len(chosen) == len(SECTIONS), "README sections for analysts are missing"
    return [(m.group(1), m.group(2)) for part in chosen for m in BLOCK.finditer(part)]


@pytest.fixture(scope="module")
def checkout(demo_run, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository as a user has it (the set-up `.venv` included), with `data` the demo's data folder."""
    folder = tmp_path_factory.mktemp("checkout")
    for entry in ROOT.iterdir():
        if entry.name not in ("data", ".git", ".pytest_cache", ".ruff_cache"):
            (folder / entry.name).symlink_to(entry)
    (folder / "data").symlink_to(demo_run.home)
    return folder


def _run(command: list[str], checkout: Path, stdin: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("ZHAOSHANG_HOME", "DAGSTER_HOME")}
    return subprocess.run(command, cwd=checkout, input=stdin, capture_output=True, text=True, timeout=300,
                          env=environment)


def test_the_readme_shows_commands_for_analysts() -> None:
    kinds = [kind for kind, _ in analyst_blocks()]
    assert kinds.count("sh") >= 3 and "sql" in kinds
    text = "\n".join(code for _, code in analyst_blocks())
    for command in ("make sql", ".venv/bin/duckdb -readonly", ".venv/bin/python", "make report", "zh."):
        assert command in text
    assert not re.search(r"(?m)^(duckdb|python3?) ", text), "a bare duckdb/python is not on a fresh machine"


@pytest.mark.parametrize("index", range(len(analyst_blocks())))
def test_each_readme_block_runs_as_written(checkout: Path, index: int) -> None:
    kind, code = analyst_blocks()[index]
    # What an analyst would type into the shell `make sql` opens.
    typed = "SELECT '已检查' AS readme;\n"
    started = time.time()
    if kind == "sh":
        done = _run(["bash", "-e", "-c", code], checkout, typed)
    elif kind == "sql":
        done = _run([".venv/bin/duckdb", "-readonly", "data/warehouse/zhaoshang.duckdb"], checkout, code)
    else:
        done = _run([".venv/bin/python", "-"], checkout, code)
    assert done.returncode == 0, f"{kind} block failed:\n{code}\n{done.stdout}\n{done.stderr}"
    assert "Error" not in done.stdout + done.stderr, done.stdout + done.stderr
    if "make sql" in code:
        assert "已检查" in done.stdout
    if "make report" in code:  # written by this block, not left by an earlier make run
        assert [p for p in (checkout / "data" / "reports" / "2024-06").glob("*.docx") if p.stat().st_mtime >= started]
    if kind == "sql" and "zh." in code:
        assert "货物进出口额" in done.stdout and "1116.12" in done.stdout
