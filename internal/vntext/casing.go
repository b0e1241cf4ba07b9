package vntext

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Vietnamese administrative documents write their titles in capitals
// ("KẾ HOẠCH TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP …"), which shout
// from a list, a heading or a sentence that quotes them. SentenceCase
// writes such a title the way the documents' own body text does: lower
// case, except abbreviations and document numbers (UBND, KH&CN, 71/NQ-CP),
// Roman numerals that number something (Quý IV), the names of the
// Party's and State's bodies (Chính phủ, Bộ Chính trị, Ban Thường vụ Tỉnh
// ủy, Ủy ban nhân dân), documents cited by number (Nghị quyết số …), the
// provinces after "tỉnh" or "thành phố", and the first letter.

// Shouting reports whether s is written in capitals: at least two words
// that are Vietnamese syllables written in capitals (so "UBND" alone is
// not shouting) and at most one lower-case letter in twenty.
func Shouting(s string) bool {
	letters, lower, words := 0, 0, 0
	for _, w := range strings.Fields(s) {
		upperWord := true
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsLower(r) {
					lower++
					upperWord = false
				}
			}
		}
		if core := strings.TrimFunc(w, notWordRune); upperWord && core != "" && isSyllable(core) {
			words++
		}
	}
	return words >= 2 && lower*20 <= letters
}

// SentenceCase returns s (NFC) in sentence case when it is Shouting, and s
// unchanged otherwise: a title someone typed in mixed case is theirs.
func SentenceCase(s string) string {
	s = NFC(s)
	if !Shouting(s) {
		return s
	}
	toks := tokenize(s)
	var words []int // indices of word tokens
	for i, t := range toks {
		if t.word {
			words = append(words, i)
		}
	}
	prev := ""
	for _, i := range words {
		w := toks[i].text
		toks[i].text = caseWord(w, prev)
		prev = Fold(w)
	}
	capitalizeNames(toks, words)
	var b strings.Builder
	first := true
	for _, t := range toks {
		if first && t.word {
			t.text = upperFirst(t.text)
			first = false
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// token is a word (letters, digits and the marks inside numbers and
// abbreviations: 71/NQ-CP, KH&CN, 4.0) or the text between two words.
type token struct {
	text string
	word bool
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// tokenize splits s into words and separators; a word keeps the marks
// inside it and gives up the punctuation at its edges.
func tokenize(s string) []token {
	var out []token
	sep := func(t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && !out[n-1].word {
			out[n-1].text += t
			return
		}
		out = append(out, token{text: t})
	}
	rest := s
	for rest != "" {
		i := strings.IndexFunc(rest, unicode.IsSpace)
		chunk := rest
		if i == 0 {
			_, n := utf8.DecodeRuneInString(rest)
			sep(rest[:n])
			rest = rest[n:]
			continue
		}
		if i > 0 {
			chunk = rest[:i]
		}
		rest = rest[len(chunk):]
		start := strings.IndexFunc(chunk, func(r rune) bool { return !notWordRune(r) })
		if start < 0 {
			sep(chunk)
			continue
		}
		end := strings.LastIndexFunc(chunk, func(r rune) bool { return !notWordRune(r) })
		_, n := utf8.DecodeRuneInString(chunk[end:])
		sep(chunk[:start])
		out = append(out, token{text: chunk[start : end+n], word: true})
		sep(chunk[end+n:])
	}
	return out
}

// romanContext are the words after which a Roman numeral numbers
// something ("Quý IV", "khóa XIII"), even one that spells a syllable (VI).
var romanContext = map[string]bool{"quy": true, "phan": true, "muc": true, "chuong": true, "khoa": true,
	"lan": true, "ky": true, "giai doan": true, "doan": true, "luc": true, "hoi": true, "thu": true}

var romanRe = regexp.MustCompile(`^[IVXLC]+$`)

// caseWord is one word of a shouting text in sentence case: abbreviations,
// numbers and numbering Roman numerals as written, every other word in
// lower case. prev is the previous word, folded.
func caseWord(w, prev string) string {
	switch up := strings.ToUpper(w); {
	case up == "IOT":
		return "IoT"
	case up == "AI":
		return "AI"
	case romanRe.MatchString(up):
		if romanContext[prev] || !isSyllable(w) {
			return w
		}
	case strings.IndexFunc(w, unicode.IsDigit) >= 0:
		return w
	default:
		for _, part := range strings.FieldsFunc(w, notWordRune) {
			if !isSyllable(part) {
				return w // UBND, KH&CN, NQ-CP, GRDP
			}
		}
	}
	return strings.ToLower(w)
}

// syllableRe is the shape of one Vietnamese syllable, folded: an initial
// consonant, a vowel nucleus, a final consonant. A word that does not fit
// it (UBND, CNTT, GRDP, ICT) is an abbreviation.
var syllableRe = regexp.MustCompile(`^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?` +
	`(uye|uya|uyu|ieu|yeu|oai|oay|oao|oeo|uay|uoi|uou|ai|ao|au|ay|eo|eu|ia|iu|ie|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y)` +
	`(ch|ng|nh|[cmnpt])?$`)

// isSyllable reports whether w (letters only) can be one Vietnamese syllable.
func isSyllable(w string) bool { return syllableRe.MatchString(Fold(w)) }

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// LowerFirst lowers the first letter of s ("Quý II/2025" → "quý II/2025",
// "Thực hiện Nghị quyết số 71/NQ-CP" → "thực hiện Nghị quyết số
// 71/NQ-CP"), for a phrase that continues a sentence, and nothing else. A
// first word that is an abbreviation or a number ("UBND tỉnh", "KH&CN",
// "5G") is left as written, and so is one that begins a name — the next
// word is capitalised too, and is not a Roman numeral: "Sở Tài chính".
func LowerFirst(s string) string {
	s = NFC(s)
	w := strings.Fields(s)
	if len(w) == 0 {
		return s
	}
	if core := strings.TrimFunc(w[0], notWordRune); core != "" && !isSyllable(core) {
		return s
	}
	if len(w) > 1 && !roman(w[1]) {
		if r, _ := utf8.DecodeRuneInString(w[1]); unicode.IsUpper(r) {
			return s
		}
	}
	i := strings.Index(s, w[0])
	r, n := utf8.DecodeRuneInString(s[i:])
	return s[:i] + string(unicode.ToLower(r)) + s[i+n:]
}

// roman reports whether a word is a Roman numeral, alone or before a
// slash or a dash ("II", "IV/2026", "III-2025").
func roman(w string) bool {
	if i := strings.IndexAny(w, "/-.,"); i >= 0 {
		w = w[:i]
	}
	return w != "" && strings.Trim(w, "IVXLC") == ""
}
