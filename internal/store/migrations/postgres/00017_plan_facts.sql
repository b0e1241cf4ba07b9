-- The plan row itself feeds the figures: its status (only an active plan
-- expects reports from the agencies its tasks name) and its issue date
-- (early warnings count time from it). A change of either moves the
-- plan's facts version, as a change of any other row the figures read
-- does (00011); store.FigureTables lists them all. The trigger fires on
-- those two columns only, so the counters' own updates of the row do not
-- fire it. Twin of ../sqlite/00017_plan_facts.sql.

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION facts_bump_self() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE plans SET facts_version = facts_version + 1 WHERE id = NEW.id;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER plans_facts AFTER UPDATE OF status, issued_on ON plans FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.issued_on IS DISTINCT FROM NEW.issued_on)
EXECUTE FUNCTION facts_bump_self();

-- +goose Down
DROP TRIGGER plans_facts ON plans;
DROP FUNCTION facts_bump_self;
