"""How fast department workbooks load on the nightly path, next to the floor of merely reading them with
python-calamine, in the same run.

    PYTHONPATH=. .venv/bin/python bench/departments_ingest.py --files 1000 --rows 50

Writes N workbooks (about `rows` data rows each over the four sheets, a third of them in messy layouts) into
a work folder once, then runs each mode in its own child process, sampling the memory of the child and of every
process it starts (the parse workers) every 20 ms:
  floor    python-calamine opens every file and reads every sheet to Python lists, nothing else (run before and
           after the others: the machine is shared, so the path is set against the mean of the two);
  nightly  what the nightly run does: load_source into a fresh DuckDB file with the real pool of two spawn-started
           workers (warehouse.isolation.ParsePool), which read the files 100 at a time with read_department_files,
           while the loader hashes and archives every file, then judges what the workers read by the models and
           writes raw rows and audit rows per 200 files, the workers reading the next 200 meanwhile; the workers
           are started before the clock (an earlier source of the night starts them), their start is timed on its
           own, and so are the loader's steps (hashing and archiving, waiting for the workers, judging, writing);
  archive  the loader's first step alone: sha256 and archive copy of every file (warehouse.landing.archive), then
           the one flush to disk (make_durable);
  read     the workers' part alone: ParsePool.read of every file, 200 at a time, nothing judged or written;
  single   (--single) the file-by-file reader of the time through the same loader, in one process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import openpyxl
import psutil
import python_calamine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from demo import reference as demo_reference  # noqa: E402
from ingest.forms.common import read_each_file  # noqa: E402
from ingest.forms.departments import read_department_file, read_department_files  # noqa: E402
from ingest.forms.reference import load_reference  # noqa: E402
from warehouse import loads  # noqa: E402
from warehouse.database import connect, prepare  # noqa: E402
from warehouse.home import Paths  # noqa: E402
from warehouse.isolation import ParsePool  # noqa: E402
from warehouse.landing import archive, make_durable  # noqa: E402
from warehouse.loads import BATCH_SIZE, load_source  # noqa: E402

DEPARTMENTS = ("招商服务中心", "经发局", "财政金融局", "建管局", "社会事业局", "资源分局", "市监分局", "党群部",
               "阴阳赵镇", "新城办")
STATUSES = ("线索", "在谈", "洽谈中", "已签约", "已放弃")
KINDS = ("外出招商", "考察对接", "会见客商", "推介活动")
USCC = ("91411102909378654A", "91411103323194874E", "914111030996030893", "9141110019482199XC")


def _sheets(rng: random.Random, index: int, rows: int) -> dict[str, list[list[object]]]:
    department = DEPARTMENTS[index % len(DEPARTMENTS)]
    week = 1 + (index // len(DEPARTMENTS)) % 52
    messy = index % 3 == 0
    day = dt.date.fromisocalendar(2024, week, 3)
    amount = (lambda v: f"{v}亿") if messy else (lambda v: v)
    when = (lambda d: f"{d.year}年{d.month}月{d.day}日") if messy else (lambda d: d)
    n_leads, n_signed, n_firms = rows * 3 // 10, rows // 10, rows // 5
    n_acts = rows - n_leads - n_signed - n_firms
    top = [["填报单位：" + department, None, None, f"报告期：2024年第{week}周"], ["单位：亿元"]] if messy else []
    sheets = {} if messy else {"基本信息": [["填报单位", department], ["报告期", f"2024年第{week}周"]]}
    lead_header = ["序号", "线索名称", "投资方", "产业类别", "预计投资额（亿元）", "来源地", "获取日期", "状态"]
    sheets["线索"] = top + [lead_header] + [
        [n, f"线索{index}-{n}项目", f"投资方{n}有限公司", "食品加工", amount(rng.choice((0.5, 1, 2))), "郑州",
         when(day), rng.choice(STATUSES)] for n in range(1, n_leads + 1)]
    sheets["签约项目"] = top + [["序号", "项目名称", "投资方", "总投资（亿元）", "签约日期", "六职领导"]] + [
        [n, f"签约{index}-{n}项目", "某某有限公司", amount(rng.choice((0.3, 1.2))), when(day), None]
        for n in range(1, n_signed + 1)]
    sheets["注册企业"] = top + [["序号", "企业名称", "统一社会信用代码", "注册日期", "注册资本（万元）", "行业"]] + [
        [n, f"企业{n}", rng.choice(USCC), when(day), 500, "批发和零售业"] for n in range(1, n_firms + 1)]
    sheets["招商活动"] = top + [["序号", "日期", "活动类型", "地点", "对接企业数", "带队领导", "内容摘要"]] + [
        [n, when(day), rng.choice(KINDS), "杭州", "10余" if messy and n == 1 else rng.randint(1, 5), "主任", "洽谈"]
        for n in range(1, n_acts + 1)]
    if messy:
        sheets["线索"].append(["合计", None, None, None, None, None, None, None])
    return sheets


def generate(folder: Path, files: int, rows: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20240623)
    paths = []
    for index in range(files):
        path = folder / f"周报-{index:05d}.xlsx"
        paths.append(path)
        if path.exists():
            continue
        book = openpyxl.Workbook()
        book.remove(book.active)
        for name, grid in _sheets(rng, index, rows).items():
            sheet = book.create_sheet(name)
            for row in grid:
                sheet.append(row)
        book.save(path)
    return paths


def _floor(paths: list[Path]) -> dict:
    cells = 0
    for path in paths:
        with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
            for name in workbook.sheet_names:
                cells += sum(len(row) for row in workbook.get_sheet_by_name(name).to_python())
    return {"cells": cells}


def _fresh(work: Path) -> None:
    for leftover in (work / "bench.duckdb", work / "archive", work / "scratch"):
        shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink(missing_ok=True)
    prepare(work / "bench.duckdb")


def _loaded(outcomes: list) -> dict:
    statuses = {}
    for outcome in outcomes:
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    return {"statuses": statuses, "rows_read": sum(o.rows_read for o in outcomes),
            "rows_accepted": sum(o.rows_accepted for o in outcomes),
            "rows_rejected": sum(o.rows_rejected for o in outcomes)}


def _start_pool(paths: list[Path], reference: object) -> tuple[ParsePool, float]:
    """Both workers started and warm, as an earlier source of the night leaves them; the seconds it took."""
    pool = ParsePool(workers=2)
    start = time.perf_counter()
    pool.read(read_department_files, paths[:2], reference)
    return pool, time.perf_counter() - start


def _timed(spent: dict[str, float], name: str, function):
    """function, adding the seconds of each call to spent[name]: where the nightly path's time went."""
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
    return timed


