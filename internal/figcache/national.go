package figcache

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// NationalPlan is one line of the national rollup with the plan it is of.
type NationalPlan struct {
	Plan plan.Plan
	figures.NationalRow
}

// National is the rollup of every active plan on day asOf — a ministry's
// or the country's view of the provinces' plans — each plan with the
// period its own dashboard shows that day, lines in Vietnamese order of
// the issuer. Plans without a reporting period yet have no figures and
// are left out (Skipped counts them). Each plan's figures come from the
// cache (every plan's versions read in one query), so a read after a
// write recomputes only the plan written to; missing plans are computed
// in parallel.
func (c *Cache) National(ctx context.Context, asOf time.Time) (lines []NationalPlan, total figures.National, skipped int, err error) {
	all, err := c.st.Plans(ctx)
	if err != nil {
		return nil, total, 0, err
	}
	var plans []plan.Plan
	for _, p := range all {
		if p.Status == plan.PlanActive {
			plans = append(plans, p)
		}
	}
	vntext.Sort(plans, func(p plan.Plan) string { return p.Issuer + " " + p.Code })
	versions, err := c.st.FactsVersions(ctx)
	if err != nil {
		return nil, total, 0, err
	}
	ds := make([]*figures.Dashboard, len(plans))
	errs := make([]error, len(plans))
	var wg sync.WaitGroup
	// Twice the CPUs: a plan's figures wait on the database about as long
	// as they compute.
	sem := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	for i := range plans {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			v := versions[plans[i].ID]
			ds[i], errs[i] = c.dashboardAt(ctx, plans[i].ID, 0, asOf, v[0], v[1])
		}()
	}
	wg.Wait()
	var kept []*figures.Dashboard
	var keptPlans []plan.Plan
	for i, err := range errs {
		switch {
		case errors.Is(err, figures.ErrNoPeriod):
			skipped++
		case err != nil:
			return nil, total, 0, err
		default:
			kept = append(kept, ds[i])
			keptPlans = append(keptPlans, plans[i])
		}
	}
	total = figures.RollupNational(kept)
	for i, row := range total.Plans {
		lines = append(lines, NationalPlan{Plan: keptPlans[i], NationalRow: row})
	}
	return lines, total, skipped, nil
}
