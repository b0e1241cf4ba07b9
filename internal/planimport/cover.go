package planimport

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// readCover reads a decision issuing the plan ("QUYẾT ĐỊNH … Điều 1. Ban
// hành kèm theo Quyết định này Kế hoạch …") for what the plan does not say
// itself: its number and date (the plan is cited by the decision's), its
// issuer, and its title. The documents the decision cites count among the
// import's references, not the plan's own.
func (p *parser) readCover(cover []line, src *source) {
	if len(cover) == 0 {
		return
	}
	pl := &p.draft.Plan
	k := -1
	for i, l := range cover {
		if docTitle(l.text) == docCover {
			k = i
			break
		}
	}
	used := make([]bool, len(cover))
	var code string
	for i, l := range cover[:max(k, 0)] {
		if m := codeRe.FindStringSubmatch(l.text); m != nil && code == "" {
			code = strings.TrimRight(strings.ReplaceAll(m[1], " ", ""), ".")
			used[i] = true
		}
		if d, ok := longDate(l.text); ok && pl.IssuedOn.IsZero() && (pl.Code == "" || pl.Code == code) {
			pl.IssuedOn = d
			used[i] = true
		}
		if isNationalMotto(l.text) {
			used[i] = true
		}
	}
	if pl.Code == "" {
		pl.Code = code
	}
	if pl.Issuer == "" && k > 0 {
		pl.Issuer = issuerBefore(cover[:k], used)
	}
	if pl.Title == "" {
		pl.Title = coverTitle(cover)
	}
	if pl.Title == "" && k >= 0 {
		// "NGHỊ QUYẾT / Sửa đổi, bổ sung Chương trình hành động …": the
		// decision's own title names what its appendix holds.
		var t []string
		for _, l := range cover[k+1:] {
			if isUpper(l.text) || strings.HasPrefix(vntext.Fold(firstRunes(l.text, 8)), "can cu") || classify(l.text).kind != markNone {
				break
			}
			t = append(t, l.text)
		}
		pl.Title = strings.Join(t, " ")
	}
	for _, l := range cover {
		p.refs.add(plan.FindReferences(l.text))
	}
}

// coverTitle finds the plan's name in its decision: "Ban hành kèm theo
// Quyết định này Kế hoạch triển khai …" or the decision's title "Ban hành
// Kế hoạch triển khai …", as what follows the plan's kind.
func coverTitle(cover []line) string {
	for _, l := range cover {
		f := vntext.Fold(l.text)
		i := strings.Index(f, "ban hanh")
		if i < 0 {
			continue
		}
		for _, w := range []string{"chuong trinh hanh dong ", "ke hoach ", "chuong trinh ", "de an "} {
			j := strings.Index(f[i:], w)
			if j < 0 {
				continue
			}
			start := utf8.RuneCountInString(f[:i+j+len(w)])
			t := strings.TrimSpace(string([]rune(l.text)[start:]))
			t = strings.TrimRight(strings.TrimSuffix(strings.TrimSpace(t), "./."), " .;")
			if t == "" {
				continue
			}
			r, size := utf8.DecodeRuneInString(t)
			return string(unicode.ToUpper(r)) + t[size:]
		}
	}
	return ""
}

// readAppendixTitles fills from the appendices what the plan still lacks:
// the number and date of the plan they are attached to ("(Kèm theo Kế
// hoạch số 60/KH-UBND ngày 25/02/2025)"), and, for appendices given
// alone, the title.
func (p *parser) readAppendixTitles(apps []appendix) {
	pl := &p.draft.Plan
	var own refSet
	for i := range apps {
		for _, l := range apps[i].title {
			refs := plan.FindReferences(l.text)
			p.refs.add(refs)
			own.add(refs)
			if code, date, ok := attachedTo(l.text); ok && pl.Code == "" {
				pl.Code = code
				if pl.IssuedOn.IsZero() {
					pl.IssuedOn = date
				}
			}
		}
		if pl.Title == "" {
			pl.Title = appendixTitle(&apps[i])
		}
	}
	if len(p.draft.References) == 0 {
		p.draft.References = own.list
	}
}

// citations reads the documents cited: by the plan's text, once each, for
// Result.References; by its own text (title block and the parts that are
// not tasks) for Draft.References, tasks keeping theirs. It returns what
// each line cites, so one-line tasks are not read twice.
func (p *parser) citations(o *outline, used []line, cover []line, apps []appendix) map[string][]plan.Reference {
	found := make(map[string][]plan.Reference, len(used))
	for _, l := range used {
		refs := plan.FindReferences(l.text)
		found[l.text] = refs
		p.refs.add(refs)
	}
	if o == nil {
		return found
	}
	var own refSet
	for _, l := range o.header {
		own.add(found[l.text])
	}
	var walk func(n *node)
	walk = func(n *node) {
		if n.tasks {
			return
		}
		own.add(found[n.text])
		for _, p := range n.paras {
			own.add(found[p.text])
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	for _, c := range o.root.children {
		walk(c)
	}
	own.add(p.draft.References)
	p.draft.References = own.list
	return found
}
