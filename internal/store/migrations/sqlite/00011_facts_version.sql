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
-- cache. Twin of ../postgres/00011_facts_version.sql.

-- +goose Up
-- Counters of changes to shared tables, read by the store's caches: the
-- row 'agencies' moves with every agency written, so the agency list in
-- Vietnamese order (costly to sort) is kept until it does.
CREATE TABLE counters (
    name  TEXT   PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;
INSERT INTO counters (name, value) VALUES ('agencies', 0);
ALTER TABLE plans ADD COLUMN facts_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plans ADD COLUMN reports_version INTEGER NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE TRIGGER tasks_facts_ins AFTER INSERT ON tasks BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER tasks_facts_del AFTER DELETE ON tasks BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER tasks_facts_upd AFTER UPDATE ON tasks BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id AND NEW.plan_id <> OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER sections_facts_ins AFTER INSERT ON sections BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER sections_facts_del AFTER DELETE ON sections BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER sections_facts_upd AFTER UPDATE ON sections BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id AND NEW.plan_id <> OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER periods_facts_ins AFTER INSERT ON periods BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER periods_facts_del AFTER DELETE ON periods BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER periods_facts_upd AFTER UPDATE ON periods BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id AND NEW.plan_id <> OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER regimes_facts_ins AFTER INSERT ON regimes BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER regimes_facts_del AFTER DELETE ON regimes BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER regimes_facts_upd AFTER UPDATE ON regimes BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id AND NEW.plan_id <> OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicators_facts_ins AFTER INSERT ON indicators BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicators_facts_del AFTER DELETE ON indicators BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicators_facts_upd AFTER UPDATE ON indicators BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id AND NEW.plan_id <> OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_settings_facts_ins AFTER INSERT ON figure_settings BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_settings_facts_del AFTER DELETE ON figure_settings BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_settings_facts_upd AFTER UPDATE ON figure_settings BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id AND NEW.plan_id <> OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER reports_facts_ins AFTER INSERT ON reports BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER reports_facts_del AFTER DELETE ON reports BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER reports_facts_upd AFTER UPDATE ON reports
WHEN (OLD.state = 'accepted' OR NEW.state = 'accepted') AND (OLD.state IS NOT NEW.state
        OR OLD.on_time IS NOT NEW.on_time OR OLD.submitted_at IS NOT NEW.submitted_at)
    OR OLD.is_current IS NOT NEW.is_current OR OLD.revision IS NOT NEW.revision OR OLD.period_id IS NOT NEW.period_id
    OR OLD.agency_id IS NOT NEW.agency_id OR OLD.plan_id IS NOT NEW.plan_id BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER reports_version_upd AFTER UPDATE ON reports
WHEN OLD.state <> 'accepted' AND NEW.state <> 'accepted' AND (OLD.state IS NOT NEW.state
        OR OLD.on_time IS NOT NEW.on_time OR OLD.submitted_at IS NOT NEW.submitted_at)
    AND OLD.is_current IS NEW.is_current AND OLD.revision IS NEW.revision AND OLD.period_id IS NEW.period_id
    AND OLD.agency_id IS NEW.agency_id AND OLD.plan_id IS NEW.plan_id BEGIN
    UPDATE plans SET reports_version = reports_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER task_agencies_facts_ins AFTER INSERT ON task_agencies BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = (SELECT plan_id FROM tasks WHERE id = NEW.task_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER task_agencies_facts_del AFTER DELETE ON task_agencies BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = (SELECT plan_id FROM tasks WHERE id = OLD.task_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER task_agencies_facts_upd AFTER UPDATE ON task_agencies BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = (SELECT plan_id FROM tasks WHERE id = NEW.task_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_targets_facts_ins AFTER INSERT ON indicator_targets BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = (SELECT plan_id FROM indicators WHERE id = NEW.indicator_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_targets_facts_del AFTER DELETE ON indicator_targets BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = (SELECT plan_id FROM indicators WHERE id = OLD.indicator_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER indicator_targets_facts_upd AFTER UPDATE ON indicator_targets BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = (SELECT plan_id FROM indicators WHERE id = NEW.indicator_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER report_entries_facts_ins AFTER INSERT ON report_entries BEGIN
    UPDATE plans SET facts_version = facts_version + 1
    WHERE id = (SELECT plan_id FROM reports WHERE id = NEW.report_id AND state = 'accepted');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER report_entries_facts_del AFTER DELETE ON report_entries BEGIN
    UPDATE plans SET facts_version = facts_version + 1
    WHERE id = (SELECT plan_id FROM reports WHERE id = OLD.report_id AND state = 'accepted');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER report_entries_facts_upd AFTER UPDATE ON report_entries BEGIN
    UPDATE plans SET facts_version = facts_version + 1
    WHERE id = (SELECT plan_id FROM reports WHERE id = NEW.report_id AND state = 'accepted');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER report_indicator_values_facts_ins AFTER INSERT ON report_indicator_values BEGIN
    UPDATE plans SET facts_version = facts_version + 1
    WHERE id = (SELECT plan_id FROM reports WHERE id = NEW.report_id AND state = 'accepted');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER report_indicator_values_facts_del AFTER DELETE ON report_indicator_values BEGIN
    UPDATE plans SET facts_version = facts_version + 1
    WHERE id = (SELECT plan_id FROM reports WHERE id = OLD.report_id AND state = 'accepted');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER report_indicator_values_facts_upd AFTER UPDATE ON report_indicator_values BEGIN
    UPDATE plans SET facts_version = facts_version + 1
    WHERE id = (SELECT plan_id FROM reports WHERE id = NEW.report_id AND state = 'accepted');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER agencies_facts_ins AFTER INSERT ON agencies BEGIN
    UPDATE plans SET facts_version = facts_version + 1;
    UPDATE counters SET value = value + 1 WHERE name = 'agencies';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER agencies_facts_del AFTER DELETE ON agencies BEGIN
    UPDATE plans SET facts_version = facts_version + 1;
    UPDATE counters SET value = value + 1 WHERE name = 'agencies';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER agencies_facts_upd AFTER UPDATE ON agencies BEGIN
    UPDATE plans SET facts_version = facts_version + 1;
    UPDATE counters SET value = value + 1 WHERE name = 'agencies';
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER tasks_facts_ins;
DROP TRIGGER tasks_facts_del;
DROP TRIGGER tasks_facts_upd;
DROP TRIGGER sections_facts_ins;
DROP TRIGGER sections_facts_del;
DROP TRIGGER sections_facts_upd;
DROP TRIGGER periods_facts_ins;
DROP TRIGGER periods_facts_del;
DROP TRIGGER periods_facts_upd;
DROP TRIGGER regimes_facts_ins;
DROP TRIGGER regimes_facts_del;
DROP TRIGGER regimes_facts_upd;
DROP TRIGGER indicators_facts_ins;
DROP TRIGGER indicators_facts_del;
DROP TRIGGER indicators_facts_upd;
DROP TRIGGER figure_settings_facts_ins;
DROP TRIGGER figure_settings_facts_del;
DROP TRIGGER figure_settings_facts_upd;
DROP TRIGGER reports_facts_ins;
DROP TRIGGER reports_facts_del;
DROP TRIGGER reports_facts_upd;
DROP TRIGGER reports_version_upd;
DROP TRIGGER task_agencies_facts_ins;
DROP TRIGGER task_agencies_facts_del;
DROP TRIGGER task_agencies_facts_upd;
DROP TRIGGER indicator_targets_facts_ins;
DROP TRIGGER indicator_targets_facts_del;
DROP TRIGGER indicator_targets_facts_upd;
DROP TRIGGER report_entries_facts_ins;
DROP TRIGGER report_entries_facts_del;
DROP TRIGGER report_entries_facts_upd;
DROP TRIGGER report_indicator_values_facts_ins;
DROP TRIGGER report_indicator_values_facts_del;
DROP TRIGGER report_indicator_values_facts_upd;
DROP TRIGGER agencies_facts_ins;
DROP TRIGGER agencies_facts_del;
DROP TRIGGER agencies_facts_upd;
ALTER TABLE plans DROP COLUMN facts_version;
ALTER TABLE plans DROP COLUMN reports_version;
DROP TABLE counters;
