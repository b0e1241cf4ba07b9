-- The explanation (giải trình) an agency gives in a report line when the
-- task's progress goes down from the previous accepted report, or a task
-- reported completed is reported unfinished (issue 17): the report form
-- asks for it with a warning, never a block (reporting.EntryWarnings).
-- Twin of ../postgres/00019_entry_explanation.sql.

-- +goose Up
ALTER TABLE report_entries ADD COLUMN explanation TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE report_entries DROP COLUMN explanation;
