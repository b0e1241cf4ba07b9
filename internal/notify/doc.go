// Package notify chases people up (đôn đốc): it decides which reminders are
// due on a day (pure rules), sends them by e-mail over SMTP and as in-app
// notices, and records each send in a ledger so that a reminder goes out
// once per rule, obligation and recipient even when several app instances
// run the reminder job on one database.
//
// The pieces, each in its own file:
//
//   - rules.go, digest.go: which reminders and digests are due today (no I/O);
//   - source.go: what the reporting side provides (obligations, recipients);
//   - config.go, mailer.go, message.go: SMTP configuration and sending;
//   - render.go, templates/: Vietnamese subjects and bodies;
//   - ledger.go, notice.go: what the store provides (ledger, notices);
//   - reminder.go, deliver.go: the job that ties them together.
//
// The package imports no SQL and no HTTP: the store implements Ledger, the
// reporting store implements Source, and cmd/tiendo wires the job into the
// scheduler of internal/jobs.
package notify
