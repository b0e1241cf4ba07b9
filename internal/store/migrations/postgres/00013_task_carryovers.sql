-- Plan replacement (issue 7): an unfinished task of a replaced plan
-- carried into a task of the plan that replaces it, so that the new task
-- shows the old one's history and evidence (they stay with the old task,
-- whose plan becomes read-only). Twin of ../sqlite/00013_task_carryovers.sql.

-- +goose Up
CREATE TABLE task_carryovers (
    old_task_id BIGINT      NOT NULL PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    new_task_id BIGINT      NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    carried_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX task_carryovers_new ON task_carryovers (new_task_id);

-- +goose Down
DROP TABLE task_carryovers;
