package reporting

import (
	"time"

	"tiendo/internal/plan"
)

// DueReport is one of an agency's reports as "Việc của tôi" lists it.
type DueReport struct {
	ReportID  int64
	PlanID    int64
	PlanCode  string // "60/KH-UBND"; may be empty
	PlanTitle string
	Period    Period
	State     State
	Revision  int
	// DaysToDue is days from today to the due day: negative when late.
	DaysToDue    int
	SubmittedAt  time.Time
	OnTime       bool // of the last submission; meaningful when SubmittedAt is set
	ReturnedAt   time.Time
	ReturnReason string
}

// Late reports whether the report is past its due day without having been sent.
func (d DueReport) Late() bool { return d.DaysToDue < 0 && d.SubmittedAt.IsZero() }

// TaskAlert is a task of the agency that needs attention: overdue or due soon.
type TaskAlert struct {
	TaskID      int64
	PlanID      int64
	PlanCode    string
	Title       string
	Deadline    plan.Deadline // current
	Status      plan.Status   // StatusOverdue or StatusDueSoon (plan.StatusNow)
	OverdueDays int
	DaysToDue   int       // days left (due soon); negative when overdue
	Due         time.Time // the day judged against: the task's due day, or its period's report due day
	Period      string    // the current period's label for a task judged per period; "" otherwise
	Lead        bool      // the agency leads the task (else it cooperates)
}

// AgencyWork is "Việc của tôi" for a head or officer of an agency, over
// every active plan.
type AgencyWork struct {
	AgencyID int64
	Today    time.Time
	// Due are the reports of started periods still to send (not started or
	// draft), the soonest due first (late ones first of all).
	Due []DueReport
	// Returned are reports sent back by the coordinator, to fix and resubmit.
	Returned []DueReport
	// Waiting are reports sent and waiting for the coordinator.
	Waiting []DueReport
	// Tasks are the agency's open tasks that are overdue or due soon (it
	// leads or cooperates), the most overdue first.
	Tasks []TaskAlert
}

// Figures count reports for completeness and timeliness.
//
// Per (period, agency) the first revision counts: received when it is
// submitted or accepted (a returned report is not received until it is
// resubmitted; a later correction does not unsend it), on time when its
// last submission was on or before the due day.
type Figures struct {
	Expected int // reports expected
	Received int // submitted or accepted
	OnTime   int // received, on time
	Late     int // received after the due day
	Missing  int // expected, not received (Expected − Received)
	Accepted int // accepted by the coordinator
}

// Add adds g to f.
func (f *Figures) Add(g Figures) {
	f.Expected += g.Expected
	f.Received += g.Received
	f.OnTime += g.OnTime
	f.Late += g.Late
	f.Missing += g.Missing
	f.Accepted += g.Accepted
}

// Completeness is received / expected, from 0 to 1 (0 when nothing is expected).
func (f Figures) Completeness() float64 { return ratio(f.Received, f.Expected) }

// OnTimeRate is on time / expected, from 0 to 1: a missing report is not
// on time (0 when nothing is expected).
func (f Figures) OnTimeRate() float64 { return ratio(f.OnTime, f.Expected) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// AgencyReport is one expected agency's report for a period, as the
// coordinator's lists show it.
type AgencyReport struct {
	AgencyID    int64
	AgencyName  string
	ReportID    int64
	State       State
	Revision    int
	SubmittedAt time.Time
	OnTime      bool
	DaysToDue   int // negative when late
}

// AgencyFigures are one agency's figures: for the period, and for every
// started period of the plan up to and including it.
type AgencyFigures struct {
	AgencyID   int64
	AgencyName string
	Period     Figures
	ToDate     Figures
}

// CoordinatorWork is "Việc của tôi" for the coordinator, for one period of
// one plan.
type CoordinatorWork struct {
	PlanID    int64
	PlanCode  string
	PlanTitle string
	Period    Period
	Today     time.Time
	// Missing are expected agencies that have not sent their report (not
	// started, draft or returned), by agency name.
	Missing []AgencyReport
	// Waiting are reports submitted and waiting for review, oldest first.
	Waiting []AgencyReport
	// Agencies are the figures of every expected agency, by agency name.
	Agencies []AgencyFigures
	Totals   Figures // the period, all agencies
	ToDate   Figures // started periods up to and including this one, all agencies
}

// PeriodStatus is a task's status in one reporting period: how recurring
// and continuous tasks are judged (plan.StatusInPeriod).
type PeriodStatus struct {
	Period      Period
	Status      plan.Status
	OverdueDays int
	// Claim is the task's entry in the lead agency's accepted report for
	// the period; nil when there is none.
	Claim    *plan.PeriodClaim
	ReportID int64 // that accepted report; 0 when none
}

// JudgeTask is the status of task t in period p on day today, given the
// accepted claim for the period (nil when none): plan.StatusInPeriod with
// the period's start and due day.
func JudgeTask(t *plan.Task, p Period, claim *plan.PeriodClaim, today time.Time, dueSoon int) PeriodStatus {
	st, days := plan.StatusInPeriod(t, p.Start, p.Due, claim, today, dueSoon)
	return PeriodStatus{Period: p, Status: st, OverdueDays: days, Claim: claim}
}
