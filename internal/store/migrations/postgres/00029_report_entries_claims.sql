-- Speed (issue 21): the accepted claims a plan's figures read
-- (store.factClaims: about 20,000 entries for a national-size province,
-- most of a cold dashboard's reading) come from this index alone, without
-- visiting each entry's row, whose texts (result, evidence…) the figures
-- never read. Entries without a status are no claim and are left out.
-- +goose Up
CREATE INDEX report_entries_claims ON report_entries (report_id, task_id, status, percent, completed_on)
    WHERE status <> '';

-- +goose Down
DROP INDEX report_entries_claims;
