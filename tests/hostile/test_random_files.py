"""Issue 17, point 6: no file, whatever its name, bytes or shape, fails a night. Hypothesis drops files with random
names (random bytes, UTF-8 or not) and random content (raw bytes, or the start of a real CSV followed by random
bytes) into the landing zone, and the whole night runs: every file ends it loaded, rejected or not read, and
nothing raises."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.build import build_warehouse, open_warehouse
from tests.reference import write_reference
from warehouse.landing import readable_name

SOURCES = ("bureau", "departments", "customs")
_HEADS = (
    b"",
    "指标名称,统计期,认定值,单位,口径,认定日期\r\n签约项目,2024年1-5月,7,个,认定,2024-06-14\r\n".encode("gbk"),
    '"数据年月","商品编码","商品名称","第一数量","第一计量单位","人民币",\r\n'
    '"202405","01012100","改良种用马","3","千克","1,116,120",\r\n'.encode("gbk"),
    "线索名称,投资方,状态\n随机项目,某公司,在谈\n".encode(),
    b"PK\x03\x04",
)
_names = st.builds(
    lambda stem, suffix: stem + suffix,
    st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")),
    st.sampled_from([b".csv", b".xlsx", b".xls", b".CSV", b"", b".txt"]),
)
_contents = st.builds(lambda head, tail: head + tail, st.sampled_from(_HEADS), st.binary(max_size=3000))
_files = st.lists(st.tuples(st.sampled_from(SOURCES), _names, _contents), min_size=1, max_size=5)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=_files)
def test_random_names_and_bytes_never_fail_a_night(files, tmp_path_factory) -> None:
    home = tmp_path_factory.mktemp("random_night")
    write_reference(home / "reference")
    dropped: dict[tuple[str, str], bytes] = {}
    for source, name, content in files:
        folder = home / "landing" / source
        folder.mkdir(parents=True, exist_ok=True)
        shown = readable_name(os.fsdecode(name))
        if (source, shown) in dropped:
            continue  # two names that read the same (or the same name twice): one file
        (folder / os.fsdecode(name)).write_bytes(content)
        dropped[(source, shown)] = content

    outcomes = build_warehouse(home)

    assert {o.status for o in outcomes} <= {"loaded", "rejected", "superseded"}
    with open_warehouse(home) as con:
        loaded = set(con.execute("SELECT source, file_path FROM audit.loads WHERE status <> 'failed'").fetchall())
        skipped = set(con.execute("SELECT source, file_path FROM audit.skipped_files").fetchall())
        unbalanced = con.execute("SELECT count(*) FROM audit.loads WHERE rows_read <> rows_accepted + rows_rejected"
                                 ).fetchone()[0]
    assert set(dropped) - loaded - skipped == set()
    assert unbalanced == 0
