package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"tiendo/internal/auth"
)

func TestSessionIdleAndAbsoluteLimits(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := &auth.User{Username: "lan", Role: auth.RoleLeader}
		must(t, s.CreateUser(ctx, 0, u, "x"))
		t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
		lim := auth.SessionLimits{Idle: 2 * time.Hour, Max: 12 * time.Hour}
		start := func() []byte {
			_, h := auth.NewToken()
			must(t, s.StartSession(ctx, h, u.ID, t0, lim, nil))
			return h
		}
		live := func(h []byte, at time.Time) bool {
			_, err := s.SessionUser(ctx, h, at)
			if err != nil && !errors.Is(err, ErrNotFound) {
				t.Fatal(err)
			}
			return err == nil
		}
		// Unused for more than two hours: gone.
		idle := start()
		if !live(idle, t0.Add(119*time.Minute)) {
			t.Fatal("session ended before the idle limit")
		}
		// That use moved the deadline to two hours after 09:59.
		if !live(idle, t0.Add(3*time.Hour+50*time.Minute)) {
			t.Error("a used session ended less than two hours after its last use")
		}
		if live(idle, t0.Add(5*time.Hour+51*time.Minute)) {
			t.Error("a session unused for two hours and a minute is live")
		}
		// Used every hour: still gone after twelve hours.
		busy := start()
		for h := 1; h < 12; h++ {
			if !live(busy, t0.Add(time.Duration(h)*time.Hour)) {
				t.Fatalf("busy session ended after %d h", h)
			}
		}
		if live(busy, t0.Add(12*time.Hour+time.Minute)) {
			t.Error("a session outlived the absolute limit")
		}
		// The purge removes both kinds.
		start()
		n, err := s.DeleteExpiredSessions(ctx, t0.Add(13*time.Hour))
		must(t, err)
		if n != 3 {
			t.Errorf("purged %d sessions, want 3", n)
		}
	})
}

func TestSignOutEverywhere(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := &auth.User{Username: "lan", Role: auth.RoleLeader}
		must(t, s.CreateUser(ctx, 0, u, "x"))
		now := time.Now()
		var hashes [][]byte
		for range 3 {
			_, h := auth.NewToken()
			must(t, s.StartSession(ctx, h, u.ID, now, auth.DefaultSessionLimits, nil))
			hashes = append(hashes, h)
		}
		n, err := s.DeleteUserSessions(ctx, u.ID, u.ID, hashes[0])
		must(t, err)
		if n != 2 {
			t.Fatalf("ended %d sessions, want 2", n)
		}
		if _, err := s.SessionUser(ctx, hashes[0], now); err != nil {
			t.Error("the kept session ended")
		}
		if n, _ := s.DeleteUserSessions(ctx, u.ID, u.ID, nil); n != 1 {
			t.Errorf("ending all: %d", n)
		}
	})
}

// TestLoginThrottleRule: the failures the store counts, judged by
// auth.LoginRule, lock an account and an address as the rule says.
func TestLoginThrottleRule(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		rule := auth.DefaultLoginRule
		t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
		locked := func(user, ip string, at time.Time) auth.LoginLock {
			f, err := s.LoginFailures(ctx, user, ip, at.Add(-rule.Window))
			must(t, err)
			return rule.Lock(f)
		}
		for i := range 5 {
			if l := locked("Lan", "10.0.0.1", t0); !l.Until.IsZero() {
				t.Fatalf("locked after %d failures", i)
			}
			must(t, s.RecordLoginFailure(ctx, " LAN", "10.0.0.1", "password", t0.Add(time.Duration(i)*time.Minute)))
		}
		l := locked("lan", "10.0.0.2", t0.Add(5*time.Minute))
		if want := t0.Add(4*time.Minute + rule.Window); !l.Until.Equal(want) || l.ByIP {
			t.Fatalf("lock = %+v; want the account until %s", l, want)
		}
		if l := locked("lan", "10.0.0.2", t0.Add(19*time.Minute+time.Second)); !l.Until.IsZero() {
			t.Errorf("still locked after the window: %+v", l)
		}
		must(t, s.ClearLoginFailures(ctx, "lan"))
		if l := locked("lan", "10.0.0.2", t0.Add(5*time.Minute)); !l.Until.IsZero() {
			t.Error("locked after the failures were cleared")
		}
		// Twenty failures from one address, over many names, lock the address.
		for i := range 20 {
			must(t, s.RecordLoginFailure(ctx, "ai-do-"+string(rune('a'+i)), "10.0.0.9", "unknown user", t0))
		}
		if l := locked("minh", "10.0.0.9", t0.Add(time.Minute)); l.Until.IsZero() || !l.ByIP {
			t.Errorf("address not locked: %+v", l)
		}
		if l := locked("minh", "10.0.0.8", t0.Add(time.Minute)); !l.Until.IsZero() {
			t.Errorf("another address locked: %+v", l)
		}
	})
}

func TestTwoFactorStore(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := &auth.User{Username: "lan", Role: auth.RoleCoordinator}
		must(t, s.CreateUser(ctx, 0, u, "x"))
		codes, hashes := auth.NewRecoveryCodes()
		must(t, s.EnableTwoFactor(ctx, u.ID, u.ID, "JBSWY3DPEHPK3PXP", 100, hashes))
		tf, err := s.UserTwoFactor(ctx, u.ID)
		must(t, err)
		if !tf.Enabled() || tf.Recovery != auth.RecoveryCodeCount {
			t.Fatalf("state %+v", tf)
		}
		if err := s.UseTOTPStep(ctx, u.ID, 100); !errors.Is(err, ErrConflict) {
			t.Errorf("the enrolment's step again: %v", err)
		}
		must(t, s.UseTOTPStep(ctx, u.ID, 101))
		if err := s.UseTOTPStep(ctx, u.ID, 101); !errors.Is(err, ErrConflict) {
			t.Errorf("replayed step: %v", err)
		}
		must(t, s.UseRecoveryCode(ctx, u.ID, auth.HashRecoveryCode(codes[3])))
		if err := s.UseRecoveryCode(ctx, u.ID, auth.HashRecoveryCode(codes[3])); !errors.Is(err, ErrNotFound) {
			t.Errorf("recovery code twice: %v", err)
		}
		must(t, s.DisableTwoFactor(ctx, 0, u.ID))
		if tf, _ := s.UserTwoFactor(ctx, u.ID); tf.Enabled() || tf.Recovery != 0 {
			t.Errorf("after disable: %+v", tf)
		}
	})
}
