"""SQL check files: severity from the file, failing rows from the query."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.checks import _check, mart_checks


def test_severity_comes_from_the_file(tmp_path: Path) -> None:
    (tmp_path / "strict.sql").write_text("-- must hold\nSELECT 1 AS x WHERE false", encoding="utf-8")
    (tmp_path / "soft.sql").write_text("-- worth a look\n-- severity: warn\nSELECT 1 AS x", encoding="utf-8")
    (tmp_path / "info_table.sql").write_text("-- for information\nSELECT 1 AS x", encoding="utf-8")

    strict, soft, info = (_check(tmp_path / n) for n in ("strict.sql", "soft.sql", "info_table.sql"))

    assert (strict.blocking, soft.blocking, info.blocking) == (True, False, False)
    assert strict.description == "must hold"
    with duckdb.connect() as con:
        assert strict.failing_rows(con).empty
        assert soft.failing_rows(con)["x"].tolist() == [1]


def test_every_shipped_check_describes_itself() -> None:
    checks = mart_checks()
    assert checks
    assert all(check.description for check in checks)
