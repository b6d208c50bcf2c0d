"""Five years of a district: the full rebuild, a night that adds one file, a night with nothing new.

    .venv/bin/python bench/five_years.py [--years 5] [--work /tmp/zhaoshang-five-years]

Generates the five years once into <work>/cache (bench/district_history.py; seeded, reused while its version and
size are the same): 2,626 department workbooks, 60 bureau rounds, 60 customs enterprise tables, five yearly
platform downloads of 2 M lines (10 M in all) and the demo's reference folder. A home of the last N years
(`--years N`) is then filled with hard links and measured, each step a child process running `python -m
orchestration.run` exactly as `make run` does, its process tree's resident memory (the run and its reader workers)
sampled with psutil every 0.1 s:
  full      the nightly job into an empty home (only the reference folder and the landing zone);
  night     one department workbook more (D10's report of the last week, arriving late): the same command;
  night-customs  one customs enterprise table more (June 2024's, arriving late): the same command;
  idle      the same command with nothing new: make run's shortcut (the inputs' digest matches its marker);
  idle-job  the nightly job itself with nothing new (the marker removed): what the 02:00 schedule runs, which has
            no such shortcut.
Per step, the run's Dagster event log gives each op's time and each core/mart table's (the time between its
materialisation and the one before); then probes time, on the built home, what a night pays for the history it
carries: the landing-zone scan and the inputs' digest, the tables' fingerprints, the publish copy, and the sizes.
Results go to <work>/results-<N>y.json and a table on stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import district_history  # noqa: E402 - bench/district_history.py, beside this file

SAMPLE_SECONDS = 0.1
STEPS = ("full", "night", "night-customs", "idle", "idle-job")
ADDS = {"night": "departments", "night-customs": "customs"}  # the kind of file a night adds


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass  # ended between the listing and the reading
    return total


def measure(command: list[str], home: Path, log: Path) -> dict:
    """Run `command` with ZHAOSHANG_HOME=home; its wall time, the peak of its process tree's summed RSS, the load."""
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"} | {"ZHAOSHANG_HOME": str(home)}
    load_before = os.getloadavg()
    peak = 0
    with log.open("w") as out:
        started, started_at = time.perf_counter(), time.time()
        process = psutil.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        while process.poll() is None:
            peak = max(peak, _tree_rss(process))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "peak_tree_mb": round(peak / 2**20), "exit": process.returncode,
            "started_at": started_at, "ended_at": started_at + seconds,
            "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in os.getloadavg()],
            "log": str(log)}


def make_run(home: Path, log: Path) -> dict:
    return measure([sys.executable, "-m", "orchestration.run"], home, log)


# -- children: read what a run recorded, probe the built home ------------------------------------------------


def child_steps(home: Path) -> dict:
    """The latest run's op times and each core/mart table's, from the Dagster event log."""
    os.environ["DAGSTER_HOME"] = str(home / "dagster")
    import dagster as dg

    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs(limit=1)
        if not runs:
            return {}
        run = runs[0]
        started: dict[str, float] = {}
        steps: dict[str, float] = {}
        tables: dict[str, float] = {}
        last_in_tables = None
        run_start = run_end = None
        for record in instance.all_logs(run.run_id):
            event = record.dagster_event
            if event is None:
                continue
            kind, step, stamp = event.event_type_value, record.step_key, record.timestamp
            if event.event_type == dg.DagsterEventType.RUN_START:
                run_start = stamp
            elif event.event_type in (dg.DagsterEventType.RUN_SUCCESS, dg.DagsterEventType.RUN_FAILURE):
                run_end = stamp
            elif kind == "STEP_START":
                started[step] = stamp
                if step == "warehouse_tables":
                    last_in_tables = stamp
            elif kind in ("STEP_SUCCESS", "STEP_FAILURE"):
                steps[step] = round(stamp - started[step], 2)
                if step == "warehouse_tables":
                    tables["(checks, after the last table)"] = round(stamp - last_in_tables, 2)
            elif kind == "ASSET_MATERIALIZATION" and step == "warehouse_tables":
                key = event.asset_key.to_user_string()
                tables[key] = round(stamp - last_in_tables, 3)
                last_in_tables = stamp
        top = dict(sorted(tables.items(), key=lambda item: -item[1])[:8])
        return {"run_id": run.run_id, "status": run.status.value, "run_start": run_start, "run_end": run_end,
                "run_seconds": round(run_end - run_start, 2) if run_start and run_end else None,
                "steps": steps, "tables_total": round(sum(tables.values()), 2), "slowest_tables": top}


