// Package notify chases people up (đôn đốc): it decides which reminders are
// due on a day (pure rules), sends them by e-mail (through a Sender) and as
// in-app notices, and records each send in a ledger so that a reminder goes
// out once per rule, obligation and recipient even when several app
// instances run the reminder job on one database.
//
// The pieces, each in its own file:
//
//   - rules.go, digest.go: which reminders and digests are due today (no I/O);
//   - source.go: what the reporting side provides (obligations, recipients);
//   - message.go: the e-mail a reminder becomes, and the Sender that sends
//     it (package notify/smtp delivers over SMTP, so that nothing here
//     pulls in an SMTP client);
//   - render.go, templates/: Vietnamese subjects and bodies;
//   - ledger.go, notice.go: what the store provides (ledger, notices) and
//     the words of notices' kinds;
//   - reminder.go, deliver.go: the job that ties them together.
//
// The package imports no SQL, no HTTP and no SMTP: the store implements
// Ledger, the application layer (app.ReminderSource) implements Source,
// and cmd/tiendo wires the job, with notify/smtp's Mailer, into the
// scheduler of internal/jobs.
package notify
