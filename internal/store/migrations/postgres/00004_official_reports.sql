-- The official report (báo cáo tổng hợp) of a plan for a period, as the
-- coordinator last edited it (issue 4, point 4). Only the editable words are
-- stored; the figures are recomputed at every download. Results holds the
-- per-group narrative as a JSON array of {section_id, label, title, text};
-- recipients are one a line. Twin of ../sqlite/00004_official_reports.sql.

-- +goose Up
CREATE TABLE official_reports (
    plan_id       BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    period_id     BIGINT NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    number        TEXT    NOT NULL DEFAULT '',
    place         TEXT    NOT NULL DEFAULT '',
    issued_on     DATE    NOT NULL,
    issuer        TEXT    NOT NULL,
    parent_issuer TEXT    NOT NULL DEFAULT '',
    summary       TEXT    NOT NULL,
    results       TEXT    NOT NULL DEFAULT '[]',
    difficulties  TEXT    NOT NULL DEFAULT '',
    proposals     TEXT    NOT NULL DEFAULT '',
    next_tasks    TEXT    NOT NULL DEFAULT '',
    sign_prefix   TEXT    NOT NULL DEFAULT '',
    sign_title    TEXT    NOT NULL DEFAULT '',
    sign_name     TEXT    NOT NULL DEFAULT '',
    recipients    TEXT    NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    updated_at    TIMESTAMPTZ    NOT NULL,
    updated_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (plan_id, period_id)
);
CREATE INDEX official_reports_period ON official_reports (period_id);

-- +goose Down
DROP TABLE official_reports;
