package app

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/figcache"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// NationalFigures are the rollup of every active plan on a day — a
// ministry's or the country's view of the provinces' plans.
type NationalFigures struct {
	AsOf time.Time
	// Lines are each plan's line, as its own dashboard counts it for the
	// period it shows that day, in Vietnamese order of the issuer.
	Lines []NationalLine
	// Total is the sums of the lines.
	Total figures.National
	// WithoutPeriod counts the active plans left out because they have no
	// reporting period yet, hence no figures.
	WithoutPeriod int
}

// NationalLine is one plan's line of the rollup with the plan it is of.
type NationalLine struct {
	Plan plan.Plan
	figures.NationalRow
}

// NationalFigures rolls up every active plan's dashboard on day asOf
// (zero: today), each computed with its plan's settings and read through
// the figure cache: every plan's versions in one query, so a read after
// a write recomputes only the plan written to; of each plan only its
// line (figcache.Lines: its kept dashboard's, or the line alone). The
// answer is shared while nothing in it changes (nationalMemo): callers
// must not change it.
func (a *App) NationalFigures(ctx context.Context, by *auth.User, asOf time.Time) (_ *NationalFigures, err error) {
	defer derrors.Wrap(&err, "app.NationalFigures")
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	if asOf.IsZero() {
		asOf = a.Today()
	}
	all, err := a.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	var active []plan.Plan
	for _, p := range all {
		if p.Status == plan.PlanActive {
			active = append(active, p)
		}
	}
	plans := a.national.order(active)
	settings, err := a.store.FigureSettingsOfPlans(ctx)
	if err != nil {
		return nil, err
	}
	asks := make([]figcache.Ask, len(plans))
	for i, p := range plans {
		s, ok := settings[p.ID]
		if !ok {
			s = figures.DefaultSettings
		}
		asks[i] = figcache.Ask{PlanID: p.ID, Options: s.Options(figures.Options{AsOf: asOf})}
	}
	ls, errs, err := a.figs.Lines(ctx, asks)
	if err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil && !errors.Is(err, figures.ErrNoPeriod) {
			return nil, err
		}
	}
	if kept := a.national.answer(plans, asOf, ls); kept != nil {
		return kept, nil
	}
	out := &NationalFigures{AsOf: asOf}
	var kept []*figures.Line
	var keptPlans []plan.Plan
	for i, err := range errs {
		if err != nil { // figures.ErrNoPeriod
			out.WithoutPeriod++
			continue
		}
		kept = append(kept, ls[i])
		keptPlans = append(keptPlans, plans[i])
	}
	out.Total = figures.RollupNational(kept)
	for i, row := range out.Total.Plans {
		out.Lines = append(out.Lines, NationalLine{Plan: keptPlans[i], NationalRow: row})
	}
	a.national.keep(plans, asOf, ls, out)
	return out, nil
}

// nationalMemo keeps the plans' Vietnamese order and the last national
// answer: what NationalFigures gives is a function of the active plans,
// the day and each plan's line, and the figure cache gives the same line
// value as the same pointer until a write moves it. Readers of the
// national rollup between two writes then share one answer (and its
// encoding, api), instead of sorting the plans by name and adding them up
// again each time (issue 21).
type nationalMemo struct {
	mu     sync.Mutex
	active []plan.Plan // the active plans as the store listed them
	sorted []plan.Plan // the same in Vietnamese order of the issuer
	asOf   time.Time
	lines  []*figures.Line // each sorted plan's line (nil: no period)
	out    *NationalFigures
}

// order is active in Vietnamese order of issuer and number. The result
// is shared: callers must not change it.
func (m *nationalMemo) order(active []plan.Plan) []plan.Plan {
	m.mu.Lock()
	if slices.Equal(active, m.active) {
		defer m.mu.Unlock()
		return m.sorted
	}
	m.mu.Unlock()
	sorted := slices.Clone(active)
	vntext.Sort(sorted, func(p plan.Plan) string { return p.Issuer + " " + p.Code })
	m.mu.Lock()
	defer m.mu.Unlock()
	m.active, m.sorted = active, sorted
	m.out, m.lines = nil, nil
	return sorted
}

// answer is the answer kept for plans (as order gave them), asOf and
// lines, nil when none.
func (m *nationalMemo) answer(plans []plan.Plan, asOf time.Time, lines []*figures.Line) *NationalFigures {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.out == nil || !samePlans(plans, m.sorted) || !asOf.Equal(m.asOf) || !slices.Equal(lines, m.lines) {
		return nil
	}
	return m.out
}

// keep keeps out as the answer for plans, asOf and lines.
func (m *nationalMemo) keep(plans []plan.Plan, asOf time.Time, lines []*figures.Line, out *NationalFigures) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if samePlans(plans, m.sorted) {
		m.asOf, m.lines, m.out = asOf, lines, out
	}
}

// samePlans reports whether a and b are the same slice.
func samePlans(a, b []plan.Plan) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
