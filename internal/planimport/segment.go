package planimport

import (
	"strings"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// docKind is what a document title line announces.
type docKind int

const (
	docNone     docKind = iota
	docCover            // QUYẾT ĐỊNH, NGHỊ QUYẾT: a decision issuing a plan "kèm theo"
	docPlan             // KẾ HOẠCH, CHƯƠNG TRÌNH HÀNH ĐỘNG, CHƯƠNG TRÌNH, ĐỀ ÁN
	docAppendix         // PHỤ LỤC …
)

// docTitle reads a document title line: a line in capitals that is only
// the document's kind ("KẾ HOẠCH", "QUYẾT ĐỊNH") — for a plan, possibly
// followed by its name on the same line ("KẾ HOẠCH Triển khai …"). A numbered
// heading is never one.
func docTitle(text string) docKind {
	if utf8.RuneCountInString(text) > 200 || classify(text).kind != markNone {
		return docNone
	}
	f := strings.TrimRight(vntext.Fold(text), " .:")
	head := firstRunes(text, 24)
	switch {
	case f == "quyet dinh" || f == "nghi quyet":
		if isUpper(text) && !strings.HasSuffix(strings.TrimSpace(text), ":") {
			return docCover
		}
	case f == "chuong trinh" || f == "de an" || f == "chuong trinh hanh dong":
		if isUpper(text) {
			return docPlan
		}
	case f == "ke hoach" || strings.HasPrefix(f, "ke hoach ") || strings.HasPrefix(f, "chuong trinh hanh dong "):
		if isUpper(head) {
			return docPlan
		}
	case f == "phu luc" || strings.HasPrefix(f, "phu luc ") || strings.HasPrefix(f, "phu luc:"):
		words := len(strings.Fields(f))
		if (isUpper(text) && words <= 30) || words <= 3 {
			return docAppendix
		}
	}
	return docNone
}

// parts is one file cut into the documents it holds.
type parts struct {
	src *source
	// cover is a decision issuing the plan ("Điều 1. Ban hành kèm theo
	// Quyết định này Kế hoạch …"): its lines up to its signature.
	cover []line
	// body is the plan itself, from its title block to its last paragraph
	// before "Nơi nhận" and the signature; nil when the file holds none.
	body []block
	// appendices follow the plan's signature, or make up the file.
	appendices []appendix
	// skipped is how many paragraphs after the signature belong to no appendix.
	skipped, skippedAt int
}

// appendix is a "PHỤ LỤC" with its title lines and its tables or list.
type appendix struct {
	src    *source
	title  []line // "PHỤ LỤC II", "DANH MỤC NHIỆM VỤ…", "(Kèm theo Kế hoạch số …)"
	blocks []block
}

// tables counts the appendix's task tables.
func (a *appendix) tables() int {
	n := 0
	for _, b := range a.blocks {
		if b.tbl != nil {
			n++
		}
	}
	return n
}

// split cuts a file into a covering decision, the plan, and its
// appendices:
//   - a file starting with QUYẾT ĐỊNH or NGHỊ QUYẾT whose plan follows
//     (KẾ HOẠCH, CHƯƠNG TRÌNH…) is a cover, then the plan; "Nơi nhận:" ends
//     the cover only because a plan follows;
//   - the plan ends at its "Nơi nhận", its signature, or a PHỤ LỤC title;
//   - after it, each PHỤ LỤC title — or a task table with none — starts an
//     appendix;
//   - a file starting with PHỤ LỤC (or an XLSX workbook) is appendices only.
func split(src *source) *parts {
	ps := &parts{src: src}
	bl := src.blocks
	if src.format == "xlsx" {
		ps.appendices = appendicesFrom(src, bl, 0)
		return ps
	}
	first, kind := firstTitle(bl)
	start := 0
	switch kind {
	case docAppendix:
		ps.appendices = appendicesFrom(src, bl, first)
		return ps
	case docCover:
		plan := -1
		for i := first + 1; i < len(bl); i++ {
			if bl[i].tbl == nil && docTitle(bl[i].line.text) == docPlan {
				plan = i
				break
			}
		}
		if plan < 0 {
			// A decision with no plan after it: its appendices may be the plan.
			end := closingAt(bl, first+1)
			ps.cover = linesOf(bl[:end])
			ps.appendices = appendicesFrom(src, bl, afterClosing(bl, end))
			return ps
		}
		start = headerStart(bl, first, plan)
		ps.cover = linesOf(bl[:start])
	}
	end, titled := len(bl), false
	for i := start; i < len(bl); i++ {
		if bl[i].tbl != nil {
			continue
		}
		k := docTitle(bl[i].line.text)
		if isClosing(bl[i].line.text) || k == docAppendix || k == docCover || (k == docPlan && titled) {
			end = i
			break
		}
		titled = titled || k == docPlan
	}
	ps.body = bl[start:end]
	rest := afterClosing(bl, end)
	ps.appendices = appendicesFrom(src, bl, rest)
	if len(ps.appendices) > 0 || rest >= len(bl) {
		return ps
	}
	for _, b := range bl[rest:] {
		if b.tbl == nil {
			if ps.skipped == 0 {
				ps.skippedAt = b.line.n
			}
			ps.skipped++
		}
	}
	return ps
}

// firstTitle finds the first document title before the first numbered
// heading or table: where the file's first document starts.
func firstTitle(bl []block) (int, docKind) {
	for i, b := range bl {
		if b.tbl != nil {
			return 0, docNone
		}
		if k := docTitle(b.line.text); k != docNone {
			return i, k
		}
		if m := classify(b.line.text); m.kind == markRoman || m.kind == markDecimal {
			return 0, docNone
		}
	}
	return 0, docNone
}

// headerStart walks back from a plan's title line over its title block
// (issuer, national motto, number, date) to where the plan starts, not
// further than the cover's title: the cover's signature ends with the
// signer's name, which stops it.
func headerStart(bl []block, cover, title int) int {
	i := title
	for i-1 > cover {
		b := bl[i-1]
		if b.tbl != nil || !headerLine(b.line.text) {
			break
		}
		i--
	}
	return i
}

// headerLine reports a line of a title block: the issuer in capitals, the
// national motto, "Số: …", the place and date, a rule; not a signature's
// title ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH").
func headerLine(s string) bool {
	if isSeparator(s) || isNationalMotto(s) || (strings.HasPrefix(vntext.Fold(firstRunes(s, 3)), "so") && codeRe.MatchString(s)) {
		return true
	}
	if _, ok := longDate(s); ok && utf8.RuneCountInString(s) < 80 {
		return true
	}
	if !isUpper(s) || isClosing(s) {
		return false
	}
	switch f := vntext.Fold(s); f {
	case "chu tich", "pho chu tich", "giam doc", "pho giam doc", "bo truong", "thu truong", "thu tuong", "pho thu tuong",
		"bi thu", "pho bi thu", "truong ban", "pho truong ban", "chanh van phong":
		return false
	}
	return true
}

// closingAt is the index of the first closing line ("Nơi nhận", a
// signature) at or after i, or len(bl).
func closingAt(bl []block, i int) int {
	for ; i < len(bl); i++ {
		if bl[i].tbl == nil && isClosing(bl[i].line.text) {
			return i
		}
	}
	return len(bl)
}

// afterClosing skips the closing block starting at i — "Nơi nhận:" and
// its list, the signature, the signer's name — to the next document title
// or task table; it returns len(bl) when none follows.
func afterClosing(bl []block, i int) int {
	for ; i < len(bl); i++ {
		if bl[i].tbl != nil || docTitle(bl[i].line.text) != docNone {
			return i
		}
	}
	return len(bl)
}

// appendicesFrom reads the appendices starting at bl[i]: each runs from a
// PHỤ LỤC title (or a task table with none) to the next title, closing or
// table that starts another. Lines before its first table or numbered line
// are its title.
func appendicesFrom(src *source, bl []block, i int) []appendix {
	var out []appendix
	var cur *appendix
	inTitle := false
	for ; i < len(bl); i++ {
		b := bl[i]
		switch {
		case b.tbl != nil:
			if cur == nil || (src.format == "xlsx" && !inTitle) {
				out = append(out, appendix{src: src})
				cur = &out[len(out)-1]
			}
			cur.blocks = append(cur.blocks, b)
			inTitle = false
		case docTitle(b.line.text) == docAppendix || (src.format == "xlsx" && cur != nil && !inTitle):
			out = append(out, appendix{src: src, title: []line{b.line}})
			cur, inTitle = &out[len(out)-1], true
		case docTitle(b.line.text) != docNone || isClosing(b.line.text):
			cur, inTitle = nil, false
			if k := afterClosing(bl, i+1); k > i+1 {
				i = k - 1
			}
		case cur == nil:
			if src.format == "xlsx" {
				out = append(out, appendix{src: src, title: []line{b.line}})
				cur, inTitle = &out[len(out)-1], true
			}
		case inTitle && classify(b.line.text).kind == markNone:
			cur.title = append(cur.title, b.line)
		default:
			inTitle = false
			cur.blocks = append(cur.blocks, b)
		}
	}
	return out
}

func linesOf(bl []block) []line {
	var out []line
	for _, b := range bl {
		if b.tbl == nil {
			out = append(out, b.line)
		}
	}
	return out
}
