-- Single sign-on (issue 5, point 1): the accounts of an OpenID Connect
-- provider linked to tiendo users, by the provider's stable subject, so
-- that a renamed or reused claim (username, e-mail) cannot take over
-- another account once linked. Twin of ../postgres/00010_oidc.sql.

-- +goose Up
CREATE TABLE user_identities (
    issuer     TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (issuer, subject)
) STRICT;
CREATE INDEX user_identities_user ON user_identities (user_id);

-- +goose Down
DROP TABLE user_identities;
