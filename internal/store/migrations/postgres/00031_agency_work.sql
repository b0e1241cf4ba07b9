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
-- Twin of ../sqlite/00031_agency_work.sql.

-- +goose Up
CREATE TABLE agency_work_versions (
    agency_id BIGINT PRIMARY KEY,
    version   BIGINT NOT NULL
);

INSERT INTO counters (name, value) VALUES ('plan_names', 0);

-- +goose StatementBegin
CREATE FUNCTION plan_names_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'plan_names';
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER plans_names AFTER UPDATE OF code, title ON plans FOR EACH ROW
WHEN (OLD.code IS DISTINCT FROM NEW.code OR OLD.title IS DISTINCT FROM NEW.title)
EXECUTE FUNCTION plan_names_bump();

-- +goose StatementBegin
CREATE FUNCTION agency_work_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO agency_work_versions (agency_id, version) VALUES (NEW.agency_id, 1)
        ON CONFLICT (agency_id) DO UPDATE SET version = agency_work_versions.version + 1;
    IF OLD.agency_id <> NEW.agency_id THEN
        INSERT INTO agency_work_versions (agency_id, version) VALUES (OLD.agency_id, 1)
            ON CONFLICT (agency_id) DO UPDATE SET version = agency_work_versions.version + 1;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER reports_work AFTER UPDATE ON reports FOR EACH ROW
WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.revision IS DISTINCT FROM NEW.revision
    OR OLD.is_current IS DISTINCT FROM NEW.is_current OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at
    OR OLD.on_time IS DISTINCT FROM NEW.on_time OR OLD.returned_at IS DISTINCT FROM NEW.returned_at
    OR OLD.return_reason IS DISTINCT FROM NEW.return_reason OR OLD.period_id IS DISTINCT FROM NEW.period_id
    OR OLD.plan_id IS DISTINCT FROM NEW.plan_id OR OLD.agency_id IS DISTINCT FROM NEW.agency_id)
EXECUTE FUNCTION agency_work_bump();

-- +goose Down
DROP TRIGGER reports_work ON reports;
DROP FUNCTION agency_work_bump;
DROP TRIGGER plans_names ON plans;
DROP FUNCTION plan_names_bump;
DROP TABLE agency_work_versions;
DELETE FROM counters WHERE name = 'plan_names';
