-- Speed (issue 21): every plan carries periods_version, a counter that
-- changes, in the same transaction, with its regime and its reporting
-- periods — and with nothing else. A task write's answer judges the task
-- against them (store.TaskPeriodStatusesNow); the store keeps them per
-- plan under this counter (store.periodsMemo) instead of reading them for
-- every write. facts_version would not do: every task write moves it.
-- Triggers keep it, so no write path can forget (store.TestPeriodsVersion
-- reads them from the catalogue). Twin of ../postgres/00030_periods_version.sql.

-- +goose Up
ALTER TABLE plans ADD COLUMN periods_version INTEGER NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE TRIGGER periods_pv_ins AFTER INSERT ON periods BEGIN
    UPDATE plans SET periods_version = periods_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER periods_pv_upd AFTER UPDATE ON periods BEGIN
    UPDATE plans SET periods_version = periods_version + 1 WHERE id = OLD.plan_id;
    UPDATE plans SET periods_version = periods_version + 1 WHERE id = NEW.plan_id AND NEW.plan_id <> OLD.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER periods_pv_del AFTER DELETE ON periods BEGIN
    UPDATE plans SET periods_version = periods_version + 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER regimes_pv_ins AFTER INSERT ON regimes BEGIN
    UPDATE plans SET periods_version = periods_version + 1 WHERE id = NEW.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER regimes_pv_upd AFTER UPDATE ON regimes BEGIN
    UPDATE plans SET periods_version = periods_version + 1 WHERE id = OLD.plan_id;
    UPDATE plans SET periods_version = periods_version + 1 WHERE id = NEW.plan_id AND NEW.plan_id <> OLD.plan_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER regimes_pv_del AFTER DELETE ON regimes BEGIN
    UPDATE plans SET periods_version = periods_version + 1 WHERE id = OLD.plan_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER regimes_pv_del;
DROP TRIGGER regimes_pv_upd;
DROP TRIGGER regimes_pv_ins;
DROP TRIGGER periods_pv_del;
DROP TRIGGER periods_pv_upd;
DROP TRIGGER periods_pv_ins;
ALTER TABLE plans DROP COLUMN periods_version;
