package main

import (
	"strings"
	"testing"
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
