// Package golden compares what a test saw with a reviewed table kept in
// testdata — the permission matrices use it — and rewrites the table on
// request. Each line is a key of space-separated fields and, last, the
// value; '#' lines are comments.
package golden

import (
	"os"
	"strings"
	"testing"
)

// Lines checks got (one "key… value" line each) against the file at path:
// a key missing from the file, a value that differs, and a key in the file
// that was not seen all fail t. With update, the file is first rewritten
// from got under header (comment lines), for a person to review.
func Lines(t testing.TB, path string, got []string, update bool, header string) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(header+strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run the test with its -update flag, then review the file", err)
	}
	want := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := split(line); ok {
			want[k] = v
		}
	}
	seen := map[string]bool{}
	for _, line := range got {
		k, v, _ := split(line)
		seen[k] = true
		if w, ok := want[k]; !ok {
			t.Errorf("%s: not in %s — new? Add its expected value (run with -update, then review)", k, path)
		} else if w != v {
			t.Errorf("%s: %s, %s says %s", k, v, path, w)
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("%s: in %s but not seen any more", k, path)
		}
	}
}

// split cuts a line into its key (fields but the last, single-spaced) and value.
func split(line string) (key, value string, ok bool) {
	if strings.HasPrefix(line, "#") {
		return "", "", false
	}
	f := strings.Fields(line)
	if len(f) < 2 {
		return "", "", false
	}
	return strings.Join(f[:len(f)-1], " "), f[len(f)-1], true
}
