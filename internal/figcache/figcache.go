// Package figcache keeps computed dashboards so that reading one costs a
// version check instead of a recomputation. A plan's figures are a pure
// function of its stored facts (store.Facts, figures.Compute) and of the
// options asked (day, period, the plan's thresholds and warning lag); the
// store moves the plan's versions in the same transaction as any row
// those figures read (triggers, listed in store.FigureTables), so an entry
// keyed by (plan, versions, options) is exactly what a full recomputation
// would give — on every instance that shares the database, with no
// rebuild job and no expiry to tune. The application (internal/app) owns
// the cache: it reads the plan's settings and asks.
//
// Two versions, because the deadline's commonest writes touch little: a
// report sent or returned moves only the reports version, and its next
// reader recounts the period's reports (figures.RecountReports, one small
// query) over the kept figures; any other write (a task, an acceptance, an
// agency…) moves the facts version and costs its next reader one full
// recomputation. A draft saved moves neither: no figure reads drafts.
//
// The national rollup asks for lines (Lines): a kept dashboard's, or one
// computed alone from the plan's facts of the shown period, kept under
// the same versions.
package figcache

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"tiendo/internal/figures"
	"tiendo/internal/store"
)

// Cache holds up to Max dashboards; the least recently used goes first.
// Concurrent requests for one missing dashboard compute it once.
type Cache struct {
	st   *store.Store
	max  int
	mu   sync.Mutex
	m    map[key]*entry
	tick uint64
	// Hits count reads served as kept, Recounts those served after
	// recounting the reports, Misses those computed in full.
	Hits, Recounts, Misses atomic.Int64
}

// key names one computed dashboard (or line): the plan at a facts version and
// everything else its figures are a function of (figures.Options: the
// period, the day, and the plan's settings as the caller read them), so
// that settings read before a change cannot be kept under the version
// after it.
type key struct {
	plan, version, period int64
	day                   string // YYYY-MM-DD
	lights                figures.Thresholds
	lag                   float64
	line                  bool // a rollup line computed alone (Lines), not a dashboard
}

// keyOf is the key of plan planID's dashboard at facts version v for o.
func keyOf(planID, v int64, o figures.Options) key {
	return key{plan: planID, version: v, period: o.PeriodID, day: o.AsOf.Format(time.DateOnly), lights: o.Lights, lag: o.LagPoints}
}

// entry is one kept dashboard with its line or, for a line key, one line.
type entry struct {
	ready chan struct{}      // closed when d and l, reports and err are set
	d     *figures.Dashboard // nil for a line key
	l     *figures.Line
	err   error
	used  uint64
	// reports is the reports version d is right for; a reader of a later
	// one recounts (under mu, replacing d and reports).
	reports int64
}

// DefaultMax is enough for every plan of a national register on a few
// days and periods; a dashboard is tens of kilobytes.
const DefaultMax = 512

// New returns a cache over st holding up to max dashboards (DefaultMax
// when max ≤ 0).
func New(st *store.Store, max int) *Cache {
	if max <= 0 {
		max = DefaultMax
	}
	return &Cache{st: st, max: max, m: map[key]*entry{}}
}

// Dashboard returns the plan's figures for o (o.PeriodID 0: the period
// figures.Compute picks; o.AsOf the day; the thresholds and lag the
// plan's settings, which the caller reads) — the same value as
// figures.Compute over store.Facts read now. The result is shared:
// callers must not change it. Errors are not kept.
func (c *Cache) Dashboard(ctx context.Context, planID int64, o figures.Options) (*figures.Dashboard, error) {
	v, rv, err := c.st.FactsVersion(ctx, planID)
	if err != nil {
		return nil, err
	}
	return c.dashboardAt(ctx, planID, o, v, rv)
}

// dashboardAt is Dashboard with the plan's versions already read.
func (c *Cache) dashboardAt(ctx context.Context, planID int64, o figures.Options, v, rv int64) (*figures.Dashboard, error) {
	e, err := c.get(ctx, keyOf(planID, v, o), rv, c.computeDashboard(ctx, planID, o))
	if err != nil {
		return nil, err
	}
	return e.d, nil
}

// lineAt is plan planID's rollup line for o at versions v and rv: its
// kept dashboard's when there is one, else a line computed alone
// (ComputeLine), kept under its own key. Either is kept with its entry,
// so that the same value is the same pointer until a write moves it
// (the national answer is kept while its lines are: app.NationalFigures).
func (c *Cache) lineAt(ctx context.Context, planID int64, o figures.Options, v, rv int64) (*figures.Line, error) {
	k := keyOf(planID, v, o)
	c.mu.Lock()
	_, full := c.m[k]
	c.mu.Unlock()
	compute := c.computeDashboard(ctx, planID, o) // when the dashboard was dropped since
	if !full {
		k.line = true
		compute = func(e *entry) (err error) {
			e.l, err = ComputeLine(ctx, c.st, planID, o)
			return err
		}
	}
	e, err := c.get(ctx, k, rv, compute)
	if err != nil {
		return nil, err
	}
	return e.l, nil
}

