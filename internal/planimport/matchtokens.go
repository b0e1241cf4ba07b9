package planimport

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is a word of folded text with the clause it belongs to; clauses end
// at ".", ";", "!", "?" and line breaks, where roles stop applying.
type token struct {
	text   string
	clause int
	sep    bool // punctuation (a comma, a dash…) comes between it and the word before
	// src is the word as written (NFC), "" for the words an abbreviation
	// stands for. Folding alone would read "số" and "sơ" as "Sở": a word
	// written with diacritics must carry the name's own (see wordKey).
	src string
	// capital: the word as written starts with a capital letter, as agency
	// names do ("Bộ Khoa học…", not "tiến bộ khoa học…").
	capital bool
	key     string // wordKey(src), once asked for
	keyed   bool
}

// wordKey gives the token's wordKey, computing it once.
func (t *token) wordKey() string {
	if !t.keyed {
		t.key, t.keyed = wordKey(t.src), true
	}
	return t.key
}

// words folds a name into the words it is matched by.
func (m *matcher) words(name string) []string {
	toks := m.tokens(name)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.text
	}
	return words
}

// tokens splits text into words, each folded (vntext.Fold: no case, no
// diacritics, đ→d) and kept as written, expanding abbreviations ("KH&CN",
// "KH & CN", "KHCN" → khoa học và công nghệ) so they match the names
// written in full.
func (m *matcher) tokens(text string) []token {
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	toks := make([]token, 0, len(text)/6+1) // a word and a space are 6 to 8 bytes of Vietnamese
	clause := 0
	var spans []span
	for line := range strings.Lines(text) {
		toks, spans, clause = m.lineTokens(toks, spans[:0], line, clause)
		clause++ // a line break ends a clause
	}
	return toks
}

// span is a word of a line while the line is folded.
type span struct {
	src        string
	from, to   int // in the folded line
	clause     int
	sep, upper bool
}

// lineTokens appends the words of one line, numbering clauses from clause;
// it returns the number of the line's last clause, and spans for reuse.
// The line is folded once into one string and each word's folded form is
// a piece of it, so a line costs a few allocations, not one per word.
func (m *matcher) lineTokens(toks []token, spans []span, s string, clause int) ([]token, []span, int) {
	var folded strings.Builder
	folded.Grow(len(s))
	sep := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			j := wordEnd(s, i)
			from := folded.Len()
			for _, wr := range s[i:j] {
				if f := foldRune(wr); f != 0 && f != ' ' {
					folded.WriteRune(f)
				}
			}
			spans = append(spans, span{src: s[i:j], from: from, to: folded.Len(), clause: clause, sep: sep, upper: unicode.IsUpper(r)})
			i, sep = j, false
			continue
		case r == ';' || r == '!' || r == '?':
			clause++
		case r == '.':
			if i+size == len(s) || s[i+size] == ' ' || s[i+size] == '\n' {
				clause++
			} else {
				sep = true
			}
		case !unicode.IsSpace(r):
			sep = true
		}
		i += size
	}
	line := folded.String()
	for _, sp := range spans {
		toks = m.appendWord(toks, sp.src, line[sp.from:sp.to], sp.clause, sp.sep, sp.upper)
	}
	return toks, spans, clause
}

// foldRune folds one rune as vntext.Fold does: lower case, the base letter
// of its canonical decomposition, đ→d; 0 for a lone combining mark.
func foldRune(r rune) rune {
	switch {
	case r == 'đ' || r == 'Đ':
		return 'd'
	case r < utf8.RuneSelf:
		return unicode.ToLower(r)
	case unicode.Is(unicode.Mn, r):
		return 0
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if d := norm.NFD.Properties(buf[:n]).Decomposition(); len(d) > 0 {
		base, _ := utf8.DecodeRune(d)
		return unicode.ToLower(base)
	}
	return unicode.ToLower(r)
}

// isWordRune reports whether r belongs to a word: letters, digits, the
// combining marks of decomposed text and the "&" of abbreviations.
func isWordRune(r rune) bool {
	return r == '&' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordEnd returns the end of the word starting at s[i]; an "&" with spaces
// around it joins its neighbours ("KH & CN").
func wordEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
		case r == ' ' && (strings.HasPrefix(s[i+1:], "&") || i > 0 && s[i-1] == '&'):
		default:
			return i
		}
		i += size
	}
	return i
}

