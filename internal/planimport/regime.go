package planimport

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// Regime is the reporting regime a plan sets for itself (usually in its
// part "TỔ CHỨC THỰC HIỆN"), offered to the coordinator as a suggestion:
// it is not applied until confirmed.
type Regime struct {
	// Frequency of periodic reports: "quarter", "half", "year" or "month".
	Frequency string
	// DueDay is the day of the month reports are due before; 0 when the
	// plan does not say.
	DueDay int
	// DueMonth says which month DueDay falls in: "last" for the last month
	// of the period ("tháng cuối quý"), "next" for the first month of the
	// next period ("tháng đầu quý sau"), a month number "1"–"12" for a fixed
	// month ("trước ngày 15/12"), or "" when not stated.
	DueMonth string
	// Text is the sentence the regime was read from, as written.
	Text string
}

var (
	frequencyRes = []struct {
		freq string
		re   *regexp.Regexp
	}{
		{"quarter", regexp.MustCompile(`\b(?:(?:hang|moi|tung) quy|dinh ky quy|bao cao quy)\b`)},
		{"half", regexp.MustCompile(`\b(?:(?:6|sau) thang|nua nam)\b`)},
		{"month", regexp.MustCompile(`\b(?:(?:hang|moi|tung) thang|dinh ky thang|bao cao thang)\b`)},
		{"year", regexp.MustCompile(`\b(?:(?:hang|moi|tung) nam|dinh ky nam|bao cao nam)\b`)},
	}
	// "trước ngày 10 tháng cuối quý", "chậm nhất ngày 05 của tháng đầu quý
	// sau", "trước ngày 15/12", "trước ngày 15 tháng 12" — on folded text.
	dueRe = regexp.MustCompile(`\b(?:truoc|cham nhat(?: la)?(?: vao)?|khong muon hon)(?: ngay)? (\d{1,2})(?:/(\d{1,2}))?(?: (?:cua )?thang (cuoi|dau|\d{1,2}))?`)
)

// findRegime looks for the reporting rule: the first sentence that says
// "báo cáo" together with a period ("hàng quý", "6 tháng", "hằng năm"),
// searching part "TỔ CHỨC THỰC HIỆN" first, then the other plan text.
// Task paragraphs are not searched: they set duties, not the regime.
func findRegime(o *outline) *Regime {
	var first, rest []string
	var walk func(n *node, org bool)
	walk = func(n *node, org bool) {
		if n.tasks {
			return
		}
		if n.kind == plan.KindPart && strings.Contains(vntext.Fold(n.title), "to chuc thuc hien") {
			org = true
		}
		texts := []string{n.title}
		for _, p := range n.paras {
			texts = append(texts, p.text)
		}
		if org {
			first = append(first, texts...)
		} else {
			rest = append(rest, texts...)
		}
		for _, c := range n.children {
			walk(c, org)
		}
	}
	for _, c := range o.root.children {
		walk(c, false)
	}
	for _, text := range append(first, rest...) {
		for _, s := range sentences(text) {
			if r := readRegime(s); r != nil {
				return r
			}
		}
	}
	return nil
}

// readRegime reads one sentence; nil when it is not a reporting rule.
func readRegime(s string) *Regime {
	f := vntext.Fold(s)
	if !strings.Contains(f, "bao cao") {
		return nil
	}
	best := -1
	r := &Regime{Text: s}
	for _, fr := range frequencyRes {
		if loc := fr.re.FindStringIndex(f); loc != nil && (best < 0 || loc[0] < best) {
			best, r.Frequency = loc[0], fr.freq
		}
	}
	if best < 0 {
		return nil
	}
	if m := dueRe.FindStringSubmatch(f); m != nil {
		if d, _ := strconv.Atoi(m[1]); d >= 1 && d <= 31 {
			r.DueDay = d
			switch {
			case m[2] != "":
				r.DueMonth = month(m[2])
			case m[3] == "cuoi":
				r.DueMonth = "last"
			case m[3] == "dau":
				r.DueMonth = "next"
			case m[3] != "":
				r.DueMonth = month(m[3])
			}
		}
	}
	return r
}

func month(s string) string {
	if n, _ := strconv.Atoi(s); n >= 1 && n <= 12 {
		return strconv.Itoa(n)
	}
	return ""
}

// sentences splits a paragraph after ". " when a capital letter follows, so
// that "ngày 01/4/2025" or "v.v." do not cut a sentence.
func sentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(p); i++ {
		if p[i] == '.' && p[i+1] == ' ' {
			if r, _ := utf8.DecodeRuneInString(p[i+2:]); unicode.IsUpper(r) {
				out = append(out, strings.TrimSpace(p[start:i+1]))
				start = i + 2
			}
		}
	}
	return append(out, strings.TrimSpace(p[start:]))
}
