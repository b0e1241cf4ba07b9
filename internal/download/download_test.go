package download

import (
	"net/http"
	"testing"
)

func TestAttachment(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"Báo cáo.pdf", `attachment; filename="Bao cao.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.pdf`},
		{"Đề án \"số\".docx", `attachment; filename="De an _so_.docx"; filename*=UTF-8''%C4%90%E1%BB%81%20%C3%A1n%20%22s%E1%BB%91%22.docx`},
		{"报告", `attachment; filename="__"; filename*=UTF-8''%E6%8A%A5%E5%91%8A`},
		{"", `attachment; filename="tep"; filename*=UTF-8''`},
	} {
		if got := Attachment(c.name); got != c.want {
			t.Errorf("Attachment(%q) = %s, want %s", c.name, got, c.want)
		}
	}
}

func TestSetHeaders(t *testing.T) {
	h := http.Header{}
	SetHeaders(h, "Biên bản.pdf", "application/pdf", 12)
	if h.Get("Content-Type") != "application/pdf" || h.Get("Content-Length") != "12" ||
		h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Disposition") != Attachment("Biên bản.pdf") ||
		h.Get("Content-Security-Policy") != "sandbox; default-src 'none'" {
		t.Errorf("headers %v", h)
	}
}
