// Package vntext does Vietnamese text properly: NFC normalisation on input,
// diacritics-insensitive folding for search (đ→d included), Vietnamese
// collation for sorting, and dates and numbers written the Vietnamese way.
package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C, the form every stored text takes.
// It also turns no-break spaces into plain spaces and drops a leading BOM.
func NFC(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	if strings.ContainsRune(s, '\u00a0') {
		s = strings.ReplaceAll(s, "\u00a0", " ")
	}
	return norm.NFC.String(s)
}

// Fold lower-cases s and removes its diacritics, so that "Chuyển đổi số"
// and "chuyen doi so" compare equal. đ and Đ have no Unicode decomposition
// and are mapped to d explicitly. Whitespace runs become one space.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		f := foldRune(r)
		if f == 0 {
			continue
		}
		if unicode.IsSpace(f) {
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(f)
	}
	return strings.TrimRight(b.String(), " ")
}

// foldRune folds one rune: the base letter of its canonical decomposition,
// lower-cased; 0 for a lone combining mark (NFD input).
func foldRune(r rune) rune {
	switch r {
	case 'đ', 'Đ':
		return 'd'
	}
	if r < 0x80 {
		return unicode.ToLower(r)
	}
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	// The decomposition table, read in place: norm.NFD.Bytes would allocate
	// for every non-ASCII letter, and Fold runs over every paragraph.
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if d := norm.NFD.Properties(buf[:n]).Decomposition(); len(d) > 0 {
		base, _ := utf8.DecodeRune(d)
		return unicode.ToLower(base)
	}
	return unicode.ToLower(r)
}

// Contains reports whether text contains query, ignoring case and diacritics.
func Contains(text, query string) bool {
	return strings.Contains(Fold(text), Fold(query))
}
