"""The alert ledger: an SQLite file of its own under ZHAOSHANG_HOME (WAL, so the sensors of the daemon and a reader
never wait long on each other). The build database cannot hold it: a run holds the build file's only write lock
while the daemon's sensors send; the publication copies the ledger's log into the warehouse as audit.alerts."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SCHEMA = (Path(__file__).parent / "sql" / "ledger.sql").read_text(encoding="utf-8")

# A problem is told once, then reminded of at most once a day while it stays open; a channel that could not be
# reached is tried again after RETRY_AFTER, not at every look of a sensor.
REMIND_AFTER = dt.timedelta(days=1)
RETRY_AFTER = dt.timedelta(minutes=10)

LOG_COLUMNS = ("alert_id", "sent_at", "kind", "problem_keys", "reminder", "channel", "recipients", "status",
               "attempts", "error", "title", "body")


@dataclass(frozen=True)
class Sent:
    """One message on one channel, as the log keeps it."""

    kind: str
    problem_keys: tuple[str, ...]
    reminder: bool
    channel: str
    recipients: str | None
    status: str  # sent | failed
    attempts: int
    error: str | None
    title: str
    body: str


class Ledger:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._made = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if not self._made:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            if not self._made:
                con.execute("PRAGMA journal_mode=WAL")  # kept by the file
                con.executescript(SCHEMA)
                self._made = True
            yield con
        finally:
            con.close()

    def due(self, key: str, channel: str, now: dt.datetime, remind: bool = True) -> str | None:
        """'new', 'reminder' or None: what the channel should be told of the problem now."""
        with self._connect() as con:
            row = con.execute("SELECT last_sent_at, last_failed_at FROM notices WHERE problem_key = ? AND channel = ?",
                              [key, channel]).fetchone()
        if row is None:
            return "new"
        last_sent, last_failed = (None if value is None else dt.datetime.fromisoformat(value) for value in row)
        failed_last = last_failed is not None and (last_sent is None or last_failed > last_sent)
        if failed_last and now < last_failed + RETRY_AFTER:
            return None
        if last_sent is None:
            return "new"
        return "reminder" if remind and now >= last_sent + REMIND_AFTER else None

    def told(self, keys: Iterable[str], channel: str, now: dt.datetime, reminder: bool) -> None:
        with self._connect() as con:
            for key in keys:
                con.execute(
                    "INSERT INTO notices (problem_key, channel, first_sent_at, last_sent_at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT DO UPDATE SET first_sent_at = coalesce(first_sent_at, excluded.first_sent_at),"
                    " last_sent_at = excluded.last_sent_at, reminders = reminders + ?",
                    [key, channel, now.isoformat(), now.isoformat(), int(reminder)])

    def not_told(self, keys: Iterable[str], channel: str, now: dt.datetime) -> None:
        with self._connect() as con:
            for key in keys:
                con.execute("INSERT INTO notices (problem_key, channel, last_failed_at) VALUES (?, ?, ?)"
                            " ON CONFLICT DO UPDATE SET last_failed_at = excluded.last_failed_at",
                            [key, channel, now.isoformat()])

    def first_told(self, key: str) -> dt.datetime | None:
        with self._connect() as con:
            (first,) = con.execute("SELECT min(first_sent_at) FROM notices WHERE problem_key = ?", [key]).fetchone()
        return None if first is None else dt.datetime.fromisoformat(first)

    def forget(self, keys: Iterable[str]) -> None:
        """Problems put right: should one come back, it is a new problem, told at once."""
        with self._connect() as con:
            con.executemany("DELETE FROM notices WHERE problem_key = ?", [[key] for key in keys])

    def resolved(self, prefix: str, still_open: Iterable[str]) -> None:
        """Forget the problems of a kind (keys starting with prefix) that are no longer open: should one come back,
        it is a new problem, told at once."""
        open_keys = set(still_open)
        with self._connect() as con:
            known = {key for (key,) in con.execute(
                "SELECT DISTINCT problem_key FROM notices WHERE substr(problem_key, 1, ?) = ?", [len(prefix), prefix])}
        self.forget(known - open_keys)

    def log(self, sent: Sent, now: dt.datetime) -> None:
        with self._connect() as con:
            con.execute(
                "INSERT INTO alerts (sent_at, kind, problem_keys, reminder, channel, recipients, status, attempts,"
                " error, title, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [now.isoformat(), sent.kind, " ".join(sent.problem_keys), int(sent.reminder), sent.channel,
                 sent.recipients, sent.status, sent.attempts, sent.error, sent.title, sent.body])

    def requests_since(self, channel: str, since: dt.datetime) -> int:
        """Requests made to a channel since then (every attempt counts: the robots count them all)."""
        with self._connect() as con:
            (count,) = con.execute("SELECT coalesce(sum(attempts), 0) FROM alerts WHERE channel = ? AND sent_at > ?",
                                   [channel, since.isoformat()]).fetchone()
        return count

    def rows(self) -> list[tuple]:
        """The whole log, oldest first, in LOG_COLUMNS order (the sent_at as the centre's local time)."""
        if not self.path.exists():
            return []
        with self._connect() as con:
            rows = con.execute(f"SELECT {', '.join(LOG_COLUMNS)} FROM alerts ORDER BY alert_id").fetchall()
        return [(row[0], dt.datetime.fromisoformat(row[1]).replace(tzinfo=None), *row[2:4], bool(row[4]), *row[5:])
                for row in rows]
