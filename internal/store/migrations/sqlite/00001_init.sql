-- The plan register's schema on SQLite. Its twin for PostgreSQL is
-- ../postgres/00001_init.sql: same tables, columns, keys and indexes, with
-- SQLite's types. Conventions (the store's scan/arg helpers rely on them):
--   dates       TEXT 'YYYY-MM-DD', NULL when unknown
--   timestamps  TEXT 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (UTC, fixed width so text order is time order)
--   booleans    INTEGER 0/1
--   references  NULL for "none" (the Go side uses 0)
-- Tables are STRICT so that a wrongly typed argument fails loudly.

-- +goose Up
CREATE TABLE agencies (
    id           INTEGER PRIMARY KEY,
    parent_id    INTEGER REFERENCES agencies (id),
    name         TEXT    NOT NULL,
    short_name   TEXT    NOT NULL DEFAULT '',
    aliases      TEXT    NOT NULL DEFAULT '', -- one alias per line
    kind         TEXT    NOT NULL,
    valid_from   TEXT,
    valid_to     TEXT,
    successor_id INTEGER REFERENCES agencies (id),
    name_folded  TEXT    NOT NULL,            -- vntext.Fold of name, short name and aliases
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
) STRICT;
-- Two agencies in existence may not share a name; ended agencies keep theirs
-- (history stays under the old name even when a successor takes it over).
CREATE UNIQUE INDEX agencies_current_name ON agencies (name) WHERE valid_to IS NULL;
CREATE INDEX agencies_parent ON agencies (parent_id);
CREATE INDEX agencies_successor ON agencies (successor_id);

CREATE TABLE plans (
    id             INTEGER PRIMARY KEY,
    code           TEXT    NOT NULL DEFAULT '',
    issued_on      TEXT,
    issuer         TEXT    NOT NULL DEFAULT '',
    title          TEXT    NOT NULL,
    status         TEXT    NOT NULL DEFAULT 'draft',
    replaces_id    INTEGER REFERENCES plans (id),
    replaces_code  TEXT    NOT NULL DEFAULT '',
    reporting_rule TEXT    NOT NULL DEFAULT '',
    -- Kept by the tasks_count triggers, so that the total of the plain and
    -- the open task list is read, not counted, on every page.
    task_count      INTEGER NOT NULL DEFAULT 0,
    open_task_count INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX plans_code ON plans (code) WHERE code <> '';
CREATE INDEX plans_replaces ON plans (replaces_id);

-- seq is the section's position in document order within its plan (a
-- preorder walk of the tree); seq_end is the seq of its last descendant, so
-- a subtree is the range seq..seq_end.
CREATE TABLE sections (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans (id),
    parent_id   INTEGER REFERENCES sections (id),
    kind        TEXT    NOT NULL,
    number      TEXT    NOT NULL DEFAULT '',
    label       TEXT    NOT NULL DEFAULT '',
    title       TEXT    NOT NULL DEFAULT '',
    body        TEXT    NOT NULL DEFAULT '',
    ord         INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    seq_end     INTEGER NOT NULL,
    holds_tasks INTEGER NOT NULL DEFAULT 0 CHECK (holds_tasks IN (0, 1)),
    CHECK (seq_end >= seq)
) STRICT;
CREATE UNIQUE INDEX sections_plan_seq ON sections (plan_id, seq);
-- Target of tasks' composite foreign key, which keeps tasks.section_seq true.
CREATE UNIQUE INDEX sections_id_plan_seq ON sections (id, plan_id, seq);
CREATE INDEX sections_parent ON sections (parent_id);

-- section_seq copies the section's seq so that both list orders ("order" and
-- "due") are read straight from an index, without a join and a sort; the
-- composite foreign key keeps the copy right (and cascades a renumbering).
CREATE TABLE tasks (
    id             INTEGER PRIMARY KEY,
    plan_id        INTEGER NOT NULL REFERENCES plans (id),
    section_id     INTEGER NOT NULL,
    section_seq    INTEGER NOT NULL,
    ord            INTEGER NOT NULL,
    title          TEXT    NOT NULL DEFAULT '',
    text           TEXT    NOT NULL,
    search         TEXT    NOT NULL,          -- vntext.Fold(title + text + product)
    lead_agency_id INTEGER REFERENCES agencies (id),
    deadline_kind  TEXT    NOT NULL DEFAULT '',
    deadline_text  TEXT    NOT NULL DEFAULT '',
    due_date       TEXT,
    deadline_start TEXT,
    deadline_every TEXT    NOT NULL DEFAULT '',
    product        TEXT    NOT NULL DEFAULT '',
    progress       INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    completed_on   TEXT,
    reported_at    TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    FOREIGN KEY (section_id, plan_id, section_seq)
        REFERENCES sections (id, plan_id, seq) ON UPDATE CASCADE
) STRICT;
-- Document order: sort=order, and the subtree filter (section_seq range).
CREATE INDEX tasks_order ON tasks (plan_id, section_seq, ord);
-- Due order with NULLs last, written as (due_date IS NULL, due_date) because
-- that is the one form both SQLite and PostgreSQL can read from an index.
CREATE INDEX tasks_due ON tasks (plan_id, (due_date IS NULL), due_date, section_seq, ord);
-- The hot path: open tasks by due date.
CREATE INDEX tasks_open_due ON tasks (plan_id, (due_date IS NULL), due_date, section_seq, ord)
    WHERE completed_on IS NULL;
