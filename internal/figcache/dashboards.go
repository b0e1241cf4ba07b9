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
	c.each(asks, func(i int, ask Ask) {
		v := versions[ask.PlanID]
		ds[i], errs[i] = c.dashboardAt(ctx, ask.PlanID, ask.Options, v[0], v[1])
	})
	return ds, errs, nil
}

// each calls fn on every ask, as many at once as CPUs: each plan's facts
// are read on several connections at once already (store.Facts), and
// every plan computed at once holds its facts in memory — twice the CPUs
// took the server past 200 MB on an instance's first national read
// (issue 21).
func (c *Cache) each(asks []Ask, fn func(int, Ask)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, ask := range asks {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			fn(i, ask)
		}()
	}
	wg.Wait()
}

// Lines answers many asks at once as Dashboards does, with each plan's
// rollup line: its kept dashboard's when there is one, else a line
// computed alone (ComputeLine), which reads and judges only the period
// shown — the national rollup's read, which needs no trend and no
// indicator (issue 21).
func (c *Cache) Lines(ctx context.Context, asks []Ask) (ls []*figures.Line, errs []error, err error) {
	versions, err := c.st.FactsVersions(ctx)
	if err != nil {
		return nil, nil, err
	}
	ls = make([]*figures.Line, len(asks))
	errs = make([]error, len(asks))
	c.each(asks, func(i int, ask Ask) {
		v := versions[ask.PlanID]
		ls[i], errs[i] = c.lineAt(ctx, ask.PlanID, ask.Options, v[0], v[1])
	})
	return ls, errs, nil
}
