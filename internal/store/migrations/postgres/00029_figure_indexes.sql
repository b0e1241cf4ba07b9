-- Speed (issue 21): what a plan's figures read of its reports comes from
-- indexes alone, without visiting the rows, whose texts (an entry's
-- result and evidence, a report's summary…) the figures never read:
--   - the accepted claims (store.factClaims: about 20,000 entries for a
--     national-size province, most of a cold dashboard's reading); entries
--     without a status are no claim and are left out;
--   - every report revision's state and timeliness (store.factReports,
--     PeriodReports), in the order they are read, and the accepted reports
--     the claims and indicator values are joined to.
-- +goose Up
CREATE INDEX report_entries_claims ON report_entries (report_id, task_id, status, percent, completed_on)
    WHERE status <> '';
CREATE INDEX reports_figures ON reports (plan_id, period_id, agency_id, revision, state, on_time, submitted_at);

-- +goose Down
DROP INDEX reports_figures;
DROP INDEX report_entries_claims;
