-- Plan amendments (issue 7): a later decision adds tasks to a plan or
-- removes some, from an effective day. The plan keeps every task — a
-- removed one keeps its history — and figures of a period count the tasks
-- in the plan then: added_on and removed_on (reporting.InPlan).
-- Twin of ../postgres/00014_plan_amendments.sql.

-- +goose Up
CREATE TABLE plan_amendments (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    number     TEXT    NOT NULL,           -- số, ký hiệu of the decision
    issued_on  TEXT,
    effective  TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL,
    created_by INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX plan_amendments_plan ON plan_amendments (plan_id, effective);
ALTER TABLE tasks ADD COLUMN added_on   TEXT;    -- NULL: in the plan as first issued
ALTER TABLE tasks ADD COLUMN removed_on TEXT;    -- NULL: still in the plan
ALTER TABLE tasks ADD COLUMN amendment_id INTEGER REFERENCES plan_amendments (id); -- the last amendment that added or removed it

-- +goose Down
ALTER TABLE tasks DROP COLUMN amendment_id;
ALTER TABLE tasks DROP COLUMN removed_on;
ALTER TABLE tasks DROP COLUMN added_on;
DROP TABLE plan_amendments;
