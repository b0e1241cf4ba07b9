-- The official report's "1. Kết quả chung" narrative: the agencies'
-- general texts, once each, after the figures (issue 17). Before, the first
-- draft repeated an agency's text under every task group it led a task
-- in. Twin of ../postgres/00020_official_report_general.sql.

-- +goose Up
ALTER TABLE official_reports ADD COLUMN general TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE official_reports DROP COLUMN general;
