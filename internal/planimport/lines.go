package planimport

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// line is one paragraph of a plan document after normalisation. A DOCX
// paragraph holding line breaks gives several lines with the same n.
type line struct {
	n    int    // 1-based paragraph number in the source, for warnings
	text string // NFC, single spaces, trimmed, never empty, no '\n'
}

// markKind is the numbering level a paragraph starts with.
type markKind int

const (
	markNone    markKind = iota
	markRoman            // "I.", "II." — parts
	markDecimal          // "1.", "4.1.", "4.1" — groups and sub-groups
	markLetter           // "a)", "đ)" — items
	markBullet           // "-", "+", "•" — content paragraphs, not sections
	markTaskNo           // "Nhiệm vụ 1:", "Nhiệm vụ thứ hai:" — items, like letters
)

// mark is what classify found at the start of a paragraph.
type mark struct {
	kind   markKind
	number string // as a label: "III", "4.1", "a"; "" for bullets and plain text
	comps  []int  // Roman value, decimal components or letter position (1-based)
	bullet rune   // '-' or '+' for bullets ('-' stands for every dash and dot glyph)
	rest   string // the text after the mark
	part   string // the part a decimal number names: "I" of "I.3."
}

// classify reads the numbering mark a paragraph starts with. It is strict
// on purpose: a paragraph is only a heading when its mark cannot be the start
// of ordinary text ("10,5% hộ dân", "2025 là năm…", "C. Mác" are not).
func classify(s string) mark {
	if m, ok := romanMark(s); ok {
		return m
	}
	if m, ok := partWordMark(s); ok {
		return m
	}
	if m, ok := letterPartMark(s); ok {
		return m
	}
	if m, ok := decimalMark(s); ok {
		return m
	}
	if m, ok := romanDecimalMark(s); ok {
		return m
	}
	if m, ok := letterMark(s); ok {
		return m
	}
	if m, ok := taskNoMark(s); ok {
		return m
	}
	if m, ok := bulletMark(s); ok {
		return m
	}
	return mark{rest: s}
}

// romanMark reads "III. TITLE", "IV- TITLE", "V) TITLE". Only numerals up to
// XXXIX count, so that a stray initial ("C.", "L.") is not a part.
func romanMark(s string) (mark, bool) {
	i := 0
	for i < len(s) && strings.IndexByte("IVX", s[i]) >= 0 {
		i++
	}
	if i == 0 || i > 6 {
		return mark{}, false
	}
	v, ok := romanValue(s[:i])
	if !ok {
		return mark{}, false
	}
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, "."), strings.HasPrefix(rest, ")"), strings.HasPrefix(rest, "/"):
		rest = rest[1:]
	case strings.HasPrefix(rest, " - "), strings.HasPrefix(rest, " – "):
		rest = rest[strings.Index(rest[1:], " ")+2:]
	case strings.HasPrefix(rest, "- "), strings.HasPrefix(rest, "– "):
		_, size := utf8.DecodeRuneInString(rest)
		rest = rest[size:]
	default:
		return mark{}, false
	}
	// "I.1" or "V.5%" is not a part heading, nor a lone "V." (a part
	// always has a title; a lone numeral is more likely a typo).
	if r, _ := utf8.DecodeRuneInString(rest); strings.TrimSpace(rest) == "" || (r != ' ' && !unicode.IsLetter(r)) {
		return mark{}, false
	}
	return mark{kind: markRoman, number: s[:i], comps: []int{v}, rest: strings.TrimSpace(rest)}, true
}

// letterPartMark reads "A. NHIỆM VỤ CHUNG", "B) NHIỆM VỤ CỤ THỂ": parts
// lettered in capitals, their titles in capitals (so that a sentence
// starting with a one-letter word is not one). I, V and X are Roman.
func letterPartMark(s string) (mark, bool) {
	if len(s) < 4 || s[0] < 'A' || s[0] > 'H' || (s[1] != '.' && s[1] != ')') || s[2] != ' ' {
		return mark{}, false
	}
	rest := strings.TrimSpace(s[3:])
	if utf8.RuneCountInString(rest) < 3 || !isUpper(rest) {
		return mark{}, false
	}
	return mark{kind: markRoman, number: s[:1], comps: []int{int(s[0]-'A') + 1}, rest: rest}, true
}

