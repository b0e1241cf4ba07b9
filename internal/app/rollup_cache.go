package app

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/rollup"
	"tiendo/internal/store"
)

// rollupCache keeps computed roll-ups, as figcache keeps dashboards: every
// part is a pure function of rows whose writes move a counter in the same
// transaction — a plan's facts version (its tasks, reports, periods,
// agencies…) and the 'rollup' counter (links and packages) — so a part
// kept under the counters it was read at is exactly what a recomputation
// would give, on every instance sharing the database.
//
// Three levels: the upstream plan's tasks (by its facts version), each
// linked plan's judged tasks (by its facts version, the roll-up counter,
// the upstream period and the day), and the assembled roll-up of a period
// and day (valid while none of the versions it was made from moved). A
// write to one province recomputes that province's part and the assembly;
// a read with nothing written costs two small queries.
type rollupCache struct {
	mu        sync.Mutex
	upstreams map[[2]int64]*upstreamEntry // (plan, facts version)
	parts     map[partKey]*linkedEntry
	cores     map[coreKey]*coreEntry
	// answers are the roll-ups last given (Rollup), oldest first in
	// answerOrder.
	answers     map[answerKey]*Rollup
	answerOrder []answerKey
	// Hits count roll-ups served as kept; Misses those assembled again.
	Hits, Misses atomic.Int64
}

// Bounds of the cache: a national instance has a few upstream plans, each
// read for a few periods a day, with a few dozen linked plans.
const (
	maxRollupParts = 4096
	maxRollupCores = 64
	// maxRollupAnswers: every province's view of a programme and a few
	// filters besides.
	maxRollupAnswers = 256
)

// answerKey names one roll-up as Rollup gives it: its Version (the kept
// roll-up and the plans' names it was made from), period and filter.
type answerKey struct {
	version string
	period  int64
	filter  RollupFilter
}

// answer is the roll-up kept for k, nil when none. It is shared: callers
// must not change it.
func (c *rollupCache) answer(k answerKey) *Rollup {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.answers[k]
}

// keepAnswer keeps r as k's roll-up, the oldest going past maxRollupAnswers.
func (c *rollupCache) keepAnswer(k answerKey, r *Rollup) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.answers[k]; ok {
		return
	}
	c.answers[k] = r
	c.answerOrder = append(c.answerOrder, k)
	for len(c.answerOrder) > maxRollupAnswers {
		delete(c.answers, c.answerOrder[0])
		c.answerOrder = c.answerOrder[1:]
	}
}

func newRollupCache() *rollupCache {
	return &rollupCache{upstreams: map[[2]int64]*upstreamEntry{}, parts: map[partKey]*linkedEntry{}, cores: map[coreKey]*coreEntry{},
		answers: map[answerKey]*Rollup{}}
}

type upstreamEntry struct {
	ready chan struct{}
	part  *store.UpstreamPart
	err   error
}

// partKey names one linked plan's part: everything it is a function of.
type partKey struct {
	upstream, plan, period int64 // period: the upstream plan's
	end, day               string
	version, rollup        int64
}

type linkedEntry struct {
	ready  chan struct{}
	plan   plan.Plan
	period reporting.Period // the linked plan's period its tasks were judged in
	rows   []linkedRow
	err    error
}

// linkedRow is one linked task with the upstream tasks it implements.
type linkedRow struct {
	upstream []int64
	linked   rollup.Linked
}

type coreKey struct {
	plan, period int64
	day          string
}

type coreEntry struct {
	ready  chan struct{}
	core   *rollupCore
	deps   map[int64]int64 // plan → facts version it was made at
	rollup int64
	err    error
}

// valid reports whether e was made from the versions read now.
func (e *coreEntry) valid(versions map[int64][2]int64, rv int64) bool {
	if e.err != nil || e.rollup != rv {
		return false
	}
	for id, v := range e.deps {
		if versions[id][0] != v {
			return false
		}
	}
	return true
}

