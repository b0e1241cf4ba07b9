-- Sign-in hardening (issue 5, point 1). Twin of ../postgres/00008_signin.sql.
--
-- sessions.idle_until: the session ends if not used before this time;
-- each use moves it idle_secs ahead (never past expires_at, the absolute
-- limit). 0 idle_secs (sessions from before) means no idle limit.
--
-- login_failures: failed sign-ins by username and address, read to lock
-- an account or an address after too many (store/throttle.go). In the
-- database, so that every instance sees the same count.
--
-- users.totp_*: the TOTP two-factor secret (base32), when it was enabled,
-- and the last time-step accepted (a code is not accepted twice).
-- recovery_codes: one-time codes, SHA-256 hashed.
-- login_challenges: a password checked, the second factor still to come:
-- a short-lived token that is not a session.

-- +goose Up
ALTER TABLE sessions ADD COLUMN idle_until TEXT;
ALTER TABLE sessions ADD COLUMN idle_secs INTEGER NOT NULL DEFAULT 0;

CREATE TABLE login_failures (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    username TEXT NOT NULL,
    ip       TEXT NOT NULL
) STRICT;
CREATE INDEX login_failures_username ON login_failures (username, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);
CREATE INDEX login_failures_at ON login_failures (at);

ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_enabled_at TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash BLOB    NOT NULL,
    used_at   TEXT,
    PRIMARY KEY (user_id, code_hash)
) STRICT;

CREATE TABLE login_challenges (
    token_hash BLOB    NOT NULL PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    next       TEXT    NOT NULL,
    secret     TEXT    NOT NULL DEFAULT '', -- a TOTP secret being enrolled
    expires_at TEXT    NOT NULL
) STRICT;

-- +goose Down
DROP TABLE login_challenges;
DROP TABLE recovery_codes;
ALTER TABLE users DROP COLUMN totp_last_step;
ALTER TABLE users DROP COLUMN totp_enabled_at;
ALTER TABLE users DROP COLUMN totp_secret;
DROP TABLE login_failures;
ALTER TABLE sessions DROP COLUMN idle_secs;
ALTER TABLE sessions DROP COLUMN idle_until;
