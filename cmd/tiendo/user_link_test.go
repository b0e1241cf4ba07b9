package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
)

// linkLine finds the one-time link a command printed.
var linkLine = regexp.MustCompile(`(?m)^(https?://\S+)/login/link/([A-Za-z0-9_-]{43})$`)

// TestUserAddAndResetPassword: the first admin is created with no password
// and a one-time setup link (on --base-url); `user reset-password` prints a
// fresh link that ends the earlier one; an unknown name is an error.
func TestUserAddAndResetPassword(t *testing.T) {
	db := tempDB(t)
	r := runCmd(t, "", "user", "add", "--db", db, "--username", "quantri", "--role", "admin", "--full-name", "Quản trị viên",
		"--email", "qt@camau.gov.vn", "--base-url", "https://tiendo.camau.gov.vn/")
	if r.err != nil {
		t.Fatal(r.err)
	}
	m := linkLine.FindStringSubmatch(r.stdout)
	if m == nil || m[1] != "https://tiendo.camau.gov.vn" || !strings.Contains(r.stdout, "dùng được đến") {
		t.Fatalf("user add printed %q", r.stdout)
	}
	s := openStore(t, db)
	ctx := context.Background()
	_, hash, err := s.UserByName(ctx, "quantri")
	if err != nil || hash != "" {
		t.Fatalf("a password was set (%q, %v)", hash, err)
	}
	l, u, err := s.PasswordLink(ctx, auth.HashToken(m[2]), time.Now())
	if err != nil || u.Username != "quantri" || l.Purpose != auth.LinkSetup {
		t.Fatalf("the printed link: %+v %v %v", l, u, err)
	}

	r = runCmd(t, "", "user", "reset-password", "--db", db, "--username", "quantri")
	m2 := linkLine.FindStringSubmatch(r.stdout)
	if r.err != nil || m2 == nil || m2[1] != "http://127.0.0.1:8080" {
		t.Fatalf("reset-password: %v %q", r.err, r.stdout)
	}
	if _, _, err := s.PasswordLink(ctx, auth.HashToken(m[2]), time.Now()); err == nil {
		t.Error("the earlier link still works")
	}
	if _, _, err := s.PasswordLink(ctx, auth.HashToken(m2[2]), time.Now()); err != nil {
		t.Errorf("the new link: %v", err)
	}
	if r := runCmd(t, "", "user", "reset-password", "--db", db, "--username", "khongco"); r.err == nil || !strings.Contains(r.err.Error(), "no user") {
		t.Errorf("unknown user: %v", r.err)
	}
	if r := runCmd(t, "", "user", "add", "--db", db, "--username", "x", "--role", "leader", "--email", "x@"); r.err == nil {
		t.Error("a wrong e-mail accepted")
	}
}