// partWordMark reads "Phần I. TITLE", "PHẦN II: TITLE", "Phần thứ ba -
// TITLE": the parts of a đề án, read as Roman parts.
func partWordMark(s string) (mark, bool) {
	f := vntext.Fold(firstRunes(s, 20))
	if !strings.HasPrefix(f, "phan ") {
		return mark{}, false
	}
	rest := afterRunes(s, len("phan "))
	fr := f[len("phan "):]
	if strings.HasPrefix(fr, "thu ") {
		ord := []string{"nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi"}
		word := strings.TrimRight(strings.SplitN(fr[4:], " ", 2)[0], ":.-")
		for k, o := range ord {
			if word == o {
				rest = afterRunes(rest, utf8.RuneCountInString("thu "+word))
				rest = strings.TrimLeft(rest, " ")
				if t := strings.TrimSpace(strings.TrimLeft(rest, ":.-–")); t != "" && t != rest {
					return mark{kind: markRoman, number: toRoman(k + 1), comps: []int{k + 1}, rest: t}, true
				}
			}
		}
		return mark{}, false
	}
	// "Phần I: …" reads like "I. …" once the colon is a full stop.
	if i := strings.IndexAny(rest, ":"); i > 0 && i < 8 {
		rest = rest[:i] + "." + rest[i+1:]
	}
	return romanMark(rest)
}

// romanValue converts a Roman numeral of I, V and X; ok is false for
// non-canonical spellings ("IIII", "VX").
func romanValue(s string) (int, bool) {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10}
	total := 0
	for i := 0; i < len(s); i++ {
		v := vals[s[i]]
		if i+1 < len(s) && v < vals[s[i+1]] {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || toRoman(total) != s {
		return 0, false
	}
	return total, true
}

// toRoman writes n (1–39) as a Roman numeral.
func toRoman(n int) string {
	if n <= 0 || n >= 40 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for ; n >= 10; n -= 10 {
		b.WriteByte('X')
	}
	b.WriteString([]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}[n])
	return b.String()
}

// decimalMark reads "1. Title", "1) Title", "1/ Title", "1- Title",
// "4.1. Title", "4.1 Title", "4.1.2. Title". Components have one or two digits; a first-level number
// needs its dot or parenthesis, deeper ones may omit the final dot.
func decimalMark(s string) (mark, bool) {
	var comps []int
	i := 0
	for {
		j := i
		for j < len(s) && j-i < 3 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j-i > 2 || (j < len(s) && s[j] >= '0' && s[j] <= '9') {
			return mark{}, false
		}
		n, _ := strconv.Atoi(s[i:j])
		comps = append(comps, n)
		i = j
		// Another component follows "." only when a digit comes right after.
		if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
			i++
			continue
		}
		break
	}
	if len(comps) > 6 {
		return mark{}, false
	}
	term := false
	switch {
	case i < len(s) && (s[i] == '.' || s[i] == ')' || (s[i] == '/' && len(comps) == 1)):
		term = true
		i++
	case strings.HasPrefix(s[i:], "- ") && len(comps) == 1 && len(s) > i+2 && s[i+2] != '-':
		// "1- Title", as Party documents number their groups.
		term = true
		i++
	}
	if !term && len(comps) == 1 {
		return mark{}, false
	}
	rest := s[i:]
	if rest != "" {
		r, _ := utf8.DecodeRuneInString(rest)
		switch {
		case r == ' ':
		case term && unicode.IsLetter(r): // "1.Mục đích" — a missing space
		default:
			return mark{}, false // "10.5%", "1.000 người", "3/2025"
		}
	}
	parts := make([]string, len(comps))
	for k, c := range comps {
		parts[k] = strconv.Itoa(c)
	}
	return mark{kind: markDecimal, number: strings.Join(parts, "."), comps: comps, rest: strings.TrimSpace(rest)}, true
}

// vnLetters is the order of lettered items in Vietnamese documents: đ comes
// after d, and f, j, w, z are not used (kept at the end for typed oddities).
const vnLetters = "abcdđeghiklmnopqrstuvxyfjwz"

