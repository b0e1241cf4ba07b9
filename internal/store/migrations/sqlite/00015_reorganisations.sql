-- Reorganisations (issue 7) that can be undone, and indicator owners of
-- earlier periods. Twin of ../postgres/00015_reorganisations.sql.
--
-- reorganisations is one applied reorganisation; batch is the ID of the
-- first of those applied together (a province's mapping), undone together.
-- reorganisation_rows holds, for every row the reorganisation changed, its
-- image before and after (store/reorg_image.go): undo checks that each row
-- is still as the reorganisation left it and writes the before image back.
-- scope is what the images cover (agency, task, indicator, account and
-- period IDs), to find rows written since. undo_until is the first day of
-- the next reporting period: from that day the reorganisation stays.

-- +goose Up
CREATE TABLE reorganisations (
    id           INTEGER PRIMARY KEY,
    batch        INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    decision     TEXT    NOT NULL DEFAULT '',
    effective    TEXT    NOT NULL,
    from_ids     TEXT    NOT NULL,          -- agency IDs, comma-separated
    successor_id INTEGER,                   -- no reference: undo removes an agency it made
    label        TEXT    NOT NULL,          -- "Sở A, Sở B → Sở C", as it was when applied
    summary      TEXT    NOT NULL,          -- JSON: how many tasks, reports… moved
    scope        TEXT    NOT NULL,          -- JSON
    max_ids      TEXT    NOT NULL,          -- JSON: table → largest ID after applying
    applied_at   TEXT    NOT NULL,
    applied_by   INTEGER REFERENCES users (id),
    undo_until   TEXT    NOT NULL,
    undone_at    TEXT,
    undone_by    INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX reorganisations_batch ON reorganisations (batch);

CREATE TABLE reorganisation_rows (
    reorganisation_id INTEGER NOT NULL REFERENCES reorganisations (id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,
    tbl               TEXT    NOT NULL,
    pk                TEXT    NOT NULL,
    before            TEXT,                 -- NULL: the reorganisation made the row
    after             TEXT,                 -- NULL: the reorganisation removed it
    PRIMARY KEY (reorganisation_id, seq)
) STRICT;

-- Who answered for an indicator until a day, written when a
-- reorganisation moves it: figures of earlier periods (and the yearly
-- ranking) keep the owner of their time (figures.InPeriod).
CREATE TABLE indicator_arrangements (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plans (id),
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    until        TEXT    NOT NULL,
    agency_id    INTEGER REFERENCES agencies (id),
    decision     TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX indicator_arrangements_plan ON indicator_arrangements (plan_id, indicator_id, until);

-- +goose StatementBegin
CREATE TRIGGER indicator_arrangements_facts_ins AFTER INSERT ON indicator_arrangements BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER indicator_arrangements_facts_del AFTER DELETE ON indicator_arrangements BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER indicator_arrangements_facts_del;
DROP TRIGGER indicator_arrangements_facts_ins;
DROP TABLE indicator_arrangements;
DROP TABLE reorganisation_rows;
DROP TABLE reorganisations;
