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


def test_with_nothing_new_the_job_is_not_started_and_the_published_file_stands(home: Path, monkeypatch, capsys):
    import datetime as dt
    import os

    import dagster as dg

    from tests.workbooks import KPI_HEADER, write_workbook

    monkeypatch.setenv("ZHAOSHANG_HOME", str(home))
    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster"))
    path = write_workbook(home / "landing" / "bureau" / "认定-2024年1-5月.xlsx", {"指标认定": [
        KPI_HEADER, ["进出口额", "2024年1-5月", "1,116.12", "万元", "认定", dt.date(2024, 6, 14)]]})
    assert run.main() == 0
    published = home / "warehouse" / "zhaoshang.duckdb"
    stamp = published.stat().st_mtime_ns
    capsys.readouterr()

    assert run.main() == 0

    out = capsys.readouterr().out
    assert "没有新的或改动的文件" in out and "1116.12" in out
    assert published.stat().st_mtime_ns == stamp
    with dg.DagsterInstance.get() as instance:
        assert len(instance.get_run_records()) == 1

    os.utime(path, ns=(stamp, stamp))  # touched: the job runs, and finds the content unchanged
    assert run.main() == 0
    assert "没有新的或改动的文件" not in capsys.readouterr().out
    with dg.DagsterInstance.get() as instance:
        assert len(instance.get_run_records()) == 2
