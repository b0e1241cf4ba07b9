package reporting

import "time"

// ReportFilter selects a plan's reports for a list. A person's list is
// narrowed further by the view rule (the use case's job, not the caller's).
type ReportFilter struct {
	PlanID   int64 // required
	PeriodID int64 // 0: every started period
	AgencyID int64 // 0: every agency
	State    State // "": any state
	// Today decides which periods have started (the current day in Vietnam
	// when zero): every expected report is listed from its period's start.
	Today time.Time
	// AllRevisions lists older revisions too; by default only the current
	// revision of each (period, agency).
	AllRevisions bool
	// DueFrom and DueTo, when set, keep the periods due on those days or
	// between them: the reminder job reads the few periods it may remind
	// of, not the plan's whole history.
	DueFrom, DueTo time.Time
	Limit          int // DefaultReportLimit when 0, at most MaxReportLimit
	Offset         int
}

// Page sizes of a report list: a province's plan has a few hundred
// reports a quarter, so a page holds one period's and a bound keeps one
// answer from holding them all.
const (
	DefaultReportLimit = 500
	MaxReportLimit     = 5000
)

// PageLimit is f's limit as a list applies it: DefaultReportLimit when
// unset, never above MaxReportLimit.
func (f ReportFilter) PageLimit() int {
	if f.Limit <= 0 {
		return DefaultReportLimit
	}
	return min(f.Limit, MaxReportLimit)
}

// ExtensionFilter selects requests for new deadlines and changed content.
type ExtensionFilter struct {
	PlanID   int64
	TaskID   int64
	AgencyID int64          // the requesting agency; 0: any
	State    ExtensionState // "": any
}