CREATE INDEX tasks_section ON tasks (section_id, ord);
CREATE INDEX tasks_lead ON tasks (lead_agency_id, plan_id);

-- plans.task_count and open_task_count follow every insert, delete and
-- completion change of a task.
-- +goose StatementBegin
CREATE TRIGGER tasks_count_insert AFTER INSERT ON tasks BEGIN
    UPDATE plans SET task_count = task_count + 1, open_task_count = open_task_count + (NEW.completed_on IS NULL)
    WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tasks_count_delete AFTER DELETE ON tasks BEGIN
    UPDATE plans SET task_count = task_count - 1, open_task_count = open_task_count - (OLD.completed_on IS NULL)
    WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tasks_count_update AFTER UPDATE OF plan_id, completed_on ON tasks
WHEN OLD.plan_id <> NEW.plan_id OR (OLD.completed_on IS NULL) <> (NEW.completed_on IS NULL) BEGIN
    UPDATE plans SET task_count = task_count - 1, open_task_count = open_task_count - (OLD.completed_on IS NULL)
    WHERE id = OLD.plan_id;
    UPDATE plans SET task_count = task_count + 1, open_task_count = open_task_count + (NEW.completed_on IS NULL)
    WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd

-- Agencies of a task other than the lead: role 'coop' (cơ quan phối hợp, an
-- assignment) or 'mention' (named in the text; a suggestion).
CREATE TABLE task_agencies (
    task_id   INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    agency_id INTEGER NOT NULL REFERENCES agencies (id),
    role      TEXT    NOT NULL CHECK (role IN ('coop', 'mention')),
    ord       INTEGER NOT NULL DEFAULT 0, -- order as the plan or the user listed them
    PRIMARY KEY (task_id, role, agency_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX task_agencies_agency ON task_agencies (agency_id, role, task_id);

-- Legal documents cited by plans and tasks, one row per số ký hiệu.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL DEFAULT '',
    number      TEXT NOT NULL UNIQUE,
    issuer_code TEXT NOT NULL DEFAULT '',
    issued_on   TEXT,
    text        TEXT NOT NULL DEFAULT '' -- the citation as first written
) STRICT;

CREATE TABLE task_documents (
    task_id     INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    ord         INTEGER NOT NULL, -- order of citation in the task
    cited_as    TEXT    NOT NULL DEFAULT '', -- the citation as written here
    PRIMARY KEY (task_id, document_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX task_documents_document ON task_documents (document_id);

CREATE TABLE plan_documents (
    plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    ord         INTEGER NOT NULL,
    cited_as    TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, document_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX plan_documents_document ON plan_documents (document_id);

CREATE TABLE indicators (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plans (id),
    code          TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    unit          TEXT    NOT NULL DEFAULT '',
    direction     TEXT    NOT NULL DEFAULT 'increase',
    aggregation   TEXT    NOT NULL DEFAULT 'sum',
    baseline      REAL,
    baseline_year INTEGER,
    agency_id     INTEGER REFERENCES agencies (id),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX indicators_plan_code ON indicators (plan_id, code);
CREATE INDEX indicators_agency ON indicators (agency_id);

CREATE TABLE indicator_targets (
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    value        REAL    NOT NULL,
    PRIMARY KEY (indicator_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    full_name     TEXT    NOT NULL DEFAULT '',
    email         TEXT    NOT NULL DEFAULT '',
    role          TEXT    NOT NULL,
    agency_id     INTEGER REFERENCES agencies (id),
    password_hash TEXT    NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT    NOT NULL
) STRICT;
CREATE INDEX users_agency ON users (agency_id);

-- Only SHA-256 hashes of session and API tokens are stored.
CREATE TABLE sessions (
    token_hash BLOB    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    token_hash   BLOB    NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    user_id   INTEGER REFERENCES users (id), -- NULL for the system (CLI, demo loader)
    action    TEXT    NOT NULL,
    object    TEXT    NOT NULL,
    object_id INTEGER,
    detail    TEXT    NOT NULL DEFAULT '{}'  -- JSON
) STRICT;
CREATE INDEX audit_log_object ON audit_log (object, object_id);
CREATE INDEX audit_log_user ON audit_log (user_id);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE indicator_targets;
DROP TABLE indicators;
DROP TABLE plan_documents;
DROP TABLE task_documents;
DROP TABLE documents;
DROP TABLE task_agencies;
DROP TABLE tasks;
DROP TABLE sections;
DROP TABLE plans;
DROP TABLE agencies;
