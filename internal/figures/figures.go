// Package figures is the one place that computes what leaders read about a
// plan: task counts by status, by task group and by lead agency, the
// overdue list, report completeness and timeliness, indicator achievement
// with traffic lights, the trend of statuses across periods and the early
// warnings. The dashboard, the official report, the exports and the open
// data all read these figures, so that one number never has two values.
//
// It is pure: no SQL, no HTTP. The store gathers a plan's Facts in a few
// queries; Compute turns them into a Dashboard. Status rules are never
// re-implemented here: every task is judged by plan.StatusInPeriod (which is
// plan.ComputeStatus for tasks with a fixed due day), and report counts use
// reporting.Figures.
package figures

import (
	"errors"
	"slices"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/clock"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// ErrNoPeriod is returned when the plan has no reporting period, or not
// the one asked for.
var ErrNoPeriod = errors.New("figures: no such reporting period")

// Facts is everything the figures of one plan are computed from, as the
// store reads it. Only accepted report data is in Claims and Values; the
// task facts (claim, progress, completion) are the store's, which already
// carry the latest accepted claim.
type Facts struct {
	Plan     plan.Plan
	DueSoon  int            // the regime's "sắp đến hạn" window in days; plan.DefaultDueSoonDays when ≤ 0
	Tasks    []plan.Task    // every task of the plan in plan order, with CooperatingAgencyIDs
	Sections []plan.Section // document order, parents before children
	// Agencies are the agencies the plan names (leads, cooperating
	// agencies, reporting agencies, indicator owners) and their ancestors,
	// in the order lists show them (by Vietnamese name); names and the tree
	// for the per-agency figures.
	Agencies   []agency.Agency
	Periods    []reporting.Period // oldest first
	Reports    []Report           // every revision of every report of the plan
	Claims     []Claim            // task entries of accepted reports
	Indicators []indicator.Indicator
	Values     []Value // indicator values of accepted reports
	// Arrangements are the tasks' former leads and cooperating agencies,
	// before reorganisations moved them: a period ended before a change
	// is counted with the agencies of its time (reporting.TasksIn).
	Arrangements []reporting.Arrangement
	// Versions are the tasks as they were before amendments changed their
	// title, text, deadline or product: a period ended before a change
	// judges the task as it was (reporting.TasksIn).
	Versions []plan.TaskVersion
	// Owners are the indicators' former owners, before reorganisations
	// moved them: a period ended before a change is counted (its
	// indicators' rule for the owner's value, the yearly ranking) with the
	// owner of its time.
	Owners []Owner
}

// Owner is who answered for an indicator until a day (a reorganisation
// moved it then).
type Owner struct {
	IndicatorID int64
	Until       time.Time // the first day of the next owner
	AgencyID    int64
}

// Report is what the figures need of one report revision: its place in the
// flow and its timeliness.
type Report struct {
	PeriodID    int64
	AgencyID    int64
	Revision    int
	State       reporting.State
	OnTime      bool      // of the last submission; meaningful when SubmittedAt is set
	SubmittedAt time.Time // last submission; zero when never submitted
}

// Claim is a task's entry in an accepted report: what the lead agency said,
// confirmed by the coordinator. Of several accepted revisions of one
// period, the highest counts.
type Claim struct {
	PeriodID int64
	TaskID   int64
	Revision int
	plan.PeriodClaim
}

// Value is an indicator's value in an accepted report (never nil: reports
// without a value are left out by the store).
type Value struct {
	IndicatorID int64
	PeriodID    int64
	AgencyID    int64
	Revision    int
	Value       float64
}

// Options choose what Compute looks at.
type Options struct {
	// PeriodID is the period to show; 0 picks the period containing AsOf,
	// else the last one started by then, else the first.
	PeriodID int64
	// AsOf is the day statuses are judged on (midnight UTC of the calendar
	// day, like every date of the domain).
	AsOf time.Time
	// Lights are the traffic-light thresholds of indicators; zero fields
	// take DefaultGreen and DefaultAmber.
	Lights Thresholds
	// LagPoints is how many percentage points progress may lag the time
	// elapsed before an early warning; DefaultLagPoints when ≤ 0.
	LagPoints float64
}

// DefaultLagPoints is the early-warning threshold: progress lagging the
// elapsed share of the task's time by more than 25 points.
const DefaultLagPoints = 25

// Dashboard holds every figure of one plan for one period on one day.
type Dashboard struct {
	PlanID int64
	Period reporting.Period
	AsOf   time.Time
	Status Counts // every task of the plan by status
	// ByGroup are the task groups (III.1 … III.7) with their sub-groups.
	ByGroup []Group
	// ByAgency are agencies leading a task or expected to report in the
	// period, by name; tasks without a lead come last under agency 0.
	ByAgency []AgencyRow
	Overdue  []Overdue         // overdue tasks, the oldest first
	Reports  reporting.Figures // the period's reports, every agency
	// Expected are the agencies expected to report in Period (by ID): the
	// agencies Reports and ByAgency count.
	Expected []int64
	// Indicators are actual against target for the period's year.
	Indicators   []IndicatorFigure
	Trend        []TrendPoint // status counts at each started period up to this one
	EarlyWarning []Warning    // open tasks whose progress lags the time elapsed, worst first
}

// Compute computes the dashboard of f for o.
func Compute(f *Facts, o Options) (*Dashboard, error) {
	asOf := clock.DateOf(o.AsOf)
	p, ok := reporting.PickPeriod(f.Periods, o.PeriodID, asOf) // by default the current period (reporting.CurrentPeriod)
	if !ok {
		return nil, ErrNoPeriod
	}
	// The plan as it was in the period; the trend takes every task, each
	// period judging which were in it.
	all := f
	f = InPeriod(f, p)
	idx := newIndex(f)
	d := &Dashboard{PlanID: f.Plan.ID, Period: p, AsOf: asOf}
	judged := idx.judgeAll(f.Tasks, p, asOf)
	d.Status = countAll(judged)
	d.ByGroup = byGroup(f.Sections, f.Tasks, judged)
	d.Overdue = overdueList(f.Tasks, judged, idx)
	d.Reports, d.ByAgency, d.Expected = reportsAndAgencies(f, idx, p, judged, asOf)
	d.Indicators = indicatorFigures(f, p, o.Lights.orDefault())
	d.Trend = trend(all, idx, p, asOf, d.Status)
	d.EarlyWarning = earlyWarnings(f, idx, judged, asOf, o.lag())
	return d, nil
}

// lag is o's early-warning threshold.
func (o Options) lag() float64 {
	if o.LagPoints <= 0 {
		return DefaultLagPoints
	}
	return o.LagPoints
}

// InPeriod is f with the plan's tasks and indicators as they were in
// period p: only the tasks in the plan then (amendments), with the
// agencies of the time (reorganisations, amendments) and the title, text,
// deadline and product of the time (amendments) — reporting.TasksIn — and
// each indicator with its owner of the time (Owners, by the rule of
// TasksIn: a period holding the change's day already has the new owner).
// Every list for a period (TaskRows, the official report's appendix, open
// data, drill-downs) takes its tasks from it, so that it agrees with
// Compute. f itself when nothing differs.
func InPeriod(f *Facts, p reporting.Period) *Facts {
	tasks := reporting.TasksIn(f.Tasks, f.Arrangements, f.Versions, p)
	if len(tasks) == len(f.Tasks) && len(f.Arrangements) == 0 && len(f.Versions) == 0 && len(f.Owners) == 0 {
		return f
	}
	then := *f
	then.Tasks = tasks
	owner := map[int64]*Owner{}
	for i := range f.Owners {
		o := &f.Owners[i]
		if !o.Until.After(p.End) {
			continue
		}
		if old := owner[o.IndicatorID]; old == nil || o.Until.Before(old.Until) {
			owner[o.IndicatorID] = o
		}
	}
	if len(owner) > 0 {
		then.Indicators = slices.Clone(f.Indicators)
		for i := range then.Indicators {
			if o := owner[then.Indicators[i].ID]; o != nil {
				then.Indicators[i].AgencyID = o.AgencyID
			}
		}
	}
	return &then
}
