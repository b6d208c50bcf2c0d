"""Every hostile or broken file of the corpus gets its exact outcome: from its reader, and through the loader into a
real DuckDB file, where every load keeps rows_read = rows_accepted + rows_rejected."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ingest.forms.common import FileRejected, ParsedFile
from ingest.forms.judging import judge_files
from ingest.forms.reference import Reference, load_reference
from ingest.sources import SOURCES
from ingest.workbook import UnreadableFile
from tests.build import build_warehouse, open_warehouse
from tests.hostile.corpus import CASES, Case, outcomes_unlike_their_cases, write_corpus
from warehouse.landing import readable_name

READERS = {source.name: source.reader for source in SOURCES}


@pytest.fixture
def reference(home: Path) -> Reference:
    return load_reference(home / "reference")


def test_the_corpus_holds_at_least_forty_distinct_files(home: Path) -> None:
    write_corpus(home)
    paths = [home / "landing" / case.source / case.file_name for case in CASES]
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)
    # Distinct as files: content, or what the name claims it is (an empty .xlsx is not an empty .csv).
    assert len({(path.suffix, hashlib.sha256(path.read_bytes()).hexdigest()) for path in paths}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_file_gets_its_outcome_from_its_reader(case: Case, home: Path, reference: Reference) -> None:
    # The loader hands a reader the file under the name it reads best (a GBK name decoded).
    path = case.build(home / "landing" / case.source / readable_name(case.file_name))
    [result] = judge_files(READERS[case.source]([path], reference))
    if case.rejected and not isinstance(result, ParsedFile | Exception):
        raise AssertionError(result)
    if case.rejected and isinstance(result, ParsedFile):
        # A platform download is placed by its reader and refused by the load (tested through the loader below).
        assert result.bulk_loads, result
        return
    if case.rejected:
        assert isinstance(result, UnreadableFile | FileRejected), result
        assert case.rejected in str(result)
        return
    assert isinstance(result, ParsedFile), result
    if result.bulk_loads:  # a platform download's lines are read by the load: tested through the loader below
        assert (_accepted(result), result.issues) == (0, [])
        return
    assert _accepted(result) == case.accepted
    assert {(i.sheet, i.row_number, i.column_name, i.rule) for i in result.issues} == case.quarantined
    assert {(sheet, rule) for sheet, rule, _ in result.findings} == case.findings
    assert result.rows_read == case.accepted + case.rows_rejected


def _accepted(parsed: ParsedFile) -> int:
    return sum(len(frame) for table, frames in parsed.tables.items() if table != "raw.dept_reports"
               for frame in frames)


def test_the_whole_corpus_through_the_loader(home: Path) -> None:
    write_corpus(home)
    outcomes = build_warehouse(home)
    assert len(outcomes) == len(CASES)  # every file ends the night recorded
    with open_warehouse(home) as con:
        assert outcomes_unlike_their_cases(con) == []
