-- Speed (issue 21, round 11): audit_field was declared IMMUTABLE, but its
-- body calls convert_to, which PostgreSQL declares STABLE. An IMMUTABLE SQL
-- function whose body is not immutable is never inlined, so audit_append
-- called it seven times a row through the SQL-function executor — while
-- holding the audit chain's head, which every audited write waits for.
-- Declared STABLE, as its body is, it is inlined into audit_append's
-- expression: the same bytes, the same hashes (store.TestAuditAppendMatchesHash),
-- and an append of two rows 15 % shorter (352 → 300 ms for 3,000 appends,
-- best of eight, docs/PERFORMANCE.md, eleventh round).
-- +goose Up
ALTER FUNCTION audit_field(text) STABLE;

-- +goose Down
ALTER FUNCTION audit_field(text) IMMUTABLE;
