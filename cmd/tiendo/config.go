package main

import (
	"errors"
	"flag"
	"io"
	"os"
)

// errUsage is returned after the usage text has been printed.
var errUsage = errors.New("wrong command line; see the usage above")

// defaultDB is the database used when neither --db nor TIENDO_DB is given.
const defaultDB = "tiendo.db"

// newFlags returns a flag set that reports errors to stderr and does not exit.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// dbFlag registers --db with its environment default.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", envOr("TIENDO_DB", defaultDB), "SQLite file path or postgres:// URL (env TIENDO_DB)")
}

// envOr returns the environment variable key, or def when it is unset or empty.
func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// parseInterleaved parses flags that may come before or after positional
// arguments (`plan import FILE --json` and `plan import --json FILE`).
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
