package figures

import (
	"cmp"
	"errors"
	"slices"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// Weights are the shares, in points out of 100, of the three components of
// the yearly ranking score (khen thưởng). The coordinator sets them per
// plan; DefaultWeights apply until then.
type Weights struct {
	OnTime     float64 // tasks completed on time against the original deadline
	Timeliness float64 // reports sent on time
	Indicators float64 // indicator achievement
}

// DefaultWeights: 50 on-time tasks, 30 report timeliness, 20 indicators —
// the work itself first, then the duty to report, then the outcomes the
// agency answers for.
var DefaultWeights = Weights{OnTime: 50, Timeliness: 30, Indicators: 20}

// ErrWeights is returned by Validate for weights that are negative or do
// not add up to 100.
var ErrWeights = errors.New("figures: ranking weights must be ≥ 0 and add up to 100")

// Validate checks that each weight is ≥ 0 and that they add up to 100
// (within 0.001, for decimals typed in a form).
func (w Weights) Validate() error {
	sum := w.OnTime + w.Timeliness + w.Indicators
	if w.OnTime < 0 || w.Timeliness < 0 || w.Indicators < 0 || sum < 99.999 || sum > 100.001 {
		return ErrWeights
	}
	return nil
}

// Component is one part of an agency's score with the counts it comes
// from, so that the ranking can be defended line by line.
type Component struct {
	Num, Den float64 // the rate is Num ÷ Den
	// Rate is Num ÷ Den from 0 to 1; nil when Den is 0 (the component does
	// not apply to the agency and its weight goes to the others).
	Rate *float64
}

func component(num, den float64) Component {
	c := Component{Num: num, Den: den}
	if den > 0 {
		r := num / den
		c.Rate = &r
	}
	return c
}

// RankRow is one agency's score for a year with its breakdown.
type RankRow struct {
	Rank     int // 1 for the best; equal scores share a rank (1, 1, 3)
	AgencyID int64
	Name     string
	// OnTime counts the tasks the agency leads whose original deadline
	// falls in the year and has passed by the as-of day, cancelled tasks
	// left out (Den), and those completed on or before that original
	// deadline (Num). An extension does not move the yardstick.
	OnTime Component
	// Timeliness counts the agency's expected reports for the year's
	// periods due by the as-of day (Den) and those sent on time (Num), by
	// the rule of the dashboard's completeness (first revision counts).
	Timeliness Component
	// Indicators sums, over the indicators the agency answers for with a
	// target for the year, the % achieved capped at 100 (Num, in points),
	// against 100 points each (Den); an indicator without an accepted value
	// scores 0.
	Indicators Component
	// Score is Σ weight × rate over the components that apply, divided by
	// the sum of their weights, in points out of 100 rounded to 0.1.
	Score float64
}

// Ranking scores every agency that has something to be judged on in year
// (a task due, a report expected, an indicator with a target) as of day
// asOf, best first; ties keep the agencies' list order. It reads only
// accepted data for tasks and indicators, and uses the same rules as
// Compute for reports and indicator achievement.
func Ranking(f *Facts, year int, asOf time.Time, w Weights) []RankRow {
	asOf = clock.DateOf(asOf)
	x := newIndex(f)
	rows := map[int64]*RankRow{}
	row := func(id int64) *RankRow {
		if id == 0 { // tasks without a lead: nobody to rank
			return &RankRow{}
		}
		if rows[id] == nil {
			rows[id] = &RankRow{AgencyID: id, Name: x.names[id]}
		}
		return rows[id]
	}
	// Tasks against the original deadline, each for the agency that led it
	// on that day and only if it was in the plan then: a reorganisation or
	// an amendment after the day leaves the judgement where it fell.
	onTime := map[int64][2]float64{}
	arr := map[int64][]reporting.Arrangement{}
	for _, a := range f.Arrangements {
		arr[a.TaskID] = append(arr[a.TaskID], a)
	}
	for i := range f.Tasks {
		t := &f.Tasks[i]
		due := t.OriginalDeadline.Due
		if due.IsZero() {
			due = t.Deadline.Due
		}
		if due.IsZero() || due.Year() != year || due.After(asOf) || t.Claim == plan.ClaimCancelled ||
			!reporting.InPlan(t, reporting.Period{End: due}) {
			continue
		}
		lead := leadOn(t, arr[t.ID], due)
		if lead == 0 {
			continue
		}
		c := onTime[lead]
		c[1]++
		if t.Completed() && !t.CompletedOn.After(due) {
			c[0]++
		}
		onTime[lead] = c
	}
	for id, c := range onTime {
		row(id).OnTime = component(c[0], c[1])
	}
	// Reports of the year's periods due by asOf.
	reports := map[int64]reporting.Figures{}
	var last *reporting.Period
	for i := range f.Periods {
		p := f.Periods[i]
		if p.Year != year || p.Due.After(asOf) {
			continue
		}
		for id, g := range periodFigures(InPeriod(f, p), p, asOf) { // the agencies expected then
			r := reports[id]
			r.Add(g)
			reports[id] = r
		}
	}
	for id, g := range reports {
		row(id).Timeliness = component(float64(g.OnTime), float64(g.Expected))
	}
	// Indicators of the year, as of the last period of the year started by asOf.
	for i := range f.Periods {
		if p := f.Periods[i]; p.Year == year && p.Started(asOf) {
			last = &f.Periods[i]
		}
	}
	if last != nil {
		then := InPeriod(f, *last) // each indicator with its owner of the time
		figs := indicatorFigures(then, *last, Thresholds{}.orDefault())
		ind := map[int64][2]float64{}
		for k, g := range figs {
			owner := then.Indicators[k].AgencyID
			if owner == 0 || g.Target == nil {
				continue
			}
			c := ind[owner]
			c[1] += 100
			if g.Achieved != nil {
				c[0] += min(*g.Achieved, 100)
			}
			ind[owner] = c
		}
		for id, c := range ind {
			row(id).Indicators = component(c[0], c[1])
		}
	}
	order := map[int64]int{}
	for i, a := range f.Agencies {
		order[a.ID] = i
	}
	out := make([]RankRow, 0, len(rows))
	for _, r := range rows {
		r.Score = score(r, w)
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b RankRow) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(order[a.AgencyID], order[b.AgencyID])
	})
	for i := range out {
		out[i].Rank = i + 1
		if i > 0 && out[i].Score == out[i-1].Score {
			out[i].Rank = out[i-1].Rank
		}
	}
	return out
}

// leadOn is the agency that led task t on day: the arrangement in force
// then (of its arrangements arr, the earliest that ended after it), else
// its lead now.
func leadOn(t *plan.Task, arr []reporting.Arrangement, day time.Time) int64 {
	lead, until := t.LeadAgencyID, time.Time{}
	for i := range arr {
		a := &arr[i]
		if a.Until.After(day) && (until.IsZero() || a.Until.Before(until)) {
			lead, until = a.LeadAgencyID, a.Until
		}
	}
	return lead
}

// score weighs the components that apply and rescales to their weights.
func score(r *RankRow, w Weights) float64 {
	sum, weight := 0.0, 0.0
	for _, c := range []struct {
		c Component
		w float64
	}{{r.OnTime, w.OnTime}, {r.Timeliness, w.Timeliness}, {r.Indicators, w.Indicators}} {
		if c.c.Rate != nil && c.w > 0 {
			sum += c.w * *c.c.Rate
			weight += c.w
		}
	}
	if weight == 0 {
		return 0
	}
	return round1(sum / weight * 100)
}
