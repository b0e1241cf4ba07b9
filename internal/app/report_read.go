package app

import (
	"context"
	"errors"
	"slices"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// ReportRead is a report whole with what a page or an answer names beside
// it: its plan, the agencies, tasks and indicators its lines are about,
// the people who acted on it, its history and its revisions.
type ReportRead struct {
	Report     *reporting.Report
	Plan       *plan.Plan
	Agencies   map[int64]*agency.Agency       // every agency, ended ones too
	Tasks      map[int64]*plan.Task           // the plan's tasks the report's agency leads or cooperates on
	Indicators map[int64]*indicator.Indicator // the plan's indicators
	// Users names the people the report mentions (full name, else the
	// username); one no longer known is missing.
	Users     map[int64]string
	Steps     []reporting.FlowStep     // the flow's steps, oldest first
	Changes   []reporting.ReportChange // the other saves, oldest first
	Revisions []reporting.Report       // every revision of its period and agency, newest first, without lines
	Allowed   []reporting.Action       // what the reader may do to it today
	Today     time.Time
}

// ReadReport reads report id whole for by, with everything its page or
// answer names, if by may take action need on it (reporting.ActView to
// read it, ActEdit for its form).
func (a *App) ReadReport(ctx context.Context, by *auth.User, id int64, need reporting.Action) (*ReportRead, error) {
	rep, err := a.reportTo(ctx, by, id, need)
	if err != nil {
		return nil, err
	}
	rr := &ReportRead{Report: rep, Today: a.Today()}
	rr.Allowed = reporting.Allowed(by, rep, rr.Today)
	if rr.Plan, err = a.Plan(ctx, rep.PlanID); err != nil {
		return nil, err
	}
	list, err := a.store.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	rr.Agencies = make(map[int64]*agency.Agency, len(list))
	for i := range list {
		rr.Agencies[list[i].ID] = &list[i]
	}
	if rr.Tasks, err = a.agencyTasks(ctx, rep.PlanID, rep.AgencyID); err != nil {
		return nil, err
	}
	inds, err := a.store.Indicators(ctx, rep.PlanID)
	if err != nil {
		return nil, err
	}
	rr.Indicators = make(map[int64]*indicator.Indicator, len(inds))
	for i := range inds {
		rr.Indicators[inds[i].ID] = &inds[i]
	}
	if err := a.compareWithPrior(ctx, rep, rep.Entries, rr.Tasks); err != nil {
		return nil, err
	}
	if rr.Steps, rr.Changes, err = a.reportHistory(ctx, rep.ID); err != nil {
		return nil, err
	}
	if rr.Revisions, err = a.store.ReportRevisions(ctx, rep.ID); err != nil {
		return nil, err
	}
	if rr.Users, err = a.namesOf(ctx, reportPeople(rr)); err != nil {
		return nil, err
	}
	return rr, nil
}

// agencyTasks reads, by ID, the plan's tasks the agency leads or
// cooperates on: the tasks a report's lines are about.
func (a *App) agencyTasks(ctx context.Context, planID, agencyID int64) (map[int64]*plan.Task, error) {
	out := map[int64]*plan.Task{}
	f := plan.TaskFilter{PlanID: planID, AgencyID: agencyID, Limit: store.MaxTaskLimit}
	for {
		page, total, err := a.store.Tasks(ctx, f)
		if err != nil {
			return nil, err
		}
		for i := range page {
			out[page[i].ID] = &page[i]
		}
		f.Offset += len(page)
		if len(page) == 0 || f.Offset >= total {
			return out, nil
		}
	}
}

// reportPeople lists the users a report's page names: who saved, sent,
// returned and accepted it, each line's last writer, who uploaded each
// file, and who took each step of its history.
func reportPeople(rr *ReportRead) []int64 {
	r := rr.Report
	ids := []int64{r.UpdatedBy, r.SubmittedBy, r.ReturnedBy, r.AcceptedBy}
	for _, e := range r.Entries {
		ids = append(ids, e.UpdatedBy)
		for _, c := range e.Contributions {
			ids = append(ids, c.UpdatedBy)
		}
	}
	for _, c := range r.Contributions {
		ids = append(ids, c.UpdatedBy)
	}
	for _, v := range r.Values {
		ids = append(ids, v.UpdatedBy)
	}
	for _, f := range r.Files {
		ids = append(ids, f.UploadedBy)
	}
	for _, s := range rr.Steps {
		ids = append(ids, s.By)
	}
	for _, c := range rr.Changes {
		ids = append(ids, c.By)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// namesOf maps each user of ids (0 skipped) to the name people know them
// by: the full name, else the username. A user no longer known is left
// out. A report names a handful of people, so each is read on its own.
func (a *App) namesOf(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	for _, id := range ids {
		if id == 0 {
			continue
		}
		u, err := a.store.User(ctx, id)
		if errors.Is(err, derrors.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[id] = u.FullName
		if u.FullName == "" {
			out[id] = u.Username
		}
	}
	return out, nil
}

// compareWithPrior sets each of entries (lines of report rep) beside the
// task's line in the latest accepted report before it (Entry.Previous) and
// what it says against it (Entry.Warnings, reporting.EntryWarnings); tasks
// holds the tasks the lines are about (a task missing from it is compared
// as one with a fixed due day).
func (a *App) compareWithPrior(ctx context.Context, rep *reporting.Report, entries []reporting.Entry, tasks map[int64]*plan.Task) error {
	ids := make([]int64, len(entries))
	for i := range entries {
		ids[i] = entries[i].TaskID
	}
	prior, err := a.store.PriorResults(ctx, ids, rep.Period, rep.Revision)
	if err != nil {
		return err
	}
	for i := range entries {
		e := &entries[i]
		e.Previous = prior[e.TaskID]
		e.Warnings = reporting.EntryWarnings(e, e.Previous, tasks[e.TaskID], rep.Period)
	}
	return nil
}
