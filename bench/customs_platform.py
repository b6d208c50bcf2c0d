"""How fast and how lean the customs platform path is at scale, against DuckDB reading the same data on its own.

    .venv/bin/python bench/customs_platform.py --rows 10000000 [--work /tmp/bench-customs]

Writes an N-line platform download the way the platform does (GBK, every field quoted, CRLF, a trailing comma,
thousands separators, '-' for an empty unit) with a few broken lines, and its UTF-8 twin. Then, each in a child
process so that its peak resident memory (ru_maxrss) is its own:
  floor      DuckDB's CREATE TABLE ... AS SELECT * FROM read_csv(twin), nothing else;
  ingest     the nightly path: load_source (sha256, archive copy, the line survey, one SQL pass reading the GBK
             file as latin-1 with every rule, its texts decoded in Python, line numbering, quarantine, all of it
             in the bounded child of warehouse/platform_child.py, then the copy of its rows) then every core and
             mart SQL file; its peak is the loader's own, the child's not counted (bench/hostile_platform.py
             samples the whole tree);
  transcode  (--transcode) the alternative it replaced: the same, but prepare() first transcodes the file to UTF-8
             in chunks of whole lines on both cores (two worker processes) and the pass reads that copy;
  chunked    (--chunked) pandas chunks and a pandera model instead of SQL (an earlier alternative).
The floor runs before and after the others (the machine is shared; the mean is the reference).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandera.pandas as pa
from pandera.typing import Series

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = ("数据年月", "商品编码", "商品名称", "贸易伙伴编码", "贸易伙伴名称", "贸易方式编码", "贸易方式名称",
          "注册地编码", "注册地名称", "第一数量", "第一计量单位", "第二数量", "第二计量单位", "人民币")
GOODS = (("02031100", "鲜或冷的整头及半头猪肉", "千克"), ("02032900", "冻猪肉", "千克"),
         ("04069000", "其他奶酪", "千克"), ("08045020", "鲜或干的芒果", "千克"), ("12019010", "黄大豆", "千克"),
         ("16010020", "猪肉香肠", "千克"), ("19059000", "其他面包、糕点、饼干", "千克"),
         ("39269090", "其他塑料制品", "千克"), ("73089000", "其他钢铁结构体及部件", "千克"),
         ("84122100", "直线作用的液压动力装置（液压缸）", "千克"))
PARTNERS = (("110", "中国香港"), ("116", "日本"), ("133", "韩国"), ("304", "德国"), ("502", "美国"),
            ("601", "澳大利亚"))
MODES = (("0110", "一般贸易"), ("0615", "进料对口"), ("1039", "市场采购"), ("9610", "跨境电子商务零售"))
PLACES = (("41119", "漯河"), ("41109", "许昌"), ("41019", "郑州"))
BROKEN_EVERY = 1_000_003  # one line in about a million has lost its HS code's first digit


def value_of(index: int) -> int:
    """The 人民币 amount of data line `index` (0-based): lets the child check every row kept its line number."""
    return (index * 7919) % 100_000_000


def _line(index: int, rng: random.Random, first_month: tuple[int, int] = (2015, 1), per_month: int = 50_000) -> str:
    code, name, unit = GOODS[index % len(GOODS)]
    if index % BROKEN_EVERY == BROKEN_EVERY - 1:
        code = code[1:]
    partner = PARTNERS[index % len(PARTNERS)]
    mode = MODES[(index // 7) % len(MODES)]
    place = PLACES[(index // 3) % len(PLACES)]
    # 50,000 lines a month from January 2015: ten million lines are seventeen years of monthly downloads.
    months = first_month[0] * 12 + first_month[1] - 1 + index // per_month
    year, month = months // 12, 1 + months % 12
    fields = (f"{year}{month:02d}", code, name, *partner, *mode, *place, f"{rng.randrange(1, 900_000):,}", unit,
              "0", "-", f"{value_of(index):,}")
    return ",".join(f'"{field}"' for field in fields) + ",\r\n"


def generate(path: Path, rows: int, first_month: tuple[int, int] = (2015, 1), per_month: int = 50_000,
             seed: int = 20240531) -> None:
    """`rows` lines, `per_month` of them for each month from `first_month` (year, month) on."""
    rng = random.Random(seed)
    with path.open("w", encoding="gbk", newline="") as out:
        out.write(",".join(f'"{h}"' for h in HEADER) + ",\r\n")
        for start in range(0, rows, 100_000):
            out.write("".join(_line(index, rng, first_month, per_month)
                              for index in range(start, min(rows, start + 100_000))))


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def child_floor(work: Path) -> dict:
    import duckdb

    db = work / "floor.duckdb"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE platform AS SELECT * FROM read_csv(?)", [str(work / "twin.csv")])
    rows = con.execute("SELECT count(*) FROM platform").fetchone()[0]
    con.close()
    return {"seconds": round(time.perf_counter() - started, 2), "rows": rows, "peak_mb": _peak_mb()}


def child_ingest(work: Path, name: str = "ingest") -> dict:
    import shutil

    from ingest.forms.customs import read_customs_files
    from ingest.forms.reference import Reference
    from warehouse.build import build
    from warehouse.database import connect, prepare
    from warehouse.home import Paths
    from warehouse.loads import load_source
    from warehouse.objects import sql_objects

    reference = Reference(departments=[], enterprises=[], metrics=[], targets=[], department_targets=[],
                          fx_rates={}, six_post_plan=[], settings={})
    db, archive = work / f"{name}.duckdb", work / f"archive-{name}"
    db.unlink(missing_ok=True)
    shutil.rmtree(archive, ignore_errors=True)
    phases = {}
    started = time.perf_counter()
    # One connection per step, as the Dagster assets customs_files, core_tables and mart_tables open them.
    prepare(db)
    with connect(db) as con:
        [outcome] = load_source(con, "customs", Paths(work), read_customs_files, reference)
    phases["load"] = round(time.perf_counter() - started, 2)
    for layer in ("core", "marts"):
        mark = time.perf_counter()
        prepare(db)
        with connect(db) as con:
            list(build(con, [obj.key for obj in sql_objects() if obj.schema == layer]))
        phases[layer] = round(time.perf_counter() - mark, 2)
    seconds = round(time.perf_counter() - started, 2)
    prepare(db)
    with connect(db) as con:
        misnumbered = con.execute(
            "SELECT count(*) FROM core.trade_platform_lines"
            " WHERE value_yuan <> ((row_number::BIGINT - 2) * 7919) % 100000000"
        ).fetchone()[0]
        quarantined = con.execute("SELECT count(*), min(row_number) FROM audit.quarantine").fetchone()
        mart_rows = con.execute("SELECT count(*) FROM marts.trade_by_product_partner").fetchone()[0]
    return {"seconds": seconds, "phases": phases, "rows_read": outcome.rows_read, "accepted": outcome.rows_accepted,
            "rejected": outcome.rows_rejected, "quarantined_cells": quarantined[0],
            "first_quarantined_line": quarantined[1], "rows_with_wrong_line_number": misnumbered,
            "mart_rows": mart_rows, "peak_mb": _peak_mb()}


_TRANSCODE_CHUNK = 1 << 24


def _to_utf8(chunk: bytes) -> bytes:
    return chunk.decode("gb18030").encode("utf-8")


def _transcoded(source: Path, target: Path) -> None:
    """GBK to UTF-8 in chunks of whole lines decoded by two worker processes, written in order."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool, \
            source.open("rb") as raw, target.open("wb") as out:
        pending: deque = deque()
        carry = b""
        while block := raw.read(_TRANSCODE_CHUNK):
            cut = (carry + block).rfind(b"\n") + 1
            chunk, carry = (carry + block)[:cut], (carry + block)[cut:]
            pending.append(pool.submit(_to_utf8, chunk))
            while len(pending) > 3:  # two decoding, two queued: memory stays a few chunks
                out.write(pending.popleft().result())
        pending.append(pool.submit(_to_utf8, carry))
        while pending:
            out.write(pending.popleft().result())


