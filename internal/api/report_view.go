package api

import (
	"time"

	"tiendo/internal/app"
	"tiendo/internal/reporting"
)

// periodJSON is a reporting period (kỳ báo cáo). cutoff is the last day of
// the data cut-off (chốt số liệu), cutoff_start its first.
type periodJSON struct {
	ID          int64  `json:"id"`
	Label       string `json:"label"`
	Start       string `json:"start"`
	End         string `json:"end"`
	CutoffStart string `json:"cutoff_start"`
	Cutoff      string `json:"cutoff"`
	Due         string `json:"due"`
}

func periodView(p *reporting.Period) periodJSON {
	return periodJSON{ID: p.ID, Label: p.Label, Start: day(p.Start), End: day(p.End),
		CutoffStart: day(p.CutoffStart), Cutoff: day(p.CutoffEnd), Due: day(p.Due)}
}

// nullString is nil for "", else a pointer to s.
func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// day formats a date that is always set.
func day(d time.Time) string { return d.Format(dateLayout) }

// reportJSON is a report as lists show it: who, which period, where it is
// in the flow, and when it was sent. on_time is null until it is sent.
type reportJSON struct {
	ID           int64           `json:"id"`
	PlanID       int64           `json:"plan_id"`
	PeriodID     int64           `json:"period_id"`
	PeriodLabel  string          `json:"period_label"`
	AgencyID     int64           `json:"agency_id"`
	AgencyName   string          `json:"agency_name"`
	Revision     int             `json:"revision"`
	Current      bool            `json:"current"`
	State        reporting.State `json:"state"`
	StateLabel   string          `json:"state_label"`
	Due          string          `json:"due"`
	SubmittedAt  *string         `json:"submitted_at"`
	OnTime       *bool           `json:"on_time"`
	AcceptedAt   *string         `json:"accepted_at"`
	ReturnedAt   *string         `json:"returned_at"`
	ReturnReason string          `json:"return_reason"`
	Sample       bool            `json:"sample"`
	Version      int             `json:"version"`
}

func reportView(out *reportJSON, r *reporting.Report, agencyName string) {
	*out = reportJSON{
		ID: r.ID, PlanID: r.PlanID, PeriodID: r.PeriodID, PeriodLabel: r.Period.Label,
		AgencyID: r.AgencyID, AgencyName: agencyName, Revision: r.Revision, Current: r.Current,
		State: r.State, StateLabel: r.State.Label(), Due: day(r.Period.Due),
		SubmittedAt: nullTime(r.SubmittedAt), OnTime: onTime(r.SubmittedAt, r.OnTime),
		AcceptedAt: nullTime(r.AcceptedAt), ReturnedAt: nullTime(r.ReturnedAt), ReturnReason: r.ReturnReason,
		Sample: r.Sample, Version: r.Version,
	}
}

// onTime is null while nothing was sent: lateness of a submission only.
func onTime(submittedAt time.Time, ok bool) *bool {
	if submittedAt.IsZero() {
		return nil
	}
	return &ok
}

// reportDetailJSON is one report whole (GET /reports/{id} and the answers
// of the flow steps).
type reportDetailJSON struct {
	reportJSON
	Period         periodJSON         `json:"period"`
	Locked         bool               `json:"locked"`
	CreatedAt      *string            `json:"created_at"`
	UpdatedAt      *string            `json:"updated_at"`
	UpdatedBy      *int64             `json:"updated_by"`
	SubmittedBy    *int64             `json:"submitted_by"`
	AcceptedBy     *int64             `json:"accepted_by"`
	ReturnedBy     *int64             `json:"returned_by"`
	Texts          textsJSON          `json:"texts"`
	Entries        []entryJSON        `json:"entries"`
	Contributions  []contributionJSON `json:"contributions"`
	Values         []valueJSON        `json:"values"`
	Files          []fileJSON         `json:"files"`
	History        []flowEventJSON    `json:"history"`
	Revisions      []revisionJSON     `json:"revisions"`
	AllowedActions []reporting.Action `json:"allowed_actions"`
}

// textsJSON are the report's free-text sections.
type textsJSON struct {
	Summary      string `json:"summary"`
	Difficulties string `json:"difficulties"`
	Proposals    string `json:"proposals"`
	NextTasks    string `json:"next_tasks"`
}

