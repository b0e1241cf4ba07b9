-- Speed (issue 21, round 11): PostgreSQL's migration 00035 lets its
-- audit_field be inlined. SQLite chains audit rows in Go: nothing to change
-- here; the file keeps both folders at one version.
-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
