package store

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/notify"
)

func TestReminderLedger(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := seedUsers(t, s, 3)
		t0 := time.Date(2026, 6, 3, 1, 0, 0, 0, time.UTC)
		claim := func(holder string, at time.Time, users ...int64) []int64 {
			t.Helper()
			got, err := s.ClaimReminder(ctx, notify.Claim{Rule: "before-7", Key: "report:1:2:3", Users: users, Holder: holder,
				Now: at, RetryAt: at.Add(15 * time.Minute), Notice: notify.Notice{Kind: "before", Text: "Nhắc hạn", Link: "/reports/9"}})
			must(t, err)
			return got
		}
		mark := func(holder string, users ...int64) notify.Mark {
			return notify.Mark{Rule: "before-7", Key: "report:1:2:3", Holder: holder, Users: users}
		}

		// First claim: every row is new, each user gets one notice.
		if got := claim("a", t0, u[2], u[0], u[1], u[0]); !reflect.DeepEqual(got, []int64{u[0], u[1], u[2]}) {
			t.Fatalf("first claim = %v", got)
		}
		for _, id := range u {
			list, err := s.Notices(ctx, id, false, 10)
			must(t, err)
			if len(list) != 1 || list[0].Text != "Nhắc hạn" || list[0].Kind != "before" || !list[0].CreatedAt.Equal(t0) {
				t.Errorf("notices of %d = %+v", id, list)
			}
		}
		// A second claim at once (another instance): nothing.
		if got := claim("b", t0, u...); len(got) != 0 {
			t.Fatalf("second claim = %v", got)
		}
		must(t, s.MarkRemindersSent(ctx, mark("a", u[0]), t0))
		must(t, s.MarkRemindersFailed(ctx, mark("a", u[1]), "dial tcp: connection refused", t0.Add(10*time.Minute), 3))
		must(t, s.MarkRemindersSent(ctx, mark("b", u[2]), t0)) // not b's: ignored

		// Before the retry time: nothing; at it: the failed row only. u[2]'s
		// claim is still a's until its RetryAt (15 minutes).
		if got := claim("c", t0.Add(5*time.Minute), u...); len(got) != 0 {
			t.Fatalf("claim before retry = %v", got)
		}
		if got := claim("c", t0.Add(10*time.Minute), u...); !reflect.DeepEqual(got, []int64{u[1]}) {
			t.Fatalf("claim at retry = %v", got)
		}
		// a crashed without marking u[2]: after its claim timeout d takes it over.
		if got := claim("d", t0.Add(15*time.Minute), u...); !reflect.DeepEqual(got, []int64{u[2]}) {
			t.Fatalf("takeover = %v", got)
		}
		must(t, s.MarkRemindersSent(ctx, mark("a", u[2]), t0)) // a comes back: no longer its row
		// No notice is added when a row is claimed again.
		if list, _ := s.Notices(ctx, u[1], false, 10); len(list) != 1 {
			t.Errorf("a retry added a notice: %+v", list)
		}

		// c fails again (attempt 2), then again at attempt 3 = max: failed.
		must(t, s.MarkRemindersFailed(ctx, mark("c", u[1]), "again", t0.Add(20*time.Minute), 3))
		if got := claim("e", t0.Add(20*time.Minute), u[1]); !reflect.DeepEqual(got, []int64{u[1]}) {
			t.Fatalf("third attempt = %v", got)
		}
		must(t, s.MarkRemindersFailed(ctx, mark("e", u[1]), "lần cuối — hết", t0.Add(30*time.Minute), 3))
		// A day later: u[0] sent and u[1] failed stay so; d never marked
		// u[2], so f takes it over.
		if got := claim("f", t0.Add(24*time.Hour), u...); !reflect.DeepEqual(got, []int64{u[2]}) {
			t.Fatalf("claim a day later = %v", got)
		}

		recs, err := s.ReminderSends(ctx, "report:1:2:3", 0)
		must(t, err)
		byUser := map[int64]notify.SendRecord{}
		for _, r := range recs {
			byUser[r.UserID] = r
		}
		if r := byUser[u[0]]; r.State != notify.SendSent || !r.SentAt.Equal(t0) || r.Attempts != 1 || r.Holder != "a" {
			t.Errorf("u0 = %+v", r)
		}
		if r := byUser[u[1]]; r.State != notify.SendFailed || r.Attempts != 3 || r.LastError != "lần cuối — hết" || r.Holder != "e" {
			t.Errorf("u1 = %+v", r)
		}
		if r := byUser[u[2]]; r.State != notify.SendPending || r.Holder != "f" || r.Attempts != 3 {
			t.Errorf("u2 = %+v", r)
		}
		if all, _ := s.ReminderSends(ctx, "", 0); len(all) != 3 {
			t.Errorf("ReminderSends(all) = %d rows", len(all))
		}
	})
}

