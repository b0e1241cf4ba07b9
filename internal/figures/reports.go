package figures

import (
	"slices"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// AgencyRow is one agency's figures: the tasks it leads by status, and its
// report for the period (expected, received, on time).
type AgencyRow struct {
	AgencyID int64 // 0: tasks without a lead agency
	Name     string
	Status   Counts
	Reports  reporting.Figures
}

// reportsAndAgencies counts the period's reports, overall and per agency,
// and builds the per-agency rows.
//
// An agency is expected in a started period when reporting.ExpectedAgencies
// names it (it leads or cooperates on a task open in the period; active
// plans only) or when it has a report row for the period (a row once made
// stays, as store.EnsureReports keeps it). As in the coordinator's figures,
// the first revision counts: received when submitted or accepted
// (State.Received) on or before the as-of day, on time by its last
// submission. A period not started by the as-of day expects nothing.
func reportsAndAgencies(f *Facts, x *index, p reporting.Period, judged []judgement, asOf time.Time) (reporting.Figures, []AgencyRow, []int64) {
	per := periodFigures(f, p, asOf)
	total, expected := reportTotals(per)
	rows := map[int64]*AgencyRow{}
	row := func(id int64) *AgencyRow {
		r := rows[id]
		if r == nil {
			r = &AgencyRow{AgencyID: id, Name: x.names[id], Status: newCounts()}
			if id == 0 {
				r.Name = "Chưa phân công"
			}
			rows[id] = r
		}
		return r
	}
	for i := range f.Tasks {
		row(f.Tasks[i].LeadAgencyID).Status[judged[i].Status]++
	}
	for id, g := range per {
		row(id).Reports = g
	}
	var out []AgencyRow
	for _, a := range f.Agencies {
		if r := rows[a.ID]; r != nil {
			out = append(out, *r)
			delete(rows, a.ID)
		}
	}
	// Agencies missing from Facts.Agencies (none in a consistent store), then the unassigned.
	rest := make([]int64, 0, len(rows))
	for id := range rows {
		rest = append(rest, id)
	}
	slices.Sort(rest)
	if len(rest) > 0 && rest[0] == 0 {
		rest = append(rest[1:], 0)
	}
	for _, id := range rest {
		out = append(out, *rows[id])
	}
	return total, out, expected
}

// RecountReports is d with its report figures — Reports, and each
// ByAgency row's — counted again from reports, the plan's report
// revisions of d's period as they stand now; everything else is d's.
// It is what Compute would give when only reports changed state short of
// acceptance (sent, returned): the expected agencies and every other
// figure depend on tasks and accepted data only. d is not changed.
func RecountReports(d *Dashboard, reports []Report) *Dashboard {
	per := recount(d.Period, d.AsOf, d.Expected, reports)
	out := *d
	out.Reports, _ = reportTotals(per)
	out.ByAgency = slices.Clone(d.ByAgency)
	for i := range out.ByAgency {
		out.ByAgency[i].Reports = per[out.ByAgency[i].AgencyID]
	}
	return &out
}

// RecountLine is RecountReports for a rollup line: l with its report
// figures counted again from reports, the plan's report revisions of l's
// period as they stand now. l is not changed.
func RecountLine(l *Line, reports []Report) *Line {
	out := *l
	out.Reports, _ = reportTotals(recount(l.Period, l.AsOf, l.Expected, reports))
	return &out
}

// recount counts each of the expected agencies' report for period p on
// day asOf from reports, the plan's report revisions of p as they stand
// (the recounts of RecountReports and RecountLine).
func recount(p reporting.Period, asOf time.Time, expected []int64, reports []Report) map[int64]reporting.Figures {
	first := map[int64]*Report{}
	for i := range reports {
		if r := &reports[i]; r.PeriodID == p.ID && r.Revision == 1 {
			first[r.AgencyID] = r
		}
	}
	per := map[int64]reporting.Figures{}
	if p.Started(asOf) {
		for _, id := range expected {
			per[id] = reportFigures(first[id], asOf)
		}
	}
	return per
}

// reportTotals are the sum of the agencies' report figures per and the
// agencies counted, by ID.
func reportTotals(per map[int64]reporting.Figures) (reporting.Figures, []int64) {
	var total reporting.Figures
	expected := make([]int64, 0, len(per))
	for id, g := range per {
		total.Add(g)
		expected = append(expected, id)
	}
	slices.Sort(expected)
	return total, expected
}

// periodFigures counts each expected agency's report for period p.
func periodFigures(f *Facts, p reporting.Period, asOf time.Time) map[int64]reporting.Figures {
	out := map[int64]reporting.Figures{}
	if !p.Started(asOf) {
		return out
	}
	first := map[int64]*Report{}
	for i := range f.Reports {
		r := &f.Reports[i]
		if r.PeriodID == p.ID && r.Revision == 1 {
			first[r.AgencyID] = r
		}
	}
	expected := map[int64]bool{}
	if f.Plan.Status == plan.PlanActive {
		for _, id := range reporting.ExpectedAgencies(f.Tasks, p) {
			expected[id] = true
		}
	}
	for id := range first {
		expected[id] = true
	}
	for id := range expected {
		out[id] = reportFigures(first[id], asOf)
	}
	return out
}

// reportFigures counts one expected report by its first revision (nil when
// no row exists yet: missing).
func reportFigures(r *Report, asOf time.Time) reporting.Figures {
	g := reporting.Figures{Expected: 1}
	received := r != nil && r.State.Received() && !r.SubmittedAt.IsZero() &&
		!clock.Today(clock.Fixed(r.SubmittedAt)).After(asOf)
	switch {
	case !received:
		g.Missing = 1
	case r.OnTime:
		g.Received, g.OnTime = 1, 1
	default:
		g.Received, g.Late = 1, 1
	}
	if received && r.State == reporting.StateAccepted {
		g.Accepted = 1
	}
	return g
}
