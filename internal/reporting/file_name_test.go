package reporting

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanFileName(t *testing.T) {
	long := strings.Repeat("Biên bản ", 40) + ".pdf"
	for _, c := range []struct{ in, want string }{
		{`C:\Users\cv\Biên bản họp.pdf`, "Biên bản họp.pdf"},
		{"/home/cv/ke-hoach.docx", "ke-hoach.docx"},
		{"  bao\x00cao\x7f.pdf ", "baocao.pdf"},
		{"Bie\u0302n ba\u0309n.pdf", "Biên bản.pdf"}, // decomposed diacritics are kept composed (NFC)
		{"", ""},
	} {
		if got := CleanFileName(c.in); got != c.want {
			t.Errorf("CleanFileName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	got := CleanFileName(long)
	if utf8.RuneCountInString(got) > MaxFileName || !strings.HasSuffix(got, ".pdf") {
		t.Errorf("a long name is cut to %d characters, keeping its extension: %q", utf8.RuneCountInString(got), got)
	}
}
