// Package download writes the Content-Disposition of a file download so
// that Vietnamese file names survive every browser: an ASCII fallback in
// filename (RFC 6266) and the name itself, UTF-8 percent-encoded, in
// filename* (RFC 5987).
package download

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Attachment is the Content-Disposition header value for a download named name.
func Attachment(name string) string {
	return `attachment; filename="` + ASCIIName(name) + `"; filename*=UTF-8''` + RFC5987(name)
}

// ASCIIName is name without Vietnamese diacritics (đ→d), anything else
// outside printable ASCII — and quotes and backslashes — as "_"; "tep"
// (tệp) when nothing is left.
func ASCIIName(name string) string {
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

// RFC5987 percent-encodes s as an RFC 5987 ext-value: every byte outside
// attr-char as %XX.
func RFC5987(s string) string {
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
