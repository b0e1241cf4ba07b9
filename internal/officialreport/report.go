package officialreport

import (
	"time"

	"tiendo/internal/clock"
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
	// IssuerNames are the issuing agency's other names (its short name,
	// aliases), which "Nơi nhận" must not list either.
	IssuerNames []string
	// Created is when the files are made (the server's clock): the
	// documents' properties.
	Created time.Time
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
// else the first draft by the issuer by.
func Current(saved *Draft, f *figures.Facts, dash *figures.Dashboard, acc Accepted, by Issuing) *Draft {
	if saved == nil {
		return DraftFrom(f, dash, acc, by)
	}
	saved.Refresh(dash.ByGroup)
	return saved
}

// AsOf is the day the official report of period p counts its figures
// on ("tính đến ngày …"): today while the period runs, its last day once
// it has ended — a report on Quý III made or downloaded in December still
// speaks of Quý III — and never after the report's own date (dated, zero
// when none) when that falls in the period.
func AsOf(p reporting.Period, today, dated time.Time) time.Time {
	day := clock.DateOf(today)
	if !p.End.IsZero() && day.After(p.End) {
		day = p.End
	}
	if d := clock.DateOf(dated); !dated.IsZero() && !d.Before(p.Start) && d.Before(day) {
		day = d
	}
	return day
}