def child_transcode(work: Path) -> dict:
    """The alternative to reading the GBK file as latin-1: transcode it on both cores, then the same load."""
    from ingest.csv_survey import survey
    from ingest.forms.common import FileRejected
    from warehouse import customs_platform

    def prepare_transcoded(download, scratch: Path) -> customs_platform.PreparedCsv:
        found = survey(download.path)
        if found.bare_cr_line is not None:
            raise FileRejected(f"line {found.bare_cr_line}: a carriage return alone")
        target = scratch / "utf8.csv"
        _transcoded(download.path, target)
        return customs_platform.PreparedCsv(target, "utf-8", None, found.has_nul)

    customs_platform.prepare = prepare_transcoded  # the loader calls it by its module; this child process only
    return child_ingest(work, "transcode")


class Line(pa.DataFrameModel):
    """The chunked alternative's rules, as a pandera model over the text of each line."""

    year_month: Series[str] = pa.Field(str_matches=r"^20\d{2}(0[1-9]|1[0-2])$")
    hs_code: Series[str] = pa.Field(str_matches=r"^(\d{2}){1,5}$")
    quantity_1: Series[str] = pa.Field(str_matches=r"^[\d,]+(\.\d+)?$")
    value_yuan: Series[str] = pa.Field(str_matches=r"^[\d,]+(\.\d+)?$")