def _timed(call) -> tuple[object, float]:
    started = time.perf_counter()
    result = call()
    return result, round(time.perf_counter() - started, 3)


def _size_mb(path: Path) -> float:
    if path.is_file():
        return round(path.stat().st_size / 2**20, 1)
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 1)


def child_probes(home: Path) -> dict:
    """What a night pays for the history it carries, timed piece by piece on the built home."""
    import duckdb

    from ingest.sources import SOURCE_NAMES
    from orchestration.report import run_report
    from orchestration.run import inputs_digest
    from warehouse.build import fingerprints
    from warehouse.database import sql_literal
    from warehouse.home import Paths
    from warehouse.landing import scan
    from warehouse.publish import PUBLISHED_STORAGE_VERSION, build_state, publish

    where = Paths(home)
    probes: dict[str, object] = {}
    _, probes["inputs_digest_s"] = _timed(lambda: inputs_digest(where))
    probes["scan_s"] = {source: _timed(lambda source=source: scan(where.landing_for(source)))[1]
                        for source in SOURCE_NAMES}
    with duckdb.connect(str(where.build_db)) as con:
        _, probes["fingerprints_s"] = _timed(lambda: fingerprints(con))
        probes["rows"] = {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # our own names
                          for table in ("audit.loads", "audit.quarantine", "raw.dept_leads", "raw.dept_activities",
                                        "core.trade_platform_lines", "marts.department_ranking",
                                        "marts.department_weekly", "marts.trade_by_product_partner")}
        probes["largest_tables_rows"] = {f"{schema}.{name}": rows for schema, name, rows in con.execute(
            "SELECT schema_name, table_name, estimated_size FROM duckdb_tables() ORDER BY estimated_size DESC LIMIT 4"
        ).fetchall()}
        probes["loads_by_status"] = dict(con.execute(
            "SELECT source || ':' || status, count(*) FROM audit.loads GROUP BY ALL ORDER BY 1").fetchall())
        probes["quarantine_by_source"] = dict(con.execute(
            "SELECT l.source, count(*) FROM audit.quarantine q JOIN audit.loads l USING (load_id)"
            " GROUP BY ALL ORDER BY 1").fetchall())
        probes["checks_failing"] = [row[0] for row in con.execute(
            "SELECT DISTINCT check_name FROM audit.check_results WHERE NOT passed AND run_id ="
            " (SELECT run_id FROM audit.runs ORDER BY started_at DESC LIMIT 1) ORDER BY 1").fetchall()]
    _, probes["build_state_s"] = _timed(lambda: build_state(where.build_db))
    copy = home / "probe-published.duckdb"
    _, probes["publish_copy_s"] = _timed(lambda: publish(where.build_db, copy))
    copy.unlink()
    # What the publication would cost as a byte copy of a file of the same size, and how much of it is the
    # platform lines alone rewritten in the published storage version.
    _, probes["file_copy_s"] = _timed(lambda: shutil.copyfile(where.published_db, copy))
    copy.unlink()
    with duckdb.connect(str(where.build_db)) as con:
        con.execute(f"ATTACH {sql_literal(str(copy))} AS probe (STORAGE_VERSION '{PUBLISHED_STORAGE_VERSION}')")
        _, probes["platform_lines_copy_s"] = _timed(lambda: con.execute(
            "CREATE TABLE probe.platform AS SELECT * FROM raw.customs_platform; DETACH probe"))
    copy.unlink()
    _, probes["run_report_s"] = _timed(lambda: run_report(where.published_db))
    probes["sizes_mb"] = {"landing": _size_mb(where.landing), "archive": _size_mb(where.archive),
                          "build_db": _size_mb(where.build_db), "published_db": _size_mb(where.published_db),
                          "dagster_home": _size_mb(where.dagster_home)}
    return probes


