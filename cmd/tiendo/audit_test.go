package main

import (
	"database/sql"
	"errors"
	"strings"
	"testing"
)

func TestAuditVerify(t *testing.T) {
	db := tempDB(t)
	for _, name := range []string{"lan", "minh"} {
		if r := runCmd(t, "mat-khau-rat-dai-2026\n", "user", "add", "--db", db, "--username", name, "--role", "leader", "--password-stdin"); r.err != nil {
			t.Fatal(r.err, r.stderr)
		}
	}
	r := runCmd(t, "", "audit", "verify", "--db", db)
	if r.err != nil || !strings.Contains(r.stdout, "toàn vẹn: 2 bản ghi, đầu chuỗi ") {
		t.Fatalf("intact log: err %v, out %q", r.err, r.stdout)
	}

	// Tamper as someone with the database file would: drop the guard, edit a row.
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET detail = '{"role":"admin"}' WHERE seq = 1`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	r = runCmd(t, "", "audit", "verify", "--db", db)
	if !errors.Is(r.err, errAuditBroken) || !strings.Contains(r.stdout, "bản ghi số 1 (bản ghi id 1)") {
		t.Fatalf("tampered log: err %v, out %q", r.err, r.stdout)
	}
}
