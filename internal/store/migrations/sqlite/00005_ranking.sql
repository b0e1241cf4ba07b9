-- The weights of the yearly ranking score (khen thưởng) of a plan, set by
-- the coordinator (issue 4, point 3), in points out of 100 adding up to 100.
-- A plan without a row uses figures.DefaultWeights. Twin of
-- ../postgres/00005_ranking.sql.

-- +goose Up
CREATE TABLE ranking_weights (
    plan_id     INTEGER NOT NULL PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    on_time     REAL    NOT NULL,
    timeliness  REAL    NOT NULL,
    indicators  REAL    NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT    NOT NULL,
    updated_by  INTEGER REFERENCES users (id) ON DELETE SET NULL
) STRICT;

-- +goose Down
DROP TABLE ranking_weights;
