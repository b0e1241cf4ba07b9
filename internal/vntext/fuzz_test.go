package vntext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzFold: folding is idempotent, lower-case, free of combining marks and
// of "đ"; whatever the text, a text contains itself and its highlight
// segments put back together are the text. Seeds in
// testdata/fuzz/FuzzFold; run with
//
//	go test ./internal/vntext -run '^$' -fuzz FuzzFold -fuzztime 30s
func FuzzFold(f *testing.F) {
	f.Add("Chuyển đổi số", "chuyen doi so")
	f.Add("ĐẨY MẠNH Ứng dụng", "day manh")
	f.Add("Cà Mau\u0300 (NFD)", "ca mau")
	f.Add("\xff\xfe bad utf-8", "bad")
	f.Fuzz(func(t *testing.T, text, query string) {
		if !utf8.ValidString(text) || !utf8.ValidString(query) {
			return
		}
		f1 := Fold(text)
		if Fold(f1) != f1 {
			t.Fatalf("Fold not idempotent: %q → %q → %q", text, f1, Fold(f1))
		}
		for _, r := range f1 {
			if unicode.Is(unicode.Mn, r) || r == 'đ' || r == 'Đ' || (unicode.IsUpper(r) && unicode.ToLower(r) != r) {
				t.Fatalf("Fold(%q) = %q keeps %q", text, f1, r)
			}
		}
		if strings.TrimSpace(f1) != "" && !Contains(text, text) {
			t.Fatalf("%q does not contain itself", text)
		}
		var b strings.Builder
		for _, s := range Highlight(text, query) {
			b.WriteString(s.Text)
		}
		if b.String() != text {
			t.Fatalf("Highlight(%q, %q) segments give %q", text, query, b.String())
		}
		_ = SearchKey(text)
		_ = Excerpt(text, query, 80)
	})
}
