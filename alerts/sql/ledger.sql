-- The alert ledger (SQLite, WAL), beside the warehouse because only the loader may write the build file while the
-- daemon sends alerts: what each channel was told of each problem, and every message sent or not.
CREATE TABLE IF NOT EXISTS notices (
    problem_key    TEXT NOT NULL,   -- the problem, stable across runs (rejected:<sha256>, check:<table>:<name>, ...)
    channel        TEXT NOT NULL,   -- email, wecom, dingtalk, or email:<department code> for a department's contact
    first_sent_at  TEXT,            -- ISO time, Asia/Shanghai; NULL while every attempt failed
    last_sent_at   TEXT,
    reminders      INTEGER NOT NULL DEFAULT 0,
    last_failed_at TEXT,
    PRIMARY KEY (problem_key, channel)
);

CREATE TABLE IF NOT EXISTS alerts (
    alert_id     INTEGER PRIMARY KEY,
    sent_at      TEXT NOT NULL,     -- when the last attempt ended, Asia/Shanghai
    kind         TEXT NOT NULL,     -- run_failed, load_problems, check_failed, overdue, digest
    problem_keys TEXT NOT NULL,     -- the problems the message told of, joined by spaces
    reminder     INTEGER NOT NULL,  -- 1 when it reminded of problems told before
    channel      TEXT NOT NULL,
    recipients   TEXT,              -- mail addresses; NULL for a robot
    status       TEXT NOT NULL,     -- sent | failed
    attempts     INTEGER NOT NULL,
    error        TEXT,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL
);
