package plan

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// How people name a plan. Officials cite a plan by its number ("Kế hoạch
// 60/KH-UBND"); a plan registered before its number is known (imported
// from a draft, or from a text without its header) is called by what it
// implements — "KH thực hiện NQ 71/NQ-CP" — never by a database ID. Every
// page, the API's display_name, the official report, notices and the open
// data name plans through these functions.

// Name is the plan's short name for lists, breadcrumbs, headings and
// notices: "Kế hoạch 60/KH-UBND" when it has a number, else ShortTitle of
// its title, else "Kế hoạch chưa có tên".
func (p Plan) Name() string {
	if c := strings.TrimSpace(p.Code); c != "" {
		return "Kế hoạch " + c
	}
	if s := ShortTitle(p.Title); s != "" {
		return s
	}
	return "Kế hoạch chưa có tên"
}

// DisplayTitle is the plan's title as pages and documents show it: in
// sentence case when it was written in capitals (vntext.SentenceCase keeps
// abbreviations, numbers and proper names), as written otherwise.
func (p Plan) DisplayTitle() string { return vntext.SentenceCase(p.Title) }

// citationRe finds the first document a title cites: its kind, then its
// number ("Nghị quyết số 71/NQ-CP", "Quyết định 1132/QĐ-TTg").
var citationRe = regexp.MustCompile(`(Nghị quyết|Quyết định|Chỉ thị|Kế hoạch|Chương trình|Thông tư|Nghị định|Kết luận|Công văn|Đề án|Chiến lược)(?: số)? ([^\s,;]*\d[^\s,;]*)`)

// documentAbbr are the abbreviations officials write for document kinds.
var documentAbbr = map[string]string{
	"Nghị quyết": "NQ", "Quyết định": "QĐ", "Chỉ thị": "CT", "Kế hoạch": "KH", "Chương trình": "CTr",
	"Thông tư": "TT", "Nghị định": "NĐ", "Kết luận": "KL", "Công văn": "CV", "Đề án": "ĐA", "Chiến lược": "CL",
}

// maxShortTitle bounds a short title made from the words of a title.
const maxShortTitle = 60

// ShortTitle is the short name of a plan known by its title only: "KH",
// what the plan does and the first document it cites, abbreviated as
// officials write it ("TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP …" →
// "KH thực hiện NQ 71/NQ-CP"); a title citing nothing gives "KH" and its
// first words ("KH chuyển đổi số năm 2025"). "" for an empty title.
func ShortTitle(title string) string {
	s := vntext.SentenceCase(collapseSpaces(strings.TrimSpace(title)))
	if s == "" {
		return ""
	}
	if i := strings.IndexAny(s, ";:"); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	s = strings.TrimPrefix(s, "Kế hoạch ")
	if m := citationRe.FindStringSubmatchIndex(s); m != nil {
		kind, number := s[m[2]:m[3]], s[m[4]:m[5]]
		return "KH " + action(s[:m[0]]) + documentAbbr[kind] + " " + strings.TrimRight(number, ".")
	}
	s = vntext.LowerFirst(s)
	if utf8.RuneCountInString(s) > maxShortTitle {
		s = trimTitleEnd(cutAtWord(s, maxShortTitle-1)) + "…"
	}
	return "KH " + s
}

// action is what a plan does to the document it cites, from the words
// before the citation: "thực hiện " for "Triển khai thực hiện", "Tổ chức
// thực hiện" …, "triển khai " for "Triển khai", the words themselves when
// short, "" when none.
func action(before string) string {
	f := vntext.Fold(before)
	switch {
	case strings.TrimSpace(before) == "":
		return ""
	case strings.Contains(f, "thuc hien"):
		return "thực hiện "
	case strings.Contains(f, "trien khai"):
		return "triển khai "
	case len(strings.Fields(before)) <= 4:
		return vntext.LowerFirst(strings.TrimSpace(before)) + " "
	}
	return "thực hiện "
}
