-- Reminders, in-app notices and job leases (issue 3, point 7) on SQLite.
-- Its twin for PostgreSQL is ../postgres/00003_notify.sql. These tables
-- reference only 00001's users, so this migration does not depend on the
-- reporting tables of 00002. Conventions as in 00001_init.sql.

-- +goose Up

-- In-app notices: what the bell in the page header lists for one user.
CREATE TABLE notices (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    kind       TEXT    NOT NULL,            -- reminder, overdue, digest, …
    text       TEXT    NOT NULL,
    link       TEXT    NOT NULL DEFAULT '', -- a path inside the application
    read_at    TEXT                         -- NULL while unread
) STRICT;
-- Recent notices of a user, newest first, and the unread ones.
CREATE INDEX notices_user ON notices (user_id, id);
CREATE INDEX notices_unread ON notices (user_id, id) WHERE read_at IS NULL;

-- The reminder ledger: one row per (rule, obligation, recipient), inserted
-- before the e-mail is sent. The primary key is what makes a reminder go out
-- once even when two app instances run the reminder job together: only the
-- instance whose INSERT creates the row (or whose UPDATE re-claims a stale
-- pending row) sends. See internal/notify/ledger.go.
CREATE TABLE reminder_sends (
    rule           TEXT    NOT NULL,          -- before-7, after-1, overdue-week-3, digest
    obligation_key TEXT    NOT NULL,          -- report:<plan>:<period>:<agency>, digest:<agency>:<week>
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state          TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    holder         TEXT    NOT NULL,          -- the run that claimed the row last
    attempts       INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT    NOT NULL,
    retry_at       TEXT    NOT NULL,          -- a pending row may be claimed again from this time
    sent_at        TEXT,
    last_error     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (rule, obligation_key, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX reminder_sends_key ON reminder_sends (obligation_key);
CREATE INDEX reminder_sends_user ON reminder_sends (user_id);

-- Job leases: the instance named in holder may run the job until "until";
-- after a run, until is kept at the run's start + interval, so the table is
-- also the cluster-wide "not before" of each job. See internal/jobs.
CREATE TABLE job_leases (
    name   TEXT NOT NULL PRIMARY KEY,
    holder TEXT NOT NULL,
    until  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- +goose Down
DROP TABLE job_leases;
DROP TABLE reminder_sends;
DROP TABLE notices;
