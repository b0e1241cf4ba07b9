package app

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/rollup"
	"tiendo/internal/vntext"
)

// The roll-up of an upstream plan (a national programme, a ministry's
// plan): for each of its tasks in a period, every task linked to it — on
// this instance, judged as their plans' dashboards judge them, and sent by
// other instances in packages — and the upstream task's status by the
// rule of rollup.Combine. Computed parts are kept (rollup_cache.go).

// Rollup is an upstream plan's roll-up for one period, as asked.
type Rollup struct {
	Plan    plan.Plan          // the upstream plan
	Period  reporting.Period   // its period shown
	Periods []reporting.Period // all its periods, for choosing
	AsOf    time.Time          // today: statuses are judged on it (a period ended before, on its last day)
	Filter  RollupFilter
	// Items are the upstream tasks in the period, in plan order, after
	// the filter and the page; each one's status combines only the linked
	// tasks the filter kept. They are shared with other readers: callers
	// must not change them.
	Items []rollup.Item
	// Total is the number of items before the page.
	Total int
	// Counts are the items (before the page and the status filter) by
	// computed status.
	Counts map[plan.Status]int
	// Linked counts the linked tasks the filter kept, by status.
	Linked map[plan.Status]int
	// Plans are the plans with linked tasks, sorted by issuer, each with
	// the period of its own its tasks were judged in and how many linked
	// tasks it has (before the filter); Senders the instances whose
	// packages are in the roll-up.
	Plans   []RollupPlan
	Senders []RollupSender
	// Names are the names of the plans and agencies the items name, by ID.
	PlanNames   map[int64]string
	AgencyNames map[int64]string
	// Version names what this answer was made from: the kept roll-up
	// and the plans' names read now. Two answers of one plan, period,
	// filter and day with the same Version are the same, so an edge may
	// keep what it made of one (an encoded body, an ETag).
	Version string
}

// RollupPlan is a plan on this instance with tasks linked to the upstream
// plan.
type RollupPlan struct {
	Plan   plan.Plan
	Period reporting.Period // the plan's period its tasks were judged in
	Linked int              // its linked tasks in the roll-up
}

// RollupSender is an instance whose package is in the roll-up.
type RollupSender struct {
	PackageID int64
	Name      string
	AsOf      time.Time
	CreatedAt time.Time
	Linked    int
}

// RollupFilter narrows a roll-up: a province's own view (one plan, or one
// sender's package), one agency's part, one upstream task; and the page.
type RollupFilter struct {
	PlanID         int64 // only the tasks of this plan on this instance
	PackageID      int64 // only the tasks of this package
	AgencyID       int64 // only the tasks this agency leads (as the period had it)
	UpstreamTaskID int64 // only this upstream task
	// Status keeps only the upstream tasks of this computed status (after
	// the other filters); "" all.
	Status        plan.Status
	Limit, Offset int // the page of items; Limit 0: all
}

// MaxRollupLimit bounds a page of items.
const MaxRollupLimit = 1000

// narrowed reports whether f keeps only some linked tasks.
func (f RollupFilter) narrowed() bool { return f.PlanID != 0 || f.PackageID != 0 || f.AgencyID != 0 }

