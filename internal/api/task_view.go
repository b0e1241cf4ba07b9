package api

import (
	"strconv"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// dateLayout is how dates travel in the API (ISO 8601 calendar date).
const dateLayout = "2006-01-02"

// taskJSON is a task as the API shows it. Nullable fields are pointers so
// they encode as null; cooperating_agency_ids is always an array. The
// first eleven fields are the contract named in issue 2; the rest are extra.
// status is the task's status today (plan.StatusNow), computed on each
// read as every surface and the dashboard judge it: from the current
// deadline (after approved extensions) and the claim of the latest accepted
// report; a recurring or continuous task (deadline_kind) in its plan's
// current reporting period, named by status_period, with status_due the
// period's report due day. overdue_days counts from status_due. The
// original deadline, as the plan first set it, is what the yearly
// evaluation uses.
type taskJSON struct {
	ID                   int64       `json:"id"`
	PlanID               int64       `json:"plan_id"`
	SectionID            int64       `json:"section_id"`
	Title                string      `json:"title"`
	Text                 string      `json:"text"`
	LeadAgencyID         *int64      `json:"lead_agency_id"`
	CooperatingAgencyIDs []int64     `json:"cooperating_agency_ids"`
	DeadlineText         string      `json:"deadline_text"`
	DueDate              *string     `json:"due_date"`
	Product              string      `json:"product"`
	Status               plan.Status `json:"status"`
	StatusLabel          string      `json:"status_label"`
	StatusReason         string      `json:"status_reason"`
	OverdueDays          int         `json:"overdue_days"`
	StatusDue            *string     `json:"status_due"`
	StatusPeriod         *string     `json:"status_period"`
	OriginalDeadlineText string      `json:"original_deadline_text"`
	OriginalDueDate      *string     `json:"original_due_date"`
	DeadlineKind         *string     `json:"deadline_kind"`
	Order                int         `json:"order"`
	Progress             int         `json:"progress"`
	CompletedOn          *string     `json:"completed_on"`
	Version              int         `json:"version"`
}

// taskDetailJSON is a single task (GET, POST, PATCH): the list shape plus
// what lists leave out to stay small.
type taskDetailJSON struct {
	taskJSON
	MentionedAgencyIDs []int64          `json:"mentioned_agency_ids"`
	References         []referenceJSON  `json:"references"`
	Periods            []taskPeriodJSON `json:"periods"`
}

// taskPeriodJSON is the task judged in one reporting period that has begun
// and in which it is open: how recurring and continuous tasks (never
// overdue as a whole) are followed, period by period. Tasks with a fixed
// due day get their overall status in each. report_id, claim, percent and
// completed_on come from the lead agency's accepted report for the period;
// null when there is none (yet).
type taskPeriodJSON struct {
	Period      periodJSON  `json:"period"`
	Status      plan.Status `json:"status"`
	StatusLabel string      `json:"status_label"`
	OverdueDays int         `json:"overdue_days"`
	ReportID    *int64      `json:"report_id"`
	Claim       *string     `json:"claim"`
	Percent     *int        `json:"percent"`
	CompletedOn *string     `json:"completed_on"`
}

func taskPeriodView(ps *reporting.PeriodStatus) taskPeriodJSON {
	out := taskPeriodJSON{Period: periodView(&ps.Period), Status: ps.Status, StatusLabel: ps.Status.Label(),
		OverdueDays: ps.OverdueDays, ReportID: nullID(&ps.ReportID)}
	if c := ps.Claim; c != nil {
		out.Claim, out.Percent, out.CompletedOn = nullString(string(c.Claim)), &c.Percent, nullDate(c.CompletedOn)
	}
	return out
}

// referenceJSON is a legal document the task cites.
type referenceJSON struct {
	Kind       string  `json:"kind"`
	Number     string  `json:"number"`
	IssuerCode string  `json:"issuer_code"`
	IssuedOn   *string `json:"issued_on"`
	Text       string  `json:"text"`
}

// listJSON is the envelope of every list response.
type listJSON[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// taskView fills out with t as seen on day today. It points into t rather
// than copying, so t must outlive the encoding of out.
func taskView(out *taskJSON, t *plan.Task, now plan.Now) {
	ts := plan.StatusNow(t, now)
	st := ts.Status
	var reason string
	if st == plan.StatusPaused || st == plan.StatusCancelled {
		reason = t.ClaimReason
	}
	*out = taskJSON{
		ID:                   t.ID,
		PlanID:               t.PlanID,
		SectionID:            t.SectionID,
		Title:                t.Title,
		Text:                 t.Text,
		LeadAgencyID:         nullID(&t.LeadAgencyID),
		CooperatingAgencyIDs: nonNil(t.CooperatingAgencyIDs),
		DeadlineText:         t.Deadline.Text,
		DueDate:              nullDate(t.Deadline.Due),
		Product:              t.Product,
		Status:               st,
		StatusLabel:          st.Label(),
		StatusReason:         reason,
		OverdueDays:          ts.OverdueDays,
		StatusDue:            nullDate(ts.Due),
		OriginalDeadlineText: t.OriginalDeadline.Text,
		OriginalDueDate:      nullDate(t.OriginalDeadline.Due),
		Order:                t.Ord,
		Progress:             t.Progress,
		CompletedOn:          nullDate(t.CompletedOn),
		Version:              t.Version,
	}
	if t.Deadline.Kind != plan.DeadlineNone {
		k := string(t.Deadline.Kind)
		out.DeadlineKind = &k
	}
	if ts.PerPeriod() {
		out.StatusPeriod = &ts.Period
	}
}

// taskDetail is the single-task view of t on now, with its status in
// each reporting period (periods, from app.TaskPeriods).
func taskDetail(t *plan.Task, periods []reporting.PeriodStatus, now plan.Now) *taskDetailJSON {
	d := &taskDetailJSON{MentionedAgencyIDs: nonNil(t.MentionedAgencyIDs), References: make([]referenceJSON, len(t.References)),
		Periods: make([]taskPeriodJSON, len(periods))}
	for i := range periods {
		d.Periods[i] = taskPeriodView(&periods[i])
	}
	taskView(&d.taskJSON, t, now)
	for i, ref := range t.References {
		d.References[i] = referenceJSON{Kind: ref.Kind, Number: ref.Number, IssuerCode: ref.IssuerCode, IssuedOn: nullDate(ref.IssuedOn), Text: ref.Text}
	}
	return d
}

// etag is the entity tag of a task version, the value If-Match sends back.
func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// nullID is nil for the zero ID ("none"), else a pointer to it.
func nullID(id *int64) *int64 {
	if *id == 0 {
		return nil
	}
	return id
}

// nullDate formats d as YYYY-MM-DD, nil for the zero time.
func nullDate(d time.Time) *string {
	if d.IsZero() {
		return nil
	}
	s := d.Format(dateLayout)
	return &s
}

// nonNil makes an absent list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
