"""Loading a customs platform download inside DuckDB: one parallel pass over the file, every rule in SQL.

Years of downloads run to millions of lines, too many for a pandas frame. DuckDB reads the (UTF-8) file,
types each line and marks the ones breaking a rule (warehouse/sql/loads/customs_platform_*.sql); those are
written to audit.quarantine with the clerk's messages of schemas/customs.py. They stay in raw.customs_platform
with their `problems` and core leaves them out: deleting them would make DuckDB rewrite the whole load at commit
(12 s for 9 lines among 10 million, bench/README.md).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.encoding import sniff_encoding, transcode_to_utf8
from ingest.forms.common import FileRejected
from ingest.forms.customs import PlatformDownload, PlatformLayout
from schemas.customs import PLATFORM_RULES
from warehouse.database import SQL_DIR

_LOADS = SQL_DIR / "loads"


def _sql(step: str) -> str:
    return (_LOADS / f"customs_platform_{step}.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class PlatformCounts:
    read: int
    accepted: int
    rejected: int


def prepare(download: PlatformDownload, scratch: Path) -> Path:
    """The download as a UTF-8 CSV DuckDB can read: the file itself, or a copy written into `scratch`.

    Raises FileRejected when the file cannot be decoded.
    """
    if download.rows is not None:
        target = scratch / "sheet.csv"
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            for row in download.rows:
                writer.writerow(row or [""])
        return target
    try:
        if sniff_encoding(download.path) != "gb18030":
            return download.path  # DuckDB reads UTF-8 itself; a BOM sits on the header line, which is skipped
        target = scratch / "utf8.csv"
        transcode_to_utf8(download.path, target)
        return target
    except ValueError as err:
        raise FileRejected(str(err)) from err


def load_platform_csv(con: duckdb.DuckDBPyConnection, csv_path: Path, layout: PlatformLayout, load_id: int,
                      file_name: str) -> PlatformCounts:
    """Append the lines of a UTF-8 platform CSV to raw.customs_platform, the broken ones also to audit.quarantine."""
    # Columns we do not read get a name of their own, so the read never depends on what they hold.
    columns = {field or f"_unused_{index}": "VARCHAR" for index, field in enumerate(layout.fields)}
    year, month_from, month_to = layout.period or (None, None, None)
    con.execute(_sql("0_params"), {
        "first_line": layout.first_line, "year": year, "month_from": month_from, "month_to": month_to,
        "value_field": "value_yuan" if "value_yuan" in layout.headers else "value_usd",
    })
    lines = con.execute(_sql("1_load"), {
        "path": str(csv_path), "columns": columns, "skip": layout.first_line - 1, "load_id": load_id,
        "file_name": file_name,
    }).fetchone()[0]
    con.execute(_sql("2_number"), {"load_id": load_id})
    unreadable = con.execute("SELECT count(DISTINCT line) FROM customs_platform_rejects").fetchone()[0]
    if unreadable:
        con.execute(_sql("3_shift"), {"load_id": load_id})
    con.execute(_sql("4_quarantine"), {
        "load_id": load_id, "file_name": file_name, "sheet": layout.sheet,
        "fields": list(layout.headers), "headers": list(layout.headers.values()),
        "rules": list(PLATFORM_RULES), "messages": list(PLATFORM_RULES.values()),
        "column_fields": [field or "" for field in layout.fields],
    })
    not_data, broken = con.execute(
        "SELECT count(*) FILTER (WHERE len(problems) = 0), count(*) FILTER (WHERE len(problems) > 0)"
        " FROM raw.customs_platform WHERE load_id = ?", [load_id]).fetchone()
    for table in ("customs_platform_rejects", "customs_platform_reject_scans", "customs_platform_params"):
        con.execute(f"DROP TABLE {table}")  # our own temp tables, by their fixed names
    return PlatformCounts(read=lines - not_data + unreadable, accepted=lines - not_data - broken,
                          rejected=broken + unreadable)
