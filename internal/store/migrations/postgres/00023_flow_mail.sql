-- Notices for the report flow (issue 19, point 2). Twin of
-- ../sqlite/00023_flow_mail.sql.
--
-- A step of the flow (a report submitted, returned or accepted, an
-- extension decided) adds its in-app notices in its own transaction, and
-- for e-mail one row per recipient in the reminder ledger
-- (reminder_sends, state pending, claimable at once) beside one row here
-- holding the message: the mail job then sends it through the same
-- claim → send → mark protocol as reminders (notify.Ledger), so a message
-- goes out once however many instances run, and is retried on an SMTP
-- failure. Rows stay as the record of what was written.

-- +goose Up
CREATE TABLE mail_outbox (
    rule           TEXT        NOT NULL, -- the notice's kind: report_submitted, report_returned, …
    obligation_key TEXT        NOT NULL, -- the event: report:<id>:v<version>, extension:<id>
    subject        TEXT        NOT NULL,
    body           TEXT        NOT NULL, -- plain text, without the link (the job adds the address)
    link           TEXT        NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (rule, obligation_key)
);
CREATE INDEX reminder_sends_pending ON reminder_sends (state, retry_at) WHERE state = 'pending';

-- +goose Down
DROP INDEX reminder_sends_pending;
DROP TABLE mail_outbox;
