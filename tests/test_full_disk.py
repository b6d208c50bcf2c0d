"""The disk full during a load, for real: the home on a small tmpfs (mounted by the test, which runs as root), filled
until a new file no longer fits into the archive. The night fails with a message saying so, the published file is
byte for byte the last good one, no half copy is left to keep the disk full, and once space is freed the next
night reads the file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import copy_demo

ROOT = Path(__file__).resolve().parent


@pytest.fixture
def small_disk(tmp_path: Path):
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def _night(home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, ZHAOSHANG_HOME=str(home), DAGSTER_HOME=str(home / "dagster"))
    return subprocess.run([sys.executable, "-m", "orchestration.run"], cwd=ROOT.parent, env=env, capture_output=True,
                          text=True, timeout=600)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_night_on_a_full_disk_fails_cleanly_and_says_so(small_disk: Path, demo_inputs: Path) -> None:
    home = copy_demo(demo_inputs, small_disk / "home")
    assert _night(home).returncode == 0
    published = home / "warehouse" / "zhaoshang.duckdb"
    before = _digest(published)
    # 40 MB of new landing file, then the disk filled to 20 MB free: its archive copy cannot be written.
    (home / "landing" / "customs" / "进出口大文件.csv").write_bytes(os.urandom(40 * 2**20))
    filler = small_disk / "filler"
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    with filler.open("wb") as out:
        out.truncate(0)
        os.posix_fallocate(out.fileno(), 0, free - 20 * 2**20)

    night = _night(home)

    assert night.returncode == 1
    assert "customs_files: assets.full_disk.DiskFull: 磁盘空间不足：" in night.stderr
    assert "已发布的数据仓库没有改动" in night.stderr and "No space left on device" in night.stderr
    assert _digest(published) == before
    assert list((home / "archive").glob(".incoming-*")) == []

    filler.unlink()
    assert _night(home).returncode == 0
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("SELECT status FROM audit.loads WHERE file_name = '进出口大文件.csv'").fetchall() == [
            ("rejected",)]
