-- The figure settings of a plan (issue 4, point 1): the indicators'
-- traffic-light thresholds (green at Green % achieved or more, amber at
-- Amber or more) and the early-warning lag in percentage points. A plan
-- without a row uses figures.DefaultGreen, DefaultAmber and
-- DefaultLagPoints. Twin of ../sqlite/00006_figure_settings.sql.

-- +goose Up
CREATE TABLE figure_settings (
    plan_id     BIGINT           NOT NULL PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    green       DOUBLE PRECISION NOT NULL,
    amber       DOUBLE PRECISION NOT NULL,
    warning_lag DOUBLE PRECISION NOT NULL,
    version     INTEGER          NOT NULL DEFAULT 1,
    updated_at  TIMESTAMPTZ      NOT NULL,
    updated_by  BIGINT REFERENCES users (id) ON DELETE SET NULL
);

-- +goose Down
DROP TABLE figure_settings;
