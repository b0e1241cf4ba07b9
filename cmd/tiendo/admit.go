package main

import (
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// maxActiveFlag is serve's --max-active: how many requests work at once
// (server.Config.MaxActive). It returns the flag's value once the flags
// are parsed, given the database they name: set (flag or environment),
// that number; else defaultMaxActive's.
func maxActiveFlag(fs *flag.FlagSet) func(db string) (int, error) {
	env := envOr("TIENDO_MAX_ACTIVE", "")
	n := fs.Int("max-active", 0, "requests that work at once, the others wait their turn; 0 for no limit "+
		"(default four per CPU; five per two CPUs when PostgreSQL runs on this machine) (env TIENDO_MAX_ACTIVE)")
	return func(db string) (int, error) {
		set := false
		fs.Visit(func(f *flag.Flag) { set = set || f.Name == "max-active" })
		switch {
		case set:
		case env != "":
			v, err := strconv.Atoi(env)
			if err != nil {
				return 0, fmt.Errorf("TIENDO_MAX_ACTIVE=%q: a number of requests, 0 for no limit", env)
			}
			*n = v
		default:
			return defaultMaxActive(runtime.GOMAXPROCS(0), db), nil
		}
		if *n < 0 {
			return 0, fmt.Errorf("--max-active %d: a number of requests, 0 for no limit", *n)
		}
		return *n, nil
	}
}

// defaultMaxActive is --max-active's default on cpus CPUs for database db.
// Four per CPU keeps the cores busy while requests wait for the disk or
// the database, and is small enough that a request is not slowed by
// thirty others sharing the CPU (docs/PERFORMANCE.md, "Admission").
//
// A PostgreSQL server on this machine does each request's database work
// on the same CPUs, outside the requests the gate counts: there five per
// two CPUs keeps them as busy, and the national deadline mix's p99 fell
// from 50 to 45 ms (docs/PERFORMANCE.md, ninth round).
func defaultMaxActive(cpus int, db string) int {
	if isPostgres(db) && postgresHere(db) {
		return max(1, 5*cpus/2)
	}
	return 4 * cpus
}

// postgresHere reports whether the PostgreSQL URL db names a server on
// this machine: a Unix socket or a loopback address, including libpq's
// default when no host is given (PGHOST, else the socket).
func postgresHere(db string) bool {
	u, err := url.Parse(db)
	if err != nil {
		return false
	}
	hosts := u.Query().Get("host")
	if hosts == "" {
		hosts = u.Hostname()
	}
	if hosts == "" {
		hosts = os.Getenv("PGHOST")
	}
	for _, h := range strings.Split(hosts, ",") {
		h = strings.TrimSpace(h)
		if h == "" || strings.HasPrefix(h, "/") || h == "localhost" {
			continue
		}
		if ip := net.ParseIP(strings.Trim(h, "[]")); ip == nil || !ip.IsLoopback() {
			return false
		}
	}
	return true
}