func TestReminderRecipients(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		for _, u := range []auth.User{
			{Username: "dieuphoi", FullName: "Lê Hoàng Phúc", Email: "phuc@skhcn.vn", Role: auth.RoleCoordinator, AgencyID: ag["khcn"]},
			{Username: "dieuphoi2", Role: auth.RoleCoordinator, Disabled: true},
			{Username: "ldtc", FullName: "Phạm Minh Quân", Email: "quan@stc.vn", Role: auth.RoleHead, AgencyID: ag["tc"]},
			{Username: "cvtc", Role: auth.RoleOfficer, AgencyID: ag["tc"]},
			{Username: "nghi", Role: auth.RoleOfficer, AgencyID: ag["tc"], Disabled: true},
			{Username: "cvkhcn", Role: auth.RoleOfficer, AgencyID: ag["khcn"]},
			{Username: "lanhdaotinh", Role: auth.RoleLeader},
		} {
			must(t, s.CreateUser(ctx, 0, &u, ""))
		}
		names := func(list []notify.Recipient) []string {
			var n []string
			for _, r := range list {
				n = append(n, r.Name+"/"+string(r.Role)+"/"+r.Email)
			}
			return n
		}
		tc, err := s.AgencyRecipients(ctx, ag["tc"])
		must(t, err)
		if want := []string{"Phạm Minh Quân/head/quan@stc.vn", "cvtc/officer/"}; !reflect.DeepEqual(names(tc), want) {
			t.Errorf("AgencyRecipients = %q, want %q", names(tc), want)
		}
		co, err := s.CoordinatorRecipients(ctx)
		must(t, err)
		if want := []string{"Lê Hoàng Phúc/coordinator/phuc@skhcn.vn"}; !reflect.DeepEqual(names(co), want) {
			t.Errorf("CoordinatorRecipients = %q, want %q", names(co), want)
		}
	})
}

// TestReminderClaimMany claims for more users than one claim transaction
// takes (claimBatch): every user is claimed once, in ascending order, with
// one notice each; a claim that finds some rows already taken claims the
// others.
func TestReminderClaimMany(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		n := 2*claimBatch + 3
		u := seedUsers(t, s, n)
		t0 := time.Date(2026, 6, 3, 1, 0, 0, 0, time.UTC)
		claim := func(holder string, users ...int64) []int64 {
			t.Helper()
			got, err := s.ClaimReminder(ctx, notify.Claim{Rule: "after-1", Key: "report:1:2:4", Users: users, Holder: holder,
				Now: t0, RetryAt: t0.Add(15 * time.Minute), Notice: notify.Notice{Kind: "after", Text: "Quá hạn", Link: "/reports/8"}})
			must(t, err)
			return got
		}
		if got := claim("a", u[claimBatch:claimBatch+2]...); !reflect.DeepEqual(got, u[claimBatch:claimBatch+2]) {
			t.Fatalf("first claim = %v", got)
		}
		reversed := slices.Clone(u)
		slices.Reverse(reversed)
		want := slices.Concat(u[:claimBatch], u[claimBatch+2:])
		if got := claim("b", reversed...); !reflect.DeepEqual(got, want) {
			t.Fatalf("claim of %d users = %v, want %v", n, got, want)
		}
		for _, id := range u {
			if list, err := s.Notices(ctx, id, false, 10); err != nil || len(list) != 1 {
				t.Errorf("notices of %d = %+v, %v", id, list, err)
			}
		}
		if got := claim("c", u...); len(got) != 0 {
			t.Errorf("claim again = %v", got)
		}
	})
}
