"""How fast, and in how much memory, hostile workbooks are refused; and what measuring costs a good workbook.

    .venv/bin/python bench/hostile_files.py [--unguarded]

Writes each file into a work folder (the bombs at the sizes issue 8 measured: a sheet inflating to 4 GB, a
4 GB whitespace bomb), then reads each with `ingest.workbook.read_workbook` in its own child process, so that
each peak memory (`ru_maxrss`) is that file's own, and reports the outcome, the seconds and the peak.

--unguarded also hands each file to python-calamine directly (open, every sheet to Python lists, as the reader did
before), in a child limited to 3 GB of address space and 120 s: what the checks spare the nightly process.

Then, through the customs reader (header search included), the workbook whose 1,500 footer cells repeat 单位
(issue 18, finding 3; in the test corpus), and `labelled_value` alone on a line of 100,000 characters.

Last, the cost of measuring on good files: 200 demo-sized department workbooks and one customs platform download
saved as a workbook (10,000 rows x 16 columns, the largest real file), read with and without the survey.

--night instead drops the demo, the test corpus and the bombs above into a new home and runs `make run`'s job on it
(`python -m orchestration.run`, readers in worker processes), sampling the memory of the whole process tree every
20 ms: the night's wall time, its peak, and how each bomb ended.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from tests.hostile.corpus import (  # noqa: E402
    _HEAD,
    _LAUGHS,
    _TAIL,
    CASES,
    KPI_ROW,
    LEAD,
    LEAD_HEADER,
    _xls_far_cell,
    kpi_sheet,
    raw,
)
from tests.hostile.files import (  # noqa: E402
    MB,
    Sheet,
    member,
    repeated_member,
    sheet_xml,
    workbook_members,
    zip_bytes,
)


def _bytes(build: Callable[[], bytes]) -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        path.write_bytes(build())
        return path
    return write


def _many_members() -> bytes:
    parts = workbook_members([Sheet("S", sheet_xml(kpi_sheet(KPI_ROW)))])
    return zip_bytes(parts + [member(f"xl/media/i{i}.png", b"x") for i in range(100_000)])


HOSTILE: dict[str, Callable[[Path], Path]] = {
    "zip bomb: sheet XML inflating to 4 GB": raw(
        [Sheet("S", repeated_member("s", _HEAD, b"A" * MB, 4096, _TAIL))]),
    "whitespace bomb: 4.3 GB of spaces": raw(
        [Sheet("S", repeated_member("s", _HEAD, b" " * MB, 4400, _TAIL))]),
    "lying bomb: declares 40 KB, inflates 4 GB": raw(
        [Sheet("S", repeated_member("s", _HEAD, b" " * MB, 4096, _TAIL, declared_size=40_000))]),
    "one cell at XFD1048576 (2 KB)": raw([Sheet("S", sheet_xml(
        kpi_sheet(KPI_ROW), cells_after='<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))]),
    "cells without their place in row 1048576": raw([Sheet("S", sheet_xml(
        kpi_sheet(KPI_ROW), cells_after='<row r="1048576"><c><v>1</v></c><c><v>2</v></c></row>'))]),
    "declared A1:XFD1048576": raw([Sheet("S", sheet_xml([LEAD_HEADER, LEAD], dimension="A1:XFD1048576"))]),
    "billion laughs": raw([Sheet("S", _LAUGHS)]),
    "100,000 zip members": _bytes(_many_members),
    ".xls with a cell at IV65536": _xls_far_cell,
}


def _department_books(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"dept-{index:04d}.xlsx"
        paths.append(path)
        if path.exists():
            continue
        book = openpyxl.Workbook()
        book.remove(book.active)
        for name, header in (("线索", LEAD_HEADER), ("签约项目", LEAD_HEADER[:6]), ("招商活动", LEAD_HEADER[:7])):
            sheet = book.create_sheet(name)
            sheet.append(header)
            for n in range(15):
                sheet.append([n, f"项目{index}-{n}", "某某有限公司", "食品", 1.5, "郑州", "2024-06-04", "在谈"][
                             :len(header)])
        book.save(path)
    return paths


def _platform_book(path: Path) -> Path:
    if not path.exists():
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("数据")
        sheet.append(["数据年月", "商品编码", "商品名称", "贸易伙伴编码", "贸易伙伴名称", "贸易方式编码",
                      "贸易方式名称", "注册地编码", "注册地名称", "第一数量", "第一计量单位", "第二数量",
                      "第二计量单位", "人民币", "美元", "备注"])
        for n in range(10_000):
            sheet.append(["202405", f"{n % 9999:08d}", "改良种用马", "116", "日本", "10", "一般贸易", "41119",
                          "漯河市", n * 3, "千克", n, "头", n * 1116.12, n * 157.3, None])
        book.save(path)
    return path


def child(mode: str, target: Path) -> dict:
    """One measurement in this (fresh) process."""
    from ingest.workbook import read_workbook

    start = time.perf_counter()
    outcome = "read"
    if mode == "guarded":
        try:
            sheets = read_workbook(target).sheets
            outcome = f"read: {sum(len(grid) for grid in sheets.values())} rows"
        except ValueError as err:
            outcome = f"refused: {str(err).split(' (')[0][-90:]}"
    elif mode == "unguarded":
        import python_calamine

        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
        with python_calamine.CalamineWorkbook.from_filelike(open(target, "rb")) as workbook:
            rows = sum(len(workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
                       for name in workbook.sheet_names)
        outcome = f"read: {rows} rows"
    elif mode == "customs":
        import tempfile

        from ingest.forms.customs import read_customs_files
        from ingest.forms.reference import load_reference
        from tests.reference import write_reference

        reference = load_reference(write_reference(Path(tempfile.mkdtemp()) / "reference"))
        start = time.perf_counter()
        [parsed] = read_customs_files([target], reference)
        outcome = f"rejected: {parsed}" if isinstance(parsed, Exception) else f"read: {parsed.rows_read} rows"
    elif mode == "line":
        from ingest.tables import labelled_value

        line = "单位:-" * 24_998 + "\nz 单位：万元"
        start = time.perf_counter()
        outcome = f"{len(line):,} characters: {labelled_value([line], ['单位', '金额单位', '计量单位'])}"
    else:  # "floor" / "survey" over a folder of good workbooks
        import python_calamine

        paths = sorted(target.glob("*.xlsx")) if target.is_dir() else [target]
        for path in paths:
            if mode == "survey":
                read_workbook(path)
            else:
                with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
                    for name in workbook.sheet_names:
                        workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        outcome = f"{len(paths)} files"
    return {"seconds": round(time.perf_counter() - start, 3), "outcome": outcome, "peak_mb": _peak_mb()}


def _peak_mb() -> float:
    """This process's own peak resident memory. Not ru_maxrss: Linux carries it over exec from the parent, which
    built the bombs."""
    status = Path("/proc/self/status").read_text()
    return round(int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1]) / 1024, 1)


def run(mode: str, target: Path, timeout: float = 120) -> dict:
    try:
        done = subprocess.run([sys.executable, __file__, "--child", mode, str(target)], capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": timeout, "outcome": f"still running after {timeout:.0f} s (killed)", "peak_mb": None}
    if done.returncode:
        return {"seconds": None, "peak_mb": None,
                "outcome": f"process died (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def night(work: Path) -> dict:
    """The nightly job over the demo, the corpus and the bombs, with the process tree's memory sampled."""
    import os
    import shutil

    import duckdb
    import psutil

    from demo import generate
    from tests.hostile.corpus import write_corpus

    home = work / "night"
    shutil.rmtree(home, ignore_errors=True)
    generate(home)
    write_corpus(home)
    bombs = {}
    for number, (name, build) in enumerate(HOSTILE.items()):
        path = home / "landing" / "bureau" / f"炸弹-{number}{'.xls' if name.startswith('.xls') else '.xlsx'}"
        build(path)
        bombs[path.name] = name
    env = dict(os.environ, ZHAOSHANG_HOME=str(home), DAGSTER_HOME=str(home / "dagster"))
    started = time.perf_counter()
    process = psutil.Popen([sys.executable, "-m", "orchestration.run"], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_tree = peak_one = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            sizes = [p.memory_info().rss for p in tree]
        except psutil.Error:
            continue
        peak_tree, peak_one = max(peak_tree, sum(sizes)), max(peak_one, *sizes)
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    with duckdb.connect(str(home / "warehouse" / "zhaoshang.duckdb"), read_only=True) as con:
        ended = dict(con.execute("SELECT file_name, status || ': ' || coalesce(message, '') FROM audit.loads"
                                 " WHERE file_name LIKE '炸弹-%'").fetchall())
        files = con.execute("SELECT count(*) FROM audit.loads").fetchone()[0]
    return {"exit": process.returncode, "seconds": round(seconds, 1), "files_recorded": files,
            "peak_tree_mb": round(peak_tree / 2**20), "peak_one_process_mb": round(peak_one / 2**20),
            "bombs": {bombs[name]: outcome[:120] for name, outcome in sorted(ended.items())}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/zhaoshang-bench-hostile"))
    parser.add_argument("--unguarded", action="store_true")
    parser.add_argument("--night", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    if args.night:
        print(json.dumps(night(args.work), ensure_ascii=False, indent=1))
        return
    good = raw([Sheet("S", sheet_xml(kpi_sheet(KPI_ROW)))])(args.work / "good.xlsx")
    print(json.dumps({"file": "baseline: a good 3-row workbook", **run("guarded", good)}, ensure_ascii=False))
    for number, (name, build) in enumerate(HOSTILE.items()):
        path = args.work / f"hostile-{number}{'.xls' if name.startswith('.xls') else '.xlsx'}"
        if not path.exists():
            build(path)
        print(json.dumps({"file": name, "size_kb": round(path.stat().st_size / 1024, 1),
                          **run("guarded", path)}, ensure_ascii=False))
        if args.unguarded:
            print(json.dumps({"file": name, "unguarded": run("unguarded", path)}, ensure_ascii=False))
    footer = next(case for case in CASES if case.file_name == "2019年1-10月企业进出口.xlsx")
    path = footer.build(args.work / footer.file_name)
    print(json.dumps({"file": footer.name, "size_kb": round(path.stat().st_size / 1024, 1),
                      **run("customs", path)}, ensure_ascii=False))
    print(json.dumps({"labelled_value": run("line", path)}, ensure_ascii=False))
    books = _department_books(args.work / "departments", 200)
    platform = _platform_book(args.work / "platform.xlsx")
    for label, target in (("200 department workbooks", books[0].parent), ("platform download, 10,000 rows", platform)):
        floor, survey = run("floor", target), run("survey", target)
        print(json.dumps({"good files": label, "calamine alone": floor, "read_workbook": survey,
                          "ratio": round(survey["seconds"] / floor["seconds"], 2)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
