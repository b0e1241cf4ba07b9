package vntext

import (
	"reflect"
	"strings"
	"testing"
)

func TestSearchKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Đầu tư, thủ tục!", " dau tu thu tuc "},
		{"  Sở KH&CN  ", " so kh cn "},
		{"50% dịch vụ", " 50 dich vu "},
		{"", " "},
	} {
		if got := SearchKey(c.in); got != c.want {
			t.Errorf("SearchKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSearchPatterns(t *testing.T) {
	got := SearchPatterns("Đầu  tư_100%")
	want := []string{"% dau %", "% tu %", "% 100 %"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SearchPatterns = %q, want %q", got, want)
	}
	if p := SearchPatterns("   "); len(p) != 0 {
		t.Errorf("blank query gave patterns %q", p)
	}
}

// likeMatch is SQL LIKE with \ escapes, enough to check the patterns against keys.
func likeMatch(s, p string) bool {
	if p == "" {
		return s == ""
	}
	switch {
	case p[0] == '%':
		for i := 0; i <= len(s); i++ {
			if likeMatch(s[i:], p[1:]) {
				return true
			}
		}
		return false
	case p[0] == '\\' && len(p) > 1:
		return s != "" && s[0] == p[1] && likeMatch(s[1:], p[2:])
	}
	return s != "" && s[0] == p[0] && likeMatch(s[1:], p[1:])
}

func TestSearchMatchesSyllables(t *testing.T) {
	for _, c := range []struct {
		text, query string
		want        bool
	}{
		{"Tăng cường đầu tư cho hạ tầng", "dau tu", true},
		{"Đơn giản hóa thủ tục hành chính", "dau tu", false}, // "tuc" is not "tu"
		{"Đẩy mạnh chuyển đổi số", "chuyen doi so", true},
		{"Đẩy mạnh chuyển đổi số", "chuy doi", false}, // whole syllables only
		{"Sở KH&CN chủ trì", "kh cn", true},
	} {
		key := SearchKey(c.text)
		got := true
		for _, p := range SearchPatterns(c.query) {
			got = got && likeMatch(key, p)
		}
		if got != c.want {
			t.Errorf("%q matches %q = %v, want %v", c.query, c.text, got, c.want)
		}
		// A result that search finds has its words marked.
		marked := false
		for _, s := range Highlight(c.text, c.query) {
			marked = marked || s.Match
		}
		if c.want && !marked {
			t.Errorf("Highlight(%q, %q) marked = %v, want %v", c.text, c.query, marked, c.want)
		}
	}
}

func TestHighlightWholeWords(t *testing.T) {
	var b strings.Builder
	for _, s := range Highlight("Thủ tục đầu tư, tư vấn", "dau tu") {
		if s.Match {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	if got, want := b.String(), "Thủ tục [đầu] [tư], [tư] vấn"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
