package plan

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// maxTitleRunes bounds a derived title, "…" included: long enough to say
// what a task is, short enough for one line of a list on a phone.
const maxTitleRunes = 120

// TitleFromText derives a short title for lists from a task paragraph,
// because plan paragraphs run to hundreds of words and have no titles of
// their own: the first clause or sentence, spaces collapsed, at most
// maxTitleRunes runes cut at a word boundary (preferring a comma near the
// end), trailing punctuation trimmed, "…" added when the clause was cut.
func TitleFromText(text string) string {
	s := strings.TrimLeftFunc(vntext.NFC(text), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("-+•*–—.;,:", r)
	})
	s = collapseSpaces(firstClause(s))
	cut := false
	if utf8.RuneCountInString(s) > maxTitleRunes {
		s, cut = cutAtWord(s, maxTitleRunes-1), true
	}
	s = trimTitleEnd(s)
	if cut && s != "" {
		s += "…"
	}
	return s
}

// firstClause returns s up to the end of its first clause: a semicolon, or
// a sentence end (".", "!", "?" before a capital letter), outside
// parentheses. A colon ends it too when at least three words precede it
// ("Mục tiêu cụ thể: …"). Abbreviations ("TP. Cà Mau") do not end a sentence.
func firstClause(s string) string {
	depth := 0
	for i, r := range s {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			depth = max(0, depth-1)
		case ';', '\n', '\r':
			if depth == 0 {
				return s[:i]
			}
		case ':':
			if depth == 0 && strings.Count(strings.TrimSpace(s[:i]), " ") >= 2 {
				return s[:i]
			}
		case '.', '!', '?':
			if depth == 0 && sentenceEnds(s, i) {
				return s[:i]
			}
		}
	}
	return s
}

// sentenceEnds reports whether the stop at byte i of s ends a sentence: it
// is followed by a space and a capital letter (or nothing), and the word
// before it is not a short all-capitals abbreviation.
func sentenceEnds(s string, i int) bool {
	rest := s[i+1:]
	if rest != "" {
		next := strings.TrimLeftFunc(rest, unicode.IsSpace)
		if len(next) == len(rest) {
			return false // "4.0", "v.v", "..."
		}
		if r, _ := utf8.DecodeRuneInString(next); next != "" && !unicode.IsUpper(r) {
			return false
		}
	}
	word := s[strings.LastIndexFunc(s[:i], unicode.IsSpace)+1 : i]
	if n := utf8.RuneCountInString(word); n > 0 && n <= 3 && strings.ToUpper(word) == word {
		return false
	}
	return true
}

// collapseSpaces turns every run of white space into one space, allocating
// only when there is something to change.
func collapseSpaces(s string) string {
	clean := true
	prevSpace := false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (r != ' ' || prevSpace) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// cutAtWord shortens s to at most n runes at a word boundary, preferring a
// comma in the last third, and dropping a parenthesis left open.
func cutAtWord(s string, n int) string {
	head := s
	for i := range s { // the byte offset of rune n
		if n == 0 {
			head = s[:i]
			break
		}
		n--
	}
	if next, _ := utf8.DecodeRuneInString(s[len(head):]); next != ' ' {
		if sp := strings.LastIndexByte(head, ' '); sp > len(head)/2 {
			head = head[:sp]
		}
	}
	if c := strings.LastIndex(head, ", "); c > len(head)*2/3 {
		head = head[:c]
	}
	if o := strings.LastIndexByte(head, '('); o > len(head)/3 && !strings.Contains(head[o:], ")") {
		head = head[:o]
	}
	return head
}

// trimTitleEnd drops the spaces and punctuation a cut or a clause leaves at the end.
func trimTitleEnd(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(".,;:-–—…(/", r)
	})
}
