-- Accounts managed in the web and the API (issue 19, point 1; issue 18,
-- point 14). Twin of ../postgres/00022_accounts.sql.
--
-- users.last_sign_in_at: when the user last got a session, for the users
-- list; filled from the audit log's sign-ins for accounts that existed.
--
-- password_links: one-time links that set a password — a new account's
-- setup link, an admin's reset, a "Quên mật khẩu?" e-mail. Only the
-- SHA-256 of the link's token is stored; a link works once (used_at),
-- until expires_at (24 hours), and issuing a new link for a user ends the
-- user's earlier unused ones. Redeeming a link is also where a role that
-- must use a second factor enrols it: a password alone never does.

-- +goose Up
ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;
UPDATE users SET last_sign_in_at = (SELECT MAX(a.at) FROM audit_log a
    WHERE a.action = 'session.create' AND a.object = 'user' AND a.object_id = users.id);

CREATE TABLE password_links (
    id         INTEGER PRIMARY KEY,
    token_hash BLOB    NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT    NOT NULL CHECK (purpose IN ('setup', 'reset')),
    created_at TEXT    NOT NULL,
    created_by INTEGER REFERENCES users (id), -- NULL: the command line, or the person's own e-mail request
    expires_at TEXT    NOT NULL,
    used_at    TEXT
) STRICT;
CREATE INDEX password_links_user ON password_links (user_id);

-- +goose Down
DROP TABLE password_links;
ALTER TABLE users DROP COLUMN last_sign_in_at;
