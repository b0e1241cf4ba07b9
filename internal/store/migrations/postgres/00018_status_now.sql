-- One status of a task today (issue 17): a recurring or continuous task is
-- judged in its plan's current reporting period, so its completion is its
-- period's and it stays in the "open" list after a period it completed
-- (plan.StatusNow, store.statusCond). The hot list (open tasks by due
-- date) reads from an index holding every task that can be open; tasks
-- judged per period are counted from their own small index when the list
-- total is read from the plan's kept counts (store.keptTotal).
-- Twin of ../sqlite/00018_status_now.sql.

-- +goose Up
CREATE INDEX tasks_open_now ON tasks (plan_id, (due_date IS NULL), due_date, section_seq, ord)
    WHERE completed_on IS NULL OR deadline_kind IN ('recurring', 'continuous');
DROP INDEX tasks_open_due;
CREATE INDEX tasks_per_period ON tasks (plan_id, claim_period_start, claim_status, completed_on)
    WHERE deadline_kind IN ('recurring', 'continuous');

-- +goose Down
DROP INDEX tasks_per_period;
CREATE INDEX tasks_open_due ON tasks (plan_id, (due_date IS NULL), due_date, section_seq, ord)
    WHERE completed_on IS NULL;
DROP INDEX tasks_open_now;
