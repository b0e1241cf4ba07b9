-- Periodic reporting (issue 3) on SQLite. Its twin for PostgreSQL is
-- ../postgres/00002_reporting.sql. Conventions as in 00001_init.sql.

-- +goose Up

-- Tasks keep their original deadline beside the current one (changed by
-- approved extensions), and the claim of their latest accepted report
-- (status, reason, and the start of the period whose report made it, so
-- that an older period's report accepted later does not overwrite it).
ALTER TABLE tasks ADD COLUMN original_deadline_kind  TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN original_deadline_text  TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN original_due_date       TEXT;
ALTER TABLE tasks ADD COLUMN original_deadline_start TEXT;
ALTER TABLE tasks ADD COLUMN original_deadline_every TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN claim_status TEXT NOT NULL DEFAULT ''
    CHECK (claim_status IN ('', 'not_started', 'in_progress', 'completed', 'paused', 'cancelled'));
ALTER TABLE tasks ADD COLUMN claim_reason       TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN claim_period_start TEXT;
UPDATE tasks SET original_deadline_kind = deadline_kind, original_deadline_text = deadline_text,
    original_due_date = due_date, original_deadline_start = deadline_start, original_deadline_every = deadline_every;

-- One reporting regime per plan; a plan without a row uses the defaults
-- (reporting.DefaultRegime). Reminder days are lists written "7,2".
CREATE TABLE regimes (
    plan_id       INTEGER PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    frequency     TEXT    NOT NULL CHECK (frequency IN ('month', 'quarter', 'half', 'year')),
    due_day       INTEGER NOT NULL CHECK (due_day BETWEEN 1 AND 31),
    due_month     TEXT    NOT NULL DEFAULT 'last',
    cutoff_day    INTEGER NOT NULL DEFAULT 15,
    remind_before TEXT    NOT NULL DEFAULT '',
    remind_after  TEXT    NOT NULL DEFAULT '',
    remind_weekly INTEGER NOT NULL DEFAULT 1 CHECK (remind_weekly IN (0, 1)),
    due_soon_days INTEGER NOT NULL DEFAULT 7,
    text          TEXT    NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    updated_at    TEXT    NOT NULL
) STRICT;

-- Periods are stored so that reports and the API refer to them by a stable ID.
CREATE TABLE periods (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    frequency    TEXT    NOT NULL,
    year         INTEGER NOT NULL,
    no           INTEGER NOT NULL,
    label        TEXT    NOT NULL,
    start_date   TEXT    NOT NULL,
    end_date     TEXT    NOT NULL,
    cutoff_start TEXT    NOT NULL,
    cutoff_end   TEXT    NOT NULL,
    due_date     TEXT    NOT NULL,
    CHECK (end_date >= start_date)
) STRICT;
CREATE UNIQUE INDEX periods_plan ON periods (plan_id, frequency, start_date);

-- One row per (period, agency, revision). A correction after acceptance is
-- revision N+1; is_current marks the newest. The *_by columns are users
-- (NULL for the system). version is the optimistic-locking counter of the
-- report and everything in it.
CREATE TABLE reports (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plans (id),
    period_id     INTEGER NOT NULL REFERENCES periods (id),
    agency_id     INTEGER NOT NULL REFERENCES agencies (id),
    revision      INTEGER NOT NULL DEFAULT 1,
    is_current    INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    state         TEXT    NOT NULL DEFAULT 'not_started'
        CHECK (state IN ('not_started', 'draft', 'submitted', 'returned', 'accepted')),
    version       INTEGER NOT NULL DEFAULT 1,
    sample        INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
    summary       TEXT    NOT NULL DEFAULT '', -- kết quả chung
    difficulties  TEXT    NOT NULL DEFAULT '', -- khó khăn, vướng mắc
    proposals     TEXT    NOT NULL DEFAULT '', -- kiến nghị, đề xuất
    next_tasks    TEXT    NOT NULL DEFAULT '', -- nhiệm vụ kỳ tới
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    updated_by    INTEGER REFERENCES users (id),
    submitted_at  TEXT,
    submitted_by  INTEGER REFERENCES users (id),
    on_time       INTEGER NOT NULL DEFAULT 0 CHECK (on_time IN (0, 1)),
    accepted_at   TEXT,
    accepted_by   INTEGER REFERENCES users (id),
    returned_at   TEXT,
    returned_by   INTEGER REFERENCES users (id),
    return_reason TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX reports_revision ON reports (period_id, agency_id, revision);
CREATE UNIQUE INDEX reports_current ON reports (period_id, agency_id) WHERE is_current;
CREATE INDEX reports_plan ON reports (plan_id, period_id);
CREATE INDEX reports_agency ON reports (agency_id, state);

-- The lead agency's line per task.
CREATE TABLE report_entries (
    id           INTEGER PRIMARY KEY,
    report_id    INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    task_id      INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    status       TEXT    NOT NULL DEFAULT ''
        CHECK (status IN ('', 'not_started', 'in_progress', 'completed', 'paused', 'cancelled')),
    percent      INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    result       TEXT    NOT NULL DEFAULT '',
    evidence     TEXT    NOT NULL DEFAULT '',
    difficulties TEXT    NOT NULL DEFAULT '',
    proposals    TEXT    NOT NULL DEFAULT '',
    completed_on TEXT,
    reason       TEXT    NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT    NOT NULL,
    updated_by   INTEGER REFERENCES users (id)
) STRICT;
CREATE UNIQUE INDEX report_entries_report_task ON report_entries (report_id, task_id);
CREATE INDEX report_entries_task ON report_entries (task_id);

-- A cooperating agency's part of a task, in its own report.
CREATE TABLE report_contributions (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    task_id    INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    text       TEXT    NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT    NOT NULL,
    updated_by INTEGER REFERENCES users (id)
) STRICT;
CREATE UNIQUE INDEX report_contributions_report_task ON report_contributions (report_id, task_id);
CREATE INDEX report_contributions_task ON report_contributions (task_id);

CREATE TABLE report_indicator_values (
    id           INTEGER PRIMARY KEY,
    report_id    INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    value        REAL,
    note         TEXT    NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT    NOT NULL,
    updated_by   INTEGER REFERENCES users (id)
) STRICT;
CREATE UNIQUE INDEX report_indicator_values_report ON report_indicator_values (report_id, indicator_id);
CREATE INDEX report_indicator_values_indicator ON report_indicator_values (indicator_id);

-- Evidence file contents, once per distinct content (a revision's copy of
-- its files shares them).
CREATE TABLE file_blobs (
    sha256 TEXT    PRIMARY KEY,
    size   INTEGER NOT NULL,
    data   BLOB    NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE report_files (
    id           INTEGER PRIMARY KEY,
    report_id    INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    task_id      INTEGER REFERENCES tasks (id) ON DELETE CASCADE, -- NULL: the report as a whole
    name         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT    NOT NULL REFERENCES file_blobs (sha256),
    uploaded_at  TEXT    NOT NULL,
    uploaded_by  INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX report_files_report ON report_files (report_id);
CREATE INDEX report_files_sha256 ON report_files (sha256);

-- Requests for a new deadline (gia hạn) or changed content (điều chỉnh),
-- with what the task said when asked (old_*), and the decision.
CREATE TABLE task_extensions (
    id                 INTEGER PRIMARY KEY,
    plan_id            INTEGER NOT NULL REFERENCES plans (id),
    task_id            INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    agency_id          INTEGER NOT NULL REFERENCES agencies (id),
    kind               TEXT    NOT NULL CHECK (kind IN ('deadline', 'content')),
    reason             TEXT    NOT NULL,
    deadline_kind      TEXT    NOT NULL DEFAULT '',
    deadline_text      TEXT    NOT NULL DEFAULT '',
    due_date           TEXT,
    deadline_start     TEXT,
    deadline_every     TEXT    NOT NULL DEFAULT '',
    title              TEXT    NOT NULL DEFAULT '',
    text               TEXT    NOT NULL DEFAULT '',
    product            TEXT    NOT NULL DEFAULT '',
    old_deadline_kind  TEXT    NOT NULL DEFAULT '',
    old_deadline_text  TEXT    NOT NULL DEFAULT '',
    old_due_date       TEXT,
    old_deadline_start TEXT,
    old_deadline_every TEXT    NOT NULL DEFAULT '',
    old_title          TEXT    NOT NULL DEFAULT '',
    old_text           TEXT    NOT NULL DEFAULT '',
    old_product        TEXT    NOT NULL DEFAULT '',
    state              TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'refused')),
    note               TEXT    NOT NULL DEFAULT '',
    requested_at       TEXT    NOT NULL,
    requested_by       INTEGER REFERENCES users (id),
    decided_at         TEXT,
    decided_by         INTEGER REFERENCES users (id),
    version            INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX task_extensions_task ON task_extensions (task_id, id);
CREATE INDEX task_extensions_plan ON task_extensions (plan_id, state);
CREATE INDEX task_extensions_agency ON task_extensions (agency_id, state);

-- +goose Down
DROP TABLE task_extensions;
DROP TABLE report_files;
DROP TABLE file_blobs;
DROP TABLE report_indicator_values;
DROP TABLE report_contributions;
DROP TABLE report_entries;
DROP TABLE reports;
DROP TABLE periods;
DROP TABLE regimes;
ALTER TABLE tasks DROP COLUMN claim_period_start;
ALTER TABLE tasks DROP COLUMN claim_reason;
ALTER TABLE tasks DROP COLUMN claim_status;
ALTER TABLE tasks DROP COLUMN original_deadline_every;
ALTER TABLE tasks DROP COLUMN original_deadline_start;
ALTER TABLE tasks DROP COLUMN original_due_date;
ALTER TABLE tasks DROP COLUMN original_deadline_text;
ALTER TABLE tasks DROP COLUMN original_deadline_kind;
