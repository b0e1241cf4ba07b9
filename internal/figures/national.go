package figures

import (
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/reporting"
)

// National is the rollup of several plans' dashboards — a ministry's or
// the whole country's view of the provinces' plans: each plan's line and
// the totals. It only adds what each plan's Compute counted, so a total is
// always the sum of the lines shown and each line is the plan's own
// dashboard.
type National struct {
	Plans   []NationalRow
	Status  Counts            // every task of every plan, by status
	Reports reporting.Figures // the reports of each plan's period shown
	Overdue int               // overdue tasks
	Warned  int               // open tasks with an early warning
}

// NationalRow is one plan's line: its dashboard's status counts, report
// figures for its period, overdue and early-warning counts.
type NationalRow struct {
	PlanID  int64
	Period  reporting.Period
	Status  Counts
	Reports reporting.Figures
	Overdue int
	Warned  int
}

// Line is one plan's figures as the national rollup reads them: its row,
// and what recounting its reports needs (RecountLine). It is its
// dashboard's (Dashboard.Line) or, computed without the rest of the
// dashboard, ComputeLine's — the same value either way.
type Line struct {
	NationalRow
	AsOf     time.Time
	Expected []int64 // the agencies expected to report in Period, by ID
}

// Line is d's line of the national rollup. It shares d's counts: callers
// must not change them.
func (d *Dashboard) Line() *Line {
	return &Line{NationalRow: NationalRow{PlanID: d.PlanID, Period: d.Period, Status: d.Status, Reports: d.Reports,
		Overdue: len(d.Overdue), Warned: len(d.EarlyWarning)}, AsOf: d.AsOf, Expected: d.Expected}
}

// ComputeLine is Compute(f, o).Line() computed by the same steps, without
// the figures a line does not hold: no trend, indicators, groups or
// agency rows. So it reads only the shown period's claims and reports of
// f, no indicator value and no agency, and f may hold only those
// (store.LineFacts) — the national rollup's first read then reads and
// judges each plan's tasks once rather than in every period (issue 21).
func ComputeLine(f *Facts, o Options) (*Line, error) {
	asOf := clock.DateOf(o.AsOf)
	p, ok := reporting.PickPeriod(f.Periods, o.PeriodID, asOf)
	if !ok {
		return nil, ErrNoPeriod
	}
	f = InPeriod(f, p)
	idx := newIndex(f)
	judged := idx.judgeAll(f.Tasks, p, asOf)
	l := &Line{NationalRow: NationalRow{PlanID: f.Plan.ID, Period: p, Status: countAll(judged),
		Overdue: len(overdueList(f.Tasks, judged, idx)), Warned: len(earlyWarnings(f, idx, judged, asOf, o.lag()))},
		AsOf: asOf}
	l.Reports, l.Expected = reportTotals(periodFigures(f, p, asOf))
	return l, nil
}

// RollupNational adds up the plans' lines, in the order given.
func RollupNational(lines []*Line) National {
	n := National{Status: newCounts()}
	for _, l := range lines {
		row := l.NationalRow
		for s, v := range row.Status {
			n.Status[s] += v
		}
		n.Reports.Add(row.Reports)
		n.Overdue += row.Overdue
		n.Warned += row.Warned
		n.Plans = append(n.Plans, row)
	}
	return n
}
