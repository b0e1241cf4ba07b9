package plan

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// Citations are matched on folded text (see foldWithOffsets), so the title
// line in capitals ("NGHỊ QUYẾT SỐ 71/NQ-CP") and text typed without
// diacritics ("Quyet dinh so 1132/QD-TTg") are read like the rest.
var (
	// kind [hành động|liên tịch] [số] số/ký-hiệu [ngày dd/mm/yyyy], at a word start
	reCitation = regexp.MustCompile(`^(nghi quyet|quyet dinh|ke hoach|chuong trinh|thong tu|nghi dinh|chi thi|cong van|cong dien|ket luan|thong bao|huong dan|phap lenh|luat|quy dinh|de an|qd|nq|kh|nd|tt|ct|cv|kl)(?: (?:hanh dong|lien tich))?(?: so)? ?:? ?(` + docNumber + `)` + citationDate)
	// Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15; Luật Đất đai năm 2024.
	reLawCitation = regexp.MustCompile(`^luat ((?:[a-z]+,? ){0,11}[a-z]+) (?:so (` + docNumber + `)|nam (\d{4}))\b` + citationDate)
	reHasLetter   = regexp.MustCompile(`[a-z]`)
)

// docNumber is a số, ký hiệu: "1132/qd-ttg", "57-nq/tw", "70/2025/ubtvqh15".
const docNumber = `\d+[a-z0-9]*(?:[/-][a-z0-9]+)+`

// citationDate is the optional issue date after a number; groups: day, month, year.
const citationDate = `(?:,? ngay (\d{1,2})(?: ?[/.-] ?| thang )(\d{1,2})(?: ?[/.-] ?| nam )(\d{4}))?`

// FindReferences returns the legal documents text cites ("Nghị quyết số
// 71/NQ-CP ngày 01/4/2025", "Chương trình 86-CTr/TU", "Quyết định
// 42/2014/QĐ-TTg"), each once (by number) in order of first appearance, so
// the register can link plans and tasks to the documents they implement.
// A later citation with a date completes an earlier one without.
func FindReferences(text string) []Reference {
	src := vntext.NFC(text)
	if number, law := mayCite(src); !number && !law {
		return nil
	}
	ft := foldWithOffsets(src)
	var refs []Reference
	seen := map[string]int{}
	add := func(r Reference) {
		key := vntext.Fold(r.Number)
		if r.Number == "" {
			key = r.Kind + "|" + vntext.Fold(r.Text)
		}
		if i, ok := seen[key]; ok {
			if better(r, refs[i]) {
				refs[i].IssuedOn, refs[i].Text = r.IssuedOn, r.Text
			}
			return
		}
		seen[key] = len(refs)
		refs = append(refs, r)
	}
	for _, c := range ft.citations() {
		add(c.ref)
	}
	return refs
}

// better reports whether a later citation of the same document reads
// better than the first: it gives the date the first lacks, or says the
// same in ordinary case where the first was a title line in capitals.
func better(later, first Reference) bool {
	if first.IssuedOn.IsZero() {
		return !later.IssuedOn.IsZero()
	}
	return later.IssuedOn.Equal(first.IssuedOn) && allCaps(first.Text) && !allCaps(later.Text)
}

// allCaps reports whether s has letters and no lower-case ones.
func allCaps(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}

// citations finds numbered documents and named laws, in text order. The
// patterns are tried only at words that can start a citation: scanning a
// whole paragraph with them costs ten times more.
func (ft foldedText) citations() []citation {
	var out []citation
	next := 0 // citations do not overlap
	for _, p := range wordStarts(ft.s) {
		if p < next {
			continue
		}
		w := ft.s[p:]
		if k := strings.IndexFunc(w, func(r rune) bool { return r >= utf8.RuneSelf || !isAlnum(byte(r)) }); k >= 0 {
			w = w[:k]
		}
		c, ok := ft.citationAt(p, w)
		if ok {
			out = append(out, c)
			next = p + c.end
		}
	}
	return out
}

// citation is a reference found in folded text, with where it ends
// relative to where it starts.
type citation struct {
	ref Reference
	end int
}

// citationAt reads a citation starting with the folded word w at byte p.
func (ft foldedText) citationAt(p int, w string) (citation, bool) {
	if w == "luat" {
		if c, ok := ft.lawAt(p); ok {
			return c, true
		}
	}
	if _, ok := citationKinds[w]; !ok && !citationFirstWord(w) {
		return citation{}, false
	}
	m := reCitation.FindStringSubmatchIndex(ft.s[p:])
	if m == nil {
		return citation{}, false
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += p
		}
	}
	if !reHasLetter.MatchString(ft.s[m[4]:m[5]]) {
		return citation{}, false // "Kế hoạch 2025-2030" is a period, not a ký hiệu
	}
	if m[3]-m[2] == 2 && !allCaps(ft.source(m[2], m[3])) {
		return citation{}, false // "kh 12/…" is no "KH 12/…"
	}
	kind := citationKinds[ft.s[m[2]:m[3]]]
	r, end := ft.reference(kind, ft.source(m[4], m[5]), p, m[5], m[6:12])
	return citation{ref: r, end: end - p}, true
}