def child_chunked(work: Path) -> dict:
    """The alternative the issue names: pandas chunks, one pandera model per chunk, valid rows inserted into DuckDB.

    Kept to the same work as the SQL path's rules (period, HS code, numbers) so the two can be compared.
    """
    import duckdb
    import pandas as pd

    names = ["year_month", "hs_code", "product_name", "partner_code", "partner_name", "trade_mode_code",
             "trade_mode_name", "reg_place_code", "reg_place_name", "quantity_1", "unit_1", "quantity_2", "unit_2",
             "value_yuan"]
    db, twin = work / "chunked.duckdb", work / "chunked-twin.csv"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    _transcoded(next((work / "landing" / "customs").iterdir()), twin)
    con = duckdb.connect(str(db), config={"memory_limit": "1GB"})
    con.execute("CREATE TABLE platform (row_number BIGINT, year_month VARCHAR, hs_code VARCHAR, product_name VARCHAR, "
                "partner_code VARCHAR, partner_name VARCHAR, trade_mode_code VARCHAR, trade_mode_name VARCHAR, "
                "reg_place_code VARCHAR, reg_place_name VARCHAR, quantity_1 DECIMAL(20, 4), unit_1 VARCHAR, "
                "quantity_2 DECIMAL(20, 4), unit_2 VARCHAR, value_yuan DECIMAL(20, 2))")
    rejected, first_line = 0, 2
    chunks = pd.read_csv(twin, dtype=str, header=0, names=names, usecols=range(len(names)), chunksize=500_000,
                         keep_default_na=False)
    for chunk in chunks:
        chunk.index = range(first_line, first_line + len(chunk))
        first_line += len(chunk)
        try:
            Line.validate(chunk, lazy=True)
        except pa.errors.SchemaErrors as err:
            bad = set(err.failure_cases["index"])
            rejected += len(bad)
            chunk = chunk.drop(index=list(bad))
        con.register("chunk", chunk.reset_index(names="row_number"))
        con.execute("INSERT INTO platform BY NAME SELECT * EXCLUDE (quantity_1, quantity_2, value_yuan, unit_2), "
                    "nullif(unit_2, '-') AS unit_2, replace(quantity_1, ',', '')::DECIMAL(20, 4) AS quantity_1, "
                    "replace(quantity_2, ',', '')::DECIMAL(20, 4) AS quantity_2, "
                    "replace(value_yuan, ',', '')::DECIMAL(20, 2) AS value_yuan FROM chunk")
        con.unregister("chunk")
    rows = con.execute("SELECT count(*) FROM platform").fetchone()[0]
    con.close()
    twin.unlink()
    return {"seconds": round(time.perf_counter() - started, 2), "accepted": rows, "rejected": rejected,
            "peak_mb": _peak_mb()}


def _run_child(kind: str, args: argparse.Namespace) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", kind, "--work", str(args.work), "--rows",
                           str(args.rows)], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-customs"))
    parser.add_argument("--child", choices=["floor", "ingest", "transcode", "chunked"])
    parser.add_argument("--transcode", action="store_true", help="also time the parallel-transcode alternative")
    parser.add_argument("--chunked", action="store_true", help="also time the pandas-chunks + pandera alternative")
    args = parser.parse_args()
    work = args.work / str(args.rows)
    if args.child:
        child = {"floor": child_floor, "ingest": child_ingest, "transcode": child_transcode,
                 "chunked": child_chunked}[args.child]
        print(json.dumps(child(work)))
        return

    source = work / "landing" / "customs" / "海关统计数据在线查询_按月.csv"
    if not source.exists():
        source.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        generate(source, args.rows)
        _transcoded(source, work / "twin.csv")
        print(f"generated {args.rows:,} lines, {source.stat().st_size / 2**20:,.0f} MiB GBK, "
              f"in {time.perf_counter() - started:.0f} s", flush=True)
    before = _run_child("floor", args)
    print("floor ", before, flush=True)
    ingest = _run_child("ingest", args)
    print("ingest", ingest, flush=True)
    transcode = _run_child("transcode", args) if args.transcode else None
    if transcode:
        print("transcode", transcode, flush=True)
    if args.chunked:
        print("chunked", _run_child("chunked", args), flush=True)
    after = _run_child("floor", args)
    print("floor ", after, flush=True)
    floor = (before["seconds"] + after["seconds"]) / 2
    print(f"rows {args.rows:,}: floor {floor:.1f} s (mean of {before['seconds']} and {after['seconds']}), "
          f"ingest {ingest['seconds']:.1f} s, ratio {ingest['seconds'] / floor:.2f}x; "
          f"peak memory floor {max(before['peak_mb'], after['peak_mb']):.0f} MB, ingest {ingest['peak_mb']:.0f} MB")
    if transcode:
        print(f"transcode alternative {transcode['seconds']:.1f} s, ratio {transcode['seconds'] / floor:.2f}x, "
              f"peak memory {transcode['peak_mb']:.0f} MB (the workers' own not counted)")


if __name__ == "__main__":
    main()