// entryJSON is the report's line for one task the agency leads. status is
// the claim code (null until the agency says); version is the entry's own
// (0 before its first save), which a PUT sends back.
type entryJSON struct {
	ID            *int64             `json:"id"`
	TaskID        int64              `json:"task_id"`
	TaskTitle     string             `json:"task_title"`
	Status        *string            `json:"status"`
	StatusLabel   string             `json:"status_label"`
	Percent       int                `json:"percent"`
	Result        string             `json:"result"`
	Evidence      string             `json:"evidence"`
	Difficulties  string             `json:"difficulties"`
	Proposals     string             `json:"proposals"`
	CompletedOn   *string            `json:"completed_on"`
	Reason        string             `json:"reason"`
	Explanation   string             `json:"explanation"`
	Version       int                `json:"version"`
	UpdatedAt     *string            `json:"updated_at"`
	UpdatedBy     *int64             `json:"updated_by"`
	Contributions []contributionJSON `json:"contributions"`
	// Previous is the task's line in the latest accepted report before
	// this one; Warnings ask for an explanation when this line goes back
	// on it (progress down, a completed task reported unfinished): the
	// line is saved all the same (reporting.EntryWarnings).
	Previous *previousJSON      `json:"previous"`
	Warnings []entryWarningJSON `json:"warnings"`
}

// previousJSON is the task's line in an earlier accepted report.
type previousJSON struct {
	Period      periodJSON `json:"period"`
	ReportID    int64      `json:"report_id"`
	Revision    int        `json:"revision"`
	Status      string     `json:"status"`
	StatusLabel string     `json:"status_label"`
	Percent     int        `json:"percent"`
	CompletedOn *string    `json:"completed_on"`
	Result      string     `json:"result"`
	AcceptedAt  *string    `json:"accepted_at"`
}

// entryWarningJSON is one warning on a saved line.
type entryWarningJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func entryView(e *reporting.Entry, titles map[int64]string, agencies map[int64]string) entryJSON {
	out := entryJSON{
		ID: nullID(&e.ID), TaskID: e.TaskID, TaskTitle: titles[e.TaskID],
		Status: nullString(string(e.Status)), StatusLabel: e.Status.Label(), Percent: e.Percent,
		Result: e.Result, Evidence: e.Evidence, Difficulties: e.Difficulties, Proposals: e.Proposals,
		CompletedOn: nullDate(e.CompletedOn), Reason: e.Reason, Explanation: e.Explanation, Version: e.Version,
		UpdatedAt: nullTime(e.UpdatedAt), UpdatedBy: nullID(&e.UpdatedBy),
		Contributions: make([]contributionJSON, len(e.Contributions)),
		Warnings:      make([]entryWarningJSON, len(e.Warnings)),
	}
	for i, w := range e.Warnings {
		out.Warnings[i] = entryWarningJSON{Code: w.Code, Message: w.Message}
	}
	if p := e.Previous; p != nil {
		out.Previous = &previousJSON{Period: periodView(&p.Period), ReportID: p.ReportID, Revision: p.Revision,
			Status: string(p.Entry.Status), StatusLabel: p.Entry.Status.Label(), Percent: p.Entry.Percent,
			CompletedOn: nullDate(p.Entry.CompletedOn), Result: p.Entry.Result, AcceptedAt: nullTime(p.AcceptedAt)}
	}
	for i := range e.Contributions {
		out.Contributions[i] = contributionView(&e.Contributions[i], titles, agencies)
	}
	return out
}

// contributionJSON is a cooperating agency's part of a task. state is the
// state of the report it belongs to (a draft contribution may still change).
type contributionJSON struct {
	ID         *int64  `json:"id"`
	TaskID     int64   `json:"task_id"`
	TaskTitle  string  `json:"task_title"`
	AgencyID   int64   `json:"agency_id"`
	AgencyName string  `json:"agency_name"`
	Text       string  `json:"text"`
	State      string  `json:"state"`
	Version    int     `json:"version"`
	UpdatedAt  *string `json:"updated_at"`
	UpdatedBy  *int64  `json:"updated_by"`
}

func contributionView(c *reporting.Contribution, titles, agencies map[int64]string) contributionJSON {
	return contributionJSON{ID: nullID(&c.ID), TaskID: c.TaskID, TaskTitle: titles[c.TaskID], AgencyID: c.AgencyID,
		AgencyName: agencies[c.AgencyID], Text: c.Text, State: string(c.State), Version: c.Version,
		UpdatedAt: nullTime(c.UpdatedAt), UpdatedBy: nullID(&c.UpdatedBy)}
}

