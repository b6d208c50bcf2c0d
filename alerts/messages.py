"""Problems made into short Chinese messages, and each message as mail, WeCom markdown and DingTalk markdown.

A message tells of one problem, except a sender's files (its rejected files and quarantined rows travel together, so
a department hears once of everything it has to correct), and the overdue sources and failed checks of a look."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from alerts.problems import Problem

PREFIX = "【招商数据】"
WECOM_LIMIT_BYTES = 4096  # WeCom refuses a markdown message longer than this
SHOWN_LINES = 20          # lines of a message beyond which the rest is behind the link
# Kinds told in one message however many there are (the robots take 20 messages a minute), with its heading.
GATHERED = {"overdue": "逾期未报：{count}项", "check_failed": "{count}项检查未通过"}


@dataclass(frozen=True)
class Message:
    kind: str
    keys: tuple[str, ...]
    reminder: bool
    title: str
    lines: tuple[str, ...]
    action: str
    link: str | None


def compose(problems: list[Problem], reminder: bool, first_told: dict[str, dt.datetime]) -> list[Message]:
    """The messages telling of these problems (all new, or all reminders), in the order they came."""
    groups: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        together = problem.who if problem.kind == "load" else "" if problem.kind in GATHERED else problem.key
        group = (problem.kind, together)
        groups.setdefault(group, []).append(problem)
    messages = []
    for group in groups.values():
        first = group[0]
        title = (_load_title(group) if first.kind == "load" else first.title if len(group) == 1
                 else GATHERED[first.kind].format(count=len(group)))
        # A file name or cell value is one line of a message: its own line breaks would let it open a line that reads
        # as ours (a forged 怎么办 with a link of its own).
        lines = [" ".join(line.splitlines()) for problem in group for line in problem.lines]
        if reminder:
            told = min((first_told[p.key] for p in group if p.key in first_told), default=None)
            title = f"提醒：{title}"
            lines.insert(0, f"仍未解决{f'（首次通知于{told:%m月%d日 %H:%M}）' if told else ''}：")
        if len(lines) > SHOWN_LINES:
            lines = [*lines[:SHOWN_LINES], f"……另有{len(lines) - SHOWN_LINES}行，见链接"]
        messages.append(Message(kind=first.kind, keys=tuple(p.key for p in group), reminder=reminder, title=title,
                                lines=tuple(lines), action=first.action, link=first.link))
    return messages


def _load_title(group: list[Problem]) -> str:
    rejected = sum(p.files for p in group if p.rows == 0)
    rows = sum(p.rows for p in group)
    parts = ([f"{rejected}个文件退回"] if rejected else []) + ([f"{rows}行数据被隔离"] if rows else [])
    return f"{group[0].who}：{'，'.join(parts)}"


def as_mail(message: Message) -> tuple[str, str]:
    """Subject and plain-text body."""
    body = [*message.lines, ""]
    if message.action:
        body.append(f"怎么办：{message.action}")
    if message.link:
        body.append(f"查看：{message.link}")
    return PREFIX + message.title, "\n".join(body).strip() + "\n"


def as_wecom(message: Message) -> str:
    """WeCom group-robot markdown (its dialect: bold, quotes, links, font colours)."""
    lines = [f"**{PREFIX}{_escape(message.title)}**", *(f"> {_escape(line)}" for line in message.lines)]
    if message.action:
        lines.append(f"<font color=\"warning\">怎么办：</font>{_escape(message.action)}")
    if message.link:
        lines.append(f"[查看详情]({message.link})")
    text = "\n".join(lines)
    while len(text.encode()) > WECOM_LIMIT_BYTES:  # drop detail lines, never the heading, the action or the link
        lines.pop(-3 if message.link else -2)
        text = "\n".join(lines)
    return text


def as_dingtalk(message: Message) -> tuple[str, str]:
    """DingTalk robot markdown: the title shown in the chat list, and the text."""
    lines = [f"#### {PREFIX}{_escape(message.title)}", "", *(f"- {_escape(line)}" for line in message.lines)]
    if message.action:
        lines += ["", f"**怎么办**：{_escape(message.action)}"]
    if message.link:
        lines += ["", f"[查看详情]({message.link})"]
    return PREFIX + message.title, "\n".join(lines)


def _escape(text: str) -> str:
    """A file name's own markdown characters shown as written, not as formatting; angle brackets as their
    full-width forms, since both robots take HTML tags (<font color>, WeCom's <@userid> mention) and no escape."""
    for char in "\\*_[]`#":
        text = text.replace(char, "\\" + char)
    return text.replace("<", "＜").replace(">", "＞")
