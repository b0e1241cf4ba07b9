package notify_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/notify"
	"tiendo/internal/notify/smtp"
	"tiendo/internal/notify/smtp/smtptest"
	"tiendo/internal/store"
)

// fixtureSource is the reporting side as the reminder job sees it, until
// the reporting store implements notify.Source: a fixed list of
// obligations, and recipients read from the real store's users. It is a
// test fixture standing for code that does not exist yet, not a mock.
type fixtureSource struct {
	st          *store.Store
	obligations []notify.Obligation
}

func (f *fixtureSource) Obligations(context.Context, time.Time) ([]notify.Obligation, error) {
	return slices.Clone(f.obligations), nil
}

func (f *fixtureSource) Recipients(ctx context.Context, agencyID int64) ([]notify.Recipient, error) {
	return f.st.AgencyRecipients(ctx, agencyID)
}

func (f *fixtureSource) Coordinators(ctx context.Context, _ notify.Obligation) ([]notify.Recipient, error) {
	return f.st.CoordinatorRecipients(ctx)
}

// world is the fixture's people, by user name, and obligations.
type world struct {
	agencies    map[string]int64 // khcn, tc, xa → ID
	users       map[string]int64 // username → ID
	email       map[string]string
	obligations []notify.Obligation
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// t0 is 9:00 in Vietnam on Wednesday 3 June 2026 (ISO week 23): the Quý II
// report is due in 7 days, the Quý I report 85 days overdue.
var t0 = time.Date(2026, 6, 3, 2, 0, 0, 0, time.UTC)

// seedWorld creates the agencies and users of a small province in st:
//
//	Sở KH&CN (coordinator): phuc, coordinator
//	Sở Tài chính: duc and anh, officers; quan, head; cu, a disabled officer
//	UBND xã An Xuyên: hoa, officer without e-mail; binh, head
//
// and returns it with the obligations of both agencies.
func seedWorld(t testing.TB, st *store.Store) world {
	t.Helper()
	ctx := context.Background()
	ag := map[string]int64{}
	for key, a := range map[string]agency.Agency{
		"khcn": {Name: "Sở Khoa học và Công nghệ", ShortName: "Sở KH&CN", Kind: agency.KindDepartment},
		"tc":   {Name: "Sở Tài chính", Kind: agency.KindDepartment},
		"xa":   {Name: "UBND xã An Xuyên", Kind: agency.KindCommune},
	} {
		if err := st.CreateAgency(ctx, 0, &a); err != nil {
			t.Fatal(err)
		}
		ag[key] = a.ID
	}
	w := world{users: map[string]int64{}, email: map[string]string{}}
	for _, u := range []auth.User{
		{Username: "phuc", FullName: "Lê Hoàng Phúc", Email: "phuc@skhcn.camau.gov.vn", Role: auth.RoleCoordinator, AgencyID: ag["khcn"]},
		{Username: "duc", FullName: "Nguyễn Văn Đức", Email: "duc@stc.camau.gov.vn", Role: auth.RoleOfficer, AgencyID: ag["tc"]},
		{Username: "anh", FullName: "Trần Thị Ánh", Email: "anh@stc.camau.gov.vn", Role: auth.RoleOfficer, AgencyID: ag["tc"]},
		{Username: "quan", FullName: "Phạm Minh Quân", Email: "quan@stc.camau.gov.vn", Role: auth.RoleHead, AgencyID: ag["tc"]},
		{Username: "cu", FullName: "Cán bộ đã nghỉ", Email: "cu@stc.camau.gov.vn", Role: auth.RoleOfficer, AgencyID: ag["tc"], Disabled: true},
		{Username: "hoa", FullName: "Võ Thị Hoa", Role: auth.RoleOfficer, AgencyID: ag["xa"]},
		{Username: "binh", FullName: "Đặng Văn Bình", Email: "binh@anxuyen.camau.gov.vn", Role: auth.RoleHead, AgencyID: ag["xa"]},
	} {
		if err := st.CreateUser(ctx, 0, &u, ""); err != nil {
			t.Fatal(err)
		}
		w.users[u.Username], w.email[u.Username] = u.ID, u.Email
	}
	report := func(agencyKey, name, period, label string, due time.Time) notify.Obligation {
		return notify.Obligation{Key: fmt.Sprintf("report:1:%s:%d", period, ag[agencyKey]), AgencyID: ag[agencyKey], AgencyName: name,
			Label: "Báo cáo " + label + " — Kế hoạch 99/KH-UBND", Due: due, Link: fmt.Sprintf("/reports/%s/%d", period, ag[agencyKey])}
	}
	q2tc := report("tc", "Sở Tài chính", "2026q2", "Quý II/2026", day(2026, 6, 10))
	q1tc := report("tc", "Sở Tài chính", "2026q1", "Quý I/2026", day(2026, 3, 10))
	q2xa := report("xa", "UBND xã An Xuyên", "2026q2", "Quý II/2026", day(2026, 6, 10))
	q1xa := report("xa", "UBND xã An Xuyên", "2026q1", "Quý I/2026", day(2026, 3, 10))
	q1xa.Returned = true
	q4tc := report("tc", "Sở Tài chính", "2025q4", "Quý IV/2025", day(2025, 12, 10))
	q4tc.Done = true
	w.agencies = ag
	w.obligations = []notify.Obligation{q2tc, q1tc, q2xa, q1xa, q4tc}
	return w
}

// newReminder returns the reminder job of one instance on st.
func newReminder(st *store.Store, w world, mailer notify.Sender, holder string) *notify.Reminder {
	return &notify.Reminder{
		Source:  &fixtureSource{st: st, obligations: w.obligations},
		Ledger:  st,
		Mailer:  mailer,
		Digest:  notify.DigestRule{Enabled: true, Day: time.Monday},
		BaseURL: "https://tiendo.camau.gov.vn/",
		Holder:  holder,
	}
}

// mailerFor returns a Mailer to srv (plain SMTP).
func mailerFor(t testing.TB, srv *smtptest.Server) *smtp.Mailer {
	t.Helper()
	m, err := smtp.NewMailer(smtp.Config{Host: srv.Host, Port: srv.Port, TLS: smtp.TLSNone, From: "Hệ thống tiendo <tiendo@camau.gov.vn>"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// deliveries counts, from what the server received, each (rule, key,
// recipient address).
func deliveries(msgs []smtptest.Received) map[string]int {
	n := map[string]int{}
	for _, m := range msgs {
		for _, r := range m.Rcpts {
			n[m.Header.Get("X-Tiendo-Rule")+"|"+m.Header.Get("X-Tiendo-Key")+"|"+r]++
		}
	}
	return n
}
