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
	// "Số 37-KH/TU" (Party documents leave the colon out).
	codeRe = regexp.MustCompile(`(?i)(?:^|\s)số\s*[:：]?\s*([0-9][^\s,;]*(?:\s/[^\s,;]+)?)`)
	// "Cà Mau, ngày 25 tháng 02 năm 2025"
	longDateRe = regexp.MustCompile(`(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
	// "Kế hoạch này thay thế Kế hoạch số 60/KH-UBND ngày …"
	replacesRe = regexp.MustCompile(`(?i)thay\s+thế\s+(?:cho\s+)?(?:kế\s+hoạch|KH)\s+số\s+([0-9][^\s,;()]*)`)
)

// readHeader reads the title block — the lines before the first numbered
// heading — into the plan: issuer (top left), số/ký hiệu, place and date,
// the title line ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "ĐỀ ÁN"…) and the
// title lines under it (capitals kept as written), and, for a plan issued
// by a decision, "(Kèm theo Quyết định số … ngày …)" when the plan has no
// number of its own. What is still missing once the cover and appendices
// are read is reported by metaWarnings.
func (p *parser) readHeader(hdr []line, src *source) {
	pl := &p.draft.Plan
	k := -1
	for i, l := range hdr {
		if docTitle(l.text) == docPlan {
			k = i
			break
		}
	}
	used := make([]bool, len(hdr))
	// Number and date stand above the title line; below it a title may
	// well cite another document's number and date.
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
		if rest := strings.TrimSpace(afterRunes(hdr[k].text, docWordRunes(hdr[k].text))); rest != "" {
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
		for j := k + 1; j < len(hdr); j++ {
			if code, date, ok := attachedTo(hdr[j].text); ok {
				used[j] = true
				if pl.Code == "" {
					pl.Code, p.attachedDate = code, date
				}
			}
		}
		if pl.IssuedOn.IsZero() {
			pl.IssuedOn = p.attachedDate
		}
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
	if preamble > 0 {
		p.warnf(src, first, "%d đoạn ở phần mở đầu (trước mục đầu tiên) không thuộc mục nào nên không được lưu làm nội dung kế hoạch", preamble)
	}
}

// metaWarnings reports what the plan still lacks once every source of its
// title, number and date has been read, so the coordinator enters it.
func (p *parser) metaWarnings(withBody bool) {
	pl := &p.draft.Plan
	if pl.Title == "" {
		if withBody {
			p.warnf(nil, 0, "không tìm thấy tên kế hoạch (dòng “KẾ HOẠCH” và tên kế hoạch ở đầu văn bản): hãy nhập tên kế hoạch")
		} else {
			p.warnf(nil, 0, "không thấy tên phụ lục ở các dòng trên dòng tiêu đề: hãy nhập tên kế hoạch")
		}
	}
	if pl.Code == "" {
		if withBody {
			p.warnf(nil, 0, "không tìm thấy số, ký hiệu của kế hoạch (dòng “Số: …/KH-…”): hãy nhập số, ký hiệu trước khi xác nhận")
		} else {
			p.warnf(nil, 0, "không thấy số, ký hiệu của kế hoạch (dòng “Kèm theo Kế hoạch số …”): hãy nhập số, ký hiệu trước khi xác nhận")
		}
	}
	if pl.IssuedOn.IsZero() {
		if withBody {
			p.warnf(nil, 0, "không tìm thấy ngày ban hành (dòng “…, ngày … tháng … năm …”): hãy nhập ngày ban hành trước khi xác nhận")
		} else {
			p.warnf(nil, 0, "không thấy ngày ban hành của kế hoạch: hãy nhập ngày ban hành trước khi xác nhận")
		}
	}
}

// docWordRunes is how many runes the document word of a title line takes
// ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG"), so the name after it on the same
// line can be cut out.
func docWordRunes(text string) int {
	f := vntext.Fold(text)
	for _, w := range []string{"chuong trinh hanh dong", "chuong trinh", "ke hoach", "de an"} {
		if strings.HasPrefix(f, w) {
			return len(w) // folded words are ASCII: one byte a rune
		}
	}
	return 0
}

// attachedRe reads "(Kèm theo Quyết định số 123/QĐ-UBND ngày 05/3/2025 …)",
// "(Ban hành kèm theo Nghị quyết số 03/NQ-CP …)" on folded text.
var attachedRe = regexp.MustCompile(`kem theo (?:quyet dinh|nghi quyet|ke hoach|chuong trinh(?: hanh dong)?|cong van|van ban|thong bao)(?: so)? ?:? ?([0-9][^\s,;()]*)`)

// attachedTo reads what a plan or appendix is attached to: the number of
// the decision (or plan) and its date, from the original words.
func attachedTo(text string) (code string, date time.Time, ok bool) {
	f := vntext.Fold(text)
	if !strings.Contains(f, "kem theo") {
		return "", time.Time{}, false
	}
	m := attachedRe.FindStringSubmatchIndex(f)
	if m == nil {
		return "", time.Time{}, false
	}
	// Folding keeps one rune per rune of NFC text: cut the original there.
	runes := []rune(text)
	from, to := utf8.RuneCountInString(f[:m[2]]), utf8.RuneCountInString(f[:m[3]])
	code = strings.TrimRight(string(runes[from:to]), ".")
	rest := string(runes[to:])
	if d, ok := longDate(rest); ok {
		date = d
	} else if dm := shortDateRe.FindStringSubmatch(rest); dm != nil {
		date = dmy(dm[1], dm[2], dm[3])
	}
	return code, date, true
}

// shortDateRe reads "ngày 25/02/2025".
var shortDateRe = regexp.MustCompile(`(?i)ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})`)

// dmy makes a date of day, month and year written in digits; zero when it
// is no real day.
func dmy(ds, ms, ys string) time.Time {
	d, _ := strconv.Atoi(ds)
	mo, _ := strconv.Atoi(ms)
	y, _ := strconv.Atoi(ys)
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != mo || y < 1945 {
		return time.Time{}
	}
	return t
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
