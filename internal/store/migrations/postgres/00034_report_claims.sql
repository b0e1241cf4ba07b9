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
    plan_id   BIGINT  NOT NULL,
    report_id BIGINT  NOT NULL,
    period_id BIGINT  NOT NULL, -- the report's period and revision: read with no join
    revision  INTEGER NOT NULL,
    claims    TEXT    NOT NULL,
    PRIMARY KEY (plan_id, report_id)
);

-- Read for some reports (WHERE report_id = …), the condition is pushed
-- into the grouping: those reports and their entries alone are read.
CREATE VIEW report_claims_of AS
SELECT r.plan_id, r.id AS report_id, r.period_id, r.revision,
    string_agg(e.task_id || ':' || CASE e.status WHEN 'not_started' THEN 1 WHEN 'in_progress' THEN 2
        WHEN 'completed' THEN 3 WHEN 'paused' THEN 4 WHEN 'cancelled' THEN 5 ELSE 0 END
        || ':' || e.percent || coalesce(':' || to_char(e.completed_on, 'YYYY-MM-DD'), ''), ',') AS claims
FROM reports r JOIN report_entries e ON e.report_id = r.id
WHERE r.state = 'accepted' AND e.status <> '' GROUP BY r.id;

INSERT INTO report_claims (plan_id, report_id, period_id, revision, claims) SELECT plan_id, report_id, period_id, revision, claims FROM report_claims_of;

-- +goose StatementBegin
-- (PL/pgSQL, not SQL: its statements are planned once per connection.)
CREATE FUNCTION report_claims_keep(ids BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM report_claims c USING reports r WHERE r.id = ANY (ids) AND c.plan_id = r.plan_id AND c.report_id = r.id;
    INSERT INTO report_claims (plan_id, report_id, period_id, revision, claims)
    SELECT plan_id, report_id, period_id, revision, claims FROM report_claims_of WHERE report_id = ANY (ids);
END $$;
-- +goose StatementEnd

-- A report accepted, reopened, deleted, moved or given another revision:
-- its claims kept or let go.
-- +goose StatementBegin
CREATE FUNCTION reports_claims() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM report_claims WHERE plan_id = OLD.plan_id AND report_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.state = 'accepted' THEN
        PERFORM report_claims_keep(ARRAY[NEW.id]);
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER reports_claims_ins AFTER INSERT ON reports FOR EACH ROW WHEN (NEW.state = 'accepted')
    EXECUTE FUNCTION reports_claims();
CREATE TRIGGER reports_claims_upd AFTER UPDATE ON reports FOR EACH ROW
WHEN ((OLD.state = 'accepted' OR NEW.state = 'accepted') AND (OLD.state IS DISTINCT FROM NEW.state
    OR OLD.plan_id IS DISTINCT FROM NEW.plan_id OR OLD.id IS DISTINCT FROM NEW.id
    OR OLD.period_id IS DISTINCT FROM NEW.period_id OR OLD.revision IS DISTINCT FROM NEW.revision))
    EXECUTE FUNCTION reports_claims();
CREATE TRIGGER reports_claims_del AFTER DELETE ON reports FOR EACH ROW WHEN (OLD.state = 'accepted')
    EXECUTE FUNCTION reports_claims();

-- An entry: its plan's facts version moved when its report is accepted
-- (the statement of facts_bump_report, which this replaces on entries),
-- and then its report's claims made again — one function, so that a
-- draft's entry, which the officers write all quarter, costs what it did:
-- one lookup of its report.
-- +goose StatementBegin
CREATE FUNCTION facts_bump_entry() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rid BIGINT := CASE WHEN TG_OP = 'DELETE' THEN OLD.report_id ELSE NEW.report_id END;
BEGIN
    UPDATE plans SET facts_version = facts_version + 1
    WHERE id = (SELECT plan_id FROM reports WHERE state = 'accepted' AND id = rid);
    IF FOUND AND (TG_OP <> 'UPDATE' OR (OLD.report_id, OLD.task_id, OLD.status, OLD.percent, OLD.completed_on)
            IS DISTINCT FROM (NEW.report_id, NEW.task_id, NEW.status, NEW.percent, NEW.completed_on)) THEN
        PERFORM report_claims_keep(ARRAY[rid]);
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.report_id <> NEW.report_id THEN -- moved: the report it left as well
        UPDATE plans SET facts_version = facts_version + 1
        WHERE id = (SELECT plan_id FROM reports WHERE state = 'accepted' AND id = OLD.report_id);
        IF FOUND THEN
            PERFORM report_claims_keep(ARRAY[OLD.report_id]);
        END IF;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

DROP TRIGGER report_entries_facts ON report_entries;
CREATE TRIGGER report_entries_facts AFTER INSERT OR UPDATE OR DELETE ON report_entries FOR EACH ROW
    EXECUTE FUNCTION facts_bump_entry();

-- +goose Down
DROP TRIGGER report_entries_facts ON report_entries;
CREATE TRIGGER report_entries_facts AFTER INSERT OR UPDATE OR DELETE ON report_entries FOR EACH ROW
    EXECUTE FUNCTION facts_bump_report();
DROP FUNCTION facts_bump_entry;
DROP TRIGGER reports_claims_del ON reports;
DROP TRIGGER reports_claims_upd ON reports;
DROP TRIGGER reports_claims_ins ON reports;
DROP FUNCTION reports_claims;
DROP FUNCTION report_claims_keep;
DROP VIEW report_claims_of;
DROP TABLE report_claims;
