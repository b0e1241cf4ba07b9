package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRollupCommands sends a province's part of the national programme
// from one database to another on the command line: the key printed, the
// package exported, refused until the sender is registered, imported,
// imported again without change, and refused when tampered with.
func TestRollupCommands(t *testing.T) {
	province, ministry := tempDB(t), tempDB(t)
	for _, db := range []string{province, ministry} {
		if r := runCmd(t, "", "gen", "--db", db, "--provinces", "1", "--agencies", "30", "--tasks", "80", "--quarters", "2",
			"--today", "2026-06-05"); r.err != nil {
			t.Fatalf("gen: %v\n%s", r.err, r.stderr)
		}
	}
	// Plan 2 is the national programme on both (plan 1 is the province's).
	r := runCmd(t, "", "plan", "level", "--db", ministry, "--plan", "2", "--level", "national")
	if r.err != nil || !strings.Contains(r.stdout, "Trung ương") {
		t.Fatalf("plan level: %v %s", r.err, r.stdout)
	}
	r = runCmd(t, "", "rollup", "key", "--db", province, "--name", "UBND tỉnh Hà Nội")
	key := regexp.MustCompile(`Khóa công khai:\s+(\S+)`).FindStringSubmatch(r.stdout)
	if r.err != nil || key == nil || !strings.Contains(r.stdout, "UBND tỉnh Hà Nội") {
		t.Fatalf("rollup key: %v\n%s", r.err, r.stdout)
	}
	file := filepath.Join(t.TempDir(), "goi.json")
	r = runCmd(t, "", "rollup", "export", "--db", province, "--plan", "2", "--out", file, "--clock", "2026-06-05")
	if r.err != nil || !strings.Contains(r.stdout, "nhiệm vụ liên kết") || !strings.Contains(r.stdout, key[1]) {
		t.Fatalf("export: %v\n%s%s", r.err, r.stdout, r.stderr)
	}
	if r := runCmd(t, "", "rollup", "export", "--db", province, "--plan", "2"); r.err == nil {
		t.Error("export without --out ran")
	}
	r = runCmd(t, "", "rollup", "import", file, "--db", ministry)
	if r.err == nil || !strings.Contains(r.err.Error(), "chưa đăng ký") {
		t.Fatalf("an unregistered sender: %v", r.err)
	}
	if r = runCmd(t, "", "rollup", "sender", "add", "--db", ministry, "--name", "Hà Nội", "--key", key[1]); r.err != nil {
		t.Fatalf("sender add: %v", r.err)
	}
	r = runCmd(t, "", "rollup", "import", file, "--db", ministry)
	if r.err != nil || !strings.Contains(r.stdout, "Đã nhập gói số liệu") {
		t.Fatalf("import: %v\n%s", r.err, r.stdout)
	}
	r = runCmd(t, "", "rollup", "import", "--db", ministry, file)
	if r.err != nil || !strings.Contains(r.stdout, "đã được nhập trước đó") {
		t.Errorf("import again: %v\n%s", r.err, r.stdout)
	}
	data, _ := os.ReadFile(file)
	bad := bytes.Replace(data, []byte(`"progress":`), []byte(`"progress":1`), 1)
	tampered := filepath.Join(t.TempDir(), "sua.json")
	os.WriteFile(tampered, bad, 0o644)
	if r := runCmd(t, "", "rollup", "import", tampered, "--db", ministry); r.err == nil || !strings.Contains(r.err.Error(), "Chữ ký") {
		t.Errorf("a tampered package: %v", r.err)
	}
	r = runCmd(t, "", "rollup", "sender", "list", "--db", ministry)
	if r.err != nil || !strings.Contains(r.stdout, "Hà Nội") || !strings.Contains(r.stdout, "nhận gói") {
		t.Errorf("sender list: %v\n%s", r.err, r.stdout)
	}
	if r := runCmd(t, "", "rollup", "sender", "revoke", "--db", ministry, "--id", "1"); r.err != nil {
		t.Errorf("revoke: %v", r.err)
	}
}
