-- Speed (issue 21): the rows that say whether a kept read is still right
-- announce their changes, so that an instance keeps what it read of them
-- until they change instead of reading them again on every request
-- (store/watch.go). Each change sends, in its own transaction (so at its
-- commit, in commit order, and never for a transaction rolled back), a
-- notification on the channel 'tiendo.' followed by the schema's name:
--   p<id>   a plan's row: a plan added, removed, or any column changed but
--           its two versions;
--   f<id>   a plan's facts version moved (and nothing but its versions);
--   r<id>   a plan's reports version moved, and nothing else: what a
--           report sent or returned moves (00011), which only the plan's
--           report counts read;
--   c<name> a counter (agencies, plan_names, rollup, …);
--   w<id>   an agency's "my work" version (00031);
--   a       an API token or a user as a token's holder (revoked, expired,
--           disabled, role or agency): every kept token is dropped.
-- A token's last use and a user's password or second factor announce
-- nothing: no kept read depends on them. SQLite has no notifications
-- (../sqlite/00033_watch_notify.sql).

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION watch_plan() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ch text := left('tiendo.' || TG_TABLE_SCHEMA, 63);
BEGIN
    IF TG_OP = 'UPDATE' AND to_jsonb(OLD) - 'facts_version' - 'reports_version'
                          = to_jsonb(NEW) - 'facts_version' - 'reports_version' THEN
        -- Only the versions moved: most writes, which no plan list reads.
        IF OLD.facts_version IS DISTINCT FROM NEW.facts_version THEN
            PERFORM pg_notify(ch, 'f' || NEW.id);
        ELSIF OLD.reports_version IS DISTINCT FROM NEW.reports_version THEN
            PERFORM pg_notify(ch, 'r' || NEW.id);
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM pg_notify(ch, 'p' || OLD.id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM pg_notify(ch, 'p' || NEW.id);
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION watch_counter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(left('tiendo.' || TG_TABLE_SCHEMA, 63),
        'c' || CASE WHEN TG_OP = 'DELETE' THEN OLD.name ELSE NEW.name END);
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION watch_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM pg_notify(left('tiendo.' || TG_TABLE_SCHEMA, 63), 'w' || OLD.agency_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM pg_notify(left('tiendo.' || TG_TABLE_SCHEMA, 63), 'w' || NEW.agency_id);
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION watch_auth() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(left('tiendo.' || TG_TABLE_SCHEMA, 63), 'a');
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER plans_watch AFTER INSERT OR UPDATE OR DELETE ON plans FOR EACH ROW EXECUTE FUNCTION watch_plan();
CREATE TRIGGER counters_watch AFTER INSERT OR UPDATE OR DELETE ON counters FOR EACH ROW EXECUTE FUNCTION watch_counter();
CREATE TRIGGER agency_work_watch AFTER INSERT OR UPDATE OR DELETE ON agency_work_versions FOR EACH ROW EXECUTE FUNCTION watch_work();
CREATE TRIGGER api_tokens_watch AFTER UPDATE OF token_hash, user_id, scope, expires_at, revoked_at OR DELETE ON api_tokens
    FOR EACH STATEMENT EXECUTE FUNCTION watch_auth();
CREATE TRIGGER users_watch AFTER UPDATE OF username, full_name, email, role, agency_id, disabled OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION watch_auth();

-- +goose Down
DROP TRIGGER users_watch ON users;
DROP TRIGGER api_tokens_watch ON api_tokens;
DROP TRIGGER agency_work_watch ON agency_work_versions;
DROP TRIGGER counters_watch ON counters;
DROP TRIGGER plans_watch ON plans;
DROP FUNCTION watch_auth;
DROP FUNCTION watch_work;
DROP FUNCTION watch_counter;
DROP FUNCTION watch_plan;
