package notify

import (
	"context"
	"time"
)

// Notices of the report flow: a step (a report submitted, returned,
// accepted; an extension request decided) tells the people who wait on it,
// in the app and by e-mail. The store writes them in the step's own
// transaction (exactly once: a step that is refused or rolled back tells
// nobody), and queues the e-mail in the reminder ledger, from which the
// mail job sends it once (Outbox, Reminder.SendOutbox).

// The kinds of flow notices; with "reminder" (before, overdue, digest)
// they are the kinds the API shows.
const (
	KindReportSubmitted  = "report_submitted"
	KindReportReturned   = "report_returned"
	KindReportAccepted   = "report_accepted"
	KindExtensionDecided = "extension_decided"
	// KindReminder is how the API names the reminder job's kinds.
	KindReminder = "reminder"
)

// Kinds lists the kinds the API shows, in the order its document does.
var Kinds = []string{KindReportSubmitted, KindReportReturned, KindReportAccepted, KindExtensionDecided, KindReminder}

// PublicKind is a stored kind as the API names it: the reminder job's
// kinds (before, overdue, digest) are all "reminder".
func PublicKind(kind string) string {
	switch kind {
	case kindBefore, kindOverdue, kindDigest:
		return KindReminder
	}
	return kind
}

// Audience is who a flow notice goes to: the active heads and officers of
// an agency, the active coordinators, and named users; the acting user is
// never told of their own step.
type Audience struct {
	AgencyID     int64 // its heads and officers; 0: none
	Coordinators bool
	Users        []int64
}

// FlowNotice is what one step of the flow tells people: the in-app
// notice's line and link, and — when e-mail is on — the e-mail's subject
// and body (the same words, with the address of the link).
type FlowNotice struct {
	Kind string
	// Key names the event in the ledger; the store makes it unique by
	// adding the first notice's ID ("report:12:returned:n345").
	Key     string
	Text    string
	Link    string
	Subject string // "" : no e-mail
	Body    string
	To      Audience
}

// FlowEvent is what a flow notice is about, for its words.
type FlowEvent struct {
	Kind       string
	AgencyName string // the reporting (or requesting) agency
	Report     string // "Báo cáo Quý II/2026 — Kế hoạch 99/KH-UBND"
	By         string // who acted: "Nguyễn Văn A (Sở KH&CN)"
	Reason     string // a return's reason
	Late       bool   // a report submitted after its due day
	// Extensions: the task, what was asked, the decision and its note.
	Task     string
	Asked    string // "gia hạn đến Quý IV/2026", "điều chỉnh nội dung"
	Approved bool
	Note     string
	Link     string // path inside the application
	URL      string // absolute link for the e-mail; "" when the base address is unknown
}

// Flow renders ev's notice, and its e-mail when mail is true, for To.
func Flow(ev FlowEvent, mail bool, to Audience, key string) (FlowNotice, error) {
	r, err := render(ev.Kind, ev)
	if err != nil {
		return FlowNotice{}, err
	}
	n := FlowNotice{Kind: ev.Kind, Key: key, Text: r.Notice, Link: ev.Link, To: to}
	if mail {
		n.Subject, n.Body = r.Subject, r.Body
	}
	return n, nil
}

// OutboxMail is one queued flow e-mail with its recipients whose ledger
// rows are pending and due.
type OutboxMail struct {
	Rule, Key, Kind string
	Subject, Body   string
	Link            string
	To              []Recipient
}

// Outbox is the queue of flow e-mails the store keeps (table mail_outbox
// beside the ledger rows).
type Outbox interface {
	// PendingMail lists the queued e-mails with recipients still to send
	// to at now (pending, and due for a first try or a retry); at most limit.
	PendingMail(ctx context.Context, now time.Time, limit int) ([]OutboxMail, error)
}
