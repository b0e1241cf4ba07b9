-- One status of a task today (issue 17): a recurring or continuous task is
-- judged in its plan's current reporting period, so its completion is its
-- period's and it stays in the "open" list after a period it completed
-- (plan.StatusNow, store.statusCond). The hot list (open tasks by due
-- date) reads from an index holding every task that can be open. Its
-- total still comes from the plan's kept counts (store.keptTotal):
-- open_task_count counts the tasks not completed, per_period_completed the
-- recurring and continuous tasks completed (in some period), kept by the
-- triggers below; those done in the current period are counted from the
-- index tasks_per_period_claim, a range seek.
-- Twin of ../postgres/00018_status_now.sql.

-- +goose Up
CREATE INDEX tasks_open_now ON tasks (plan_id, (due_date IS NULL), due_date, section_seq, ord)
    WHERE completed_on IS NULL OR deadline_kind IN ('recurring', 'continuous');
DROP INDEX tasks_open_due;
CREATE INDEX tasks_per_period_claim ON tasks (plan_id, claim_period_start, claim_status)
    WHERE deadline_kind IN ('recurring', 'continuous');

ALTER TABLE plans ADD COLUMN per_period_completed INTEGER NOT NULL DEFAULT 0;
UPDATE plans SET per_period_completed = (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = plans.id
    AND t.deadline_kind IN ('recurring', 'continuous') AND t.completed_on IS NOT NULL);

-- +goose StatementBegin
CREATE TRIGGER tasks_per_period_insert AFTER INSERT ON tasks
WHEN NEW.deadline_kind IN ('recurring', 'continuous') AND NEW.completed_on IS NOT NULL BEGIN
    UPDATE plans SET per_period_completed = per_period_completed + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tasks_per_period_delete AFTER DELETE ON tasks
WHEN OLD.deadline_kind IN ('recurring', 'continuous') AND OLD.completed_on IS NOT NULL BEGIN
    UPDATE plans SET per_period_completed = per_period_completed - 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tasks_per_period_update AFTER UPDATE OF plan_id, deadline_kind, completed_on ON tasks
WHEN OLD.plan_id <> NEW.plan_id
    OR (OLD.deadline_kind IN ('recurring', 'continuous') AND OLD.completed_on IS NOT NULL)
    <> (NEW.deadline_kind IN ('recurring', 'continuous') AND NEW.completed_on IS NOT NULL) BEGIN
    UPDATE plans SET per_period_completed = per_period_completed
        - (OLD.deadline_kind IN ('recurring', 'continuous') AND OLD.completed_on IS NOT NULL) WHERE id = OLD.plan_id;
    UPDATE plans SET per_period_completed = per_period_completed
        + (NEW.deadline_kind IN ('recurring', 'continuous') AND NEW.completed_on IS NOT NULL) WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER tasks_per_period_update;
DROP TRIGGER tasks_per_period_delete;
DROP TRIGGER tasks_per_period_insert;
ALTER TABLE plans DROP COLUMN per_period_completed;
DROP INDEX tasks_per_period_claim;
CREATE INDEX tasks_open_due ON tasks (plan_id, (due_date IS NULL), due_date, section_seq, ord)
    WHERE completed_on IS NULL;
DROP INDEX tasks_open_now;
