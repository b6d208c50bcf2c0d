"""How much memory the loader's own process takes for a hostile customs platform download (issue 18, finding 1).

    .venv/bin/python bench/hostile_platform.py [--lines 20000] [--name-chars 4000] [--cap-mb 4096]

Writes a GBK platform download the way bench/customs_platform.py does, but with a distinct `--name-chars`-character
商品名称 on every line (20,000 lines of 4,000 characters: the 161 MB file of the review; 125,000 lines: about 1 GB),
then runs the loader on it as the night does (`load_source` with the parse workers) in a child process, and
reports that process's own peak resident memory (VmHWM, read by the child itself at the end) and the peak of its
whole process tree (sampled every 20 ms). The child is killed if its own memory passes `--cap-mb`, so that a
measurement of code that has no bound does not take the shared machine with it: it then reads "stopped".
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile.files import long_names_download  # noqa: E402


def _hwm_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return round(int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1]) / 1024, 1)


def child(home: Path) -> dict:
    from ingest.forms.customs import read_customs_files
    from ingest.forms.reference import Reference
    from warehouse.database import connect, prepare
    from warehouse.home import Paths
    from warehouse.isolation import shared_pool
    from warehouse.loads import load_source

    reference = Reference(departments=[], enterprises=[], metrics=[], targets=[], department_targets=[],
                          fx_rates={}, six_post_plan=[], settings={})
    db = home / "warehouse" / "build.duckdb"
    started = time.perf_counter()
    before = _hwm_mb()
    prepare(db)
    with connect(db) as con:
        [outcome] = load_source(con, "customs", Paths(home), read_customs_files, reference, pool=shared_pool(2))
    return {"seconds": round(time.perf_counter() - started, 1), "status": outcome.status,
            "rows": [outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected],
            "message": (outcome.message or "")[:160], "start_mb": before, "loader_peak_mb": _hwm_mb()}


def measure(home: Path, cap_mb: float) -> dict:
    import psutil

    process = psutil.Popen([sys.executable, __file__, "--child", str(home)], cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    peak_tree = peak_own = 0
    stopped = False
    while process.poll() is None:
        try:
            own = process.memory_info().rss
            tree = own + sum(p.memory_info().rss for p in process.children(recursive=True))
        except psutil.Error:
            continue
        peak_own, peak_tree = max(peak_own, own), max(peak_tree, tree)
        if own > cap_mb * 2**20:
            process.kill()
            stopped = True
        time.sleep(0.02)
    out, err = process.communicate()
    if stopped:
        return {"outcome": f"stopped: the loader's process passed {cap_mb:.0f} MB",
                "loader_peak_mb": round(peak_own / 2**20), "tree_peak_mb": round(peak_tree / 2**20)}
    if process.returncode:
        return {"outcome": f"exit {process.returncode}", "error": err.strip().splitlines()[-3:],
                "loader_peak_mb": round(peak_own / 2**20)}
    return {**json.loads(out.strip().splitlines()[-1]), "tree_peak_mb": round(peak_tree / 2**20)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--name-chars", type=int, default=4000)
    parser.add_argument("--cap-mb", type=float, default=4096)
    parser.add_argument("--work", type=Path, default=Path("/tmp/zhaoshang-bench-platform"))
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child), ensure_ascii=False))
        return
    import shutil

    source = args.work / f"{args.lines}x{args.name_chars}.csv"
    if not source.exists():
        args.work.mkdir(parents=True, exist_ok=True)
        long_names_download(source, args.lines, args.name_chars)
    home = args.work / "home"
    shutil.rmtree(home, ignore_errors=True)
    (home / "landing" / "customs").mkdir(parents=True)
    # The loader reads the file the night would: a link to it under a platform download's name.
    (home / "landing" / "customs" / "海关统计数据在线查询_2024年5月.csv").hardlink_to(source)
    result = measure(home, args.cap_mb)
    print(json.dumps({"file": f"{args.lines:,} lines, {args.name_chars:,}-character names, "
                              f"{source.stat().st_size / 2**20:,.0f} MiB GBK", **result}, ensure_ascii=False))
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
