package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segment is a piece of text, marked when it matched a search.
type Segment struct {
	Text  string
	Match bool
}

// Highlight splits text into segments, marking every occurrence of each word
// of query the way search matches them (see SearchKey): whole words compared
// without case or diacritics.
// The segments joined give text back unchanged. text should be NFC.
func Highlight(text, query string) []Segment {
	words := SearchWords(query)
	if len(words) == 0 || text == "" {
		return []Segment{{Text: text}}
	}
	// folded[i] is the folded rune for the rune that starts at byte offs[i] of text.
	var folded []rune
	var offs []int
	for i, r := range text {
		f := foldRune(r)
		if f == 0 {
			continue // a combining mark belongs to the previous letter
		}
		folded = append(folded, f)
		offs = append(offs, i)
	}
	offs = append(offs, len(text))
	boundary := func(i int) bool {
		return i <= 0 || i >= len(folded) || !isWordRune(folded[i-1]) || !isWordRune(folded[i])
	}
	marked := make([]bool, len(folded))
	for _, w := range words {
		wr := []rune(w)
		for i := 0; i+len(wr) <= len(folded); i++ {
			if (i > 0 && isWordRune(folded[i-1])) || !runesEqual(folded[i:i+len(wr)], wr) {
				continue
			}
			if !boundary(i + len(wr)) {
				continue
			}
			for j := i; j < i+len(wr); j++ {
				marked[j] = true
			}
		}
	}
	var segs []Segment
	start := 0
	for i := 1; i <= len(folded); i++ {
		if i == len(folded) || marked[i] != marked[start] {
			// The first segment starts at byte 0: runes that fold to
			// nothing (a stray combining mark, NUL) before the first letter
			// must not be lost (found by FuzzFold).
			from := offs[start]
			if start == 0 {
				from = 0
			}
			segs = append(segs, Segment{Text: text[from:offs[i]], Match: marked[start]})
			start = i
		}
	}
	if len(segs) == 0 {
		return []Segment{{Text: text}}
	}
	return segs
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Excerpt returns about max runes of text around the first match of query
// (from the start when nothing matches), with "…" where it was cut.
func Excerpt(text, query string, size int) string {
	if utf8.RuneCountInString(text) <= size {
		return text
	}
	runes := []rune(text)
	start := 0
	if words := strings.Fields(Fold(query)); len(words) > 0 {
		// Fold rune by rune, one folded rune per rune of text, so that a
		// match's position holds even where Fold would merge spaces.
		f := make([]rune, len(runes))
		for i, r := range runes {
			if f[i] = foldRune(r); unicode.IsSpace(f[i]) {
				f[i] = ' '
			}
		}
		if i := strings.Index(string(f), words[0]); i >= 0 {
			start = utf8.RuneCountInString(string(f)[:i]) - size/4
		}
	}
	if start < 0 {
		start = 0
	}
	end := start + size
	if end > len(runes) {
		end = len(runes)
		start = max(0, end-size)
	}
	out := string(runes[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(runes) {
		out += "…"
	}
	return out
}
