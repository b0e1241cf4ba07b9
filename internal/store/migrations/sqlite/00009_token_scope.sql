-- API tokens get a scope (issue 5, point 2): read, report or full
-- (auth.TokenScope). Tokens made before keep doing what they did: full.

-- +goose Up
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'full';

-- +goose Down
ALTER TABLE api_tokens DROP COLUMN scope;