def _child(kind: str, home: Path, log: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"} | {"ZHAOSHANG_HOME": str(home)}
    with log.open("w") as err:
        done = subprocess.run([sys.executable, __file__, "--child", kind, "--home", str(home)], cwd=ROOT, env=env,
                              check=True, stdout=subprocess.PIPE, stderr=err, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the bench -----------------------------------------------------------------------------------------------


def _print_table(years: int, results: dict) -> None:
    print(f"\n{years} year(s) of a district: {results['files']}")
    print(f"{'step':<14} {'wall s':>7} {'peak MB':>8}  load before -> after (1/5/15 min)")
    for step in STEPS:
        r = results[step]
        print(f"{step:<14} {r['seconds']:>7.1f} {r['peak_tree_mb']:>8}  {r['load_before']} -> {r['load_after']}"
              + ("" if r["exit"] == 0 else f"  EXIT {r['exit']}"))
    for step in (s for s in STEPS if s != "idle"):
        steps = results[f"{step}_steps"]
        print(f"{step}: {steps.get('before_run_s')} s before the run, run {steps.get('run_seconds')} s, "
              f"{steps.get('after_run_s')} s after it; ops {steps.get('steps')}")
        print(f"  slowest tables: {steps.get('slowest_tables')}")
    print(f"probes: {json.dumps(results['probes'], ensure_ascii=False)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5, choices=range(1, district_history.YEARS + 1))
    parser.add_argument("--work", type=Path, default=Path("/tmp/zhaoshang-five-years"))
    parser.add_argument("--lines-per-year", type=int, default=2_000_000, help="platform lines a year (10 M in all)")
    parser.add_argument("--keep-home", action="store_true", help="leave the built home for inspection")
    parser.add_argument("--child", choices=("steps", "probes"), help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child = {"steps": child_steps, "probes": child_probes}[args.child]
        print(json.dumps(child(args.home), default=str))
        return 0

    cache = args.work / "cache"
    started = time.perf_counter()
    manifest = district_history.ensure(cache, args.lines_per_year)
    print(f"five years ready in {cache} ({time.perf_counter() - started:.0f} s)", flush=True)
    home = args.work / f"home-{args.years}y"
    shutil.rmtree(home, ignore_errors=True)
    logs = args.work / f"logs-{args.years}y"
    logs.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                                  "years": args.years, "lines_per_year": args.lines_per_year,
                                  "files": district_history.fill_home(cache, manifest, home, args.years)}
    try:
        for step in STEPS:
            if step in ADDS:
                results[f"{step}_file"] = district_history.drop_held_back(cache, manifest, home, ADDS[step])
            if step == "idle-job":
                (home / "warehouse" / ".make-run-inputs").unlink()
            results[step] = make_run(home, logs / f"{step}.log")
            print(step, results[step], flush=True)
            if step != "idle":
                steps = _child("steps", home, logs / f"{step}-steps.err")
                # The process's time outside the run: start-up (imports, Definitions, the instance, the readers'
                # workers) before it, the report printed and the workers stopped after it.
                steps["before_run_s"] = round(steps["run_start"] - results[step]["started_at"], 2)
                steps["after_run_s"] = round(results[step]["ended_at"] - steps["run_end"], 2)
                results[f"{step}_steps"] = steps
        results["probes"] = _child("probes", home, logs / "probes.err")
    finally:
        (args.work / f"results-{args.years}y.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
        if not args.keep_home:
            shutil.rmtree(home, ignore_errors=True)
    _print_table(args.years, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
