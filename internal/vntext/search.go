package vntext

import (
	"strings"
	"unicode"
)

// Search matches whole syllables, not substrings: "dau tu" must find "đầu
// tư" but not "thủ tục" (whose folded "tuc" contains "tu"). Vietnamese words
// are short syllables, so substring or prefix matching drowns the results in
// noise; people type whole syllables.

// SearchKey is the form of a text that SearchPatterns match against: folded
// (no case, no diacritics, đ→d), every run of characters other than letters
// and digits turned into one space, with a space at each end.
func SearchKey(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(' ')
	space := true
	for _, r := range s {
		f := foldRune(r)
		if f == 0 {
			continue
		}
		if !isWordRune(f) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(f)
		space = false
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

// SearchWords splits a query into the folded words it searches for.
func SearchWords(query string) []string {
	return strings.Fields(SearchKey(query))
}

// SearchPatterns turns a query into SQL LIKE patterns (escape character \)
// over a SearchKey column, one per word, all of which must match as whole words.
func SearchPatterns(query string) []string {
	words := SearchWords(query)
	out := make([]string, len(words))
	esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	for i, w := range words {
		out[i] = "% " + esc.Replace(w) + " %"
	}
	return out
}

// isWordRune reports whether a folded rune belongs to a word.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