def measure(mode: str, work: Path) -> dict:
    """Run one mode in this process; its time, and this process's and its finished children's peak memory."""
    landing, reference_dir = work / "landing" / "departments", work / "reference"
    paths = sorted(landing.glob("*.xlsx"))
    reference = load_reference(reference_dir)
    extra: dict = {}
    pool = None
    if mode == "nightly":
        _fresh(work)
        pool, extra["pool_start_seconds"] = _start_pool(paths, reference)
    elif mode == "read":
        pool, extra["pool_start_seconds"] = _start_pool(paths, reference)
    elif mode == "single":
        _fresh(work)
    elif mode == "archive":
        shutil.rmtree(work / "archive", ignore_errors=True)
    start = time.perf_counter()
    if mode == "floor":
        extra |= _floor(paths)
    elif mode == "archive":
        for path in paths:
            archive(path, work / "archive")
        make_durable(work / "archive")
    elif mode == "read":
        results = [r for s in range(0, len(paths), BATCH_SIZE)
                   for r in pool.read(read_department_files, paths[s:s + BATCH_SIZE], reference)]
        extra["rows_read"] = sum(r.rows_read for r in results)
    else:
        reader = read_department_files if mode == "nightly" else partial(read_each_file, read_department_file)
        spent: dict[str, float] = {}
        loads._arrivals = _timed(spent, "hash_and_archive", loads._arrivals)
        loads.judge_files = _timed(spent, "judge", loads.judge_files)
        loads._write_batch = _timed(spent, "write", loads._write_batch)
        if pool is not None:
            pool.collect = _timed(spent, "workers", pool.collect)
        with connect(work / "bench.duckdb") as con:
            extra |= _loaded(load_source(con, "departments", Paths(work), reader, reference, pool=pool))
        extra["seconds_in"] = {name: round(seconds, 2) for name, seconds in spent.items()}
    seconds = time.perf_counter() - start
    if pool is not None:
        pool.close()  # waited for, so that RUSAGE_CHILDREN counts the workers
    return {"mode": mode, "files": len(paths), "seconds": round(seconds, 2),
            "files_per_second": round(len(paths) / seconds, 1),
            "self_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "largest_worker_peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024), **extra}


def run(mode: str, work: Path) -> dict:
    """One mode in a child process; the peak of the summed memory of it and its children, sampled."""
    child = psutil.Popen([sys.executable, __file__, "--mode", mode, "--work", str(work)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_tree = 0
    while child.poll() is None:
        try:
            peak_tree = max(peak_tree, sum(p.memory_info().rss for p in (child, *child.children(recursive=True))))
        except psutil.Error:
            pass  # a worker ended between listing and measuring
        time.sleep(0.02)
    out, err = child.communicate()
    if child.returncode:
        raise SystemExit(f"{mode} failed:\n{err}")
    return json.loads(out.strip().splitlines()[-1]) | {"tree_peak_mb": round(peak_tree / 2**20)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=50)
    parser.add_argument("--work", type=Path, default=Path("/tmp/zhaoshang-bench-departments"))
    parser.add_argument("--single", action="store_true", help="also time the file-by-file reader")
    parser.add_argument("--mode", choices=("floor", "nightly", "archive", "read", "single"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(measure(args.mode, args.work)))
        return
    landing = args.work / "landing" / "departments"
    if landing.exists() and len(list(landing.glob("*.xlsx"))) != args.files:
        shutil.rmtree(landing)
    demo_reference.write(args.work)  # the demo departments, targets and ranking weights
    start = time.perf_counter()
    generate(landing, args.files, args.rows)
    print(f"{args.files} workbooks of about {args.rows} rows ready in {time.perf_counter() - start:.1f}s")
    load = [os.getloadavg()[0]]
    results = {}
    for mode in ("floor", "nightly", "archive", "read", *(("single",) if args.single else ()), "floor"):
        result = run(mode, args.work)
        load.append(os.getloadavg()[0])
        results.setdefault(mode, []).append(result)
        print(json.dumps(result, ensure_ascii=False))
    floors = results["floor"]
    floor_seconds = sum(f["seconds"] for f in floors) / len(floors)
    floor_mb = max(f["tree_peak_mb"] for f in floors)
    print(f"floor: {floor_seconds:.2f}s ({len(floors)} runs), {args.files / floor_seconds:.0f} files/s, "
          f"{floor_mb} MB; load average {min(load):.1f}-{max(load):.1f}")
    for mode, [result] in ((m, r) for m, r in results.items() if m != "floor"):
        print(f"{mode}: {result['files_per_second']} files/s, {result['seconds'] / floor_seconds:.1f}x the floor, "
              f"peak {result['tree_peak_mb']} MB for the process tree ({result['tree_peak_mb'] / floor_mb:.1f}x)")


if __name__ == "__main__":
    main()
