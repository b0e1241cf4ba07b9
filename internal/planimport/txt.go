package planimport

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// decodeText turns the bytes of a plain-text plan into a string. UTF-8 (with
// or without BOM) is what plans are saved as; UTF-16 with a BOM is what
// Windows Notepad writes as "Unicode", so it is read too. Anything else —
// binary files, TCVN3/VNI legacy encodings — is refused as not_text.
func decodeText(data []byte) (string, *Error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], true)
	}
	if !utf8.Valid(data) {
		return "", errNotText()
	}
	s := string(data)
	if looksBinary(s) {
		return "", errNotText()
	}
	return s, nil
}

func decodeUTF16(b []byte, bigEndian bool) (string, *Error) {
	if len(b)%2 != 0 {
		return "", errNotText()
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	s := string(utf16.Decode(u))
	if looksBinary(s) {
		return "", errNotText()
	}
	return s, nil
}

// looksBinary reports text that decodes as UTF-8 but is not text: a NUL, or
// more than one control character in a hundred (form feeds and tabs count
// as text).
func looksBinary(s string) bool {
	controls, runes := 0, 0
	for _, r := range s {
		runes++
		switch {
		case r == 0:
			return true
		case r == utf8.RuneError:
			controls++
		case r < 0x20 && !strings.ContainsRune("\t\n\r\f\v", r), r == 0x7f:
			controls++
		}
	}
	return controls*100 > runes
}

func errNotText() *Error {
	return newError(CodeNotText, nil, "Không đọc được tệp: nội dung không phải văn bản Unicode (UTF-8), cũng không phải tệp Word (.docx) hay Excel (.xlsx). "+
		"Nếu văn bản gõ bằng bảng mã cũ (TCVN3, VNI), hãy chuyển sang Unicode rồi lưu lại dưới dạng .txt (UTF-8) hoặc .docx.")
}

// textLines splits a decoded text into normalised lines; n counts every
// physical line (empty ones too) so that warnings point at the right line.
func textLines(s string) []line {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var out []line
	n := 0
	for raw := range strings.SplitSeq(s, "\n") {
		n++
		if t := cleanLine(raw); t != "" {
			out = append(out, line{n: n, text: t})
		}
	}
	return out
}

// cleanLine makes one line of text storable: no-break and other Unicode
// spaces and tabs become a space, runs of spaces become one, zero-width
// characters, soft hyphens, stray BOMs and control characters go, the ends
// are trimmed, and the result is NFC (last, since dropping a zero-width
// character can bring a letter and its combining mark together).
func cleanLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff', r == '\u00ad', r == utf8.RuneError:
			continue
		case r == '\t', unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return vntext.NFC(b.String())
}
