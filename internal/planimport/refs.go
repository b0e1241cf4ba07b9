package planimport

import (
	"strings"
	"unicode"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// refSet gathers the documents a plan cites, once each, in order of first
// citation. A later citation of the same document can supply the date an
// earlier, shorter one left out ("Nghị quyết số 71/NQ-CP" then "… số
// 71/NQ-CP ngày 01/4/2025").
type refSet struct {
	list []plan.Reference
	idx  map[string]int
}

func (s *refSet) add(refs []plan.Reference) {
	if s.idx == nil {
		s.idx = map[string]int{}
	}
	for _, r := range refs {
		k := refKey(r)
		if i, ok := s.idx[k]; ok {
			if s.list[i].IssuedOn.IsZero() && !r.IssuedOn.IsZero() {
				s.list[i].IssuedOn, s.list[i].Text = r.IssuedOn, r.Text
			}
			continue
		}
		s.idx[k] = len(s.list)
		s.list = append(s.list, r)
	}
}

// refKey identifies a document by its number and symbol, as
// plan.FindReferences does; a bare number ("số 12/2024") or none (a law
// cited by name) needs the kind and the words too.
func refKey(r plan.Reference) string {
	k := strings.ReplaceAll(vntext.Fold(r.Number), " ", "")
	switch {
	case k == "":
		return vntext.Fold(r.Kind) + "|" + vntext.Fold(r.Text)
	case !strings.ContainsFunc(k, unicode.IsLetter):
		return vntext.Fold(r.Kind) + "|" + k
	}
	return k
}
