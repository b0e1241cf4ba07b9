-- Speed (issue 21): a report sent or returned tells every coordinator
-- (store.audience), inside the writing transaction; without an index on
-- the role that read every account — 6,800 on the national register —
-- while every other writer waited.
-- +goose Up
CREATE INDEX users_role ON users (role);

-- +goose Down
DROP INDEX users_role;
