-- The weights of the yearly ranking score (khen thưởng) of a plan, set by
-- the coordinator (issue 4, point 3), in points out of 100 adding up to 100.
-- A plan without a row uses figures.DefaultWeights. Twin of
-- ../sqlite/00005_ranking.sql.

-- +goose Up
CREATE TABLE ranking_weights (
    plan_id     BIGINT           NOT NULL PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    on_time     DOUBLE PRECISION NOT NULL,
    timeliness  DOUBLE PRECISION NOT NULL,
    indicators  DOUBLE PRECISION NOT NULL,
    version     INTEGER          NOT NULL DEFAULT 1,
    updated_at  TIMESTAMPTZ      NOT NULL,
    updated_by  BIGINT REFERENCES users (id) ON DELETE SET NULL
);

-- +goose Down
DROP TABLE ranking_weights;
