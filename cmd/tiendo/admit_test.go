package main

import (
	"flag"
	"io"
	"runtime"
	"testing"
)

// TestDefaultMaxActive: four requests per CPU, and five per two CPUs when
// PostgreSQL is on this machine (a Unix socket or a loopback address, or
// no host at all: libpq's socket).
func TestDefaultMaxActive(t *testing.T) {
	t.Setenv("PGHOST", "")
	for _, c := range []struct {
		db   string
		want int
	}{
		{"tiendo.db", 8},
		{"/var/lib/tiendo/tiendo.db", 8},
		{"postgres:///tiendo?host=/var/run/postgresql", 5},
		{"postgres:///tiendo", 5},
		{"postgres://tiendo@localhost/tiendo", 5},
		{"postgresql://tiendo@127.0.0.1:5432/tiendo?sslmode=disable", 5},
		{"postgres://tiendo@[::1]:5432/tiendo", 5},
		{"postgres://tiendo@db.camau.gov.vn/tiendo", 8},
		{"postgres://tiendo@10.0.0.7:5432/tiendo", 8},
		{"postgres:///tiendo?host=/tmp,db.camau.gov.vn", 8},
	} {
		if got := defaultMaxActive(2, c.db); got != c.want {
			t.Errorf("defaultMaxActive(2, %q) = %d, want %d", c.db, got, c.want)
		}
	}
	if got := defaultMaxActive(1, "postgres:///tiendo"); got != 2 {
		t.Errorf("one CPU, PostgreSQL here: %d, want 2", got)
	}
	t.Setenv("PGHOST", "db.camau.gov.vn")
	if got := defaultMaxActive(2, "postgres:///tiendo"); got != 8 {
		t.Errorf("PGHOST elsewhere: %d, want 8", got)
	}
}

// TestMaxActiveFlag: the flag wins over the environment, which wins over
// the default; a negative or unreadable number is refused.
func TestMaxActiveFlag(t *testing.T) {
	resolve := func(env string, args ...string) (int, error) {
		t.Setenv("TIENDO_MAX_ACTIVE", env)
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		get := maxActiveFlag(fs)
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		return get("tiendo.db")
	}
	for _, c := range []struct {
		env  string
		args []string
		want int
		bad  bool
	}{
		{env: "", args: nil, want: defaultMaxActive(runtime.GOMAXPROCS(0), "tiendo.db")},
		{env: "3", args: nil, want: 3},
		{env: "3", args: []string{"--max-active", "6"}, want: 6},
		{env: "", args: []string{"--max-active", "0"}, want: 0},
		{env: "nhiều", bad: true},
		{env: "", args: []string{"--max-active", "-1"}, bad: true},
	} {
		got, err := resolve(c.env, c.args...)
		if c.bad {
			if err == nil {
				t.Errorf("env %q args %v: %d, want an error", c.env, c.args, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("env %q args %v: %d, %v; want %d", c.env, c.args, got, err, c.want)
		}
	}
}
