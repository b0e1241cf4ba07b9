package app

import (
	"context"
	"strings"
	"time"

	"tiendo/internal/notify"
)

// MailPolicy is how the app sends e-mail. Reminders and the flow's e-mails
// go through the reminder ledger and the mail job (notify.Reminder); the
// app itself sends only what a person waits for and the database must not
// hold: a message carrying a one-time password link, whose token is
// stored only hashed.
type MailPolicy struct {
	// Sender delivers e-mail; nil: e-mail is off.
	Sender notify.Sender
	// BaseURL is the address people reach tiendo at
	// ("https://tiendo.camau.gov.vn"), put in the links e-mails carry. An
	// e-mailed password link needs it: without it "Quên mật khẩu?" sends
	// nothing (a link built from a request's Host header could be made to
	// point anywhere).
	BaseURL string
}

// mailTimeout bounds one e-mail sent in the background.
const mailTimeout = time.Minute

// MailOn reports whether e-mail can carry links: a sender and a base
// address are both configured.
func (a *App) MailOn() bool { return a.mail.Sender != nil && a.mail.BaseURL != "" }

// BaseURL is the configured public address without a trailing slash; ""
// when unset.
func (a *App) BaseURL() string { return strings.TrimRight(a.mail.BaseURL, "/") }

// url is the absolute form of an application path, "" when the base
// address is unset.
func (a *App) url(path string) string {
	if a.mail.BaseURL == "" || path == "" {
		return ""
	}
	return a.BaseURL() + path
}

// sendLater sends msgs in the background, one after the other (a bulk
// creation's hundreds of links do not open hundreds of SMTP connections at
// once), so that the person's request does not wait for the mail server
// (nor shows, by its time, whether a message went out); a failure is
// logged.
func (a *App) sendLater(msgs ...notify.Message) {
	if a.mail.Sender == nil || len(msgs) == 0 {
		return
	}
	go func() {
		for _, m := range msgs {
			ctx, cancel := context.WithTimeout(context.Background(), mailTimeout)
			if err := a.mail.Sender.Send(ctx, m); err != nil {
				a.log.Error("app: sending an e-mail", "rule", m.Rule, "key", m.Key, "err", err)
			}
			cancel()
		}
	}()
}
