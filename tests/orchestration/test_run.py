"""`make run`'s main(): the demo goes only into a new home."""

from __future__ import annotations

from pathlib import Path

from orchestration import run


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_real_home_with_an_empty_landing_zone_runs_as_it_is(home: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("ZHAOSHANG_HOME", str(home))
    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster"))
    reference_before = _files(home / "reference")

    assert run.main() == 0

    assert _files(home / "reference") == reference_before
    assert _files(home / "landing") == {}
    assert "没有文件，照常运行" in capsys.readouterr().out
    assert (home / "warehouse" / "zhaoshang.duckdb").exists()


def test_a_new_home_gets_the_demo(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ZHAOSHANG_HOME", str(tmp_path))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    assert run.is_new_home(run.paths())
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "departments.csv").write_text("code,name,aliases\n", encoding="utf-8")
    assert not run.is_new_home(run.paths())
