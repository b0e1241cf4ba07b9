package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
)

func TestUserDisableEnableReset2FA(t *testing.T) {
	db := tempDB(t)
	if r := runCmd(t, "mat-khau-rat-dai-2026\n", "user", "add", "--db", db, "--username", "lan", "--role", "coordinator", "--password-stdin"); r.err != nil {
		t.Fatal(r.err)
	}
	s := openStore(t, db)
	ctx := context.Background()
	u, _, err := s.UserByName(ctx, "lan")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnableTwoFactor(ctx, 0, u.ID, "JBSWY3DPEHPK3PXP", 0, nil); err != nil {
		t.Fatal(err)
	}
	token, hash := auth.NewToken()
	if err := s.CreateSession(ctx, hash, u.ID, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}

	if r := runCmd(t, "", "user", "disable", "--db", db, "--username", "lan"); r.err != nil || !strings.Contains(r.stdout, "đã khóa") {
		t.Fatalf("disable: %v %q", r.err, r.stdout)
	}
	if _, err := s.SessionUser(ctx, auth.HashToken(token), time.Now()); err == nil {
		t.Error("session survived disabling")
	}
	if r := runCmd(t, "", "user", "enable", "--db", db, "--username", "lan"); r.err != nil {
		t.Fatal(r.err)
	}
	if u, _, _ := s.UserByName(ctx, "lan"); u.Disabled {
		t.Error("still disabled after enable")
	}
	if r := runCmd(t, "", "user", "reset-2fa", "--db", db, "--username", "lan"); r.err != nil {
		t.Fatal(r.err)
	}
	if tf, _ := s.UserTwoFactor(ctx, u.ID); tf.Enabled() {
		t.Error("2FA still on after reset")
	}
	if r := runCmd(t, "", "user", "disable", "--db", db, "--username", "khongco"); r.err == nil || !strings.Contains(r.err.Error(), "no user") {
		t.Errorf("unknown user: %v", r.err)
	}
}
