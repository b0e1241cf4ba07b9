// Package smtp delivers tiendo's e-mail: the SMTP settings (flags and
// environment, checked before serving) and Mailer, the notify.Sender that
// sends each message over SMTP with github.com/wneessen/go-mail.
//
// It is apart from package notify so that the reminder rules, the notices
// and the store that keeps them do not pull in an SMTP client: only the
// command that serves (and the tests that run a mail server, through
// smtptest) import it.
package smtp