// valueJSON is the value of one indicator for the period; null while not given.
type valueJSON struct {
	ID          *int64   `json:"id"`
	IndicatorID int64    `json:"indicator_id"`
	Value       *float64 `json:"value"`
	Note        string   `json:"note"`
	Version     int      `json:"version"`
	UpdatedAt   *string  `json:"updated_at"`
	UpdatedBy   *int64   `json:"updated_by"`
}

func valueView(v *reporting.IndicatorValue) valueJSON {
	return valueJSON{ID: nullID(&v.ID), IndicatorID: v.IndicatorID, Value: v.Value, Note: v.Note, Version: v.Version,
		UpdatedAt: nullTime(v.UpdatedAt), UpdatedBy: nullID(&v.UpdatedBy)}
}

// fileJSON is an evidence file's metadata; task_id is null for a file of
// the report as a whole.
type fileJSON struct {
	ID          int64   `json:"id"`
	TaskID      *int64  `json:"task_id"`
	Name        string  `json:"name"`
	ContentType string  `json:"content_type"`
	Size        int64   `json:"size"`
	SHA256      string  `json:"sha256"`
	UploadedAt  *string `json:"uploaded_at"`
	UploadedBy  *int64  `json:"uploaded_by"`
}

func fileView(f *reporting.File) fileJSON {
	return fileJSON{ID: f.ID, TaskID: nullID(&f.TaskID), Name: f.Name, ContentType: f.ContentType, Size: f.Size,
		SHA256: f.SHA256, UploadedAt: nullTime(f.UploadedAt), UploadedBy: nullID(&f.UploadedBy)}
}

// flowEventJSON is one step of the report's flow: who moved it, when, to
// which state (and why, for a return).
type flowEventJSON struct {
	Action reporting.Action `json:"action"`
	State  reporting.State  `json:"state"`
	At     *string          `json:"at"`
	By     *int64           `json:"by"`
	ByName string           `json:"by_name"`
	Reason string           `json:"reason"`
}

// revisionJSON is one revision of the report's (period, agency), newest first.
type revisionJSON struct {
	ID       int64           `json:"id"`
	Revision int             `json:"revision"`
	Current  bool            `json:"current"`
	State    reporting.State `json:"state"`
}

// reportDetail is a report whole as its reader sees it.
func reportDetail(rr *app.ReportRead) *reportDetailJSON {
	r := rr.Report
	agencies := make(map[int64]string, len(rr.Agencies))
	for id, ag := range rr.Agencies {
		agencies[id] = ag.Name
	}
	titles := make(map[int64]string, len(rr.Tasks))
	for id, t := range rr.Tasks {
		titles[id] = t.Title
	}
	d := &reportDetailJSON{
		Period: periodView(&r.Period), Locked: r.Locked(),
		CreatedAt: nullTime(r.CreatedAt), UpdatedAt: nullTime(r.UpdatedAt), UpdatedBy: nullID(&r.UpdatedBy),
		SubmittedBy: nullID(&r.SubmittedBy), AcceptedBy: nullID(&r.AcceptedBy), ReturnedBy: nullID(&r.ReturnedBy),
		Texts: textsJSON{Summary: r.Texts.Summary, Difficulties: r.Texts.Difficulties, Proposals: r.Texts.Proposals,
			NextTasks: r.Texts.NextTasks},
		Entries:        make([]entryJSON, len(r.Entries)),
		Contributions:  make([]contributionJSON, len(r.Contributions)),
		Values:         make([]valueJSON, len(r.Values)),
		Files:          make([]fileJSON, len(r.Files)),
		History:        make([]flowEventJSON, len(rr.Steps)),
		Revisions:      make([]revisionJSON, len(rr.Revisions)),
		AllowedActions: nonNil(rr.Allowed),
	}
	reportView(&d.reportJSON, r, agencies[r.AgencyID])
	for i := range r.Entries {
		d.Entries[i] = entryView(&r.Entries[i], titles, agencies)
	}
	for i := range r.Contributions {
		d.Contributions[i] = contributionView(&r.Contributions[i], titles, agencies)
	}
	for i := range r.Values {
		d.Values[i] = valueView(&r.Values[i])
	}
	for i := range r.Files {
		d.Files[i] = fileView(&r.Files[i])
	}
	for i, s := range rr.Steps {
		d.History[i] = flowEventJSON{Action: s.Action, State: s.State, At: nullTime(s.At), By: nullID(&s.By),
			ByName: rr.Users[s.By], Reason: s.Reason}
	}
	for i, rev := range rr.Revisions {
		d.Revisions[i] = revisionJSON{ID: rev.ID, Revision: rev.Revision, Current: rev.Current, State: rev.State}
	}
	return d
}