// Rollup reads the roll-up of upstream plan planID for its period periodID
// (0: the period the plan's dashboard shows today) with filter f. An
// unknown plan is NotFound; a period not of the plan, Invalid (field
// "period").
func (a *App) Rollup(ctx context.Context, by *auth.User, planID, periodID int64, f RollupFilter) (_ *Rollup, err error) {
	defer derrors.Wrap(&err, "app.Rollup(plan %d, period %d)", planID, periodID)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	if f.Limit < 0 || f.Limit > MaxRollupLimit || f.Offset < 0 {
		return nil, derrors.InvalidFields(map[string]string{"limit": "Số dòng mỗi trang phải từ 1 đến 1.000."}, "")
	}
	if f.Status != "" && f.Status != rollup.NotLinked && !f.Status.Valid() {
		return nil, derrors.InvalidFields(map[string]string{"status": "Tình trạng phải là not_linked hoặc một trong: done_on_time, done_late, in_progress, due_soon, overdue, not_started, paused, cancelled."}, "")
	}
	today := a.Today()
	core, err := a.rollups.get(ctx, a, planID, periodID, today)
	var pe *PeriodError
	if errors.As(err, &pe) {
		return nil, derrors.InvalidFields(map[string]string{"period": "Kỳ báo cáo này không thuộc kế hoạch."}, pe.Error())
	}
	if err != nil {
		return nil, notFoundAs(err, "Không có kế hoạch mã %d.", planID)
	}
	r := &Rollup{Plan: core.plan, Period: core.period, Periods: core.periods, AsOf: today, Filter: f,
		Senders: core.senders, AgencyNames: core.agencies, PlanNames: map[int64]string{}}
	// Plans as they are now: a plan's number, title or level changes no
	// figure and moves no version, so the kept roll-up may hold older ones.
	plans, err := a.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	now := make(map[int64]*plan.Plan, len(plans))
	names := fnv.New64a()
	for i := range plans {
		now[plans[i].ID] = &plans[i]
		r.PlanNames[plans[i].ID] = planLabel(&plans[i])
		p := &plans[i]
		for _, v := range [...]string{strconv.FormatInt(p.ID, 10), p.Code, p.Title, p.Issuer, string(p.Level),
			string(p.Status), p.IssuedOn.Format(time.DateOnly)} {
			names.Write([]byte(v))
			names.Write([]byte{0})
		}
	}
	r.Version = core.tag + "." + strconv.FormatUint(names.Sum64(), 36)
	// What follows is a function of Version, the period and f alone: a
	// national programme's roll-up is thousands of items to count and
	// narrow, and its readers ask the same few answers between writes.
	ak := answerKey{version: r.Version, period: core.period.ID, filter: f}
	if kept := a.rollups.answer(ak); kept != nil {
		return kept, nil
	}
	defer func() {
		if err == nil {
			a.rollups.keepAnswer(ak, r)
		}
	}()
	if p := now[planID]; p != nil {
		r.Plan = *p
	}
	r.Plans = make([]RollupPlan, len(core.plans))
	for i, rp := range core.plans {
		if p := now[rp.Plan.ID]; p != nil {
			rp.Plan = *p
		}
		r.Plans[i] = rp
	}
	items := core.items
	if f.UpstreamTaskID != 0 {
		items = nil
		for i := range core.items {
			if core.items[i].UpstreamTaskID == f.UpstreamTaskID {
				items = core.items[i : i+1]
			}
		}
	}
	if f.narrowed() {
		items = narrow(items, f)
	}
	r.Counts, r.Linked = map[plan.Status]int{}, map[plan.Status]int{}
	for i := range items {
		r.Counts[items[i].Status]++
		for _, l := range items[i].Linked {
			r.Linked[l.Status]++
		}
	}
	if f.Status != "" {
		var kept []rollup.Item
		for _, it := range items {
			if it.Status == f.Status {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	r.Total = len(items)
	if f.Offset > len(items) {
		f.Offset = len(items)
	}
	items = items[f.Offset:]
	if f.Limit > 0 && len(items) > f.Limit {
		items = items[:f.Limit]
	}
	r.Items = items
	return r, nil
}

// narrow is items with only the linked tasks f keeps, each item's status
// and progress combined again from them.
func narrow(items []rollup.Item, f RollupFilter) []rollup.Item {
	out := make([]rollup.Item, len(items))
	for i, it := range items {
		it.Linked = nil
		for _, l := range items[i].Linked {
			switch {
			case f.PlanID != 0 && (l.Remote() || l.PlanID != f.PlanID),
				f.PackageID != 0 && l.PackageID != f.PackageID,
				f.AgencyID != 0 && (l.Remote() || l.AgencyID != f.AgencyID):
				continue
			}
			it.Linked = append(it.Linked, l)
		}
		it.Combined()
		out[i] = it
	}
	return out
}

// planLabel is how lists name a plan: its number and title.
func planLabel(p *plan.Plan) string {
	if p.Code == "" {
		return p.Title
	}
	return p.Code + " — " + p.Title
}

// rollupTag names a roll-up by what it is a function of: the upstream
// plan, its period, the day, the roll-up counter and the facts version of
// every plan it read.
func rollupTag(planID, periodID int64, day string, rv int64, deps map[int64]int64) string {
	ids := make([]int64, 0, len(deps))
	for id := range deps {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%d/%s/%d", planID, periodID, day, rv)
	for _, id := range ids {
		fmt.Fprintf(h, "/%d:%d", id, deps[id])
	}
	return strconv.FormatUint(h.Sum64(), 36)
}

// rollupCore is a roll-up before any filter: every upstream task of the
// period with every linked task.
type rollupCore struct {
	// tag names everything the roll-up was made from (rollupTag): equal
	// tags, equal roll-ups, on any instance.
	tag      string
	plan     plan.Plan
	period   reporting.Period
	periods  []reporting.Period
	items    []rollup.Item
	plans    []RollupPlan
	senders  []RollupSender
	agencies map[int64]string
}

// computeRollup assembles the roll-up of upstream plan u for its period p
// from the parts of the linked plans (read through the cache) and the
// packages received.
func (a *App) computeRollup(ctx context.Context, u *upstreamEntry, p reporting.Period, today time.Time, versions map[int64][2]int64, rv int64) (*rollupCore, map[int64]int64, error) {
	c := &rollupCore{plan: u.part.Plan, period: p, periods: u.part.Periods}
	deps := map[int64]int64{u.part.Plan.ID: versions[u.part.Plan.ID][0]}
	tasks := reporting.TasksIn(u.part.Tasks, u.part.Arrangements, u.part.Versions, p)
	numbers := rollup.Numbers(u.part.Tasks)
	at := make(map[int64]int, len(tasks))
	c.items = make([]rollup.Item, len(tasks))
	for i := range tasks {
		t := &tasks[i]
		c.items[i] = rollup.Item{UpstreamTaskID: t.ID, Number: numbers[t.ID], Title: rollup.TitleOf(t)}
		at[t.ID] = i
	}
	linked, err := a.store.LinkedPlans(ctx, u.part.Plan.ID)
	if err != nil {
		return nil, nil, err
	}
	agencies, err := a.store.Agencies(ctx)
	if err != nil {
		return nil, nil, err
	}
	c.agencies = make(map[int64]string, len(agencies))
	for _, ag := range agencies {
		c.agencies[ag.ID] = ag.Name
	}
	// Each linked plan's part, read and judged in parallel when not kept:
	// twice the CPUs, as a part waits on the database about as long as it
	// computes (figcache.Dashboards does the same).
	got := make([]*linkedEntry, len(linked))
	errs := make([]error, len(linked))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	for i, id := range linked {
		deps[id] = versions[id][0]
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			got[i], errs[i] = a.rollups.part(ctx, a, u.part.Plan.ID, id, p, today, versions[id][0], rv)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	var parts []*linkedEntry
	for _, e := range got {
		if e != nil {
			parts = append(parts, e)
		}
	}
	vntext.Sort(parts, func(e *linkedEntry) string { return e.plan.Issuer + " " + e.plan.Code })
	for _, e := range parts {
		n := 0
		for _, row := range e.rows {
			for _, up := range row.upstream {
				if i, ok := at[up]; ok {
					c.items[i].Linked = append(c.items[i].Linked, row.linked)
					n++
				}
			}
		}
		c.plans = append(c.plans, RollupPlan{Plan: e.plan, Period: e.period, Linked: n})
	}
	received, err := a.store.PackageItems(ctx, u.part.Plan.ID, p.ID)
	if err != nil {
		return nil, nil, err
	}
	for _, pkg := range received {
		n := 0
		for _, it := range pkg.Items {
			if i, ok := at[it.UpstreamTaskID]; ok {
				c.items[i].Linked = append(c.items[i].Linked, it.Linked)
				n++
			}
		}
		c.senders = append(c.senders, RollupSender{PackageID: pkg.ID, Name: pkg.Sender, AsOf: pkg.AsOf,
			CreatedAt: pkg.CreatedAt, Linked: n})
	}
	for i := range c.items {
		c.items[i].Combined()
	}
	return c, deps, nil
}

// linkedRows judges plan e's tasks linked upstream for the roll-up: the
// one call that says what status a linked task has in a period
// (figures.JudgeTasks, the dashboard's own rule). A replaced plan's tasks
// count only when done (its unfinished ones go on in the plan that
// replaced it, which holds their links: store.carryLinks); a draft plan's
// not at all.
func linkedRows(lp *linkedPart, period reporting.Period, today time.Time) []linkedRow {
	if lp.part.Facts.Plan.Status == plan.PlanDraft {
		return nil
	}
	judged := judgeLinked(lp, period, today)
	rows := make([]linkedRow, 0, len(judged))
	for _, j := range judged {
		if lp.part.Facts.Plan.Status == plan.PlanReplaced && j.Status != plan.StatusDoneOnTime && j.Status != plan.StatusDoneLate {
			continue
		}
		title := j.Title
		if title == "" {
			title = plan.TitleFromText(j.Text)
		}
		l := rollup.Linked{PlanID: lp.part.Facts.Plan.ID, TaskID: j.TaskID, AgencyID: j.LeadAgencyID,
			Number: lp.part.Numbers[j.TaskID], Title: title, Status: j.Status, OverdueDays: j.OverdueDays,
			Progress: j.Progress}
		if res, ok := lp.part.Results[j.TaskID]; ok {
			l.Result, l.ResultPeriod, l.ResultReport = res.Text, lp.periodLabel(res.PeriodID), res.ReportID
			if res.Evidence != "" {
				l.Evidence = []rollup.Evidence{{Text: res.Evidence}}
			}
		}
		rows = append(rows, linkedRow{upstream: lp.part.Links[j.TaskID], linked: l})
	}
	return rows
}
