-- Plans linked across levels (issue 20): each plan has a level (national,
-- ministry, province, commune: plan.Level); a task links to the upstream
-- tasks it implements (many to many), an indicator to the upstream
-- indicator it feeds (one). A link is never deleted: unlinking stamps it,
-- so the rows are the links' history (who linked, when; who unlinked,
-- when). plan_id and upstream_plan_id copy the tasks' plans (tasks never
-- change plan) so that the roll-up of an upstream plan reads its links
-- from one index. The counter 'rollup' moves with every link written
-- (and, from 00026, every package imported): the roll-up cache keys on it.
-- Twin of ../postgres/00025_plan_links.sql.

-- +goose Up
ALTER TABLE plans ADD COLUMN level TEXT NOT NULL DEFAULT 'province'
    CHECK (level IN ('national', 'ministry', 'province', 'commune'));

CREATE TABLE task_links (
    id               INTEGER PRIMARY KEY,
    task_id          INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    plan_id          INTEGER NOT NULL REFERENCES plans (id),
    upstream_task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    upstream_plan_id INTEGER NOT NULL REFERENCES plans (id),
    how              TEXT    NOT NULL DEFAULT 'manual' CHECK (how IN ('manual', 'suggestion', 'sheet', 'carry', 'gen')),
    linked_at        TEXT    NOT NULL,
    linked_by        INTEGER REFERENCES users (id),
    unlinked_at      TEXT,
    unlinked_by      INTEGER REFERENCES users (id),
    CHECK (task_id <> upstream_task_id),
    CHECK (plan_id <> upstream_plan_id)
) STRICT;
CREATE UNIQUE INDEX task_links_current ON task_links (task_id, upstream_task_id) WHERE unlinked_at IS NULL;
CREATE INDEX task_links_upstream ON task_links (upstream_plan_id, upstream_task_id) WHERE unlinked_at IS NULL;
CREATE INDEX task_links_plan ON task_links (plan_id, upstream_plan_id) WHERE unlinked_at IS NULL;
-- The plans linked to an upstream plan, read from the index alone.
CREATE INDEX task_links_upstream_plan ON task_links (upstream_plan_id, plan_id) WHERE unlinked_at IS NULL;
CREATE INDEX task_links_history ON task_links (task_id, id);
CREATE INDEX task_links_upstream_task ON task_links (upstream_task_id);

CREATE TABLE indicator_links (
    id                    INTEGER PRIMARY KEY,
    indicator_id          INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    upstream_indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    how                   TEXT    NOT NULL DEFAULT 'manual' CHECK (how IN ('manual', 'suggestion', 'sheet', 'gen')),
    linked_at             TEXT    NOT NULL,
    linked_by             INTEGER REFERENCES users (id),
    unlinked_at           TEXT,
    unlinked_by           INTEGER REFERENCES users (id),
    CHECK (indicator_id <> upstream_indicator_id)
) STRICT;
-- An indicator feeds one upstream indicator at a time.
CREATE UNIQUE INDEX indicator_links_current ON indicator_links (indicator_id) WHERE unlinked_at IS NULL;
CREATE INDEX indicator_links_upstream ON indicator_links (upstream_indicator_id) WHERE unlinked_at IS NULL;
CREATE INDEX indicator_links_history ON indicator_links (indicator_id, id);

INSERT INTO counters (name, value) VALUES ('rollup', 0);

-- +goose StatementBegin
CREATE TRIGGER task_links_rollup_ins AFTER INSERT ON task_links BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'rollup';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER task_links_rollup_upd AFTER UPDATE ON task_links BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'rollup';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER task_links_rollup_del AFTER DELETE ON task_links BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'rollup';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER indicator_links_rollup_ins AFTER INSERT ON indicator_links BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'rollup';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER indicator_links_rollup_upd AFTER UPDATE ON indicator_links BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'rollup';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER indicator_links_rollup_del AFTER DELETE ON indicator_links BEGIN
    UPDATE counters SET value = value + 1 WHERE name = 'rollup';
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER indicator_links_rollup_del;
DROP TRIGGER indicator_links_rollup_upd;
DROP TRIGGER indicator_links_rollup_ins;
DROP TRIGGER task_links_rollup_del;
DROP TRIGGER task_links_rollup_upd;
DROP TRIGGER task_links_rollup_ins;
DELETE FROM counters WHERE name = 'rollup';
DROP TABLE indicator_links;
DROP TABLE task_links;
ALTER TABLE plans DROP COLUMN level;
