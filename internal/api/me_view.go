package api

import (
	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// meDueJSON is "Việc của tôi" for the calling user. An agency's head or
// officer gets reports (to send, returned, waiting for the coordinator)
// and tasks (overdue or due soon); the coordinator and admin get review,
// one entry per active plan for its current period; the province's
// leaders, who take no step in the flow, get empty lists.
type meDueJSON struct {
	Today    string          `json:"today"`
	Role     auth.Role       `json:"role"`
	AgencyID *int64          `json:"agency_id"`
	Counts   meCountsJSON    `json:"counts"`
	Reports  []dueReportJSON `json:"reports"`
	Tasks    []taskAlertJSON `json:"tasks"`
	Review   []reviewJSON    `json:"review"`
}

// meCountsJSON are the sizes of the lists, for badges.
type meCountsJSON struct {
	Due          int `json:"due"`      // reports to send (not started, draft), late ones included
	Late         int `json:"late"`     // of those, past their due day
	Returned     int `json:"returned"` // reports sent back, to fix and resubmit
	Waiting      int `json:"waiting"`  // reports sent, waiting for the coordinator
	OverdueTasks int `json:"overdue_tasks"`
	DueSoonTasks int `json:"due_soon_tasks"`
	Missing      int `json:"missing"`   // coordinator: expected reports not received, over the plans of review
	ToReview     int `json:"to_review"` // coordinator: submitted reports waiting for review
}

// dueReportJSON is one of an agency's reports in "Việc của tôi".
type dueReportJSON struct {
	ReportID     int64           `json:"report_id"`
	PlanID       int64           `json:"plan_id"`
	PlanCode     string          `json:"plan_code"`
	PlanTitle    string          `json:"plan_title"`
	Period       periodJSON      `json:"period"`
	Due          string          `json:"due"`
	DaysToDue    int             `json:"days_to_due"`
	Late         bool            `json:"late"`
	State        reporting.State `json:"state"`
	StateLabel   string          `json:"state_label"`
	Revision     int             `json:"revision"`
	SubmittedAt  *string         `json:"submitted_at"`
	OnTime       *bool           `json:"on_time"`
	ReturnedAt   *string         `json:"returned_at"`
	ReturnReason string          `json:"return_reason"`
}

func dueReportView(d *reporting.DueReport) dueReportJSON {
	return dueReportJSON{
		ReportID: d.ReportID, PlanID: d.PlanID, PlanCode: d.PlanCode, PlanTitle: d.PlanTitle,
		Period: periodView(&d.Period), Due: day(d.Period.Due), DaysToDue: d.DaysToDue, Late: d.Late(),
		State: d.State, StateLabel: d.State.Label(), Revision: d.Revision,
		SubmittedAt: nullTime(d.SubmittedAt), OnTime: onTime(d.SubmittedAt, d.OnTime),
		ReturnedAt: nullTime(d.ReturnedAt), ReturnReason: d.ReturnReason,
	}
}

// taskAlertJSON is a task of the agency that is overdue or due soon.
type taskAlertJSON struct {
	TaskID       int64       `json:"task_id"`
	PlanID       int64       `json:"plan_id"`
	PlanCode     string      `json:"plan_code"`
	Title        string      `json:"title"`
	DeadlineText string      `json:"deadline_text"`
	DueDate      *string     `json:"due_date"`
	Status       plan.Status `json:"status"`
	StatusLabel  string      `json:"status_label"`
	OverdueDays  int         `json:"overdue_days"`
	DaysToDue    int         `json:"days_to_due"`
	StatusDue    *string     `json:"status_due"`
	StatusPeriod *string     `json:"status_period"`
	Lead         bool        `json:"lead"`
}

func taskAlertView(t *reporting.TaskAlert) taskAlertJSON {
	return taskAlertJSON{
		TaskID: t.TaskID, PlanID: t.PlanID, PlanCode: t.PlanCode, Title: t.Title,
		DeadlineText: t.Deadline.Text, DueDate: nullDate(t.Deadline.Due), Status: t.Status, StatusLabel: t.Status.Label(),
		OverdueDays: t.OverdueDays, DaysToDue: t.DaysToDue, StatusDue: nullDate(t.Due), StatusPeriod: nullString(t.Period),
		Lead: t.Lead,
	}
}

// reviewJSON is the coordinator's view of one plan's period: who has not
// sent, what waits for review, and the figures per agency.
type reviewJSON struct {
	PlanID    int64               `json:"plan_id"`
	PlanCode  string              `json:"plan_code"`
	PlanTitle string              `json:"plan_title"`
	Period    periodJSON          `json:"period"`
	Missing   []agencyReportJSON  `json:"missing"`
	Waiting   []agencyReportJSON  `json:"waiting"`
	Agencies  []agencyFiguresJSON `json:"agencies"`
	Totals    figuresJSON         `json:"totals"`
	ToDate    figuresJSON         `json:"to_date"`
}

func reviewView(c *reporting.CoordinatorWork) reviewJSON {
	out := reviewJSON{
		PlanID: c.PlanID, PlanCode: c.PlanCode, PlanTitle: c.PlanTitle, Period: periodView(&c.Period),
		Missing: make([]agencyReportJSON, len(c.Missing)), Waiting: make([]agencyReportJSON, len(c.Waiting)),
		Agencies: make([]agencyFiguresJSON, len(c.Agencies)),
		Totals:   figuresView(c.Totals), ToDate: figuresView(c.ToDate),
	}
	for i := range c.Missing {
		out.Missing[i] = agencyReportView(&c.Missing[i])
	}
	for i := range c.Waiting {
		out.Waiting[i] = agencyReportView(&c.Waiting[i])
	}
	for i, f := range c.Agencies {
		out.Agencies[i] = agencyFiguresJSON{AgencyID: f.AgencyID, AgencyName: f.AgencyName,
			Period: figuresView(f.Period), ToDate: figuresView(f.ToDate)}
	}
	return out
}

// agencyReportJSON is one expected agency's report for the period.
type agencyReportJSON struct {
	AgencyID    int64           `json:"agency_id"`
	AgencyName  string          `json:"agency_name"`
	ReportID    *int64          `json:"report_id"`
	State       reporting.State `json:"state"`
	StateLabel  string          `json:"state_label"`
	Revision    int             `json:"revision"`
	SubmittedAt *string         `json:"submitted_at"`
	OnTime      *bool           `json:"on_time"`
	DaysToDue   int             `json:"days_to_due"`
}

func agencyReportView(r *reporting.AgencyReport) agencyReportJSON {
	return agencyReportJSON{
		AgencyID: r.AgencyID, AgencyName: r.AgencyName, ReportID: nullID(&r.ReportID),
		State: r.State, StateLabel: r.State.Label(), Revision: r.Revision,
		SubmittedAt: nullTime(r.SubmittedAt), OnTime: onTime(r.SubmittedAt, r.OnTime), DaysToDue: r.DaysToDue,
	}
}

// agencyFiguresJSON are one agency's figures, for the period and to date.
type agencyFiguresJSON struct {
	AgencyID   int64       `json:"agency_id"`
	AgencyName string      `json:"agency_name"`
	Period     figuresJSON `json:"period"`
	ToDate     figuresJSON `json:"to_date"`
}

// figuresJSON count reports for completeness and timeliness; the rates
// are from 0 to 1.
type figuresJSON struct {
	Expected     int     `json:"expected"`
	Received     int     `json:"received"`
	OnTime       int     `json:"on_time"`
	Late         int     `json:"late"`
	Missing      int     `json:"missing"`
	Accepted     int     `json:"accepted"`
	Completeness float64 `json:"completeness"`
	OnTimeRate   float64 `json:"on_time_rate"`
}

func figuresView(f reporting.Figures) figuresJSON {
	return figuresJSON{Expected: f.Expected, Received: f.Received, OnTime: f.OnTime, Late: f.Late, Missing: f.Missing,
		Accepted: f.Accepted, Completeness: f.Completeness(), OnTimeRate: f.OnTimeRate()}
}
