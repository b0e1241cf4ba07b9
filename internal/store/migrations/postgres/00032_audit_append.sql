-- Speed (issue 21, round 5): every audited write locks the audit chain's
-- head (audit_head) from the moment it reads it until it commits, and on
-- PostgreSQL the writers of a busy hour queue on that lock. Read in Go,
-- hashed in Go and written back, the head stayed locked across two round
-- trips to the server and the Go code between them. audit_append does the
-- same work in one statement, in the server: it locks the head, chains the
-- transaction's rows by the rules of internal/audit (audit.Hash: hex of
-- SHA-256 over the previous hash and each field as its byte length, 8 bytes
-- big-endian, followed by its UTF-8 bytes), inserts them and moves the head.
-- The chain, its rules and its checks (tiendo audit verify) are unchanged;
-- store.TestAuditAppendMatchesHash compares its hashes with audit.Hash.
-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION audit_field(s text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$
	SELECT int8send(octet_length(convert_to(s, 'UTF8'))::bigint) || convert_to(s, 'UTF8')
$f$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION audit_append(p_at timestamptz, p_at_text text, p_users bigint[], p_actions text[],
	p_objects text[], p_object_ids bigint[], p_details text[]) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE
	h_seq bigint;
	h_hash text;
BEGIN
	SELECT seq, hash INTO STRICT h_seq, h_hash FROM audit_head WHERE id = 1 FOR UPDATE;
	FOR i IN 1 .. coalesce(array_length(p_actions, 1), 0) LOOP
		h_seq := h_seq + 1;
		h_hash := encode(sha256(convert_to(h_hash, 'UTF8')
			|| audit_field(h_seq::text)
			|| audit_field(p_at_text)
			|| audit_field(CASE WHEN p_users[i] = 0 THEN '' ELSE p_users[i]::text END)
			|| audit_field(p_actions[i])
			|| audit_field(p_objects[i])
			|| audit_field(CASE WHEN p_object_ids[i] = 0 THEN '' ELSE p_object_ids[i]::text END)
			|| audit_field(p_details[i])), 'hex');
		INSERT INTO audit_log (seq, at, user_id, action, object, object_id, detail, hash)
		VALUES (h_seq, p_at, nullif(p_users[i], 0), p_actions[i], p_objects[i], nullif(p_object_ids[i], 0),
			p_details[i], h_hash);
	END LOOP;
	UPDATE audit_head SET seq = h_seq, hash = h_hash WHERE id = 1;
	RETURN h_seq;
END
$f$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION audit_append(timestamptz, text, bigint[], text[], text[], bigint[], text[]);
DROP FUNCTION audit_field(text);
