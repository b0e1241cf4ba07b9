package figures

import "tiendo/internal/reporting"

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

// RollupNational adds up the plans' dashboards, in the order given.
func RollupNational(ds []*Dashboard) National {
	n := National{Status: newCounts()}
	for _, d := range ds {
		row := NationalRow{PlanID: d.PlanID, Period: d.Period, Status: d.Status, Reports: d.Reports,
			Overdue: len(d.Overdue), Warned: len(d.EarlyWarning)}
		for s, v := range d.Status {
			n.Status[s] += v
		}
		n.Reports.Add(d.Reports)
		n.Overdue += row.Overdue
		n.Warned += row.Warned
		n.Plans = append(n.Plans, row)
	}
	return n
}
