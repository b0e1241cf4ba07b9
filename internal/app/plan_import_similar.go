package app

import (
	"strings"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// SimilarPlan is a plan of the register that an import may repeat: the
// same number, or the same title.
type SimilarPlan struct {
	Plan      plan.Plan
	SameCode  bool // the same number (without case, diacritics or spaces): a confirmation is refused
	SameTitle bool // the same title: a warning only, for plans of different years share titles
}

// Message says what the coordinator should check, in words for people.
func (s SimilarPlan) Message() string {
	p := s.Plan
	what := "Đã có kế hoạch “" + p.Title + "”"
	if p.Code != "" {
		what = "Đã có kế hoạch số " + p.Code + " “" + p.Title + "”"
	}
	if !p.IssuedOn.IsZero() {
		what += " ngày " + vntext.FormatDate(p.IssuedOn)
	}
	switch {
	case s.SameCode:
		return what + " cùng số, ký hiệu: kế hoạch này có lẽ đã được nhập. Không thể lưu hai kế hoạch cùng số; hãy kiểm tra lại số, ký hiệu."
	default:
		return what + " cùng tên: hãy kiểm tra để không nhập một kế hoạch hai lần."
	}
}

// similarPlans finds the plans with p's number or title.
func similarPlans(plans []plan.Plan, p *plan.Plan) []SimilarPlan {
	codeKey := func(s string) string { return strings.ReplaceAll(vntext.Fold(s), " ", "") }
	titleKey := func(s string) string { return strings.TrimSpace(vntext.Fold(s)) }
	code, title := codeKey(p.Code), titleKey(p.Title)
	var out []SimilarPlan
	for _, q := range plans {
		s := SimilarPlan{Plan: q, SameCode: code != "" && codeKey(q.Code) == code, SameTitle: title != "" && titleKey(q.Title) == title}
		if s.SameCode || s.SameTitle {
			out = append(out, s)
		}
	}
	return out
}
