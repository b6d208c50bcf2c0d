"""The verdict on one uploaded file, by the nightly job's own code: the file is read in an isolated parse worker
by its source's reader (ingest/sources.py, warehouse/isolation.py), which bounds it before reading it whole
(ingest/bounds.py), and judged by the same pandera models into the same messages (ingest/forms/judging.py), as
warehouse/loads.py does for a night's batch. So the door and the night cannot disagree.

Then what only a person sending the file needs: a department that is not the account's (refused), a period in the
future or long past, and figures implausible against the department's earlier reports. Plain functions: nothing
here knows of the web."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ingest.forms.common import FileRejected, ParsedFile
from ingest.forms.judging import UNJUDGED, judge_files
from ingest.forms.reference import Reference
from ingest.sources import SOURCE_BY_NAME
from ingest.tables import TableNotFound
from ingest.workbook import UnreadableFile
from warehouse.clock import centre_today
from warehouse.isolation import ParsePool, ReaderCrashed

# A period ending this long before the as-of day is "long past": a clerk sending it most likely chose the wrong week.
LONG_PAST_DAYS = 84
# A week's count this many times the previous report's (and at least this many rows) is worth a second look.
SURGE_FACTOR = 10
SURGE_FLOOR = 10
# What a department workbook's raw tables count as in marts.department_weekly (one row, one unit).
COUNTED = {"raw.dept_leads": ("leads", "线索"), "raw.dept_signed_projects": ("signed_projects", "签约项目"),
           "raw.dept_enterprises": ("registered_enterprises", "注册企业")}


@dataclass
class Verdict:
    refusal: str | None = None  # the whole file cannot be sent, and why
    period_label: str = ""
    period: dict = field(default_factory=dict)  # kind, year, week, start, end of a department report
    department_code: str = ""
    logical_key: str = ""
    sheets: list[dict] = field(default_factory=list)  # sheet, rows_read, rows_accepted
    cells: list[dict] = field(default_factory=list)  # sheet, row_number, column_name, value, rule, message
    findings: list[str] = field(default_factory=list)  # the reader's file-level remarks (a hidden sheet...)
    warnings: list[str] = field(default_factory=list)  # for the person, before sending
    counts: dict = field(default_factory=dict)  # marts.department_weekly measure -> rows accepted in this file

    @property
    def clean(self) -> bool:
        return self.refusal is None and not self.cells

    def as_dict(self) -> dict:
        return asdict(self)


class Reader:
    """The portal's parse workers: one pool for the process, used by one request at a time (ParsePool is not
    thread-safe; a workbook takes a few hundredths of a second in a warm worker)."""

    def __init__(self, workers: int = 2) -> None:
        self._pool = ParsePool(workers)
        self._lock = threading.Lock()
        self._pool.warm([source.reader_name.split(":")[0] for source in SOURCE_BY_NAME.values()])

    def read(self, source: str, path: Path, reference: Reference) -> ParsedFile | Exception:
        with self._lock:
            [result] = self._pool.read(SOURCE_BY_NAME[source].reader, [path], reference)
        return result

    def close(self) -> None:
        with self._lock:
            self._pool.close()


def judge(result: ParsedFile | Exception, source: str, department_code: str | None, reference: Reference
          ) -> Verdict:
    """The verdict on a reader's result; `department_code` is the account's (None for the bureau and customs)."""
    if isinstance(result, Exception):
        return Verdict(refusal=_refusal(result))
    verdict = Verdict(logical_key=result.logical_key or "")
    read_per_sheet: dict[str, int] = {}
    report = None
    for item in result.pending:
        if item.table in UNJUDGED:
            report = item.records[0]
            continue
        read_per_sheet[item.sheet or ""] = read_per_sheet.get(item.sheet or "", 0) + len(item.records)
    [judged] = judge_files([result])
    if isinstance(judged, Exception):
        return Verdict(refusal=_refusal(judged))
    bad_rows: dict[str, set[int]] = {}
    for issue in judged.issues:
        verdict.cells.append({"sheet": issue.sheet or "", "row_number": issue.row_number,
                              "column_name": issue.column_name or "", "value": issue.value or "",
                              "rule": issue.rule, "message": issue.message})
        if issue.row_number is not None:
            bad_rows.setdefault(issue.sheet or "", set()).add(issue.row_number)
    verdict.sheets = [{"sheet": sheet, "rows_read": read, "rows_accepted": read - len(bad_rows.get(sheet, ()))}
                      for sheet, read in read_per_sheet.items()]
    verdict.findings = [message for _sheet, _rule, message in judged.findings]
    for table, frames in judged.tables.items():
        if table in COUNTED:
            verdict.counts[COUNTED[table][0]] = sum(len(frame) for frame in frames)
    if report is not None:
        verdict.department_code = report["department_code"]
        verdict.period_label = report["period_label"]
        verdict.period = {key: report[key] for key in ("period_kind", "year", "week")} | {
            "start": report["period_start"].isoformat(), "end": report["period_end"].isoformat()}
        if source == "departments" and department_code and report["department_code"] != department_code:
            verdict.refusal = (
                f"填报单位「{report['department_as_written']}」是{_name(reference, report['department_code'])}，"
                f"不是本账号所属的{_name(reference, department_code)}；只能报送本部门的报表 "
                "(the workbook is another department's)")
            return verdict
        verdict.warnings += period_warnings(report["period_start"], report["period_end"], as_of_day(reference))
    else:  # a customs month ('customs|enterprise_monthly|2024-06'); a bureau file is known by its name alone
        last = (result.logical_key or "").split("|")[-1]
        verdict.period_label = "" if last.startswith("portal-") else last
    return verdict


def _refusal(error: Exception) -> str:
    if isinstance(error, FileRejected | UnreadableFile | TableNotFound | ReaderCrashed):
        return str(error)
    return f"读取文件时程序出错，请联系管理员 (the reader failed): {type(error).__name__}"


def _name(reference: Reference, code: str) -> str:
    return next((d["name"] for d in reference.departments if d["code"] == code), code)


def as_of_day(reference: Reference) -> dt.date:
    """The day the warehouse judges at (calendar.yaml's as_of, else today): the same day the marts use."""
    return (reference.settings.get("calendar") or {}).get("as_of") or centre_today()


def period_warnings(start: dt.date, end: dt.date, as_of: dt.date) -> list[str]:
    if start > as_of:
        return [f"报告期从{start:%Y年%m月%d日}开始，还没有到（今天是{as_of:%Y年%m月%d日}），请确认报告期是否填对 "
                "(the period lies in the future)"]
    if (as_of - end).days > LONG_PAST_DAYS:
        return [f"报告期在{end:%Y年%m月%d日}就已结束，距今超过{LONG_PAST_DAYS // 7}周，请确认报告期是否填对；"
                "如确为补报，可以继续报送 (the period ended long ago)"]
    return []


def figure_warnings(counts: dict, previous: dict | None, replaced: dict | None) -> list[str]:
    """Against the department's previous report (its latest reported week before this period) and the report of
    this same period now in force, both rows of marts.department_weekly from the published file."""
    warnings = []
    for measure, label in COUNTED.values():
        now = counts.get(measure, 0)
        if previous is not None:
            before = previous.get(measure) or 0
            if now >= SURGE_FLOOR and now >= SURGE_FACTOR * max(before, 1):
                warnings.append(f"本期{label}{now}条，是上次报告（{previous['period']}，{before}条）的{SURGE_FACTOR}倍以上，"
                                "请核对是否把累计数当成了本期数 (ten times the previous report)")
        if replaced is not None and now < (replaced.get(measure) or 0):
            warnings.append(f"本期{label}{now}条，少于已报送的同期报表（{replaced[measure]}条）：报送后年初至今累计"
                            f"{label}将减少，请确认是有意更正 (a year-to-date figure would go down)")
    return warnings
