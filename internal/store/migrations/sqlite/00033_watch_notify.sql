-- Speed (issue 21): PostgreSQL's migration 00033 makes the rows that say
-- whether a kept read is still right announce their changes (LISTEN/NOTIFY,
-- store/watch.go). SQLite has no notifications, and its reads of those rows
-- are in-process: nothing to change here; the file keeps both folders at
-- one version.
-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
