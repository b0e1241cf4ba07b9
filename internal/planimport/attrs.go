package planimport

import (
	"strings"

	"tiendo/internal/vntext"
)

// attrKind is a field of a task written as its own labelled line.
type attrKind int

const (
	attrLead attrKind = iota + 1
	attrCoop
	attrDeadline
	attrProduct
)

// attr is a labelled line under a task: "- Cơ quan chủ trì: Sở Y tế.",
// "Thời gian hoàn thành: Quý II/2025", "Sản phẩm: Quyết định của UBND tỉnh".
type attr struct {
	kind  attrKind
	value string
	line  int
}

// parseAttr reads a paragraph as an attribute line. The label must be the
// whole text before the first colon and short, so that a sentence that
// merely mentions "chủ trì" is not taken for one.
func parseAttr(p para) (attr, bool) {
	text := p.text
	if p.mark.kind == markBullet {
		text = p.mark.rest
	}
	label, value, ok := strings.Cut(text, ":")
	if !ok || len(label) > 60 {
		return attr{}, false
	}
	value = strings.TrimRight(strings.TrimSpace(value), ".;,")
	if value == "" {
		return attr{}, false
	}
	kind := attrKindOf(vntext.Fold(label))
	if kind == 0 {
		return attr{}, false
	}
	return attr{kind: kind, value: value, line: p.line}, true
}

// attrKindOf recognises a folded label. The order matters: "đơn vị chủ trì,
// phối hợp" is read as the lead.
func attrKindOf(label string) attrKind {
	switch {
	case strings.Count(label, " ") > 5:
		return 0
	case strings.Contains(label, "chu tri"):
		return attrLead
	case strings.Contains(label, "phoi hop"):
		return attrCoop
	case strings.HasPrefix(label, "thoi gian"), strings.HasPrefix(label, "thoi han"), strings.HasPrefix(label, "tien do"),
		strings.HasPrefix(label, "han hoan thanh"), strings.HasPrefix(label, "moc thoi gian"):
		return attrDeadline
	case strings.HasPrefix(label, "san pham"):
		return attrProduct
	}
	return 0
}