// computeDashboard computes an entry's dashboard and its line.
func (c *Cache) computeDashboard(ctx context.Context, planID int64, o figures.Options) func(*entry) error {
	return func(e *entry) (err error) {
		if _, e.d, err = Compute(ctx, c.st, planID, o); err == nil {
			e.l = e.d.Line()
		}
		return err
	}
}

// get returns k's entry as of reports version rv: as kept, recounted
// (current) or, when missing, made by compute — once, however many ask
// at the same time. The entry returned is a snapshot: its value does
// not change after.
func (c *Cache) get(ctx context.Context, k key, rv int64, compute func(*entry) error) (*entry, error) {
	c.mu.Lock()
	c.tick++
	e, ok := c.m[k]
	if ok {
		e.used = c.tick
		c.mu.Unlock()
		select {
		case <-e.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.err != nil {
			return nil, e.err
		}
		return c.current(ctx, e, rv)
	}
	e = &entry{ready: make(chan struct{}), used: c.tick, reports: rv}
	c.m[k] = e
	c.evict(k)
	c.mu.Unlock()
	c.Misses.Add(1)

	var v entry // filled here, read after from v: a recount may replace e's under mu
	err := compute(&v)
	e.d, e.l, e.err = v.d, v.l, err
	close(e.ready)
	if err != nil {
		c.mu.Lock()
		if c.m[k] == e {
			delete(c.m, k)
		}
		c.mu.Unlock()
		return nil, err
	}
	return &entry{d: v.d, l: v.l, reports: rv}, nil
}

// current returns a snapshot of e as of reports version rv: as kept when
// e is at rv or later, else with its reports recounted (and kept so).
// The reports are read after rv was, so they are at rv or later.
func (c *Cache) current(ctx context.Context, e *entry, rv int64) (*entry, error) {
	c.mu.Lock()
	now := entry{d: e.d, l: e.l, reports: e.reports}
	c.mu.Unlock()
	if now.reports >= rv {
		c.Hits.Add(1)
		return &now, nil
	}
	planID, period := lineOf(&now)
	reports, err := c.st.PeriodReports(ctx, planID, period)
	if err != nil {
		return nil, err
	}
	if now.d != nil {
		now.d = figures.RecountReports(now.d, reports)
		now.l = now.d.Line()
	} else {
		now.l = figures.RecountLine(now.l, reports)
	}
	now.reports = rv
	c.Recounts.Add(1)
	c.mu.Lock()
	if e.reports < rv {
		e.d, e.l, e.reports = now.d, now.l, rv
	}
	c.mu.Unlock()
	return &now, nil
}

// lineOf is the plan and period of e's value.
func lineOf(e *entry) (planID, periodID int64) {
	if e.d != nil {
		return e.d.PlanID, e.d.Period.ID
	}
	return e.l.PlanID, e.l.Period.ID
}

// evict drops the entries of older versions of k's plan, which no reader
// will ask for again, and then the least recently used while over max.
// Called with mu held.
func (c *Cache) evict(k key) {
	for o := range c.m {
		if o.plan == k.plan && o.version < k.version {
			delete(c.m, o)
		}
	}
	for len(c.m) > c.max {
		var old key
		first := true
		for o, e := range c.m {
			if first || e.used < c.m[old].used {
				old, first = o, false
			}
		}
		delete(c.m, old)
	}
}

// ComputeLine is the uncached path of a rollup line: the plan's facts
// for it (store.LineFacts) and figures.ComputeLine over them with o.
func ComputeLine(ctx context.Context, st *store.Store, planID int64, o figures.Options) (*figures.Line, error) {
	f, err := st.LineFacts(ctx, planID, o.AsOf, o.PeriodID)
	if err != nil {
		return nil, err
	}
	return figures.ComputeLine(f, o)
}

// Compute is the uncached path: the plan's facts as of o.AsOf and
// figures.Compute over them with o, returned with the facts. The cache,
// the reads that need the facts themselves (drill-down lists, downloads,
// open data) and the tests that check the cache all call this one
// function.
func Compute(ctx context.Context, st *store.Store, planID int64, o figures.Options) (*figures.Facts, *figures.Dashboard, error) {
	f, err := st.Facts(ctx, planID, o.AsOf)
	if err != nil {
		return nil, nil, err
	}
	d, err := figures.Compute(f, o)
	if err != nil {
		return nil, nil, err
	}
	return f, d, nil
}
