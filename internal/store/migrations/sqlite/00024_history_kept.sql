-- What a decision set, kept with the version it ended (issue 18, item 24):
-- a task's history says, for each amendment, each field's value before and
-- after it. "After" was read from the next version, or from the task row
-- for the last one — so a later PATCH (a correction, not a decision)
-- rewrote what the last amendment had set. These columns keep the values
-- the amendment (or reorganisation) set, written in its own transaction.
-- NULL: a row written before this migration; the history then reads the
-- next version as before. No foreign key on set_lead_agency_id: it records
-- what was decided (agencies are never deleted), and SQLite cannot drop a
-- column that is one. Twin of ../postgres/00022_history_kept.sql.

-- +goose Up
ALTER TABLE task_versions ADD COLUMN set_title TEXT;
ALTER TABLE task_versions ADD COLUMN set_text TEXT;
ALTER TABLE task_versions ADD COLUMN set_deadline_text TEXT;
ALTER TABLE task_versions ADD COLUMN set_product TEXT;
ALTER TABLE task_arrangements ADD COLUMN set_lead_agency_id INTEGER;
ALTER TABLE task_arrangements ADD COLUMN set_cooperating TEXT; -- agency IDs, comma-separated; NULL: not recorded

-- +goose Down
ALTER TABLE task_arrangements DROP COLUMN set_cooperating;
ALTER TABLE task_arrangements DROP COLUMN set_lead_agency_id;
ALTER TABLE task_versions DROP COLUMN set_product;
ALTER TABLE task_versions DROP COLUMN set_deadline_text;
ALTER TABLE task_versions DROP COLUMN set_text;
ALTER TABLE task_versions DROP COLUMN set_title;
