"""Deterministic demo data: reference tables and a landing zone whose files reproduce the figures of the
Xicheng District 2024 first-half work summary (see demo/README.md)."""

from __future__ import annotations

from pathlib import Path

LANDING_SOURCES = ("bureau", "departments", "customs")


def generate(home: Path) -> list[Path]:
    """Write <home>/reference/ and <home>/landing/{bureau,departments,customs}/; return the files written."""
    # Imported here so that `import demo` stays cheap for code that only wants LANDING_SOURCES.
    from demo import bureau, customs_platform, customs_table, departments, reference

    home = Path(home)
    written = reference.write(home)
    written += bureau.write(home)
    written += departments.write(home)
    written += customs_table.write(home)
    written += customs_platform.write(home)
    return written
