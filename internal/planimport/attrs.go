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

// parseAttr reads a paragraph as attribute lines. The label must be the
// whole text before the first colon and short, so that a sentence that
// merely mentions "chủ trì" is not taken for one. A line may hold several
// ("Cơ quan chủ trì: Sở Y tế; thời gian hoàn thành: Quý II/2025"): each
// label after a semicolon or comma starts the next.
func parseAttr(p para) ([]attr, bool) {
	text := p.text
	if p.mark.kind == markBullet {
		text = p.mark.rest
	}
	label, value, ok := strings.Cut(text, ":")
	if !ok || len(label) > 60 {
		return nil, false
	}
	kind := attrKindOf(vntext.Fold(label))
	if kind == 0 {
		return nil, false
	}
	var out []attr
	for {
		next, nextKind, rest := nextAttr(value)
		v := strings.TrimRight(strings.TrimSpace(next), ".;,")
		if v != "" {
			out = append(out, attr{kind: kind, value: v, line: p.line})
		}
		if nextKind == 0 {
			break
		}
		kind, value = nextKind, rest
	}
	return out, len(out) > 0
}

// nextAttr finds in value a further "; label: …" (or ", label: …"): it
// returns the value before it, the label's kind and what follows its colon.
func nextAttr(value string) (before string, kind attrKind, rest string) {
	for i := 0; i < len(value); i++ {
		if value[i] != ';' && value[i] != ',' {
			continue
		}
		label, after, ok := strings.Cut(value[i+1:], ":")
		if !ok || len(label) > 60 {
			return value, 0, ""
		}
		if k := attrKindOf(vntext.Fold(strings.TrimSpace(label))); k != 0 {
			return value[:i], k, after
		}
	}
	return value, 0, ""
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
