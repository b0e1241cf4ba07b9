package app

import (
	"context"
	"errors"
	"slices"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// Saving one part of a report — a task's line, a contribution to a task
// the agency cooperates on, an indicator's value, the free texts — follows
// one rule, whichever edge saves it:
//
//   - the report is read and reporting.Can(edit) checked on it; the part
//     must be one the report's agency answers for (ErrNotAssigned);
//   - read holds the versions of the part the person read (the form's,
//     or an HTTP If-Match, which may list several). When the part's
//     version now is not among them, the save is refused with a
//     *ReportPartConflict holding what is saved now, and nothing is
//     written: the page shows it beside the person's input, the API
//     answers 409. A nil read asks for "last writer wins": a save that
//     loses a race with another is retried on the fresh version;
//   - the part is checked by reporting's rules, together with what the
//     edge could not even read (unread: a number or a date that does not
//     parse), so that the person hears of every problem at once;
//   - one store write, one transaction with its audit row. A line's and
//     a contribution's save write over the report as read (the read is
//     not repeated inside the transaction: store.SaveEntryOver), each
//     statement guarded so that what changed since the read — the report's
//     state, the plan's status, the task's agencies, the part's version —
//     refuses the write as a fresh read would have; a value's and the
//     texts' save check the rule and the version again inside it.

// maxReportSaveAttempts bounds the retries of a save that names no
// version, under contention.
const maxReportSaveAttempts = 10

// ReportPartConflict refuses a save over someone else's: the part changed
// since the person read it. It is a derrors.Conflict (with a message for
// people) and holds the part as saved now, so that the person can compare
// it with what they typed. Exactly one of Entry, Contribution, Value and
// Texts is set.
type ReportPartConflict struct {
	Err          *derrors.Error
	Version      int   // the part's version now (the texts': the report's)
	By           int64 // who saved it last; 0 when nobody has
	Entry        *reporting.Entry
	Contribution *reporting.Contribution
	Value        *reporting.IndicatorValue
	Texts        *reporting.Texts
}

// Error is the conflict's message, for logs.
func (c *ReportPartConflict) Error() string { return c.Err.Error() }

// Unwrap makes errors.Is(err, derrors.Conflict) and derrors.MessageOf work.
func (c *ReportPartConflict) Unwrap() error { return c.Err }

// reportPart is one kind of part of a report, as the shared save needs it.
type reportPart[T any] struct {
	// task is the task the part is of (a line, a contribution): the save
	// then reads the report with that task's parts only
	// (store.ReadTaskReport); 0 reads it whole.
	task        int64
	parts       func(rep *reporting.Report) []T // the report's parts of this kind
	is          func(p *T) bool                 // the part being saved
	stamp       func(p *T) (version int, by int64)
	notAssigned error // the refusal of a part the report's agency does not answer for
	// what names the part in a conflict's message, compare what the person
	// typed into it; held puts the part as saved now into the conflict.
	what, compare string
	held          func(c *ReportPartConflict, p *T)
}

// find is the part being saved in rep; nil when rep has none.
func (k *reportPart[T]) find(rep *reporting.Report) *T {
	list := k.parts(rep)
	for i := range list {
		if k.is(&list[i]) {
			return &list[i]
		}
	}
	return nil
}

// conflict is the refusal of a save over the part as rep holds it now.
func (k *reportPart[T]) conflict(rep *reporting.Report) *ReportPartConflict {
	cur := k.find(rep)
	if cur == nil {
		cur = new(T)
	}
	version, by := k.stamp(cur)
	c := &ReportPartConflict{Version: version, By: by, Err: derrors.New(derrors.Conflict,
		"%s đã được người khác lưu sau khi bạn đọc (hiện tại là phiên bản %d). Không có gì được lưu: hãy đọc lại và đối chiếu với %s bạn đã nhập.",
		k.what, version, k.compare)}
	k.held(c, cur)
	return c
}

// saveReportPart saves one part of report id by the rule above: save
// checks the part and writes it over the version of cur, the part as read
// in x.Report (for a part of a task, x is what the store's write over a
// read takes: store.SaveEntryOver).
func saveReportPart[T any](ctx context.Context, a *App, by *auth.User, id int64, read []int, k reportPart[T],
	save func(x *store.TaskReport, cur *T) error) error {
	for attempt := 1; ; attempt++ {
		x, err := a.reportPartTo(ctx, by, id, k.task)
		if err != nil {
			return err
		}
		rep := x.Report
		cur := k.find(rep)
		if cur == nil {
			return k.notAssigned
		}
		if version, _ := k.stamp(cur); read != nil && !slices.Contains(read, version) {
			return k.conflict(rep)
		}
		err = save(x, cur)
		if errors.Is(err, derrors.Conflict) && read == nil && attempt < maxReportSaveAttempts {
			// Someone saved in between: the last writer wins, on the fresh
			// version. Back off a little, growing with each attempt.
			time.Sleep(time.Duration(attempt*attempt) * 100 * time.Microsecond)
			continue
		}
		if errors.Is(err, derrors.Conflict) {
			fresh, ferr := a.readReportPart(ctx, id, k.task)
			if ferr != nil {
				return ferr
			}
			return k.conflict(fresh.Report)
		}
		if errors.Is(err, reporting.ErrNotAssigned) && k.notAssigned != nil {
			return k.notAssigned // reassigned since the read
		}
		return err
	}
}

// readReportPart reads report id, whole or (task set) with the parts of
// that task only, the task's row and the plan's status
// (store.ReadTaskReport).
func (a *App) readReportPart(ctx context.Context, id, task int64) (*store.TaskReport, error) {
	if task != 0 {
		return a.store.ReadTaskReport(ctx, id, task)
	}
	rep, err := a.store.Report(ctx, id)
	if err != nil {
		return nil, err
	}
	return &store.TaskReport{Report: rep}, nil
}

// reportPartTo is reportTo(ActEdit) reading what saving a part of task
// (0: of no task) needs.
func (a *App) reportPartTo(ctx context.Context, by *auth.User, id, task int64) (*store.TaskReport, error) {
	x, err := a.readReportPart(ctx, id, task)
	if err != nil {
		return nil, notFoundAs(err, msgNoReport, id)
	}
	if err := reporting.Can(by, x.Report, reporting.ActEdit, a.Today()); err != nil {
		return nil, err
	}
	return x, nil
}

// entryPart is the line of task taskID.
func entryPart(taskID int64) reportPart[reporting.Entry] {
	return reportPart[reporting.Entry]{
		task:        taskID,
		parts:       func(rep *reporting.Report) []reporting.Entry { return rep.Entries },
		is:          func(e *reporting.Entry) bool { return e.TaskID == taskID },
		stamp:       func(e *reporting.Entry) (int, int64) { return e.Version, e.UpdatedBy },
		notAssigned: reporting.ErrNotAssigned,
		what:        "Nội dung báo cáo của nhiệm vụ này", compare: "nội dung",
		held: func(c *ReportPartConflict, e *reporting.Entry) { c.Entry = e },
	}
}

// contributionPart is the agency's part of task taskID.
func contributionPart(taskID int64) reportPart[reporting.Contribution] {
	return reportPart[reporting.Contribution]{
		task:        taskID,
		parts:       func(rep *reporting.Report) []reporting.Contribution { return rep.Contributions },
		is:          func(c *reporting.Contribution) bool { return c.TaskID == taskID },
		stamp:       func(c *reporting.Contribution) (int, int64) { return c.Version, c.UpdatedBy },
		notAssigned: reporting.ErrNotAssigned,
		what:        "Phần phối hợp của nhiệm vụ này", compare: "nội dung",
		held: func(c *ReportPartConflict, p *reporting.Contribution) { c.Contribution = p },
	}
}

// valuePart is the value of indicator indicatorID.
func valuePart(indicatorID int64) reportPart[reporting.IndicatorValue] {
	return reportPart[reporting.IndicatorValue]{
		parts:       func(rep *reporting.Report) []reporting.IndicatorValue { return rep.Values },
		is:          func(v *reporting.IndicatorValue) bool { return v.IndicatorID == indicatorID },
		stamp:       func(v *reporting.IndicatorValue) (int, int64) { return v.Version, v.UpdatedBy },
		notAssigned: reporting.ErrIndicatorNotAssigned,
		what:        "Giá trị chỉ tiêu này", compare: "số liệu",
		held: func(c *ReportPartConflict, v *reporting.IndicatorValue) { c.Value = v },
	}
}

// textsPart is the free texts: the report's own, under the report's version.
func textsPart() reportPart[reporting.Report] {
	return reportPart[reporting.Report]{
		parts: func(rep *reporting.Report) []reporting.Report { return []reporting.Report{*rep} },
		is:    func(*reporting.Report) bool { return true },
		stamp: func(r *reporting.Report) (int, int64) { return r.Version, r.UpdatedBy },
		what:  "Báo cáo", compare: "nội dung",
		held: func(c *ReportPartConflict, r *reporting.Report) { c.Texts = &r.Texts },
	}
}

// SavedEntry is a report's line as SaveReportEntry saved it, with its
// task's title as read for the save: the API's answer names the task,
// and need not read it again.
type SavedEntry struct {
	reporting.Entry
	TaskTitle string
}

// SaveReportEntry saves report reportID's line for task e.TaskID (a task
// the report's agency leads): status claim, %, result, evidence,
// difficulties, proposals, completion date, reason — as a draft line (the
// status may still be empty; submitting needs it). read and unread as
// above. It returns the line as saved, with the cooperating agencies'
// contributions to the task, its warnings and the task's title. The
// report, the task and the line are read once, before the write, which
// writes over that read (store.SaveEntryOver; issue 21).
func (a *App) SaveReportEntry(ctx context.Context, by *auth.User, reportID int64, e reporting.Entry, read []int,
	unread plan.FieldErrors) (_ *SavedEntry, err error) {
	defer derrors.Wrap(&err, "app.SaveReportEntry(report %d, task %d)", reportID, e.TaskID)
	k := entryPart(e.TaskID)
	var saved reporting.Entry
	var x *store.TaskReport
	err = saveReportPart(ctx, a, by, reportID, read, k, func(r *store.TaskReport, cur *reporting.Entry) error {
		x = r
		saved = e
		reporting.NormalizeEntry(&saved)
		if err := invalidWith(unread, reporting.ValidateEntry(&saved, a.Today())); err != nil {
			return err
		}
		saved.Version = cur.Version
		saved.Contributions = cur.Contributions
		return a.store.SaveEntryOver(ctx, a.actor(by), r, &saved)
	})
	if err != nil {
		return nil, err
	}
	entryWarnings(x, &saved)
	return &SavedEntry{Entry: saved, TaskTitle: x.Task.Title}, nil
}

// entryWarnings sets e.Previous and e.Warnings for a line just saved over
// x, judged by x's task (its deadline), which the save found to be the
// agency's, and by the task's prior accepted line as x holds it: read with
// the report before the save, which cannot change it (a report being
// edited is not accepted), so that the answer needs no read of its own
// after the commit (issue 21).
func entryWarnings(x *store.TaskReport, e *reporting.Entry) {
	e.Previous = x.Prior
	e.Warnings = reporting.EntryWarnings(e, e.Previous, x.Task, x.Report.Period)
}

// SavedContribution is the agency's part of a task as
// SaveReportContribution saved it, with the task's title as read for the
// save (SavedEntry's).
type SavedContribution struct {
	reporting.Contribution
	TaskTitle string
}

// SaveReportContribution saves report reportID's agency's part of task
// c.TaskID, a task it cooperates on; the lead agency sees it inside its
// own line. read as above. It writes over the report as read
// (store.SaveContributionOver), as SaveReportEntry.
func (a *App) SaveReportContribution(ctx context.Context, by *auth.User, reportID int64, c reporting.Contribution,
	read []int) (_ *SavedContribution, err error) {
	defer derrors.Wrap(&err, "app.SaveReportContribution(report %d, task %d)", reportID, c.TaskID)
	k := contributionPart(c.TaskID)
	var saved reporting.Contribution
	var x *store.TaskReport
	err = saveReportPart(ctx, a, by, reportID, read, k, func(r *store.TaskReport, cur *reporting.Contribution) error {
		x = r
		saved = c
		if err := reporting.CheckContribution(&saved); err != nil {
			return err
		}
		saved.Version = cur.Version
		return a.store.SaveContributionOver(ctx, a.actor(by), r, &saved)
	})
	if err != nil {
		return nil, err
	}
	return &SavedContribution{Contribution: saved, TaskTitle: x.Task.Title}, nil
}

// SaveReportValue saves report reportID's value for its period of
// indicator v.IndicatorID, one its agency answers for
// (reporting.ErrIndicatorNotAssigned otherwise). read and unread as above.
func (a *App) SaveReportValue(ctx context.Context, by *auth.User, reportID int64, v reporting.IndicatorValue, read []int,
	unread plan.FieldErrors) (_ *reporting.IndicatorValue, err error) {
	defer derrors.Wrap(&err, "app.SaveReportValue(report %d, indicator %d)", reportID, v.IndicatorID)
	k := valuePart(v.IndicatorID)
	var saved reporting.IndicatorValue
	err = saveReportPart(ctx, a, by, reportID, read, k, func(_ *store.TaskReport, cur *reporting.IndicatorValue) error {
		saved = v
		if err := invalidWith(unread, ruleFields(reporting.CheckValue(&saved))); err != nil {
			return err
		}
		saved.Version = cur.Version
		return a.store.SaveIndicatorValue(ctx, a.actor(by), reportID, &saved)
	})
	if err != nil {
		return nil, err
	}
	return &saved, nil
}

// SaveReportTexts saves report reportID's free-text sections (kết quả
// chung, khó khăn, kiến nghị, nhiệm vụ kỳ tới). Their version is the
// report's: read holds the report versions the person read. It returns
// the report's new version.
func (a *App) SaveReportTexts(ctx context.Context, by *auth.User, reportID int64, t reporting.Texts, read []int) (version int, err error) {
	defer derrors.Wrap(&err, "app.SaveReportTexts(%d)", reportID)
	err = saveReportPart(ctx, a, by, reportID, read, textsPart(), func(x *store.TaskReport, _ *reporting.Report) error {
		if err := reporting.CheckTexts(&t); err != nil {
			return err
		}
		var err error
		version, err = a.store.SaveReportTexts(ctx, a.actor(by), reportID, t, x.Report.Version)
		return err
	})
	return version, err
}

// invalidWith is the refusal of a part: the problems found reading it
// (unread) and those reporting's rules found (rules), the former first
// when both speak of one field; nil when there are none.
func invalidWith(unread, rules plan.FieldErrors) error {
	if len(unread) == 0 && len(rules) == 0 {
		return nil
	}
	fe := plan.FieldErrors{}
	for k, v := range rules {
		fe[k] = v
	}
	for k, v := range unread {
		fe[k] = v
	}
	return &reporting.InvalidError{Err: reporting.ErrInvalid, Fields: fe}
}

// ruleFields are the field errors of a reporting rule's refusal (an
// *reporting.InvalidError); nil for none.
func ruleFields(err error) plan.FieldErrors {
	var ie *reporting.InvalidError
	if errors.As(err, &ie) {
		return ie.Fields
	}
	return nil
}
