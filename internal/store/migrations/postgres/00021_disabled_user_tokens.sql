-- A disabled user's API tokens were refused while the user stayed disabled
-- but came back to life when the user was enabled again. From now on
-- store.SetUserDisabled revokes them in the same transaction; this revokes
-- the live tokens of users disabled before, so that enabling them does not
-- bring those back either. The down migration cannot tell these from
-- tokens revoked by hand and leaves them revoked. Twin of
-- ../sqlite/00021_disabled_user_tokens.sql.

-- +goose Up
UPDATE api_tokens SET revoked_at = now()
WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE disabled);

-- +goose Down
SELECT 1;