// get returns the roll-up of upstream plan planID for its period periodID
// (0: the one its dashboard shows today) on day today.
func (c *rollupCache) get(ctx context.Context, a *App, planID, periodID int64, today time.Time) (*rollupCore, error) {
	versions, err := a.store.FactsVersions(ctx)
	if err != nil {
		return nil, err
	}
	rv, err := a.store.RollupVersion(ctx)
	if err != nil {
		return nil, err
	}
	v, ok := versions[planID]
	if !ok {
		return nil, store.ErrNotFound
	}
	u, err := c.upstream(ctx, a, planID, v[0])
	if err != nil {
		return nil, err
	}
	p, ok := figures.PeriodOn(u.part.Periods, periodID, today)
	if !ok {
		if periodID != 0 {
			return nil, &PeriodError{PlanID: planID, PeriodID: periodID}
		}
		return nil, errNoPeriods
	}
	k := coreKey{plan: planID, period: p.ID, day: today.Format(time.DateOnly)}
	for {
		c.mu.Lock()
		e := c.cores[k]
		if e == nil || isReady(e.ready) && !e.valid(versions, rv) {
			e = &coreEntry{ready: make(chan struct{})}
			c.cores[k] = e
			c.evictCores(k)
			c.mu.Unlock()
			c.Misses.Add(1)
			var core *rollupCore
			core, e.deps, e.err = a.computeRollup(ctx, u, p, today, versions, rv)
			if core != nil {
				core.tag = rollupTag(planID, p.ID, k.day, rv, e.deps)
			}
			e.core, e.rollup = core, rv
			close(e.ready)
			if e.err != nil {
				c.mu.Lock()
				if c.cores[k] == e {
					delete(c.cores, k)
				}
				c.mu.Unlock()
			}
			return e.core, e.err
		}
		c.mu.Unlock()
		select {
		case <-e.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.valid(versions, rv) {
			c.Hits.Add(1)
			return e.core, nil
		}
		// Made from other versions (read before or after ours): make ours.
		c.mu.Lock()
		if c.cores[k] == e {
			delete(c.cores, k)
		}
		c.mu.Unlock()
	}
}

// errNoPeriods: the upstream plan has no reporting period yet.
var errNoPeriods = errors.New("app: the plan has no reporting period")

func isReady(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// upstream returns the upstream plan's part at facts version v.
func (c *rollupCache) upstream(ctx context.Context, a *App, planID, v int64) (*upstreamEntry, error) {
	k := [2]int64{planID, v}
	c.mu.Lock()
	e := c.upstreams[k]
	if e == nil {
		e = &upstreamEntry{ready: make(chan struct{})}
		c.upstreams[k] = e
		for o := range c.upstreams {
			if o[0] == planID && o[1] < v {
				delete(c.upstreams, o)
			}
		}
		c.mu.Unlock()
		e.part, e.err = a.store.UpstreamPart(ctx, planID)
		close(e.ready)
		if e.err != nil {
			c.mu.Lock()
			delete(c.upstreams, k)
			c.mu.Unlock()
		}
		return e, e.err
	}
	c.mu.Unlock()
	select {
	case <-e.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return e, e.err
}

// part returns plan planID's linked tasks judged for upstream period p on
// today, read at facts version v and roll-up counter rv; nil when the plan
// has no period (no figures).
func (c *rollupCache) part(ctx context.Context, a *App, upstreamID, planID int64, p reporting.Period, today time.Time, v, rv int64) (*linkedEntry, error) {
	k := partKey{upstream: upstreamID, plan: planID, period: p.ID, end: p.End.Format(time.DateOnly),
		day: today.Format(time.DateOnly), version: v, rollup: rv}
	c.mu.Lock()
	e := c.parts[k]
	if e == nil {
		e = &linkedEntry{ready: make(chan struct{})}
		c.parts[k] = e
		c.evictParts(k)
		c.mu.Unlock()
		e.err = a.readPart(ctx, e, upstreamID, planID, p, today)
		close(e.ready)
		if e.err != nil {
			c.mu.Lock()
			delete(c.parts, k)
			c.mu.Unlock()
		}
	} else {
		c.mu.Unlock()
		select {
		case <-e.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if e.err != nil {
		return nil, e.err
	}
	if e.period.ID == 0 {
		return nil, nil
	}
	return e, nil
}

// readPart reads and judges plan planID's part into e.
func (a *App) readPart(ctx context.Context, e *linkedEntry, upstreamID, planID int64, p reporting.Period, today time.Time) error {
	pl, periods, err := a.store.LinkedPlanPeriods(ctx, planID)
	if err != nil {
		return err
	}
	e.plan = *pl
	own, ok := figures.PeriodOn(periods, 0, p.End)
	if !ok {
		return nil
	}
	lp, err := a.store.LinkedPart(ctx, planID, upstreamID, own, today)
	if err != nil {
		return err
	}
	e.period = own
	e.rows = linkedRows(&linkedPart{part: lp}, own, today)
	return nil
}

// evictParts drops the parts of k's plan and period at other versions,
// which no reader will ask for again, then any while over the bound.
// Called with mu held.
func (c *rollupCache) evictParts(k partKey) {
	for o := range c.parts {
		if o.upstream == k.upstream && o.plan == k.plan && o.period == k.period && o.day == k.day && o != k {
			delete(c.parts, o)
		}
	}
	for o := range c.parts {
		if len(c.parts) <= maxRollupParts {
			break
		}
		if o != k {
			delete(c.parts, o)
		}
	}
}

// evictCores drops any roll-up but k's while over the bound. Called with
// mu held.
func (c *rollupCache) evictCores(k coreKey) {
	for o := range c.cores {
		if len(c.cores) <= maxRollupCores {
			break
		}
		if o != k {
			delete(c.cores, o)
		}
	}
}

// linkedPart is a linked plan's part with the labels of its periods.
type linkedPart struct {
	part *store.LinkedPart
}

// periodLabel is the label of the part's plan's period id.
func (lp *linkedPart) periodLabel(id int64) string {
	for _, p := range lp.part.Facts.Periods {
		if p.ID == id {
			return p.Label
		}
	}
	return ""
}

// judgeLinked is the linked tasks of lp judged in period (of their plan)
// on today: figures.JudgeTasks, the dashboard's rule.
func judgeLinked(lp *linkedPart, period reporting.Period, today time.Time) []figures.LinkedRow {
	return figures.JudgeTasks(&lp.part.Facts, period, today, lp.part.Claimed)
}
