-- National scale (issue 6): every plan carries facts_version, a counter
-- that changes, in the same transaction, with every row store.Facts reads
-- for the plan — its tasks and their agencies, sections, periods, regime,
-- indicators and targets, figure settings, report rows, the entries and
-- values of accepted reports, and any agency (agencies are shared by
-- every plan) — except one kind of change: a report moving between states
-- short of accepted (sent, returned, sent again), which moves
-- reports_version instead. Only the report counts read that; the rest of
-- the figures, which cost far more, stay valid through the deadline's
-- submissions. The dashboard cache keys computed figures by both, so a
-- cached figure is always the one a full recomputation would give, on
-- every instance sharing the database, with no rebuild job. Triggers keep
-- them, so no write path can forget. Entries and values of reports not
-- accepted, which no figure reads, move neither: saving a draft keeps the
-- cache. Twin of ../sqlite/00011_facts_version.sql.

-- +goose Up
-- Counters of changes to shared tables, read by the store's caches: the
-- row 'agencies' moves with every agency written, so the agency list in
-- Vietnamese order (costly to sort) is kept until it does.
CREATE TABLE counters (
    name  TEXT   PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('agencies', 0);
ALTER TABLE plans ADD COLUMN facts_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE plans ADD COLUMN reports_version BIGINT NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE FUNCTION facts_bump_plan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
    END IF;
    IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' AND NEW.plan_id <> OLD.plan_id THEN
        UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION reports_bump_plan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE plans SET reports_version = reports_version + 1 WHERE id = NEW.plan_id;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION facts_bump_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE plans SET facts_version = facts_version + 1
    WHERE id = (SELECT plan_id FROM tasks WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.task_id ELSE NEW.task_id END);
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION facts_bump_indicator() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE plans SET facts_version = facts_version + 1
    WHERE id = (SELECT plan_id FROM indicators WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.indicator_id ELSE NEW.indicator_id END);
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION facts_bump_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE plans SET facts_version = facts_version + 1
    WHERE id = (SELECT plan_id FROM reports WHERE state = 'accepted'
                AND id = CASE WHEN TG_OP = 'DELETE' THEN OLD.report_id ELSE NEW.report_id END);
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION facts_bump_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE plans SET facts_version = facts_version + 1;
    UPDATE counters SET value = value + 1 WHERE name = 'agencies';
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER tasks_facts AFTER INSERT OR UPDATE OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION facts_bump_plan();

CREATE TRIGGER sections_facts AFTER INSERT OR UPDATE OR DELETE ON sections FOR EACH ROW EXECUTE FUNCTION facts_bump_plan();

CREATE TRIGGER periods_facts AFTER INSERT OR UPDATE OR DELETE ON periods FOR EACH ROW EXECUTE FUNCTION facts_bump_plan();

CREATE TRIGGER regimes_facts AFTER INSERT OR UPDATE OR DELETE ON regimes FOR EACH ROW EXECUTE FUNCTION facts_bump_plan();

CREATE TRIGGER indicators_facts AFTER INSERT OR UPDATE OR DELETE ON indicators FOR EACH ROW EXECUTE FUNCTION facts_bump_plan();

CREATE TRIGGER figure_settings_facts AFTER INSERT OR UPDATE OR DELETE ON figure_settings FOR EACH ROW EXECUTE FUNCTION facts_bump_plan();

CREATE TRIGGER reports_facts_insdel AFTER INSERT OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION facts_bump_plan();

CREATE TRIGGER reports_facts_upd AFTER UPDATE ON reports FOR EACH ROW
WHEN ((OLD.state = 'accepted' OR NEW.state = 'accepted') AND (OLD.state IS DISTINCT FROM NEW.state
        OR OLD.on_time IS DISTINCT FROM NEW.on_time OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at)
    OR OLD.is_current IS DISTINCT FROM NEW.is_current OR OLD.revision IS DISTINCT FROM NEW.revision
    OR OLD.period_id IS DISTINCT FROM NEW.period_id OR OLD.agency_id IS DISTINCT FROM NEW.agency_id
    OR OLD.plan_id IS DISTINCT FROM NEW.plan_id) EXECUTE FUNCTION facts_bump_plan();

CREATE TRIGGER reports_version_upd AFTER UPDATE ON reports FOR EACH ROW
WHEN (OLD.state <> 'accepted' AND NEW.state <> 'accepted' AND (OLD.state IS DISTINCT FROM NEW.state
        OR OLD.on_time IS DISTINCT FROM NEW.on_time OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at)
    AND OLD.is_current IS NOT DISTINCT FROM NEW.is_current AND OLD.revision IS NOT DISTINCT FROM NEW.revision
    AND OLD.period_id IS NOT DISTINCT FROM NEW.period_id AND OLD.agency_id IS NOT DISTINCT FROM NEW.agency_id
    AND OLD.plan_id IS NOT DISTINCT FROM NEW.plan_id) EXECUTE FUNCTION reports_bump_plan();

CREATE TRIGGER task_agencies_facts AFTER INSERT OR UPDATE OR DELETE ON task_agencies FOR EACH ROW EXECUTE FUNCTION facts_bump_task();

CREATE TRIGGER indicator_targets_facts AFTER INSERT OR UPDATE OR DELETE ON indicator_targets FOR EACH ROW EXECUTE FUNCTION facts_bump_indicator();

CREATE TRIGGER report_entries_facts AFTER INSERT OR UPDATE OR DELETE ON report_entries FOR EACH ROW EXECUTE FUNCTION facts_bump_report();

CREATE TRIGGER report_indicator_values_facts AFTER INSERT OR UPDATE OR DELETE ON report_indicator_values FOR EACH ROW EXECUTE FUNCTION facts_bump_report();

CREATE TRIGGER agencies_facts AFTER INSERT OR UPDATE OR DELETE ON agencies FOR EACH STATEMENT EXECUTE FUNCTION facts_bump_all();

-- +goose Down
DROP TRIGGER tasks_facts ON tasks;
DROP TRIGGER sections_facts ON sections;
DROP TRIGGER periods_facts ON periods;
DROP TRIGGER regimes_facts ON regimes;
DROP TRIGGER indicators_facts ON indicators;
DROP TRIGGER figure_settings_facts ON figure_settings;
DROP TRIGGER reports_facts_insdel ON reports;
DROP TRIGGER reports_facts_upd ON reports;
DROP TRIGGER reports_version_upd ON reports;
DROP TRIGGER task_agencies_facts ON task_agencies;
DROP TRIGGER indicator_targets_facts ON indicator_targets;
DROP TRIGGER report_entries_facts ON report_entries;
DROP TRIGGER report_indicator_values_facts ON report_indicator_values;
DROP TRIGGER agencies_facts ON agencies;
DROP FUNCTION reports_bump_plan, facts_bump_plan, facts_bump_task, facts_bump_indicator, facts_bump_report, facts_bump_all;
ALTER TABLE plans DROP COLUMN facts_version;
ALTER TABLE plans DROP COLUMN reports_version;
DROP TABLE counters;
