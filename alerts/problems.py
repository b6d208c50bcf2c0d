"""What needs a person, each with a stable key (the same problem is the same key night after night): a failed run,
files rejected and rows quarantined (with the department that sent them), failed blocking and warning checks, an
overdue source, the daily digest. Built from plain values and from the published warehouse, read-only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.sources import SOURCE_LABELS
from warehouse.database import records
from warehouse.landing import REFUSED

SHOWN_CELLS = 5  # a file's quarantined cells an alert names; the rest are counted, and listed behind the link
SEVERITY_LABELS = {"blocking": "阻止发布", "warning": "警告"}

# The landing checks whose failures are told file by file (rejected files, quarantined rows), with their sender.
TOLD_BY_FILE = ("files_readable", "rows_valid")

# The kinds whose open problems the published warehouse lists in full: one missing from it has been put right.
PUBLISHED_KINDS = ("rejected:", "refused:", "quarantined:", "overdue:")


@dataclass(frozen=True)
class Problem:
    key: str
    kind: str                      # run_failed | load | check_failed | overdue | digest
    title: str                     # the heading of a message telling of it alone
    lines: tuple[str, ...]         # what and where: file, sheet, row, column
    action: str                    # what to do, in the clerk's words
    link: str | None = None
    department: str | None = None  # a department's code: its contact is told too
    who: str = ""                  # who sent it (a department, or a source): a message groups a sender's problems
    files: int = 1                 # files behind it (load problems)
    rows: int = 0                  # rows quarantined (load problems)
    remind: bool = True            # told again once a day while open


@dataclass(frozen=True)
class Links:
    ui: str | None = None
    portal: str | None = None

    def run(self, run_id: str) -> str | None:
        return self.ui and f"{self.ui.rstrip('/')}/runs/{run_id}"

    def asset(self, path: str) -> str | None:
        return self.ui and f"{self.ui.rstrip('/')}/assets/{path}"

    def files(self, source: str) -> str | None:
        """Where a sender sees and resends a file: the portal, else the landing checks in the UI."""
        return self.portal or self.asset(f"{source}_files?view=checks")


def run_failed(run_id: str, job: str, started: dt.datetime | None, steps: list[tuple[str, str]],
               links: Links) -> Problem:
    when = f"，开始于{started:%Y-%m-%d %H:%M}" if started else ""
    lines = [f"运行 {run_id[:8]}（{job}{when}）失败，已发布的数据仓库没有更新。"]
    lines += [f"失败的步骤 {step}：{_first_line(message)}" for step, message in steps] or ["运行在开始步骤前中断。"]
    return Problem(key=f"run_failed:{run_id}", kind="run_failed", title=f"数据运行失败（{job}）", lines=tuple(lines),
                   action="请打开运行页面查看出错的步骤，排除后重新运行（或等下一次夜间运行）。",
                   link=links.run(run_id), remind=False)


def check_failed(table: str, check: str, severity: str, description: str | None, failing_rows: int | None,
                 csv: str | None, links: Links) -> Problem:
    rows = f"，{failing_rows}行不符合" if failing_rows else ""
    lines = [f"检查「{check}」（{table}，{SEVERITY_LABELS[severity]}）未通过{rows}。"]
    if description:
        lines.append(_first_line(description))
    if csv:
        lines.append(f"不符合的行：{csv}")
    action = ("数据仓库暂不发布，请管理员查明原因。" if severity == "blocking"
              else "请核对相关文件，请报送单位改正后重新提交。")
    return Problem(key=f"check_failed:{table}:{check}", kind="check_failed", title=f"检查未通过：{check}",
                   lines=tuple(lines), action=action, link=links.asset(f"{table.replace('.', '/')}?view=checks"))


def digest(day: dt.date, last_run: str, open_problems: list[Problem], links: Links) -> Problem:
    counts = {
        "退回的文件": sum(p.files for p in open_problems if p.key.startswith(("rejected:", "refused:"))),
        "被隔离的行": sum(p.rows for p in open_problems if p.kind == "load"),
        "未通过的检查": sum(p.kind == "check_failed" for p in open_problems),
        "逾期未报": sum(p.kind == "overdue" for p in open_problems),
    }
    still = "，".join(f"{label}{count}" for label, count in counts.items() if count)
    lines = (f"最近一次运行：{last_run}", f"尚未解决：{still}。" if still else "没有尚未解决的问题。")
    return Problem(key=f"digest:{day.isoformat()}", kind="digest", title=f"每日汇总 {day:%Y-%m-%d}", lines=lines,
                   action="逐项处理见此前的通知或运行页面。" if still else "", link=links.ui, remind=False)


def published_problems(published_db: Path, links: Links) -> list[Problem]:
    """The open problems of the published warehouse: files rejected, cells quarantined, sources overdue, checks whose
    latest result failed. Nothing when there is no published warehouse yet."""
    if not published_db.exists():
        return []
    with duckdb.connect(str(published_db), read_only=True) as con:
        departments = records(con, "alert_departments")
        rejected = records(con, "alert_rejections", refused=list(REFUSED))
        quarantined = records(con, "alert_quarantine")
        overdue = records(con, "alert_overdue")
        checks = records(con, "alert_failed_checks")
    names = {d["department_code"]: d["department_name"] for d in departments}
    problems = [_rejected(row, departments, links) for row in rejected]
    problems += _quarantined(quarantined, names, links)
    problems += [_overdue(row, links) for row in overdue]
    problems += [check_failed(row["table_name"], row["check_name"], row["severity"], row["description"],
                              row["failing_rows"], None, links)
                 for row in checks if row["check_name"] not in TOLD_BY_FILE]
    return problems


def _rejected(row: dict, departments: list[dict], links: Links) -> Problem:
    department = _department_of(row["file_name"], departments) if row["source"] == "departments" else None
    done = {"rejected": "整体退回", "failed": "未能写入仓库（下次运行自动重试）", "refused": "未读取"}[row["status"]]
    action = ("如果问题不消失，请联系管理员。" if row["status"] == "failed" else
              "请按原因改正后重新提交这个文件（同名文件放入接收目录即替换）。")
    reason = _first_line(row["message"])
    # The loader's reasons mostly name the file already: then it is not named twice.
    line = f"{done}：{reason}" if row["file_name"] in reason else f"文件「{row['file_name']}」{done}：{reason}"
    return Problem(key=row["problem"], kind="load", title=f"文件退回：{row['file_name']}", lines=(line,),
                   action=action,
                   link=links.files(row["source"]), department=department and department["department_code"],
                   who=department["department_name"] if department else SOURCE_LABELS.get(row["source"], row["source"]))


def _department_of(file_name: str, departments: list[dict]) -> dict | None:
    """The department a rejected workbook's name names (the longest name or alias found in it): its contact hears
    of it even when the file could not be read far enough to say."""
    found = [(len(name), d) for d in departments for name in [d["department_name"], *(d["aliases"] or [])]
             if name and name in file_name]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _quarantined(rows: list[dict], names: dict[str, str], links: Links) -> list[Problem]:
    by_file: dict[str, list[dict]] = {}
    for row in rows:
        by_file.setdefault(row["problem"], []).append(row)
    problems = []
    for key, cells in by_file.items():
        first = cells[0]
        count = len({(c["sheet"], c["row_number"]) for c in cells})
        lines = [f"文件「{first['file_name']}」有{count}行被隔离（其余行已读入）："]
        lines += [f"工作表「{c['sheet']}」第{c['row_number']}行「{c['column_name']}」"
                  + (f"（{c['value']}）" if c["value"] not in (None, "") else "") + f"：{_first_line(c['message'])}"
                  for c in cells[:SHOWN_CELLS]]
        if len(cells) > SHOWN_CELLS:
            lines.append(f"……另有{len(cells) - SHOWN_CELLS}处，见链接")
        code = first["department_code"]
        problems.append(Problem(
            key=key, kind="load", title=f"数据被隔离：{first['file_name']}", lines=tuple(lines),
            action="请改正这些单元格后重新提交这个文件（同一部门同一报告期的新文件替换旧文件）。",
            link=links.files(first["source"]), department=code, rows=count,
            who=names.get(code, code) if code else SOURCE_LABELS.get(first["source"], first["source"])))
    return problems


def _overdue(row: dict, links: Links) -> Problem:
    who = row["department_name"] or row["source_name"]
    latest = f"，最新一期为{row['latest_period']}（{row['latest_file']}）" if row["latest_period"] else "，尚未收到过"
    return Problem(key=row["problem"], kind="overdue", title=f"逾期未报：{who}",
                   lines=(f"{row['source_name']}{'·' + row['department_name'] if row['department_name'] else ''}："
                          f"{row['next_period']}应于{row['next_due_on']:%Y-%m-%d}前报送，已逾期{row['days_overdue']}天"
                          f"{latest}。",),
                   action="请督促报送单位尽快报送，收到后放入接收目录即可。",
                   link=links.asset("marts/source_freshness"), department=row["department_code"], who=who)


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""
