package figures

import (
	"time"

	"tiendo/internal/indicator"
)

// Rollup rolls the accepted values of one indicator for one period up the
// agency tree (Agency.ParentID) by the indicator's rule. The result maps
// every agency whose subtree — the agency itself and all its descendants —
// gave a value to the value rolled up over that subtree. Agencies whose
// subtree gave nothing are absent: no value is never a zero.
//
// Each agency counts once, with the value of its highest accepted revision
// of the period; a value given at a parent itself counts like any other.
// The rules:
//
//   - sum: the sum of the values given in the subtree;
//   - average: their mean;
//   - latest: the value of the most recently accepted report, by period end,
//     then by acceptance order. Facts carry no acceptance time, so the order
//     is that of the accepted revision's last submission (Report.SubmittedAt,
//     acceptance always follows it); ties, and values without such a
//     report, go to the lowest agency ID. All values of one period share its
//     end, so within a period the submission order decides;
//   - ratio: reports carry the ratio only, not its numerator and
//     denominator, so a ratio rolls up as the mean of the ratios given — an
//     approximation of the true ratio, exact only when the denominators are
//     equal.
//
// A value also counts for the successors of an agency that ended in a
// reorganisation (SuccessorID), so the merged agency's series continues
// its predecessors'. A value from an agency missing from Facts.Agencies is
// counted for that agency alone. A cycle stops the walk instead of looping.
func Rollup(f *Facts, ind indicator.Indicator, periodID int64) map[int64]float64 {
	// Each agency's value: its highest revision of the period.
	own := map[int64]Value{}
	for _, v := range f.Values {
		if v.IndicatorID != ind.ID || v.PeriodID != periodID {
			continue
		}
		if old, ok := own[v.AgencyID]; !ok || v.Revision > old.Revision {
			own[v.AgencyID] = v
		}
	}
	if len(own) == 0 {
		return nil
	}
	parent := make(map[int64]int64, len(f.Agencies))
	succ := make(map[int64]int64, len(f.Agencies))
	for _, a := range f.Agencies {
		parent[a.ID], succ[a.ID] = a.ParentID, a.SuccessorID
	}
	// Every value goes to its agency, each ancestor of it, and — so that a
	// series stays comparable across a reorganisation — each successor
	// (and theirs, and their ancestors): a merged agency's history is its
	// predecessors' values, combined by the rule. Each agency takes a
	// value once however many paths lead to it.
	subtree := map[int64][]Value{}
	for id, v := range own {
		seen := map[int64]bool{}
		queue := []int64{id}
		for len(queue) > 0 {
			at := queue[0]
			queue = queue[1:]
			if at == 0 || seen[at] {
				continue
			}
			seen[at] = true
			subtree[at] = append(subtree[at], v)
			queue = append(queue, parent[at], succ[at])
		}
	}
	var order rollupOrder
	if ind.Aggregation == indicator.Latest {
		order = newRollupOrder(f)
	}
	out := make(map[int64]float64, len(subtree))
	for id, vs := range subtree {
		out[id] = rollValues(ind.Aggregation, vs, order)
	}
	return out
}

// rollValues combines the values of one subtree (at least one) by rule.
func rollValues(rule indicator.Aggregation, vs []Value, order rollupOrder) float64 {
	switch rule {
	case indicator.Sum:
		sum := 0.0
		for _, v := range vs {
			sum += v.Value
		}
		return sum
	case indicator.Latest:
		best := vs[0]
		for _, v := range vs[1:] {
			if order.later(v, best) {
				best = v
			}
		}
		return best.Value
	}
	// Average, and ratio as the mean of the ratios.
	sum := 0.0
	for _, v := range vs {
		sum += v.Value
	}
	return sum / float64(len(vs))
}

// rollupOrder orders values by period end, then by the last submission of
// the accepted report that gave them, then by lowest agency ID.
type rollupOrder struct {
	end       map[int64]time.Time // period ID → end
	submitted map[[3]int64]time.Time
}

func newRollupOrder(f *Facts) rollupOrder {
	o := rollupOrder{end: make(map[int64]time.Time, len(f.Periods)), submitted: make(map[[3]int64]time.Time, len(f.Reports))}
	for _, p := range f.Periods {
		o.end[p.ID] = p.End
	}
	for _, r := range f.Reports {
		o.submitted[[3]int64{r.PeriodID, r.AgencyID, int64(r.Revision)}] = r.SubmittedAt
	}
	return o
}

// later reports whether a was accepted after b.
func (o rollupOrder) later(a, b Value) bool {
	if ea, eb := o.end[a.PeriodID], o.end[b.PeriodID]; !ea.Equal(eb) {
		return ea.After(eb)
	}
	sa := o.submitted[[3]int64{a.PeriodID, a.AgencyID, int64(a.Revision)}]
	sb := o.submitted[[3]int64{b.PeriodID, b.AgencyID, int64(b.Revision)}]
	if !sa.Equal(sb) {
		return sa.After(sb)
	}
	return a.AgencyID < b.AgencyID
}
