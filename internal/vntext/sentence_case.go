package vntext

import (
	"strings"
	"unicode"
)

// Plans' titles are often written in capitals (the title block of an
// administrative document is). Inside a generated sentence — a notice, an
// e-mail, the audit log — a title in capitals shouts, and lowering it
// whole loses what must keep its case: "71/NQ-CP", "Chính phủ".
// SentenceCase writes such a title as a sentence would.

// abbreviations keep their capitals when a title in capitals is written
// as a sentence.
var abbreviations = map[string]bool{
	"UBND": true, "HĐND": true, "MTTQ": true, "KH&CN": true, "KHCN": true, "CNTT": true, "ĐMST": true,
	"CĐS": true, "GRDP": true, "GDP": true, "TW": true, "CP": true, "TTG": true, "QĐ": true, "NQ": true,
	"KH": true, "BCH": true, "BTV": true, "HĐ": true, "VN": true, "KT-XH": true, "R&D": true, "AI": true,
}

// properNames are written with their capitals in a sentence: institutions
// and places that plans name. Longer names first.
var properNames = []string{
	"Mặt trận Tổ quốc Việt Nam", "Ban Thường vụ Tỉnh ủy", "Ban Chấp hành Trung ương", "Bộ Chính trị",
	"Ủy ban nhân dân", "Hội đồng nhân dân", "Chính phủ", "Thủ tướng", "Quốc hội", "Trung ương", "Tỉnh ủy",
	"Bộ Khoa học và Công nghệ", "Sở Khoa học và Công nghệ", "Việt Nam", "Cà Mau", "Bạc Liêu",
}

// documentKinds are capitalised before "số" ("Nghị quyết số 71/NQ-CP").
var documentKinds = []string{"nghị quyết", "quyết định", "kế hoạch", "chỉ thị", "thông tư", "nghị định", "luật", "công văn", "chương trình"}

// SentenceCase writes text that is all in capitals as a sentence: each
// word lowered but codes ("71/NQ-CP", "57-NQ/TW"), known abbreviations
// (UBND, KH&CN), the proper names above and a document's kind before its
// number ("Nghị quyết số"); the first letter capitalised. Text with any
// lower-case letter is returned as it is: it was written with care.
func SentenceCase(text string) string {
	text = NFC(text)
	if text == "" || strings.ToUpper(text) != text || strings.ToLower(text) == text {
		return text
	}
	words := strings.Fields(text)
	for i, w := range words {
		core := strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) && r != '&' && r != '/' && r != '-' })
		if abbreviations[core] || strings.ContainsAny(core, "0123456789/") || strings.Contains(core, "-") && len([]rune(core)) <= 8 {
			continue
		}
		words[i] = strings.ToLower(w)
	}
	s := strings.Join(words, " ")
	for _, name := range properNames {
		s = replaceFold(s, strings.ToLower(name), name)
	}
	for _, kind := range documentKinds {
		s = replaceFold(s, kind+" số", upperFirst(kind)+" số")
	}
	return upperFirst(s)
}

// replaceFold replaces every whole-word occurrence of lower in s by with.
func replaceFold(s, lower, with string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, lower)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(lower)
		before := i == 0 || !isWordRuneBefore(s[:i])
		after := end == len(s) || !isWordRuneAfter(s[end:])
		b.WriteString(s[:i])
		if before && after {
			b.WriteString(with)
		} else {
			b.WriteString(s[i:end])
		}
		s = s[end:]
	}
}

func isWordRuneBefore(s string) bool {
	r := []rune(s)
	return len(r) > 0 && isWordRune(r[len(r)-1])
}

func isWordRuneAfter(s string) bool {
	for _, r := range s {
		return isWordRune(r)
	}
	return false
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+len(string(r)):]
		}
	}
	return s
}
