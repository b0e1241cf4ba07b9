-- Speed (issue 21): every plan carries periods_version, a counter that
-- changes, in the same transaction, with its regime and its reporting
-- periods — and with nothing else. A task write's answer judges the task
-- against them (store.TaskPeriodStatusesNow); the store keeps them per
-- plan under this counter (store.periodsMemo) instead of reading them for
-- every write. facts_version would not do: every task write moves it.
-- Triggers keep it, so no write path can forget (store.TestPeriodsVersion
-- reads them from the catalogue). Twin of ../sqlite/00030_periods_version.sql.

-- +goose Up
ALTER TABLE plans ADD COLUMN periods_version BIGINT NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE FUNCTION periods_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE plans SET periods_version = periods_version + 1 WHERE id = OLD.plan_id;
    END IF;
    IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' AND NEW.plan_id <> OLD.plan_id THEN
        UPDATE plans SET periods_version = periods_version + 1 WHERE id = NEW.plan_id;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER periods_pv AFTER INSERT OR UPDATE OR DELETE ON periods FOR EACH ROW EXECUTE FUNCTION periods_version_bump();
CREATE TRIGGER regimes_pv AFTER INSERT OR UPDATE OR DELETE ON regimes FOR EACH ROW EXECUTE FUNCTION periods_version_bump();

-- +goose Down
DROP TRIGGER regimes_pv ON regimes;
DROP TRIGGER periods_pv ON periods;
DROP FUNCTION periods_version_bump;
ALTER TABLE plans DROP COLUMN periods_version;
