"""Five years of one district's landing files, generated in code and seeded, for bench/five_years.py.

The five years end where the demo stands (its `as_of`, 2024-07-15): the 260 ISO weeks up to 2024-W28 and the 60
months up to June 2024. Written with the demo's own writers:
  departments  10 departments x 260 weeks of weekly workbooks (demo/departments.py sheets and file names), about as
               many rows as the demo's (5.5 a workbook); each department keeps a habit (the template or one of
               the demo's messy layouts, changing each year) and strays from it in one workbook in eight;
               one report in a hundred is sent again corrected;
  bureau       a confirmation workbook a month (指标认定 and 项目认定, the demo's headers and metric spellings),
               year-to-date figures consistent with the project list and the customs tables;
  customs      an enterprise table a month (demo/customs_table.py), some in 元, some as .xls or .csv;
  platform     one download per year of the window (bench/customs_platform.py's lines, N a year).
Each file carries its period, so a home can take the last N years of them. Two files are held back, each for a
night that adds it: D10's report of the last week and the June 2024 customs table (both arriving late).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import random
import sys
from dataclasses import dataclass
from decimal import Decimal as D
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import customs_platform  # noqa: E402 - bench/customs_platform.py, beside this file

from demo import bureau, customs_table, departments, uscc  # noqa: E402
from demo import reference as demo_reference  # noqa: E402
from demo.department_layouts import CLEAN, MESSY  # noqa: E402
from demo.department_plan import (  # noqa: E402
    BRANDS,
    CITIES,
    ENTERPRISE_KINDS,
    LEAD_KINDS,
    LEADERS,
    Activity,
    Content,
    Lead,
    Registration,
    Report,
)
from demo.figures import USD_CNY, DepartmentProject  # noqa: E402
from demo.trade import NOTHING, Flow  # noqa: E402
from demo.writers import Sheet, set_arrival, write_file  # noqa: E402

YEARS = 5
LAST_WEEK = (2024, 28)  # the last full ISO week before the demo's as_of (2024-07-15)
LAST_MONTH = (2024, 6)  # the last month whose customs table and bureau round have arrived by then
HELD_BACK_DEPARTMENT = "D10"  # its report of the last week arrives on a night being measured
VERSION = 2  # of what this module writes: a cache of another version is written again


@dataclass(frozen=True)
class Written:
    relative: str  # in the cache: landing/<source>/<name>, or night/<source>/<name> for a file held back
    kind: str  # departments | bureau | customs | platform
    period_start: str  # ISO date: which years of the window the file belongs to

    @property
    def held_back(self) -> bool:
        return self.relative.startswith("night/")


def weeks(years: int = YEARS) -> list[tuple[int, int]]:
    """The 52 x years consecutive ISO weeks ending at LAST_WEEK, oldest first."""
    last = dt.date.fromisocalendar(*LAST_WEEK, 1)
    mondays = [last - dt.timedelta(weeks=n) for n in range(52 * years - 1, -1, -1)]
    return [monday.isocalendar()[:2] for monday in mondays]


def months(years: int = YEARS) -> list[tuple[int, int]]:
    end = LAST_MONTH[0] * 12 + LAST_MONTH[1] - 1
    return [(n // 12, n % 12 + 1) for n in range(end - 12 * years + 1, end + 1)]


def window_start(years: int) -> dict[str, dt.date]:
    """The first period start a home of the last `years` years takes, per kind of file."""
    first_week, first_month = weeks(years)[0], months(years)[0]
    monthly = dt.date(*first_month, 1)
    return {"departments": dt.date.fromisocalendar(*first_week, 1), "bureau": monthly, "customs": monthly,
            "platform": monthly}


# -- reference -----------------------------------------------------------------------------------------------


def _csv_text(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_reference(home: Path) -> None:
    """The demo's reference folder, with what a centre keeps for every year it has files of: targets and department
    targets of each year (the demo's nearest year's), a USD/CNY rate for every month, and every department weekly
    (the demo's 党群工作部 reports monthly; here all ten send 52 a year)."""
    demo_reference.write(home)
    folder = home / "reference"
    years = sorted({year for year, _ in months()} | {year for year, _ in weeks()})
    nearest = {year: min(demo_reference.TARGETS, key=lambda known: abs(known - year)) for year in years}
    (folder / "targets.csv").write_text(_csv_text(["year", "metric_code", "target"], [
        [year, code, target] for year in years for code, target in demo_reference.TARGETS[nearest[year]].items()]),
        encoding="utf-8")
    (folder / "department_targets.csv").write_text(_csv_text(["year", "department_code", "metric", "target"], [
        [year, code, metric, target] for year in years
        for code, targets in demo_reference.DEPARTMENT_TARGETS.items()
        for metric, target in zip(demo_reference.DEPARTMENT_TARGET_METRICS, targets, strict=True)]),
        encoding="utf-8")
    rates = {(year, month): USD_CNY.get((year, month), "7.1000") for year in years for month in range(1, 13)}
    (folder / "fx_rates.csv").write_text(_csv_text(["year", "month", "usd_cny"], [
        [year, month, rate] for (year, month), rate in sorted(rates.items())]), encoding="utf-8")
    (folder / "cadence.csv").write_text(_csv_text(["source", "department", "cadence", "due_days"], [
        list(row) for row in demo_reference.CADENCE if row[0] != "departments" or not row[1]]), encoding="utf-8")


# -- department workbooks ------------------------------------------------------------------------------------

STATUS_NEXT = {"线索": ("在谈",), "在谈": ("在谈", "已签约", "已放弃")}
ACTIVITY_KINDS = ("外出招商", "考察对接", "会见客商", "会见客商", "推介活动")
AMOUNTS = ("0.3", "0.5", "0.8", "1", "1.2", "1.5", "2", "2.5", "3", "5", "0.6", "0.45")


class _Departments:
    """Every department's weekly reports with their rows, drawn from one seeded generator in date order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names = [(city, brand, kind) for city in CITIES for brand in BRANDS for kind in LEAD_KINDS]
        rng.shuffle(self.names)
        self.firms: set[str] = set()
        self.open: dict[str, list[tuple[Lead, str]]] = {code: [] for code, _, _ in demo_reference.DEPARTMENTS}

    def day_in(self, report: Report) -> dt.date:
        return report.start + dt.timedelta(days=self.rng.randrange(7))

    def lead(self, report: Report) -> Lead:
        city, brand, (suffix, industry, trade) = self.names.pop()
        return Lead(f"{city}{brand}{suffix}", f"{city}{brand}{trade}有限公司", industry,
                    D(self.rng.choice(AMOUNTS)), city, self.day_in(report))

    def firm(self, report: Report) -> Registration:
        kind, industry = self.rng.choice(ENTERPRISE_KINDS)
        name = f"漯河{self.rng.choice(BRANDS)}{self.rng.choice(BRANDS)[0]}{kind}有限公司"
        while name in self.firms:
            name = f"漯河{self.rng.choice(BRANDS)}{self.rng.choice(BRANDS)[0]}{kind}有限公司"
        self.firms.add(name)
        capital = D(self.rng.choice((50, 100, 200, 300, 500, 800, 1000, 1200, 2000, 3000, 5000)))
        return Registration(name, uscc.invent(self.rng), self.day_in(report), capital, industry)

    def activity(self, report: Report) -> Activity:
        kind = self.rng.choice(ACTIVITY_KINDS)
        city, brand = self.rng.choice(CITIES), self.rng.choice(BRANDS)
        place = "西城区" if kind == "会见客商" else city
        companies: int | str = 1 if kind == "会见客商" else self.rng.randint(1, 8)
        if kind == "考察对接" and self.rng.random() < 0.05:
            companies = "10余"
        return Activity(self.day_in(report), kind, place, companies, self.rng.choice(LEADERS),
                        f"{kind}{city}{brand}集团等企业")

    def content(self, report: Report) -> Content:
        content = Content()
        still_open = []
        for lead, status in self.open[report.department]:
            if self.rng.random() < 0.35:  # reported again this week, one step on (or still 在谈)
                status = self.rng.choice(STATUS_NEXT[status])
                content.leads.append((lead, status))
                if status == "已签约":
                    content.projects.append(DepartmentProject(
                        lead.name, lead.investor, lead.amount, self.day_in(report), (report.department,)))
                    continue
                if status == "已放弃":
                    continue
            still_open.append((lead, status))
        for _ in range(self.rng.choice((0, 1, 1, 2, 2, 3))):
            lead, status = self.lead(report), self.rng.choice(("线索", "线索", "在谈"))
            content.leads.append((lead, status))
            still_open.append((lead, status))
        self.open[report.department] = still_open[-40:]  # a clerk's list: the oldest quietly drop off
        content.enterprises = [self.firm(report) for _ in range(self.rng.choice((0, 0, 0, 1, 1, 2)))]
        content.activities = sorted((self.activity(report) for _ in range(self.rng.choice((0, 1, 1, 2, 2, 3)))),
                                    key=lambda activity: activity.day)
        return content


def _layout(rng: random.Random, index: int, year: int):
    habit = CLEAN if index < 4 else MESSY[(index + year) % len(MESSY)]
    return rng.choice((CLEAN, *MESSY)) if rng.random() < 1 / 8 else habit


def _folder(home: Path, source: str, held_back: bool) -> Path:
    folder = home / ("night" if held_back else "landing") / source
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_departments(home: Path, rng: random.Random) -> list[Written]:
    planner = _Departments(rng)
    written = []
    for count, (year, week) in enumerate(weeks()):
        monday = dt.date.fromisocalendar(year, week, 1)
        for index, (code, _, _) in enumerate(demo_reference.DEPARTMENTS):
            report = Report(code, year, week, None, monday, monday + dt.timedelta(days=6),
                            monday + dt.timedelta(days=7))
            layout = _layout(rng, index, year)
            content = planner.content(report)
            copies = [(report, content)]
            if (count * 10 + index) % 100 == 57:  # sent again two days later, a doubled activity removed
                first = Content(content.leads, content.projects, content.enterprises,
                                content.activities + content.activities[:1])
                later = Report(code, year, week, None, report.start, report.end,
                               report.filed + dt.timedelta(days=2), "（修订）")
                copies = [(report, first), (later, content)]
            for sent, rows in copies:
                held_back = (code, (year, week)) == (HELD_BACK_DEPARTMENT, LAST_WEEK)
                path = _folder(home, "departments", held_back) / departments.file_name(sent, layout)
                arrival = dt.datetime.combine(sent.filed, dt.time(15 if sent.revision else 9, index * 3))
                book = departments.sheets(sent, layout, rows)
                write_file(path, book, arrival)
                written.append(Written(str(path.relative_to(home)), "departments", monday.isoformat()))
    return written


# -- customs enterprise tables and bureau rounds -------------------------------------------------------------


def _flows(rng: random.Random) -> dict[tuple[int, int], dict[str, Flow]]:
    """Each roster enterprise's trade (万元) month by month, from the year before the window; some start late or
    stop, as the demo's do."""
    first_year = months()[0][0] - 1
    result: dict[tuple[int, int], dict[str, Flow]] = {}
    active = {short: (rng.randrange(0, 24), rng.randrange(60, 90)) for short in demo_reference.ROSTER}
    for n, (year, month) in enumerate((y, m) for y in range(first_year, LAST_MONTH[0] + 1) for m in range(1, 13)):
        result[(year, month)] = {}
        for short, (start, stop) in active.items():
            if not start <= n < stop:
                continue
            exports = D(rng.randrange(0, 40_000)) / 100
            result[(year, month)][short] = Flow(exports, D(rng.randrange(0, 20_000)) / 100)
    return result


def _to_date(flows: dict[tuple[int, int], dict[str, Flow]], year: int, month: int, short: str) -> Flow:
    total = NOTHING
    for earlier in range(1, month + 1):
        total = total + flows.get((year, earlier), {}).get(short, NOTHING)
    return total


def _table(flows, year: int, month: int) -> Sheet:
    rows = []
    for short, enterprise in demo_reference.ROSTER.items():
        to_date = _to_date(flows, year, month, short)
        if to_date.total == 0:
            continue
        before = _to_date(flows, year - 1, month, short).total
        growth = ((to_date.total - before) / before * 100).quantize(customs_table.PERCENT) if before else None
        rows.append(customs_table.Line(enterprise, "西城区", flows[(year, month)].get(short, NOTHING), to_date, growth))
    # An enterprise outside the roster (registered in another district) trades the same every month.
    outsider = Flow(D("12.34"), D("0.00"))
    rows.append(customs_table.Line(customs_table.OUTSIDER, customs_table.OUTSIDER_AREA, outsider,
                                   Flow(outsider.exports * month, D("0.00")), None))
    rows.sort(key=lambda line: -line.to_date.total)
    if month % 12 == 6:
        return customs_table.table_of(year, month, rows, "元", lambda wan: int(wan * 10000))
    return customs_table.table_of(year, month, rows, "万元", lambda wan: wan)


def write_customs_tables(home: Path, flows) -> list[Written]:
    written = []
    for year, month in months():
        fmt = {9: "xls", 11: "csv"}.get(month, "xlsx")
        path = _folder(home, "customs", (year, month) == LAST_MONTH) / f"{customs_table.title(year, month)}.{fmt}"
        sheet = _table(flows, year, month)
        arrival = dt.datetime(year + month // 12, month % 12 + 1, 12, 10, 0)
        write_file(path, [sheet], arrival)
        written.append(Written(str(path.relative_to(home)), "customs", dt.date(year, month, 1).isoformat()))
    return written


@dataclass(frozen=True)
class _Project:
    name: str
    investor: str
    amount: D
    signed: dt.date
    department: str
    batch: int | None


def _projects(rng: random.Random) -> dict[int, list[_Project]]:
    """The projects the bureau confirms, by the year they were signed in."""
    names = [(brand, kind) for brand in BRANDS for kind in LEAD_KINDS]
    rng.shuffle(names)
    result: dict[int, list[_Project]] = {}
    for year in range(months()[0][0], LAST_MONTH[0] + 1):
        result[year] = []
        for month in range(1, 13):
            for _ in range(rng.choice((0, 1, 1, 2))):
                brand, (suffix, _, trade) = names.pop()
                city = rng.choice(CITIES)
                quarter = (month - 1) // 3 + 1
                batch = (year - 2021) * 4 + quarter if year >= 2021 and rng.random() < 0.25 else None
                result[year].append(_Project(
                    f"{brand}{suffix}", f"{city}{brand}{trade}有限公司", D(rng.choice(AMOUNTS)) * 2,
                    dt.date(year, month, rng.randint(1, 28)), rng.choice(demo_reference.DEPARTMENTS)[1], batch))
    return result


def _stage(project: _Project, as_of: dt.date) -> str:
    months_on = (as_of.year - project.signed.year) * 12 + as_of.month - project.signed.month
    return bureau.STAGE_ORDER[sum(months_on >= step for step in (2, 5, 10))]


def _round(year: int, month: int, projects: list[_Project], capital: dict[str, list[D]], flows,
           style: bureau.Style) -> list[Sheet]:
    confirmed = dt.date(year + month // 12, month % 12 + 1, 10)
    month_end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    signed = [p for p in projects if p.signed <= month_end]
    when = f"{confirmed.year}年{confirmed.month}月{confirmed.day}日" if style.text_dates else confirmed

    def period(to: int) -> str:
        return f"{year}年{to}月" if to == 1 else f"{year}年1至{to}月" if style.period == "zhi" else f"{year}年1-{to}月"

    kpis = Sheet("指标认定")
    title = f"{year}年1-{month}月西城区招商引资指标认定表"
    kpis.merges.append((kpis.add(title, *[None] * (len(bureau.KPI_HEADER) - 1)), 0, 0, len(bureau.KPI_HEADER) - 1))
    kpis.add(*bureau.KPI_HEADER)
    kpis.add(style.names["signed_projects"], period(month), len(signed), "个", "认定", when)
    kpis.add(style.names["signed_investment"], period(month), sum((p.amount for p in signed), D(0)), "亿元", "认定",
             when)
    kpis.add(style.names["foreign_capital"], period(month), sum(capital["foreign"][:month], D(0)), "万美元", "认定",
             when)
    if month > 1:  # domestic capital and trade are confirmed a month behind, as in the summary
        kpis.add(style.names["domestic_capital"], period(month - 1), sum(capital["domestic"][:month - 1], D(0)),
                 "亿元", "认定", when)
        trade = sum((_to_date(flows, year, month - 1, short).total for short in demo_reference.ROSTER), D("0.00"))
        kpis.add(style.names["trade_total"], period(month - 1), trade, "万元", "认定", when)

    listed = Sheet("项目认定")
    listed.add(*bureau.PROJECT_HEADER)
    for number, p in enumerate(signed, start=1):
        stage = _stage(p, month_end)
        started = stage in bureau.STAGE_ORDER[2:]
        listed.add(number, p.name, p.investor, p.amount, p.signed, stage, when, p.batch,
                   "签约一批" if p.batch else None, ("已认定" if started else "待认定") if p.batch else None,
                   p.department, None, None)
    return [kpis, listed]


def write_bureau(home: Path, rng: random.Random, flows) -> list[Written]:
    folder = _folder(home, "bureau", held_back=False)
    projects = _projects(rng)
    capital = {year: {"foreign": [D(rng.randrange(0, 600)) / 100 for _ in range(12)],
                      "domestic": [D(rng.randrange(0, 90)) / 100 for _ in range(12)]} for year in projects}
    styles = list(bureau.STYLES.values())
    written = []
    for year, month in months():
        style = styles[month % len(styles)]
        path = folder / f"西城区{year}年1-{month}月招商引资指标及项目认定表.xlsx"
        arrival = dt.datetime(year + month // 12, month % 12 + 1, 10, 16, 30)
        write_file(path, _round(year, month, projects[year], capital[year], flows, style), arrival)
        written.append(Written(str(path.relative_to(home)), "bureau", dt.date(year, month, 1).isoformat()))
    return written


# -- platform downloads --------------------------------------------------------------------------------------


def write_platform(home: Path, lines_per_year: int) -> list[Written]:
    """One download per year of the window, each month's lines together. The platform caps a download at 10,000
    rows, so a centre's ten million lines are in truth a thousand downloads; the bench keeps them as one file a
    year, the loader's cost being per line and the per-file cost already measured on the department files."""
    folder = _folder(home, "customs", held_back=False)
    written = []
    every = months()
    per_month = -(-lines_per_year // 12)
    for number in range(YEARS):
        span = every[12 * number:12 * number + 12]
        (first_year, first_month), (last_year, last_month) = span[0], span[-1]
        path = folder / f"海关统计数据在线查询_漯河_{first_year}{first_month:02d}-{last_year}{last_month:02d}_按月.csv"
        customs_platform.generate(path, lines_per_year, span[0], per_month, seed=20240531 + number)
        set_arrival(path, dt.datetime(last_year + last_month // 12, last_month % 12 + 1, 25, 11, 0))
        written.append(Written(str(path.relative_to(home)), "platform", dt.date(*span[0], 1).isoformat()))
    return written


# -- the cache -----------------------------------------------------------------------------------------------


def ensure(cache: Path, lines_per_year: int) -> dict:
    """The five years written into `cache` (once: a manifest of the same version and size says it is there)."""
    manifest_path = cache / "manifest.json"
    wanted = {"version": VERSION, "lines_per_year": lines_per_year}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if {k: manifest.get(k) for k in wanted} == wanted:
            return manifest
    if cache.exists():
        import shutil

        shutil.rmtree(cache)
    cache.mkdir(parents=True)
    rng = random.Random(20190819)
    write_reference(cache)
    flows = _flows(rng)
    files = write_departments(cache, rng)
    files += write_bureau(cache, rng, flows)
    files += write_customs_tables(cache, flows)
    files += write_platform(cache, lines_per_year)
    manifest = wanted | {"files": [f.__dict__ for f in files]}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=0))
    return manifest


def fill_home(cache: Path, manifest: dict, home: Path, years: int) -> dict[str, int]:
    """A new home of the last `years` years: the reference folder copied, the landing files hard-linked (they keep
    their arrival times; nothing writes to a landing file); returns the files per kind."""
    import shutil

    shutil.copytree(cache / "reference", home / "reference")
    starts = window_start(years)
    counts: dict[str, int] = {}
    for entry in map(lambda fields: Written(**fields), manifest["files"]):
        if entry.held_back or dt.date.fromisoformat(entry.period_start) < starts[entry.kind]:
            continue
        target = home / entry.relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(cache / entry.relative, target)
        counts[entry.kind] = counts.get(entry.kind, 0) + 1
    return counts


def drop_held_back(cache: Path, manifest: dict, home: Path, kind: str) -> str:
    """The held-back file of this kind, into the home's landing zone; returns its name."""
    [entry] = [Written(**f) for f in manifest["files"] if f["kind"] == kind and f["relative"].startswith("night/")]
    source = cache / entry.relative
    os.link(source, home / "landing" / source.parent.name / source.name)
    return source.name
