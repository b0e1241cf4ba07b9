-- Speed (issue 21, round 5): PostgreSQL's migration 00032 chains audit rows
-- in the server (audit_append). SQLite's single writer already appends one
-- transaction at a time, with the chain computed in Go (store.appendAudit):
-- nothing to change here; the file keeps both folders at one version.
-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
