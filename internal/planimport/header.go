package planimport

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

var (
	// "Số: 60/KH-UBND", "SỐ: 60 /KH-UBND" (a stray space is common).
	codeRe = regexp.MustCompile(`(?i)(?:^|\s)số\s*[:：]\s*([0-9][^\s,;]*(?:\s/[^\s,;]+)?)`)
	// "Cà Mau, ngày 25 tháng 02 năm 2025"
	longDateRe = regexp.MustCompile(`(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
	// "Kế hoạch này thay thế Kế hoạch số 60/KH-UBND ngày …"
	replacesRe = regexp.MustCompile(`(?i)thay\s+thế\s+(?:cho\s+)?(?:kế\s+hoạch|KH)\s+số\s+([0-9][^\s,;()]*)`)
)

// readHeader reads the title block — the lines before the first numbered
// heading — into the plan: issuer (top left), số/ký hiệu, place and date,
// "KẾ HOẠCH" and the title lines under it (capitals kept as written). What
// is missing is reported, so the coordinator enters it before confirming.
func (p *parser) readHeader(hdr []line) {
	pl := &p.draft.Plan
	k := -1
	for i, l := range hdr {
		f := vntext.Fold(firstRunes(l.text, 20))
		if (f == "ke hoach" || strings.HasPrefix(f, "ke hoach ")) && isUpper(firstRunes(l.text, 20)) {
			k = i
			break
		}
	}
	used := make([]bool, len(hdr))
	// Number and date stand above "KẾ HOẠCH"; below it a title may well
	// cite another document's number and date.
	meta := hdr
	if k >= 0 {
		meta = hdr[:k]
	}
	for i, l := range meta {
		if code := codeRe.FindStringSubmatch(l.text); code != nil && pl.Code == "" {
			pl.Code = strings.TrimRight(strings.ReplaceAll(code[1], " ", ""), ".")
			used[i] = true
		}
		if d, ok := longDate(l.text); ok && pl.IssuedOn.IsZero() {
			pl.IssuedOn = d
			used[i] = true
		}
		if isNationalMotto(l.text) {
			used[i] = true
		}
	}
	if k >= 0 {
		used[k] = true
		var title []string
		if rest := strings.TrimSpace(afterRunes(hdr[k].text, utf8.RuneCountInString("KẾ HOẠCH"))); rest != "" {
			title = append(title, rest)
		}
		upper := true
		for j := k + 1; j < len(hdr) && !used[j]; j++ {
			t := hdr[j].text
			if strings.HasPrefix(vntext.Fold(firstRunes(t, 8)), "can cu") {
				break
			}
			if len(title) > 0 && !(upper && isUpper(t)) && !startsLower(t) {
				break
			}
			if len(title) == 0 {
				upper = isUpper(t)
			}
			title = append(title, t)
			used[j] = true
		}
		pl.Title = strings.Join(title, " ")
		pl.Issuer = issuerBefore(hdr[:k], used)
	}
	preamble, first := 0, 0
	for i, l := range hdr {
		if !used[i] && i > k && !isUpper(l.text) {
			if preamble == 0 {
				first = l.n
			}
			preamble++
		}
	}
	if pl.Title == "" {
		p.warn(0, "không tìm thấy tên kế hoạch (dòng “KẾ HOẠCH” và tên kế hoạch ở đầu văn bản): hãy nhập tên kế hoạch")
	}
	if pl.Code == "" {
		p.warn(0, "không tìm thấy số, ký hiệu của kế hoạch (dòng “Số: …/KH-…”): hãy nhập số, ký hiệu trước khi xác nhận")
	}
	if pl.IssuedOn.IsZero() {
		p.warn(0, "không tìm thấy ngày ban hành (dòng “…, ngày … tháng … năm …”): hãy nhập ngày ban hành trước khi xác nhận")
	}
	if preamble > 0 {
		p.warn(first, "%d đoạn ở phần mở đầu (trước mục đầu tiên) không thuộc mục nào nên không được lưu làm nội dung kế hoạch", preamble)
	}
}

// issuerBefore finds the issuing agency among the lines above "KẾ HOẠCH":
// the first line in capitals that is not the national motto, the number or
// the date. "ỦY BAN NHÂN DÂN" on one line and "TỈNH CÀ MAU" on the next are
// one name.
func issuerBefore(hdr []line, used []bool) string {
	for i, l := range hdr {
		if used[i] || !isUpper(l.text) {
			continue
		}
		name := l.text
		// A flattened two-column header puts the motto on the same line.
		if f := vntext.Fold(name); strings.Contains(f, "cong hoa xa hoi") {
			j := strings.Index(f, "cong hoa xa hoi")
			name = strings.TrimSpace(string([]rune(name)[:utf8.RuneCountInString(f[:j])]))
		}
		if name == "" {
			continue
		}
		if f := vntext.Fold(name); (f == "uy ban nhan dan" || f == "ubnd") && i+1 < len(hdr) && !used[i+1] && isUpper(hdr[i+1].text) {
			name += " " + hdr[i+1].text
		}
		return shortIssuer(name)
	}
	return ""
}

// shortIssuer writes a People's Committee the way plans cite it:
// "ỦY BAN NHÂN DÂN TỈNH CÀ MAU" → "UBND tỉnh Cà Mau". Other issuers are
// kept as written.
func shortIssuer(name string) string {
	words := strings.Fields(name)
	f := vntext.Fold(name)
	skip := 0
	switch {
	case strings.HasPrefix(f, "uy ban nhan dan "):
		skip = 4
	case strings.HasPrefix(f, "ubnd "):
		skip = 1
	default:
		return name
	}
	words = words[skip:]
	level := 1
	if len(words) >= 2 {
		switch vntext.Fold(words[0] + " " + words[1]) {
		case "thanh pho", "thi xa", "dac khu":
			level = 2
		}
	}
	if len(words) <= level {
		return name
	}
	out := []string{"UBND"}
	for i, w := range words {
		if i < level {
			out = append(out, strings.ToLower(w))
		} else {
			out = append(out, titleWord(w))
		}
	}
	return strings.Join(out, " ")
}

func titleWord(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + strings.ToLower(w[size:])
}

// isNationalMotto reports a line that is the Quốc hiệu or Tiêu ngữ alone.
func isNationalMotto(s string) bool {
	f := vntext.Fold(s)
	return strings.HasPrefix(f, "cong hoa xa hoi chu nghia") || (strings.HasPrefix(f, "doc lap") && strings.Contains(f, "hanh phuc"))
}

// longDate reads "ngày 25 tháng 02 năm 2025" anywhere in s.
func longDate(s string) (time.Time, bool) {
	m := longDateRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != mo || y < 1945 {
		return time.Time{}, false
	}
	return t, true
}

// afterRunes returns s without its first n runes.
func afterRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[i:]
		}
		n--
	}
	return ""
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// findReplaces returns the code of the plan this one replaces, from a
// sentence such as "Kế hoạch này thay thế Kế hoạch số 60/KH-UBND ngày …".
func findReplaces(lines []line) string {
	for _, l := range lines {
		// The case-insensitive regexp is slow; most lines lack the words.
		if !strings.Contains(l.text, "thế") && !strings.Contains(l.text, "THẾ") {
			continue
		}
		if m := replacesRe.FindStringSubmatch(l.text); m != nil {
			return strings.TrimRight(m[1], ".")
		}
	}
	return ""
}
