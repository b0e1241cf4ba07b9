package rollup

import (
	"cmp"
	"slices"

	"tiendo/internal/plan"
)

// Suggestion is an upstream task proposed for a task, with how alike their
// texts are (plan.Similarity: word pairs without diacritics).
type Suggestion struct {
	UpstreamTaskID int64
	Score          float64
}

// MinScore is the least similarity worth suggesting as a link: lower than
// a replacement's (plan.MinSimilarity), since a province rewords the
// national task in its own terms more than a new plan rewords the old.
const MinScore = 0.15

// MaxSuggestions is how many suggestions a task gets at most.
const MaxSuggestions = 3

// Suggester proposes upstream tasks for tasks: the upstream plan's texts
// are cut into word pairs once, for every task asked about.
type Suggester struct {
	ids   []int64
	pairs []plan.Pairs
}

// NewSuggester prepares suggestions among upstream; removed upstream tasks
// are never suggested.
func NewSuggester(upstream []plan.Task) *Suggester {
	s := &Suggester{}
	for i := range upstream {
		u := &upstream[i]
		if !u.RemovedOn.IsZero() {
			continue
		}
		s.ids = append(s.ids, u.ID)
		s.pairs = append(s.pairs, plan.PairsOf(u.Title+" "+u.Text))
	}
	return s
}

// Suggest proposes, for task t, the upstream tasks most like it, best
// first, at most max (MaxSuggestions when ≤ 0), each at MinScore or above.
// Texts are compared with titles (a task's title and text together, so
// that a short title with a long text still matches).
func (s *Suggester) Suggest(t *plan.Task, max int) []Suggestion {
	if max <= 0 {
		max = MaxSuggestions
	}
	own := plan.PairsOf(t.Title + " " + t.Text)
	var out []Suggestion
	for i, p := range s.pairs {
		if s.ids[i] == t.ID {
			continue
		}
		if x := own.Similarity(p); x >= MinScore {
			out = append(out, Suggestion{UpstreamTaskID: s.ids[i], Score: x})
		}
	}
	slices.SortStableFunc(out, func(a, b Suggestion) int { return cmp.Compare(b.Score, a.Score) })
	if len(out) > max {
		out = out[:max]
	}
	return out
}
