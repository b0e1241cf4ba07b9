package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// LowerFirst lowers the first letter of a phrase that goes after other
// words in a sentence ("Thực hiện Nghị quyết số 71/NQ-CP" → "thực hiện
// Nghị quyết số 71/NQ-CP"), and nothing else: abbreviations, numbers and
// names keep their case. The first letter stays as it is when the first
// word is an abbreviation (a second capital: "UBND", "KH&CN") or begins a
// name (the next word is capitalised too: "Sở Tài chính"); a Roman
// numeral is not a name ("Quý II/2026" → "quý II/2026").
func LowerFirst(s string) string {
	s = NFC(s)
	words := strings.Fields(s)
	if len(words) == 0 {
		return s
	}
	first, n := utf8.DecodeRuneInString(words[0])
	if !unicode.IsUpper(first) {
		return s
	}
	for _, r := range words[0][n:] {
		if unicode.IsUpper(r) {
			return s
		}
	}
	if len(words) > 1 && !roman(words[1]) {
		if r, _ := utf8.DecodeRuneInString(words[1]); unicode.IsUpper(r) {
			return s
		}
	}
	i := strings.IndexRune(s, first)
	return s[:i] + string(unicode.ToLower(first)) + s[i+n:]
}

// roman reports whether a word is a Roman numeral, alone or before a
// slash or a dash ("II", "IV/2026", "III-2025").
func roman(w string) bool {
	if i := strings.IndexAny(w, "/-.,"); i >= 0 {
		w = w[:i]
	}
	return w != "" && strings.Trim(w, "IVXLC") == ""
}
