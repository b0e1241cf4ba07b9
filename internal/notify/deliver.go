package notify

import (
	"context"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
)

// delivery is one reminder or digest ready to go: who receives it, in
// what role (To or Cc), and its texts.
type delivery struct {
	rule, key, kind string
	to, cc          []Recipient
	text            rendered
	link            string
}

// markTimeout bounds marking rows after a send. Marks run even when the
// job's context was cancelled meanwhile (shutdown): a message that went out
// must be recorded, or it goes out again after the claim timeout.
const markTimeout = 10 * time.Second

// maxErrorText bounds the SMTP error kept in the ledger.
const maxErrorText = 500

// reminderDelivery addresses a reminder: before the due day to the agency's
// officers (its heads when it has no officer); once overdue to officers and
// heads, with the coordinators in copy (escalation).
func (x *run) reminderDelivery(ctx context.Context, due DueReminder) (delivery, error) {
	o := due.Obligation
	people, err := x.agencyPeople(ctx, o.AgencyID)
	if err != nil {
		return delivery{}, err
	}
	d := delivery{rule: due.Rule, key: o.Key, kind: kindBefore, link: o.Link}
	officers, heads := withRole(people, auth.RoleOfficer), withRole(people, auth.RoleHead)
	if due.Overdue {
		d.kind = kindOverdue
		d.to = append(officers, heads...)
		if d.cc, err = x.Source.Coordinators(ctx, o); err != nil {
			return delivery{}, fmt.Errorf("notify: coordinators for %s: %w", o.Key, err)
		}
	} else {
		d.to = officers
		if len(d.to) == 0 {
			d.to = heads
		}
	}
	d.text, err = render(d.kind, mailData{AgencyName: o.AgencyName, Label: o.Label, Due: o.Due, Days: due.Days,
		Rule: due.Rule, URL: x.url(o.Link), Today: x.today})
	return d, err
}

// digestLink is where a digest points: the "Việc của tôi" home page.
const digestLink = "/"

// digestDelivery addresses a weekly digest to the agency's heads.
func (x *run) digestDelivery(ctx context.Context, dg Digest) (delivery, error) {
	people, err := x.agencyPeople(ctx, dg.AgencyID)
	if err != nil {
		return delivery{}, err
	}
	data := digestData{AgencyName: dg.AgencyName, Week: dg.Week, URL: x.url(digestLink), Today: x.today,
		DueSoon: x.items(dg.DueSoon, false), Overdue: x.items(dg.Overdue, true), Returned: x.items(dg.Returned, false)}
	d := delivery{rule: ruleDigest, key: dg.Key, kind: kindDigest, link: digestLink, to: withRole(people, auth.RoleHead)}
	d.text, err = render(kindDigest, data)
	return d, err
}

func (x *run) items(list []Obligation, overdue bool) []digestItem {
	out := make([]digestItem, len(list))
	for i, o := range list {
		out[i] = digestItem{Label: o.Label, Due: o.Due}
		if !o.Due.IsZero() {
			out[i].Days = clock.DaysBetween(x.today, o.Due)
			if overdue {
				out[i].Days = -out[i].Days
			}
		}
	}
	return out
}

// deliver claims d's rows in the ledger (adding the in-app notices), sends
// one e-mail to the claimed recipients who have an address, and marks the
// rows. Recipients claimed by another instance are left to it.
func (x *run) deliver(ctx context.Context, d delivery) error {
	to, cc := dedupe(d.to, d.cc)
	if len(to)+len(cc) == 0 {
		x.log.Warn("reminder has no recipient", "rule", d.rule, "key", d.key)
		return nil
	}
	users := make([]int64, 0, len(to)+len(cc))
	for _, p := range append(slices.Clone(to), cc...) {
		users = append(users, p.UserID)
	}
	slices.Sort(users) // one order for every instance: no deadlock between their claims
	claimed, err := x.Ledger.ClaimReminder(ctx, Claim{Rule: d.rule, Key: d.key, Users: users, Holder: x.holder,
		Now: x.now, RetryAt: x.now.Add(x.claimTimeout), Notice: Notice{Kind: d.kind, Text: d.text.Notice, Link: d.link}})
	if err != nil || len(claimed) == 0 {
		return err
	}
	msg, mailed, noticeOnly := x.address(d, to, cc, claimed)
	mark := func(users []int64) Mark { return Mark{Rule: d.rule, Key: d.key, Holder: x.holder, Users: users} }
	mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer cancel()
	if len(noticeOnly) > 0 {
		if err := x.Ledger.MarkRemindersSent(mctx, mark(noticeOnly), x.now); err != nil {
			return err
		}
		x.sent += len(noticeOnly)
	}
	if len(mailed) == 0 {
		return nil
	}
	if sendErr := x.Mailer.Send(ctx, msg); sendErr != nil {
		x.failed += len(mailed)
		reason := truncate(sendErr.Error(), maxErrorText)
		if err := x.Ledger.MarkRemindersFailed(mctx, mark(mailed), reason, x.now.Add(x.retryDelay), x.maxAttempts); err != nil {
			return fmt.Errorf("%w (and marking it failed: %w)", sendErr, err)
		}
		return sendErr
	}
	x.sent += len(mailed)
	return x.Ledger.MarkRemindersSent(mctx, mark(mailed), x.now)
}

// address builds d's e-mail to the claimed recipients who have an address
// (mailed) and lists the claimed ones without (noticeOnly: the in-app
// notice is their delivery); with e-mail off, every one is noticeOnly.
func (x *run) address(d delivery, to, cc []Recipient, claimed []int64) (msg Message, mailed, noticeOnly []int64) {
	msg = Message{Subject: d.text.Subject, Body: d.text.Body, Rule: d.rule, Key: d.key}
	for _, list := range []struct {
		people []Recipient
		dst    *[]Address
	}{{to, &msg.To}, {cc, &msg.Cc}} {
		for _, p := range list.people {
			switch {
			case !slices.Contains(claimed, p.UserID):
			case p.Email == "" || x.Mailer == nil:
				noticeOnly = append(noticeOnly, p.UserID)
			default:
				*list.dst = append(*list.dst, Address{Name: p.Name, Email: p.Email})
				mailed = append(mailed, p.UserID)
			}
		}
	}
	if len(msg.To) == 0 { // only copied recipients have an address: they become the addressees
		msg.To, msg.Cc = msg.Cc, nil
	}
	return msg, mailed, noticeOnly
}

// truncate cuts s to at most n bytes on a character boundary (PostgreSQL
// refuses invalid UTF-8).
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// withRole returns the recipients of a role.
func withRole(people []Recipient, role auth.Role) []Recipient {
	var out []Recipient
	for _, p := range people {
		if p.Role == role {
			out = append(out, p)
		}
	}
	return out
}

// dedupe drops repeated users: a user in To is not also in Cc.
func dedupe(to, cc []Recipient) (outTo, outCc []Recipient) {
	seen := map[int64]bool{}
	for _, p := range to {
		if !seen[p.UserID] {
			seen[p.UserID] = true
			outTo = append(outTo, p)
		}
	}
	for _, p := range cc {
		if !seen[p.UserID] {
			seen[p.UserID] = true
			outCc = append(outCc, p)
		}
	}
	return outTo, outCc
}
