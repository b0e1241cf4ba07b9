package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder collects failures instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) { r.errs = append(r.errs, format) }
func (r *recorder) Helper()                           {}

func TestLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "table.txt")
	os.WriteFile(path, []byte("# c\nGET /a  admin  ok\nGET /b  admin  403\nGET /gone admin ok\n"), 0o644)
	r := &recorder{TB: t}
	Lines(r, path, []string{"GET /a admin ok", "GET /b admin ok", "GET /new admin 403"}, false, "")
	if len(r.errs) != 3 { // /b differs, /new missing, /gone not seen
		t.Fatalf("%d failures, want 3: %v", len(r.errs), r.errs)
	}
	r = &recorder{TB: t}
	Lines(r, path, []string{"GET /a admin ok"}, true, "# header\n")
	if len(r.errs) != 0 {
		t.Fatalf("after update: %v", r.errs)
	}
}