// letterMark reads "a) Title", "đ) Title" and "a. Title".
func letterMark(s string) (mark, bool) {
	r, size := utf8.DecodeRuneInString(s)
	pos := strings.IndexRune(vnLetters, r)
	if pos < 0 || size >= len(s) {
		return mark{}, false
	}
	switch s[size] {
	case ')', '/':
	case '.':
		// "a. Title" but not "v.v." or an abbreviation like "a.m."
		if size+1 < len(s) && s[size+1] != ' ' {
			return mark{}, false
		}
	default:
		return mark{}, false
	}
	rest := s[size+1:]
	if rest != "" && rest[0] != ' ' {
		if next, _ := utf8.DecodeRuneInString(rest); !unicode.IsLetter(next) {
			return mark{}, false
		}
	}
	return mark{kind: markLetter, number: string(r), comps: []int{utf8.RuneCountInString(vnLetters[:pos]) + 1}, rest: strings.TrimSpace(rest)}, true
}

// romanDecimalMark reads "I.3. Title" and "II.2.1. Title": a group
// numbered with its part's numeral in front. It is read as the decimal
// number after the numeral, placed in that part.
func romanDecimalMark(s string) (mark, bool) {
	i := 0
	for i < len(s) && strings.IndexByte("IVX", s[i]) >= 0 {
		i++
	}
	if i == 0 || i >= len(s) || s[i] != '.' {
		return mark{}, false
	}
	if _, ok := romanValue(s[:i]); !ok {
		return mark{}, false
	}
	m, ok := decimalMark(s[i+1:])
	if !ok || (len(m.comps) == 1 && !strings.HasPrefix(strings.TrimPrefix(s[i+1:], m.number), ".")) {
		return mark{}, false
	}
	m.part = s[:i]
	return m, true
}

// taskNoMark reads "Nhiệm vụ 1:", "Nhiệm vụ 2.", "Nhiệm vụ thứ ba:" (and
// "Giải pháp 1:"): items numbered by words, read like lettered items.
func taskNoMark(s string) (mark, bool) {
	f := vntext.Fold(firstRunes(s, 24))
	var word string
	for _, w := range []string{"nhiem vu ", "giai phap "} {
		if strings.HasPrefix(f, w) {
			word = w
		}
	}
	if word == "" {
		return mark{}, false
	}
	rest := afterRunes(s, utf8.RuneCountInString(word))
	fr := f[len(word):]
	n, used := 0, 0
	switch {
	case len(fr) > 0 && fr[0] >= '0' && fr[0] <= '9':
		for used < len(fr) && fr[used] >= '0' && fr[used] <= '9' && used < 3 {
			n = n*10 + int(fr[used]-'0')
			used++
		}
		rest = rest[used:]
	case strings.HasPrefix(fr, "thu "):
		ord := []string{"nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi"}
		word := strings.TrimRight(strings.SplitN(fr[4:], " ", 2)[0], ":.")
		for k, o := range ord {
			if word == o {
				n = k + 1
			}
		}
		if n == 0 {
			return mark{}, false
		}
		rest = afterRunes(rest, utf8.RuneCountInString("thứ "+word))
	default:
		return mark{}, false
	}
	rest = strings.TrimSpace(rest)
	if !strings.HasPrefix(rest, ":") && !strings.HasPrefix(rest, ".") {
		return mark{}, false
	}
	rest = strings.TrimSpace(rest[1:])
	if rest == "" {
		return mark{}, false
	}
	return mark{kind: markTaskNo, number: strconv.Itoa(n), comps: []int{n}, rest: rest}, true
}

// bulletMark reads "- text", "+ text", "• text" (and "-text"). '+' is kept
// apart because it marks a sub-point of the paragraph before it.
func bulletMark(s string) (mark, bool) {
	r, size := utf8.DecodeRuneInString(s)
	var b rune
	switch r {
	case '-', '–', '—', '•', '·', '▪', '●', '○', '*', '\uf0b7': // U+F0B7 is Word's Symbol-font bullet
		b = '-'
	case '+':
		b = '+'
	default:
		return mark{}, false
	}
	rest := strings.TrimSpace(s[size:])
	if rest == "" {
		return mark{}, false
	}
	return mark{kind: markBullet, bullet: b, rest: rest}, true
}

// isSeparator reports lines drawn with dashes or underscores under the
// header ("-----", "____"), which carry no text.
func isSeparator(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("-_–—=*. ", r) {
			return false
		}
	}
	return true
}

// isUpper reports whether the letters of s are (nearly) all capitals, as
// Vietnamese titles and part headings are written.
func isUpper(s string) bool {
	upper, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 0 && upper*10 >= letters*9
}
