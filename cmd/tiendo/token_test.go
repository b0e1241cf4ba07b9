package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestTokenListRevoke(t *testing.T) {
	db := tempDB(t)
	if r := runCmd(t, "mat-khau-rat-dai-2026\n", "user", "add", "--db", db, "--username", "lan", "--role", "leader", "--password-stdin"); r.err != nil {
		t.Fatal(r.err)
	}
	r := runCmd(t, "", "token", "create", "--db", db, "--user", "lan", "--name", "bảng điều khiển", "--scope", "read", "--expires", "30d")
	if r.err != nil {
		t.Fatal(r.err)
	}
	token := strings.TrimSpace(r.stdout)
	if r := runCmd(t, "", "token", "create", "--db", db, "--user", "lan", "--scope", "god"); r.err == nil || !strings.Contains(r.err.Error(), "--scope") {
		t.Errorf("unknown scope: %v", r.err)
	}
	r = runCmd(t, "", "token", "list", "--db", db, "--user", "lan")
	if r.err != nil || !strings.Contains(r.stdout, "bảng điều khiển") || !strings.Contains(r.stdout, "read") || !strings.Contains(r.stdout, "còn hiệu lực") {
		t.Fatalf("list: %v\n%s", r.err, r.stdout)
	}
	if strings.Contains(r.stdout, token) {
		t.Error("token list prints the token")
	}
	if r := runCmd(t, "", "token", "revoke", "--db", db, "--id", "1"); r.err != nil {
		t.Fatal(r.err)
	}
	if r := runCmd(t, "", "token", "list", "--db", db, "--user", "lan"); !strings.Contains(r.stdout, "đã thu hồi") {
		t.Errorf("after revoke:\n%s", r.stdout)
	}
	if r := runCmd(t, "", "token", "revoke", "--db", db, "--id", "1"); r.err == nil {
		t.Error("revoked twice")
	}
}

// TestTokenCreateRules: a token made on the command line expires in 90
// days unless told otherwise, never "never", at most in 365 days, and is
// not made for a disabled user.
func TestTokenCreateRules(t *testing.T) {
	db := tempDB(t)
	if r := runCmd(t, "mat-khau-rat-dai-2026\n", "user", "add", "--db", db, "--username", "lan", "--role", "leader", "--password-stdin"); r.err != nil {
		t.Fatal(r.err)
	}
	if r := runCmd(t, "", "token", "create", "--db", db, "--user", "lan"); r.err != nil {
		t.Fatal(r.err)
	}
	s := openStore(t, db)
	list, err := s.Tokens(context.Background(), 1)
	if err != nil || len(list) != 1 {
		t.Fatalf("tokens: %v %v", list, err)
	}
	if d := time.Until(list[0].ExpiresAt); d < 89*24*time.Hour || d > 91*24*time.Hour {
		t.Errorf("default expiry in %v, want 90 days", d)
	}
	for _, bad := range []string{"", "0d", "366d", "9000h"} {
		if r := runCmd(t, "", "token", "create", "--db", db, "--user", "lan", "--expires", bad); r.err == nil || !strings.Contains(r.err.Error(), "--expires") {
			t.Errorf("--expires %q: %v", bad, r.err)
		}
	}
	if r := runCmd(t, "", "user", "disable", "--db", db, "--username", "lan"); r.err != nil {
		t.Fatal(r.err)
	}
	if r := runCmd(t, "", "token", "create", "--db", db, "--user", "lan"); r.err == nil || !strings.Contains(r.err.Error(), "disabled") {
		t.Errorf("token for a disabled user: %v", r.err)
	}
}
