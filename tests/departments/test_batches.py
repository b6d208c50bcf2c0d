"""Loading a batch of workbooks at once writes what loading them one by one writes: same loads, same
supersessions, same rows with the same lineage, same quarantine."""

from __future__ import annotations

import datetime as dt
import os
from functools import partial
from pathlib import Path

import duckdb

from ingest.forms.common import read_each_file
from ingest.forms.departments import read_department_file, read_department_files
from ingest.forms.reference import load_reference
from tests.departments.books import BAD_USCC, GOOD_USCC, workbook, write_xlsx
from warehouse.database import connect, prepare
from warehouse.home import Paths
from warehouse.isolation import ParsePool
from warehouse.landing import LandingFile
from warehouse.loads import BATCH_BYTES, _Arrival, _batches, load_source

JUNE_5 = dt.date(2024, 6, 5)
MB = 1024**2
AUDIT = ("SELECT file_name, status, (SELECT file_name FROM audit.loads s WHERE s.load_id = l.superseded_by), "
         "rows_read, rows_accepted, rows_rejected, message, logical_key FROM audit.loads l ORDER BY file_name")
ROWS = "SELECT file_name, sheet, row_number, enterprise_name, uscc FROM raw.dept_enterprises ORDER BY ALL"
QUARANTINE = "SELECT file_name, sheet, row_number, column_name, value, rule FROM audit.quarantine ORDER BY ALL"


def _landing(folder: Path) -> None:
    books = [
        ("经发局-2024年第23周.xlsx", workbook(enterprises=[[1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5, 500, None],
                                                        [2, "漯河豫泽商贸有限公司", BAD_USCC, JUNE_5, 100, None]])),
        ("新城办-2024年第23周.xlsx", workbook("新城办", enterprises=[[1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5,
                                                                    500, None]])),
        ("不明部门.xlsx", workbook("经济发展处", enterprises=[[1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5, 500,
                                                           None]])),
        ("经发局-2024年第23周（修订）.xlsx", workbook(enterprises=[[1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5,
                                                                  500, None]])),
    ]
    for minute, (name, sheets) in enumerate(books):
        path = write_xlsx(folder / name, sheets)
        stamp = dt.datetime(2024, 6, 10, 9, minute).timestamp()
        os.utime(path, (stamp, stamp))


def _load(home: Path, batched: bool, batch_size: int = 200, pool: ParsePool | None = None) -> dict[str, list[tuple]]:
    reference = load_reference(home / "reference")
    prepare(home / "w.duckdb")
    with connect(home / "w.duckdb") as con:
        if batched:
            load_source(con, "departments", Paths(home), read_department_files, reference, batch_size=batch_size,
                        pool=pool)
        else:
            load_source(con, "departments", Paths(home), partial(read_each_file, read_department_file), reference)
    with duckdb.connect(str(home / "w.duckdb"), read_only=True) as con:
        return {sql: con.execute(sql).fetchall() for sql in (AUDIT, ROWS, QUARANTINE)}


def test_a_batch_loads_what_file_by_file_loading_loads(tmp_path: Path, dept_home: Path) -> None:
    _landing(dept_home / "landing" / "departments")
    one_by_one = tmp_path / "one_by_one"
    os.rename(dept_home, one_by_one)
    expected = _load(one_by_one, batched=False)
    os.rename(one_by_one, dept_home)
    assert _load(dept_home, batched=True) == expected

    audit = {name: (status, by) for name, status, by, *_ in expected[AUDIT]}
    assert audit == {"不明部门.xlsx": ("rejected", None), "新城办-2024年第23周.xlsx": ("loaded", None),
                     "经发局-2024年第23周.xlsx": ("superseded", "经发局-2024年第23周（修订）.xlsx"),
                     "经发局-2024年第23周（修订）.xlsx": ("loaded", None)}
    assert expected[QUARANTINE] == [("经发局-2024年第23周.xlsx", "注册企业", 3, "统一社会信用代码", BAD_USCC,
                                     "uscc_check_character")]


def test_a_resubmission_in_a_later_batch_replaces_the_earlier_one(dept_home: Path) -> None:
    _landing(dept_home / "landing" / "departments")
    loaded = _load(dept_home, batched=True, batch_size=1)
    audit = {name: (status, by) for name, status, by, *_ in loaded[AUDIT]}
    assert audit["经发局-2024年第23周.xlsx"] == ("superseded", "经发局-2024年第23周（修订）.xlsx")
    assert len(loaded[ROWS]) == 3


def test_batches_read_by_the_workers_while_the_one_before_is_written_load_the_same(tmp_path: Path,
                                                                                   dept_home: Path) -> None:
    _landing(dept_home / "landing" / "departments")
    alone = tmp_path / "alone"
    os.rename(dept_home, alone)
    expected = _load(alone, batched=False)
    os.rename(alone, dept_home)
    pool = ParsePool(workers=2)
    try:
        assert _load(dept_home, batched=True, batch_size=1, pool=pool) == expected
    finally:
        pool.close()


def test_a_batch_is_cut_at_its_bytes_as_well_as_its_files(tmp_path: Path) -> None:
    """The loader holds a batch's rows at once: 80 workbooks of 30 MB each took it to 1.86 GB as one batch."""
    def arrival(name: str, size: int) -> _Arrival:
        return _Arrival(LandingFile(tmp_path / name, name, size, 0), name, tmp_path / name)

    sizes = [30 * MB, 30 * MB, 30 * MB, 1 * MB, 70 * MB, 1 * MB, 1 * MB, 1 * MB]
    arrivals = [arrival(f"{number}.xlsx", size) for number, size in enumerate(sizes)]
    cut = [[a.file.relative for a in batch] for batch in _batches(arrivals, batch_size=3)]
    assert BATCH_BYTES == 64 * MB
    assert cut == [["0.xlsx", "1.xlsx"], ["2.xlsx", "3.xlsx"], ["4.xlsx"], ["5.xlsx", "6.xlsx", "7.xlsx"]]
