package officialreport

import (
	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// Report is the official report of one plan for one period as it is read
// on one day: what the edit form shows and what both downloads are
// composed from (package render).
type Report struct {
	// Facts are the plan's stored facts on the day: tasks, sections,
	// agencies, periods, reports.
	Facts *figures.Facts
	// Figures are the period's figures on the day, computed from Facts
	// with the plan's settings.
	Figures *figures.Dashboard
	// Accepted is what the agencies' accepted reports of the period say.
	Accepted Accepted
	// Draft is the coordinator's saved draft with its groups brought in
	// line with the plan's (Version > 0), or the first draft (Version 0).
	Draft *Draft
	// Upstream, when asked for, is the optional part on the tasks assigned
	// from above (upstream.go); nil leaves it out.
	Upstream []Upstream
}

// Plan is the report's plan.
func (r *Report) Plan() *plan.Plan { return &r.Facts.Plan }

// Period is the report's reporting period.
func (r *Report) Period() reporting.Period { return r.Figures.Period }

// Current is the draft a download or the edit form starts from: the saved
// one (nil when never saved), its groups brought in line with the plan's,
// else the first draft.
func Current(saved *Draft, f *figures.Facts, dash *figures.Dashboard, acc Accepted) *Draft {
	if saved == nil {
		return DraftFrom(f, dash, acc)
	}
	saved.Refresh(dash.ByGroup)
	return saved
}
