package figures

import (
	"math"

	"tiendo/internal/indicator"
	"tiendo/internal/reporting"
)

// Light is an indicator's traffic light.
type Light string

// Lights. LightNone when there is no value or no target to judge.
const (
	LightGreen Light = "green"
	LightAmber Light = "amber"
	LightRed   Light = "red"
	LightNone  Light = "none"
)

// Thresholds set the traffic light from the % achieved: green at Green or
// more, amber at Amber or more, red below.
type Thresholds struct {
	Green float64
	Amber float64
}

// Default thresholds: green ≥ 100 %, amber ≥ 80 %, red below.
const (
	DefaultGreen = 100
	DefaultAmber = 80
)

// orDefault fills zero thresholds with the defaults.
func (t Thresholds) orDefault() Thresholds {
	if t.Green <= 0 {
		t.Green = DefaultGreen
	}
	if t.Amber <= 0 {
		t.Amber = DefaultAmber
	}
	return t
}

// light judges a % achieved (nil: LightNone).
func (t Thresholds) light(pct *float64) Light {
	switch {
	case pct == nil:
		return LightNone
	case *pct >= t.Green:
		return LightGreen
	case *pct >= t.Amber:
		return LightAmber
	}
	return LightRed
}

// IndicatorFigure is one indicator's actual against its target for a year.
type IndicatorFigure struct {
	ID        int64
	Code      string
	Name      string
	Unit      string
	Direction indicator.Direction
	Year      int
	Target    *float64 // the year's target; nil when the plan sets none
	Actual    *float64 // nil when no accepted report gave a value this year
	// ActualPeriodID is the period Actual comes from (0 when none).
	ActualPeriodID int64
	// Achieved is the % of target achieved, rounded to 0.1: actual ÷
	// target for an increasing indicator, target ÷ actual for a
	// decreasing one (lower is better: at or under target is ≥ 100 %);
	// nil when either is missing or the division is undefined.
	Achieved *float64
	Light    Light
	// Rollup is Actual's period rolled up the agency tree by the
	// indicator's rule (see Rollup): agency ID → value, for each agency
	// whose subtree gave one; nil when Actual is.
	Rollup map[int64]float64
}

// indicatorFigures computes each indicator for the year of period p.
//
// Reports give an indicator's value to date, so Actual is the value of the
// latest period of that year, up to p, with an accepted value. When several
// agencies gave one for that period they combine by the indicator's rule:
// sum adds them; average (and ratio, whose numerator and denominator the
// reports do not carry) takes their mean; latest takes the responsible
// agency's value, else the one of the lowest agency ID.
func indicatorFigures(f *Facts, p reporting.Period, lights Thresholds) []IndicatorFigure {
	periods := map[int64]reporting.Period{}
	for _, q := range f.Periods {
		periods[q.ID] = q
	}
	// latest[(indicator)] = the latest period of the year with values, and those values by agency.
	type found struct {
		period reporting.Period
		values map[int64]Value // by agency, highest revision
	}
	latest := map[int64]*found{}
	for _, v := range f.Values {
		q, ok := periods[v.PeriodID]
		if !ok || q.Year != p.Year || q.Start.After(p.Start) {
			continue
		}
		cur := latest[v.IndicatorID]
		if cur == nil || q.Start.After(cur.period.Start) {
			cur = &found{period: q, values: map[int64]Value{}}
			latest[v.IndicatorID] = cur
		}
		if q.ID != cur.period.ID {
			continue
		}
		if old, ok := cur.values[v.AgencyID]; !ok || v.Revision > old.Revision {
			cur.values[v.AgencyID] = v
		}
	}
	out := make([]IndicatorFigure, 0, len(f.Indicators))
	for _, ind := range f.Indicators {
		g := IndicatorFigure{ID: ind.ID, Code: ind.Code, Name: ind.Name, Unit: ind.Unit,
			Direction: ind.Direction, Year: p.Year}
		if t, ok := ind.Targets[p.Year]; ok {
			g.Target = &t
		}
		if cur := latest[ind.ID]; cur != nil {
			a := combine(ind, cur.values)
			g.Actual, g.ActualPeriodID = &a, cur.period.ID
			g.Rollup = Rollup(f, ind, cur.period.ID)
		}
		g.Achieved = achieved(ind.Direction, g.Actual, g.Target)
		g.Light = lights.light(g.Achieved)
		out = append(out, g)
	}
	return out
}

// combine merges several agencies' values of one period by the indicator's rule.
func combine(ind indicator.Indicator, values map[int64]Value) float64 {
	if v, ok := values[ind.AgencyID]; ok && ind.Aggregation == indicator.Latest {
		return v.Value
	}
	sum, lowest := 0.0, int64(math.MaxInt64)
	var first float64
	for id, v := range values {
		sum += v.Value
		if id < lowest {
			lowest, first = id, v.Value
		}
	}
	switch ind.Aggregation {
	case indicator.Sum:
		return sum
	case indicator.Latest:
		return first
	}
	return sum / float64(len(values))
}

// achieved is the % of target achieved, direction-aware, rounded to 0.1.
func achieved(dir indicator.Direction, actual, target *float64) *float64 {
	if actual == nil || target == nil {
		return nil
	}
	var pct float64
	switch {
	case dir == indicator.Decrease && *actual <= 0:
		pct = 100 // nothing left of what should shrink: the target cannot be beaten further
	case dir == indicator.Decrease:
		pct = *target / *actual * 100
	case *target == 0:
		return nil
	default:
		pct = *actual / *target * 100
	}
	pct = round1(pct)
	return &pct
}

// round1 rounds to one decimal, halves away from zero, as figures are shown.
func round1(x float64) float64 { return math.Round(x*10) / 10 }
