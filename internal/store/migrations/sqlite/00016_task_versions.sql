-- Versions of a changed task (issue 7): an amendment may change a task's
-- title, text, deadline, product, lead and cooperating agencies from its
-- effective day. The task row holds the task as it is now; task_versions
-- holds it as it was before each change, until the effective day, so that
-- figures of an earlier period judge it as it was then (reporting.TasksIn:
-- the earliest version whose until is after the period's end). A change of
-- agencies is written to task_arrangements, as a reorganisation does, with
-- the amendment named. amendment_tasks records what each amendment did to
-- each task, which tasks.amendment_id (the last amendment only) cannot
-- tell once a task added by one amendment is removed by another.
-- Twin of ../postgres/00016_task_versions.sql.

-- +goose Up
CREATE TABLE task_versions (
    id             INTEGER PRIMARY KEY, -- order of writing: of two versions ending on one day, the first is the older
    plan_id        INTEGER NOT NULL REFERENCES plans (id),
    task_id        INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    amendment_id   INTEGER NOT NULL REFERENCES plan_amendments (id),
    until          TEXT    NOT NULL,           -- the amendment's effective day: the first day of the next version
    changed        TEXT    NOT NULL DEFAULT '', -- the fields the amendment changed, comma-separated
    title          TEXT    NOT NULL,
    text           TEXT    NOT NULL,
    deadline_kind  TEXT    NOT NULL DEFAULT '',
    deadline_text  TEXT    NOT NULL DEFAULT '',
    due_date       TEXT,
    deadline_start TEXT,
    deadline_every TEXT    NOT NULL DEFAULT '',
    product        TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX task_versions_plan ON task_versions (plan_id, task_id, until);

CREATE TABLE amendment_tasks (
    amendment_id INTEGER NOT NULL REFERENCES plan_amendments (id) ON DELETE CASCADE,
    task_id      INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    action       TEXT    NOT NULL CHECK (action IN ('add', 'change', 'remove')),
    PRIMARY KEY (amendment_id, task_id)
) STRICT;
CREATE INDEX amendment_tasks_task ON amendment_tasks (task_id);

-- The amendment whose change ended an arrangement (NULL: a reorganisation).
ALTER TABLE task_arrangements ADD COLUMN amendment_id INTEGER REFERENCES plan_amendments (id);

-- What earlier amendments did, as far as the tasks tell: the last one's
-- action, and the addition of a task removed since (the plan's amendment
-- effective on the day it was added).
INSERT INTO amendment_tasks (amendment_id, task_id, action)
    SELECT amendment_id, id, CASE WHEN removed_on IS NULL THEN 'add' ELSE 'remove' END
    FROM tasks WHERE amendment_id IS NOT NULL;
INSERT OR IGNORE INTO amendment_tasks (amendment_id, task_id, action)
    SELECT (SELECT MIN(a.id) FROM plan_amendments a WHERE a.plan_id = t.plan_id AND a.effective = t.added_on), t.id, 'add'
    FROM tasks t WHERE t.removed_on IS NOT NULL AND t.added_on IS NOT NULL
    AND EXISTS (SELECT 1 FROM plan_amendments a WHERE a.plan_id = t.plan_id AND a.effective = t.added_on);

-- The figures read versions: they move the plan's facts version.
-- +goose StatementBegin
CREATE TRIGGER task_versions_facts_ins AFTER INSERT ON task_versions BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER task_versions_facts_del AFTER DELETE ON task_versions BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER task_versions_facts_del;
DROP TRIGGER task_versions_facts_ins;
ALTER TABLE task_arrangements DROP COLUMN amendment_id;
DROP TABLE amendment_tasks;
DROP TABLE task_versions;
