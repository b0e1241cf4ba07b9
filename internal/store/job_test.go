package store_test

// These tests open one database twice, as two app instances do, through
// internal/store/dbtest (an external test package, since dbtest imports store).

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/notify"
	"tiendo/internal/store/dbtest"
)

func TestLeases(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		t0 := time.Date(2026, 6, 3, 1, 0, 0, 0, time.UTC)
		acquire := func(holder string, now time.Time) bool {
			t.Helper()
			l, ok, err := s.AcquireLease(ctx, "reminders", holder, now, now.Add(2*time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			if ok && (l.Holder != holder || !l.Until.Equal(now.Add(2*time.Minute))) {
				t.Fatalf("acquired lease reads %+v", l)
			}
			if !ok && l.Holder == holder {
				t.Fatalf("refused but the lease is %s's", holder)
			}
			return ok
		}
		if !acquire("a", t0) {
			t.Fatal("a free lease was refused")
		}
		if acquire("b", t0.Add(time.Minute)) {
			t.Fatal("b took a's live lease")
		}
		if !acquire("a", t0.Add(time.Minute)) {
			t.Fatal("a could not take its own lease again")
		}
		if ok, err := s.RenewLease(ctx, "reminders", "b", t0.Add(time.Hour)); err != nil || ok {
			t.Fatalf("b renewed a's lease: %v %v", ok, err)
		}
		if ok, err := s.RenewLease(ctx, "reminders", "a", t0.Add(5*time.Minute)); err != nil || !ok {
			t.Fatalf("a could not renew: %v %v", ok, err)
		}
		if acquire("b", t0.Add(4*time.Minute)) {
			t.Fatal("b took a renewed lease")
		}
		// Expiry: at until, b takes over; a's renewal then fails.
		if !acquire("b", t0.Add(5*time.Minute)) {
			t.Fatal("b could not take an expired lease")
		}
		if ok, _ := s.RenewLease(ctx, "reminders", "a", t0.Add(time.Hour)); ok {
			t.Fatal("a renewed a lease it lost")
		}
		// Release: the lease stays b's until the next run time; a's release is ignored.
		if err := s.ReleaseLease(ctx, "reminders", "a", t0); err != nil {
			t.Fatal(err)
		}
		if err := s.ReleaseLease(ctx, "reminders", "b", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		l, ok, err := s.AcquireLease(ctx, "reminders", "c", t0.Add(30*time.Minute), t0.Add(32*time.Minute))
		if err != nil || ok || l.Holder != "b" || !l.Until.Equal(t0.Add(time.Hour)) {
			t.Fatalf("after release: %+v %v %v", l, ok, err)
		}
		leases, err := s.Leases(ctx)
		if err != nil || len(leases) != 1 || leases[0].Name != "reminders" {
			t.Fatalf("Leases = %+v %v", leases, err)
		}
	})
}

// TestLeaseRace: many goroutines on two instances ask for the same free
// lease at the same moment; exactly one gets it.
func TestLeaseRace(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		a, b := db.Open(t), db.Open(t)
		t0 := time.Date(2026, 6, 3, 1, 0, 0, 0, time.UTC)
		for round := range 5 {
			name := fmt.Sprintf("job-%d", round)
			var won atomic.Int32
			var wg sync.WaitGroup
			for i := range 8 {
				s := a
				if i%2 == 1 {
					s = b
				}
				wg.Go(func() {
					_, ok, err := s.AcquireLease(ctx, name, fmt.Sprint("holder-", i), t0, t0.Add(time.Minute))
					if err != nil {
						t.Error(err)
					}
					if ok {
						won.Add(1)
					}
				})
			}
			wg.Wait()
			if n := won.Load(); n != 1 {
				t.Fatalf("round %d: %d holders got the lease", round, n)
			}
		}
	})
}

// TestClaimRace: two instances claim the same reminders for the same users
// at the same moment; each row is claimed once, and each user has one notice.
func TestClaimRace(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		a, b := db.Open(t), db.Open(t)
		var users []int64
		for i := range 4 {
			u := auth.User{Username: fmt.Sprint("u", i), Role: auth.RoleLeader}
			if err := a.CreateUser(ctx, 0, &u, ""); err != nil {
				t.Fatal(err)
			}
			users = append(users, u.ID)
		}
		t0 := time.Date(2026, 6, 3, 1, 0, 0, 0, time.UTC)
		var mu sync.Mutex
		count := map[string]int{}
		var wg sync.WaitGroup
		for i := range 6 {
			s := a
			if i%2 == 1 {
				s = b
			}
			wg.Go(func() {
				for k := range 5 {
					key := fmt.Sprint("report:1:1:", k)
					got, err := s.ClaimReminder(ctx, notify.Claim{Rule: "after-1", Key: key, Users: users,
						Holder: fmt.Sprint("h", i), Now: t0, RetryAt: t0.Add(time.Minute), Notice: notify.Notice{Kind: "overdue", Text: key}})
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					for _, u := range got {
						count[fmt.Sprint(key, "/", u)]++
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(count) != 5*len(users) {
			t.Errorf("%d rows claimed, want %d", len(count), 5*len(users))
		}
		for k, n := range count {
			if n != 1 {
				t.Errorf("%s claimed %d times", k, n)
			}
		}
		for _, u := range users {
			if n, err := a.UnreadNotices(ctx, u); err != nil || n != 5 {
				t.Errorf("user %d has %d notices, want 5 (%v)", u, n, err)
			}
		}
	})
}
