"""python -m demo: writes the same bytes on every run, and leaves a landing zone that holds files alone."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zipfile import ZipFile

import demo.__main__ as cli


def files(home: Path) -> dict[str, Path]:
    return {str(p.relative_to(home)): p for p in sorted(home.rglob("*")) if p.is_file()}


def test_a_second_run_writes_the_same_bytes(demo_home: Path, tmp_path: Path, capsys) -> None:
    assert cli.main(["--home", str(tmp_path)]) == 0
    first, second = files(demo_home), files(tmp_path)
    assert f"wrote {len(second)} files" in capsys.readouterr().out
    assert first.keys() == second.keys()
    assert [name for name in first if first[name].read_bytes() != second[name].read_bytes()] == []


def test_file_times_are_those_of_arrival_not_of_generation(demo_home: Path) -> None:
    for name, path in files(demo_home / "landing").items():
        assert dt.datetime.fromtimestamp(path.stat().st_mtime).year in (2024, 2023), name
        if path.suffix == ".xlsx":
            with ZipFile(path) as archive:
                core = archive.read("docProps/core.xml").decode()
                assert {info.date_time[0] for info in archive.infolist()} <= {2023, 2024}
            assert re.findall(r"<dcterms:modified[^>]*>(\d{4})", core) in (["2023"], ["2024"]), name


def test_refuses_a_landing_zone_that_holds_files(demo_home: Path, capsys) -> None:
    before = {name: path.stat().st_mtime_ns for name, path in files(demo_home).items()}
    assert cli.main(["--home", str(demo_home)]) == 0
    assert "already holds files" in capsys.readouterr().out
    assert {name: path.stat().st_mtime_ns for name, path in files(demo_home).items()} == before


def test_force_writes_and_leaves_other_files_alone(demo_home: Path, tmp_path: Path) -> None:
    dropped = tmp_path / "landing" / "bureau" / "clerk.xlsx"
    dropped.parent.mkdir(parents=True)
    dropped.write_bytes(b"not demo")

    assert cli.main(["--home", str(tmp_path), "--force"]) == 0

    assert dropped.read_bytes() == b"not demo"
    written = {name: path for name, path in files(tmp_path).items() if path != dropped}
    assert written.keys() == files(demo_home).keys()
