-- Reorganisation (issue 7): who led and cooperated on a task until a day,
-- written when a reorganisation moves the task to a successor, so that
-- figures of earlier periods keep the agencies of their time
-- (reporting.TasksIn). cooperating is the agency IDs, comma-separated.
-- Twin of ../postgres/00012_task_arrangements.sql.

-- +goose Up
CREATE TABLE task_arrangements (
    id             INTEGER PRIMARY KEY, -- order of writing: of two changes on one day, the first holds the older arrangement
    plan_id        INTEGER NOT NULL REFERENCES plans (id),
    task_id        INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    until          TEXT    NOT NULL,
    lead_agency_id INTEGER REFERENCES agencies (id),
    cooperating    TEXT    NOT NULL DEFAULT '',
    decision       TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX task_arrangements_plan ON task_arrangements (plan_id, task_id, until);

-- The figures read them: they move the plan's facts version.
-- +goose StatementBegin
CREATE TRIGGER task_arrangements_facts_ins AFTER INSERT ON task_arrangements BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER task_arrangements_facts_del AFTER DELETE ON task_arrangements BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER task_arrangements_facts_del;
DROP TRIGGER task_arrangements_facts_ins;
DROP TABLE task_arrangements;
