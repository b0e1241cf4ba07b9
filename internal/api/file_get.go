package api

import (
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
)

// fileGet answers GET /files/{id}: the bytes of an evidence file, to those
// who may read the report it belongs to (the view rule of GET
// /reports/{id}: 403 for another agency's report, or for a leader one not
// yet accepted). It is always an attachment, with the content type found
// by sniffing at upload and nosniff, so a browser neither renders nor
// guesses; the Vietnamese file name travels RFC 5987-encoded beside an
// ASCII fallback.
func (a *api) fileGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, data, err := a.store.ReportFile(r.Context(), id)
	if err != nil {
		return notFoundAs(err, "Không có tệp mã %d.", id)
	}
	if _, err := a.viewable(r.Context(), u, f.ReportID, clock.Today(a.clock)); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Disposition", attachment(f.Name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("ETag", `"`+f.SHA256+`"`)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data) // a failed write means the client left
	}
	return nil
}

// attachment is the Content-Disposition of a download named name (RFC
// 6266): an ASCII fallback in filename for old clients, and the name
// itself, UTF-8 and percent-encoded, in filename* (RFC 5987), which every
// current browser prefers.
func attachment(name string) string {
	name = norm.NFC.String(name)
	return `attachment; filename="` + asciiName(name) + `"; filename*=UTF-8''` + rfc5987(name)
}

// asciiName is name without Vietnamese diacritics ("Báo cáo quý II.pdf" →
// "Bao cao quy II.pdf"), anything else outside printable ASCII, and the
// quote and backslash a quoted-string would need escaped, as "_".
func asciiName(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case r == 'Đ':
			r = 'D'
		case r < 0x20 || r > 0x7e || r == '"' || r == '\\':
			r = '_'
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "tep"
	}
	return b.String()
}

// rfc5987 percent-encodes s as an RFC 5987 ext-value: every byte outside
// attr-char as %XX.
func rfc5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
