-- "Việc của tôi" kept (issue 21): an agency's work is a function of the
-- day, of every plan's facts version (a task given to the agency in any
-- plan changes its list; the plan's status, periods, regime and tasks
-- move it) and of its own reports' place in the flow. Two things it shows
-- moved no counter until now:
--  - a plan's number and title (shown with each report and task): their
--    change now moves the counter 'plan_names' (no figure reads them, so
--    the plan's facts version stays);
--  - the agency's reports: their state, revision, submission, return and
--    its reason. A report sent or returned moves its plan's
--    reports_version, which every agency of the plan shares — during a
--    deadline every submission anywhere in the province would throw away
--    every agency's kept work — so each agency has its own counter,
--    agency_work_versions, moved by the same kinds of change of its own
--    reports only (a draft's text saved moves nothing). Inserting or
--    deleting a report moves its plan's facts version already (00011).
-- app.AgencyWork keys what it keeps on these (store.AgencyWorkVersion).
-- Twin of ../postgres/00031_agency_work.sql.

-- +goose Up
CREATE TABLE agency_work_versions (
    agency_id INTEGER PRIMARY KEY,
    version   INTEGER NOT NULL
) STRICT;

INSERT INTO counters (name, value) VALUES ('plan_names', 0);

-- +goose StatementBegin
CREATE TRIGGER plans_names_upd AFTER UPDATE OF code, title ON plans
WHEN OLD.code IS NOT NEW.code OR OLD.title IS NOT NEW.title BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'plan_names';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER reports_work_upd AFTER UPDATE ON reports
WHEN OLD.state IS NOT NEW.state OR OLD.revision IS NOT NEW.revision OR OLD.is_current IS NOT NEW.is_current
    OR OLD.submitted_at IS NOT NEW.submitted_at OR OLD.on_time IS NOT NEW.on_time
    OR OLD.returned_at IS NOT NEW.returned_at OR OLD.return_reason IS NOT NEW.return_reason
    OR OLD.period_id IS NOT NEW.period_id OR OLD.plan_id IS NOT NEW.plan_id OR OLD.agency_id IS NOT NEW.agency_id BEGIN
    INSERT INTO agency_work_versions (agency_id, version) VALUES (NEW.agency_id, 1)
        ON CONFLICT (agency_id) DO UPDATE SET version = version + 1;
    INSERT INTO agency_work_versions (agency_id, version) SELECT OLD.agency_id, 1 WHERE OLD.agency_id <> NEW.agency_id
        ON CONFLICT (agency_id) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER reports_work_upd;
DROP TRIGGER plans_names_upd;
DROP TABLE agency_work_versions;
DELETE FROM counters WHERE name = 'plan_names';
