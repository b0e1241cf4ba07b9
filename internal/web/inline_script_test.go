package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestNoInlineScript scans every embedded template and static file for
// what the Content-Security-Policy (script-src 'self', no 'unsafe-inline')
// would block and a reviewer should never see: an inline <script> body, an
// on…= event attribute, or a javascript: URL. The policy is the defence;
// this keeps the pages working under it.
func TestNoInlineScript(t *testing.T) {
	inlineScript := regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`)
	eventAttr := regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	jsURL := regexp.MustCompile(`(?i)(href|src|action)\s*=\s*["']?\s*javascript:`)
	n := 0
	err := fs.WalkDir(embedded, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".html") || strings.HasSuffix(path, ".svg")) {
			return err
		}
		n++
		b, err := fs.ReadFile(embedded, path)
		if err != nil {
			return err
		}
		text := string(b)
		for _, m := range inlineScript.FindAllStringSubmatch(text, -1) {
			if strings.TrimSpace(m[2]) != "" || !strings.Contains(m[1], "src=") {
				t.Errorf("%s: inline script %q", path, m[0])
			}
		}
		if m := eventAttr.FindString(text); m != "" {
			t.Errorf("%s: event attribute %q", path, m)
		}
		if m := jsURL.FindString(text); m != "" {
			t.Errorf("%s: javascript: URL %q", path, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("scanned %d templates; expected all of them", n)
	}
}