// citationFirstWord reports whether w is the first word of a two-word kind ("nghi quyet").
func citationFirstWord(w string) bool {
	switch w {
	case "nghi", "quyet", "ke", "chuong", "thong", "chi", "cong", "ket", "huong", "phap", "quy", "de":
		return true
	}
	return false
}

// lawAt reads a law cited by name at byte p: "Luật Đất đai năm 2024",
// "Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15".
func (ft foldedText) lawAt(p int) (citation, bool) {
	m := reLawCitation.FindStringSubmatchIndex(ft.s[p:])
	if m == nil {
		return citation{}, false
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += p
		}
	}
	if !startsUpper(ft.source(m[0], len(ft.s))) || !startsUpper(ft.source(m[2], len(ft.s))) {
		return citation{}, false // "pháp luật về …", not a law's name
	}
	num, end := "", m[7] // "Luật Đất đai năm 2024": no number
	if m[4] >= 0 {
		num, end = ft.source(m[4], m[5]), m[5]
	}
	r, end := ft.reference("Luật", num, p, end, m[8:14])
	return citation{ref: r, end: end - p}, true
}

// mayCite is a quick look at a text before anything is folded or matched:
// whether it has something shaped like a document number (a digit, then "/"
// or "-" and a letter or digit: "71/NQ", "57-NQ", "12/ĐA") and whether it
// may name a law. Most paragraphs cite nothing.
func mayCite(s string) (number, law bool) {
	law = strings.Contains(s, "uật") || strings.Contains(s, "UẬT") || strings.Contains(s, "uat") || strings.Contains(s, "UAT")
	for i := 1; i+1 < len(s); i++ {
		if (s[i] == '/' || s[i] == '-') && isDigit(s[i-1]) && (isAlnum(s[i+1]) || s[i+1] >= utf8.RuneSelf || 'A' <= s[i+1] && s[i+1] <= 'Z') {
			return true, law
		}
	}
	return false, law
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }
func isAlnum(b byte) bool { return isDigit(b) || 'a' <= b && b <= 'z' }

// reference builds a Reference from a match: kind, the number as written,
// the folded span [from, numEnd) and the date groups (day, month, year).
func (ft foldedText) reference(kind, num string, from, numEnd int, date []int) (Reference, int) {
	r := Reference{Kind: kind, Number: num, IssuerCode: issuerCode(kind, num)}
	end := numEnd
	if date[0] >= 0 {
		d, m, y := atoi(ft.s[date[0]:date[1]]), atoi(ft.s[date[2]:date[3]]), atoi(ft.s[date[4]:date[5]])
		if t := Date(y, time.Month(m), d); m >= 1 && m <= 12 && t.Day() == d && y >= minDeadlineYear {
			r.IssuedOn = t
			end = date[5]
		}
	}
	r.Text = strings.TrimSpace(ft.source(from, end))
	return r, end
}

// issuerCode is the issuing body's part of a ký hiệu: after the type code in
// the last segment ("QĐ-TTg" → "TTg", "TT-BKHCN" → "BKHCN", joint
// "TTLT-BTC-BKHCN" → "BTC-BKHCN"), the whole last segment when it has no
// type code ("57-NQ/TW" → "TW", "70/2025/UBTVQH15" → "UBTVQH15"). A công
// văn's ký hiệu puts the issuer first ("123/UBND-KGVX" → "UBND").
func issuerCode(kind, num string) string {
	last := num[strings.LastIndexByte(num, '/')+1:]
	typ, rest, ok := strings.Cut(last, "-")
	if !ok {
		return last
	}
	if kind == "Công văn" || kind == "Công điện" {
		return typ
	}
	return rest
}

// citationKinds gives each folded kind word its usual spelling.
var citationKinds = map[string]string{
	"nghi quyet":   "Nghị quyết",
	"quyet dinh":   "Quyết định",
	"ke hoach":     "Kế hoạch",
	"chuong trinh": "Chương trình",
	"thong tu":     "Thông tư",
	"nghi dinh":    "Nghị định",
	"chi thi":      "Chỉ thị",
	"cong van":     "Công văn",
	"cong dien":    "Công điện",
	"ket luan":     "Kết luận",
	"thong bao":    "Thông báo",
	"huong dan":    "Hướng dẫn",
	"phap lenh":    "Pháp lệnh",
	"luat":         "Luật",
	"quy dinh":     "Quy định",
	"de an":        "Đề án",
	// abbreviations, as in "QĐ 42/2014/QĐ-TTg"; only in capitals
	"qd": "Quyết định",
	"nq": "Nghị quyết",
	"kh": "Kế hoạch",
	"nd": "Nghị định",
	"tt": "Thông tư",
	"ct": "Chỉ thị",
	"cv": "Công văn",
	"kl": "Kết luận",
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