// appendWord adds a word as written (src), folded (w), and expanded when it
// is a known abbreviation; sep says punctuation came before it, capital
// that it starts with a capital letter.
func (m *matcher) appendWord(toks []token, src, w string, clause int, sep, capital bool) []token {
	if !strings.Contains(w, "&") {
		if exp, ok := m.abbr[w]; ok {
			return appendExpansion(toks, exp, clause, sep, capital)
		}
		return append(toks, token{text: w, clause: clause, sep: sep, src: src, capital: capital})
	}
	if exp, ok := m.abbr[strings.ReplaceAll(w, "&", "")]; ok {
		return appendExpansion(toks, exp, clause, sep, capital)
	}
	for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '&' }) {
		toks = append(toks, token{text: part, clause: clause, sep: sep, capital: capital})
		sep = false
	}
	return toks
}

// appendExpansion appends the words an abbreviation stands for; they match
// whatever diacritics the name has, and the first is capital when the
// abbreviation is ("UBND").
func appendExpansion(toks, exp []token, clause int, sep, capital bool) []token {
	for k, e := range exp {
		toks = append(toks, token{text: e.text, clause: clause, sep: e.sep || (k == 0 && sep), capital: k == 0 && capital})
	}
	return toks
}

// wordKey is what must agree between a word written with diacritics and
// the name's word it is read as: its letters with their vowel marks (ô, ơ,
// ă, â, ư, đ) and its tone, wherever the tone mark sits ("hoá" and "hóa",
// "Uỷ" and "Ủy" agree; "số", "sơ" and "sở" do not). A word written
// without any diacritic gives "": it may stand for any of them, as people
// type.
func wordKey(src string) string {
	if src == "" || isASCII(src) {
		return ""
	}
	d := norm.NFD.String(strings.ToLower(src))
	var b strings.Builder
	b.Grow(len(d) + 1)
	tone := byte('0')
	for _, r := range d {
		switch r {
		case '\u0300':
			tone = '1'
		case '\u0301':
			tone = '2'
		case '\u0303':
			tone = '3'
		case '\u0309':
			tone = '4'
		case '\u0323':
			tone = '5'
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(tone)
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// abbreviations are the short forms provincial documents use for the
// words of agency names, folded and without "&", with their expansions
// (punctuation kept: "VHTT&DL" is "Văn hóa, Thể thao và Du lịch").
func abbreviations() map[string][]token {
	full := map[string]string{
		"khcn":     "khoa hoc va cong nghe",
		"gddt":     "giao duc va dao tao",
		"vhttdl":   "van hoa, the thao va du lich",
		"nnmt":     "nong nghiep va moi truong",
		"nnptnt":   "nong nghiep va phat trien nong thon",
		"tttt":     "thong tin va truyen thong",
		"ldtbxh":   "lao dong - thuong binh va xa hoi",
		"tnmt":     "tai nguyen va moi truong",
		"khdt":     "ke hoach va dau tu",
		"gtvt":     "giao thong van tai",
		"dttg":     "dan toc va ton giao",
		"ubnd":     "uy ban nhan dan",
		"hdnd":     "hoi dong nhan dan",
		"mttq":     "mat tran to quoc",
		"mttqvn":   "mat tran to quoc viet nam",
		"ubmttq":   "uy ban mat tran to quoc",
		"ubmttqvn": "uy ban mat tran to quoc viet nam",
		"vn":       "viet nam",
		"vp":       "van phong",
		"bql":      "ban quan ly",
		"kkt":      "khu kinh te",
		"bchqs":    "bo chi huy quan su",
		"tp":       "thanh pho",
	}
	abbr := make(map[string][]token, len(full))
	plain := &matcher{} // no abbreviations inside expansions
	for k, v := range full {
		toks := plain.tokens(v)
		for i := range toks {
			toks[i].src = "" // an expansion matches any diacritics
		}
		abbr[k] = toks
	}
	return abbr
}
