package notify

import "context"

// Address is a mailbox: a person's name (Vietnamese, encoded on the wire)
// and e-mail address.
type Address struct {
	Name  string
	Email string
}

// Message is one plain-text e-mail.
type Message struct {
	To, Cc  []Address
	Subject string
	Body    string // plain text, UTF-8
	// Rule and Key go into X-Tiendo-Rule and X-Tiendo-Key headers, so that
	// a message in someone's mailbox can be traced to its ledger rows.
	Rule, Key string
}

// Sender sends e-mail. *smtp.Mailer (package notify/smtp) is the SMTP
// implementation; the reminder job takes the interface so that e-mail can
// be off (nil).
type Sender interface {
	Send(ctx context.Context, m Message) error
}
