package figcache

import (
	"context"
	"runtime"
	"sync"

	"tiendo/internal/figures"
)

// Ask is one dashboard asked of Dashboards: a plan and the options its
// figures are computed with.
type Ask struct {
	PlanID  int64
	Options figures.Options
}

// Dashboards answers many asks at once — the national rollup asks for
// every active plan — as Dashboard answers each, with every plan's
// versions read in one query, so a read after a write recomputes only the
// plan written to; missing dashboards are computed in parallel. errs[i] is
// asks[i]'s error (figures.ErrNoPeriod for a plan without a reporting
// period); err is a failure to read the versions.
func (c *Cache) Dashboards(ctx context.Context, asks []Ask) (ds []*figures.Dashboard, errs []error, err error) {
	versions, err := c.st.FactsVersions(ctx)
	if err != nil {
		return nil, nil, err
	}
	ds = make([]*figures.Dashboard, len(asks))
	errs = make([]error, len(asks))
	var wg sync.WaitGroup
	// As many plans at once as CPUs: each plan's facts are read on
	// several connections at once already (store.Facts), and every plan
	// computed at once holds its facts in memory — twice the CPUs took
	// the server past 200 MB on an instance's first national read
	// (issue 21).
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, ask := range asks {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			v := versions[ask.PlanID]
			ds[i], errs[i] = c.dashboardAt(ctx, ask.PlanID, ask.Options, v[0], v[1])
		}()
	}
	wg.Wait()
	return ds, errs, nil
}
