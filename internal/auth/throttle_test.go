package auth_test

import (
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
)

// TestLoginRule: five failures of an account lock it until a window after
// the last one; twenty from an address lock the address; fewer lock
// nothing, and the account's lock is reported before the address's.
func TestLoginRule(t *testing.T) {
	r := auth.DefaultLoginRule
	t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		f    auth.LoginFailures
		want auth.LoginLock
	}{
		{"none", auth.LoginFailures{}, auth.LoginLock{}},
		{"four", auth.LoginFailures{Account: 4, AccountLast: t0}, auth.LoginLock{}},
		{"five", auth.LoginFailures{Account: 5, AccountLast: t0}, auth.LoginLock{Until: t0.Add(r.Window)}},
		{"address", auth.LoginFailures{Account: 1, AccountLast: t0, IP: 20, IPLast: t0.Add(time.Minute)},
			auth.LoginLock{Until: t0.Add(time.Minute + r.Window), ByIP: true}},
		{"both", auth.LoginFailures{Account: 6, AccountLast: t0, IP: 30, IPLast: t0.Add(time.Minute)}, auth.LoginLock{Until: t0.Add(r.Window)}},
		{"nineteen from the address", auth.LoginFailures{IP: 19, IPLast: t0}, auth.LoginLock{}},
	}
	for _, c := range cases {
		if got := r.Lock(c.f); got != c.want {
			t.Errorf("%s: lock %+v, want %+v", c.name, got, c.want)
		}
	}
	if !r.Lock(auth.LoginFailures{Account: 5, AccountLast: t0}).Locked() {
		t.Error("Locked() false for a lock")
	}
}

// TestLoginLockMessage: the message says until when, in Vietnam's time,
// and whether the account or the machine is locked.
func TestLoginLockMessage(t *testing.T) {
	until := time.Date(2026, 3, 2, 1, 15, 0, 0, time.UTC) // 08:15 in Vietnam
	acc := auth.LoginLock{Until: until}.Message()
	if !strings.Contains(acc, "08:15 ngày 02/03/2026") || !strings.HasPrefix(acc, "Tài khoản") {
		t.Errorf("account lock: %q", acc)
	}
	if ip := (&auth.LockedError{Lock: auth.LoginLock{Until: until, ByIP: true}}).Error(); !strings.HasPrefix(ip, "Máy của bạn") {
		t.Errorf("address lock: %q", ip)
	}
}

func TestThrottleKey(t *testing.T) {
	for _, in := range []string{"An", " an ", "AN"} {
		if got := auth.ThrottleKey(in); got != "an" {
			t.Errorf("ThrottleKey(%q) = %q", in, got)
		}
	}
}
