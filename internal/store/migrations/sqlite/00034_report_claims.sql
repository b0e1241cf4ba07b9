-- Speed (issue 21, round 8): each accepted report's claims kept as one
-- value beside it. A plan's figures read every claim of its accepted
-- reports (store.factClaims): about 20,000 entries for a national-size
-- province, 680,000 for the whole country's first read, where the cost
-- per row was most of the time. Read as one text per report instead —
-- ten claims each on average — the same claims cost a fraction.
--
-- report_claims holds, for every accepted report with an entry that has a
-- status, the report's period and revision and its entries as
-- "task:status:percent[:completed_on]" joined by commas: status numbered
-- as store's claim codes (not_started 1, in_progress 2, completed 3,
-- paused 4, cancelled 5), completed_on as YYYY-MM-DD. The view
-- report_claims_of says what it must hold, computed from the reports and
-- entries; nothing in Go writes it. The triggers below make it so again,
-- for the reports a write touches, in the same transaction as the write,
-- whatever the path — a report accepted or reopened, deleted, moved to
-- another plan or period, given another revision; an entry of an accepted
-- report added, changed or removed (a reorganisation, its undo). Its rows
-- move only with writes to reports and report_entries, whose own triggers
-- move the plan's facts version (store.FigureTables).
-- +goose Up
CREATE TABLE report_claims (
    plan_id   INTEGER NOT NULL,
    report_id INTEGER NOT NULL,
    period_id INTEGER NOT NULL, -- the report's period and revision: read with no join
    revision  INTEGER NOT NULL,
    claims    TEXT    NOT NULL,
    PRIMARY KEY (plan_id, report_id)
) STRICT, WITHOUT ROWID;

-- Read for one report (WHERE report_id = …), SQLite looks up that report
-- and its entries alone.
CREATE VIEW report_claims_of AS
SELECT r.plan_id, r.id AS report_id, r.period_id, r.revision,
    group_concat(e.task_id || ':' || CASE e.status WHEN 'not_started' THEN 1 WHEN 'in_progress' THEN 2
        WHEN 'completed' THEN 3 WHEN 'paused' THEN 4 WHEN 'cancelled' THEN 5 ELSE 0 END
        || ':' || e.percent || coalesce(':' || e.completed_on, ''), ',') AS claims
FROM reports r JOIN report_entries e ON e.report_id = r.id
WHERE r.state = 'accepted' AND e.status <> '' GROUP BY r.id;

INSERT INTO report_claims (plan_id, report_id, period_id, revision, claims) SELECT plan_id, report_id, period_id, revision, claims FROM report_claims_of;

-- +goose StatementBegin
CREATE TRIGGER reports_claims_ins AFTER INSERT ON reports WHEN NEW.state = 'accepted' BEGIN
    INSERT INTO report_claims (plan_id, report_id, period_id, revision, claims) SELECT plan_id, report_id, period_id, revision, claims FROM report_claims_of WHERE report_id = NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER reports_claims_upd AFTER UPDATE ON reports
WHEN (OLD.state = 'accepted' OR NEW.state = 'accepted')
    AND (OLD.state IS NOT NEW.state OR OLD.plan_id IS NOT NEW.plan_id OR OLD.id IS NOT NEW.id
        OR OLD.period_id IS NOT NEW.period_id OR OLD.revision IS NOT NEW.revision) BEGIN
    DELETE FROM report_claims WHERE plan_id = OLD.plan_id AND report_id = OLD.id;
    INSERT INTO report_claims (plan_id, report_id, period_id, revision, claims) SELECT plan_id, report_id, period_id, revision, claims FROM report_claims_of WHERE report_id = NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER reports_claims_del AFTER DELETE ON reports WHEN OLD.state = 'accepted' BEGIN
    DELETE FROM report_claims WHERE plan_id = OLD.plan_id AND report_id = OLD.id;
END;
-- +goose StatementEnd

-- An entry of an accepted report: its report's claims made again. (Draft
-- entries, which the officers write all quarter, stop at the WHEN.)
-- +goose StatementBegin
CREATE TRIGGER report_entries_claims_ins AFTER INSERT ON report_entries
WHEN NEW.status <> '' AND (SELECT state FROM reports WHERE id = NEW.report_id) = 'accepted' BEGIN
    DELETE FROM report_claims WHERE report_id = NEW.report_id
        AND plan_id = (SELECT plan_id FROM reports WHERE id = NEW.report_id);
    INSERT INTO report_claims (plan_id, report_id, period_id, revision, claims) SELECT plan_id, report_id, period_id, revision, claims FROM report_claims_of WHERE report_id = NEW.report_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER report_entries_claims_del AFTER DELETE ON report_entries
WHEN OLD.status <> '' AND (SELECT state FROM reports WHERE id = OLD.report_id) = 'accepted' BEGIN
    DELETE FROM report_claims WHERE report_id = OLD.report_id
        AND plan_id = (SELECT plan_id FROM reports WHERE id = OLD.report_id);
    INSERT INTO report_claims (plan_id, report_id, period_id, revision, claims) SELECT plan_id, report_id, period_id, revision, claims FROM report_claims_of WHERE report_id = OLD.report_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER report_entries_claims_upd AFTER UPDATE OF report_id, task_id, status, percent, completed_on ON report_entries
WHEN (OLD.status <> '' OR NEW.status <> '')
    AND EXISTS (SELECT 1 FROM reports WHERE id IN (OLD.report_id, NEW.report_id) AND state = 'accepted') BEGIN
    DELETE FROM report_claims WHERE report_id IN (OLD.report_id, NEW.report_id)
        AND plan_id IN (SELECT plan_id FROM reports WHERE id IN (OLD.report_id, NEW.report_id));
    INSERT INTO report_claims (plan_id, report_id, period_id, revision, claims)
        SELECT plan_id, report_id, period_id, revision, claims FROM report_claims_of WHERE report_id IN (OLD.report_id, NEW.report_id);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER report_entries_claims_upd;
DROP TRIGGER report_entries_claims_del;
DROP TRIGGER report_entries_claims_ins;
DROP TRIGGER reports_claims_del;
DROP TRIGGER reports_claims_upd;
DROP TRIGGER reports_claims_ins;
DROP VIEW report_claims_of;
DROP TABLE report_claims;
