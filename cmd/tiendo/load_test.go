package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// TestLoadDeadlineMix runs the deadline mix for a moment against a demo
// server on a day when reports are open: every request answers, writes are
// acknowledged and all read back; then the bare mix.
func TestLoadDeadlineMix(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a server for a few seconds")
	}
	db := tempDB(t)
	sv := startServe(t, "--demo", "--db", db, "--clock", "2025-06-05", "--write-rate", "0")
	url := "http://" + sv.addr
	r := runCmd(t, "", "load", "--url", url, "--db", db, "--duration", "2s", "--concurrency", "4", "--mix", "deadline", "--json")
	if r.err != nil {
		t.Fatalf("load: %v\n%s", r.err, r.stderr)
	}
	var res struct {
		Mix                        string
		RPS                        float64
		P50                        float64 `json:"p50_ms"`
		P99                        float64 `json:"p99_ms"`
		Errors, Acknowledged, Lost int
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("--json output %q: %v", r.stdout, err)
	}
	for _, key := range []string{`"mix"`, `"rps"`, `"p50_ms"`, `"p95_ms"`, `"p99_ms"`, `"errors"`, `"acknowledged"`, `"lost"`} {
		if !strings.Contains(r.stdout, key) {
			t.Errorf("--json lacks %s: %s", key, r.stdout)
		}
	}
	if res.Mix != "deadline" || res.RPS <= 0 || res.Errors != 0 || res.Acknowledged == 0 || res.Lost != 0 || res.P99 < res.P50 {
		t.Fatalf("deadline mix: %s", r.stdout)
	}
	r = runCmd(t, "", "load", "--url", url, "--duration", "1s", "--concurrency", "2", "--mix", "bare")
	if r.err != nil || !strings.Contains(r.stdout, "mix bare") || !strings.Contains(r.stdout, "health") {
		t.Fatalf("bare mix: %v\n%s", r.err, r.stdout)
	}
	for _, args := range [][]string{
		{"load", "--mix", "bare"},
		{"load", "--url", url, "--mix", "deadline"},
		{"load", "--url", url, "--mix", "storm"},
	} {
		if r := runCmd(t, "", args...); r.err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// TestLoadNational runs the deadline mix against a generated dataset of
// three provinces, whose agencies lead few tasks each: the heads work in
// their own provinces' plans, fill their entries, send their reports and
// have them returned; the national rollup is read; nothing acknowledged
// is lost. Then the read mix (one plan by token).
func TestLoadNational(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a server for a few seconds")
	}
	db := tempDB(t)
	if r := runCmd(t, "", "gen", "--db", db, "--provinces", "3", "--agencies", "90", "--tasks", "120", "--quarters", "2",
		"--today", "2026-12-04"); r.err != nil {
		t.Fatalf("gen: %v\n%s", r.err, r.stderr)
	}
	sv := startServe(t, "--db", db, "--clock", "2026-12-04", "--write-rate", "0")
	url := "http://" + sv.addr
	r := runCmd(t, "", "load", "--url", url, "--db", db, "--duration", "3s", "--concurrency", "6", "--mix", "deadline")
	if r.err != nil {
		t.Fatalf("load: %v\n%s%s", r.err, r.stdout, r.stderr)
	}
	for _, kind := range []string{"dashboard", "national", "rollup", "tasks", "mywork", "write", "submit", "return"} {
		line := regexp.MustCompile(`(?m)^\s+` + kind + `\s+(\d+) req .* (\d+) errors$`).FindStringSubmatch(r.stdout)
		if line == nil || line[1] == "0" || line[2] != "0" {
			t.Errorf("no %s requests, or errors:\n%s", kind, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, "lost or changed when read back: 0") {
		t.Errorf("lost writes:\n%s", r.stdout)
	}
	r = runCmd(t, "", "load", "--url", url, "--db", db, "--duration", "1s", "--concurrency", "2", "--mix", "read", "--json")
	if r.err != nil || !strings.Contains(r.stdout, `"mix":"read"`) || !strings.Contains(r.stdout, `"errors":0`) {
		t.Fatalf("read mix: %v\n%s", r.err, r.stdout)
	}
}
