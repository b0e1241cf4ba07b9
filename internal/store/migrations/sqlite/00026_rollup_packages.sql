-- Roll-up across instances (issue 20): each instance signs the packages it
-- sends with its own Ed25519 key (instance_keys: one row, made on first
-- use); a receiving instance's admin registers the senders' public keys
-- (rollup_senders); packages received are kept whole (rollup_packages.body,
-- the file as sent) with their items read out for the roll-up
-- (rollup_package_items). Of one sender, upstream plan and period, one
-- package is current: a newer one replaces it (replaced_at), the same one
-- again changes nothing. Every package row written moves the 'rollup'
-- counter (00025). Twin of ../postgres/00026_rollup_packages.sql.

-- +goose Up
CREATE TABLE instance_keys (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT    NOT NULL DEFAULT '', -- the sender's name packages carry
    public_key  BLOB    NOT NULL,
    private_key BLOB    NOT NULL,
    created_at  TEXT    NOT NULL
) STRICT;

CREATE TABLE rollup_senders (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    public_key BLOB    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    added_at   TEXT    NOT NULL,
    added_by   INTEGER REFERENCES users (id),
    revoked_at TEXT,
    revoked_by INTEGER REFERENCES users (id)
) STRICT;
CREATE UNIQUE INDEX rollup_senders_key ON rollup_senders (public_key) WHERE revoked_at IS NULL;

CREATE TABLE rollup_packages (
    id           INTEGER PRIMARY KEY,
    sender_id    INTEGER NOT NULL REFERENCES rollup_senders (id),
    plan_id      INTEGER NOT NULL REFERENCES plans (id),   -- the upstream plan, on this instance
    period_id    INTEGER NOT NULL REFERENCES periods (id), -- its period the package is for
    sender_name  TEXT    NOT NULL,                         -- as the package names its sender
    period_key   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,                         -- when the sender made it
    as_of        TEXT    NOT NULL,                         -- the day its statuses were judged on
    digest       TEXT    NOT NULL,                         -- hex SHA-256 of the signed payload
    body         TEXT    NOT NULL,                         -- the file as received
    imported_at  TEXT    NOT NULL,
    imported_by  INTEGER REFERENCES users (id),
    replaced_at  TEXT                                      -- a newer package of the same period came
) STRICT;
CREATE UNIQUE INDEX rollup_packages_current ON rollup_packages (sender_id, plan_id, period_id) WHERE replaced_at IS NULL;
CREATE INDEX rollup_packages_plan ON rollup_packages (plan_id, period_id, id) WHERE replaced_at IS NULL;

CREATE TABLE rollup_package_items (
    package_id       INTEGER NOT NULL REFERENCES rollup_packages (id) ON DELETE CASCADE,
    ord              INTEGER NOT NULL,
    upstream_task_id INTEGER NOT NULL REFERENCES tasks (id),
    plan_code        TEXT    NOT NULL DEFAULT '',
    plan_title       TEXT    NOT NULL DEFAULT '',
    task_id          INTEGER NOT NULL, -- the sender's IDs
    agency_id        INTEGER NOT NULL DEFAULT 0,
    task_number      INTEGER NOT NULL DEFAULT 0,
    task_title       TEXT    NOT NULL DEFAULT '',
    agency           TEXT    NOT NULL DEFAULT '',
    status           TEXT    NOT NULL,
    overdue_days     INTEGER NOT NULL DEFAULT 0,
    progress         INTEGER NOT NULL DEFAULT 0,
    result           TEXT    NOT NULL DEFAULT '',
    result_period    TEXT    NOT NULL DEFAULT '',
    evidence         TEXT    NOT NULL DEFAULT '[]', -- JSON: [{"text","files":[{"name","size","sha256"}]}]
    PRIMARY KEY (package_id, ord)
) STRICT;

-- +goose StatementBegin
CREATE TRIGGER rollup_packages_rollup_ins AFTER INSERT ON rollup_packages BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'rollup';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rollup_packages_rollup_upd AFTER UPDATE ON rollup_packages BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'rollup';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rollup_packages_rollup_del AFTER DELETE ON rollup_packages BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'rollup';
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER rollup_packages_rollup_del;
DROP TRIGGER rollup_packages_rollup_upd;
DROP TRIGGER rollup_packages_rollup_ins;
DROP TABLE rollup_package_items;
DROP TABLE rollup_packages;
DROP TABLE rollup_senders;
DROP TABLE instance_keys;
