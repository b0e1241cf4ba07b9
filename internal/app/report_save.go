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
//   - one store write, which checks the rule and the version again inside
//     its transaction, with its audit row.

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

func (c *ReportPartConflict) Error() string { return c.Err.Error() }

// Unwrap makes errors.Is(err, derrors.Conflict) and derrors.MessageOf work.
func (c *ReportPartConflict) Unwrap() error { return c.Err }

// reportPart is what the shared save needs to know of one kind of part.
type reportPart struct {
	// find locates the part in the report as read: its version and last
	// writer; ok false when the report's agency does not answer for it.
	find func(rep *reporting.Report) (version int, by int64, ok bool)
	// notAssigned is the refusal of a part the agency does not answer for.
	notAssigned error
	// save checks the part and writes it over version.
	save func(rep *reporting.Report, version int) error
	// conflict is the refusal of a save over version now, found in rep.
	conflict func(rep *reporting.Report) *ReportPartConflict
}

// saveReportPart saves one part of report id by the rule above.
func (a *App) saveReportPart(ctx context.Context, by *auth.User, id int64, read []int, p reportPart) error {
	for attempt := 1; ; attempt++ {
		rep, err := a.reportTo(ctx, by, id, reporting.ActEdit)
		if err != nil {
			return err
		}
		version, _, ok := p.find(rep)
		if !ok {
			return p.notAssigned
		}
		if read != nil && !slices.Contains(read, version) {
			return p.conflict(rep)
		}
		err = p.save(rep, version)
		if errors.Is(err, derrors.Conflict) && read == nil && attempt < maxReportSaveAttempts {
			// Someone saved in between: the last writer wins, on the fresh
			// version. Back off a little, growing with each attempt.
			time.Sleep(time.Duration(attempt*attempt) * 100 * time.Microsecond)
			continue
		}
		if errors.Is(err, derrors.Conflict) {
			fresh, ferr := a.store.Report(ctx, id)
			if ferr != nil {
				return ferr
			}
			return p.conflict(fresh)
		}
		if errors.Is(err, reporting.ErrNotAssigned) && p.notAssigned != nil {
			return p.notAssigned // reassigned since the read
		}
		return err
	}
}

// partConflict builds the refusal of a save of what over version now.
func partConflict(what string, version int, by int64, compare string) *ReportPartConflict {
	return &ReportPartConflict{Version: version, By: by, Err: derrors.New(derrors.Conflict,
		"%s đã được người khác lưu sau khi bạn đọc (hiện tại là phiên bản %d). Không có gì được lưu: hãy đọc lại và đối chiếu với %s bạn đã nhập.",
		what, version, compare)}
}

// SaveReportEntry saves report reportID's line for task e.TaskID (a task
// the report's agency leads): status claim, %, result, evidence,
// difficulties, proposals, completion date, reason — as a draft line (the
// status may still be empty; submitting needs it). read and unread as
// above. It returns the line as saved, with the cooperating agencies'
// contributions to the task.
func (a *App) SaveReportEntry(ctx context.Context, by *auth.User, reportID int64, e reporting.Entry, read []int,
	unread plan.FieldErrors) (_ *reporting.Entry, err error) {
	defer derrors.Wrap(&err, "app.SaveReportEntry(report %d, task %d)", reportID, e.TaskID)
	var saved reporting.Entry
	find := func(rep *reporting.Report) *reporting.Entry {
		for i := range rep.Entries {
			if rep.Entries[i].TaskID == e.TaskID {
				return &rep.Entries[i]
			}
		}
		return nil
	}
	err = a.saveReportPart(ctx, by, reportID, read, reportPart{
		find: func(rep *reporting.Report) (int, int64, bool) {
			if cur := find(rep); cur != nil {
				return cur.Version, cur.UpdatedBy, true
			}
			return 0, 0, false
		},
		notAssigned: reporting.ErrNotAssigned,
		save: func(rep *reporting.Report, version int) error {
			saved = e
			reporting.NormalizeEntry(&saved)
			if err := invalidWith(unread, reporting.ValidateEntry(&saved, a.Today())); err != nil {
				return err
			}
			saved.Version = version
			if err := a.store.SaveEntry(ctx, a.actor(by), reportID, &saved); err != nil {
				return err
			}
			saved.Contributions = find(rep).Contributions
			return nil
		},
		conflict: func(rep *reporting.Report) *ReportPartConflict {
			cur := find(rep)
			if cur == nil {
				cur = &reporting.Entry{TaskID: e.TaskID}
			}
			c := partConflict("Nội dung báo cáo của nhiệm vụ này", cur.Version, cur.UpdatedBy, "nội dung")
			c.Entry = cur
			return c
		},
	})
	if err != nil {
		return nil, err
	}
	return &saved, nil
}

// SaveReportContribution saves report reportID's agency's part of task
// c.TaskID, a task it cooperates on; the lead agency sees it inside its
// own line. read as above.
func (a *App) SaveReportContribution(ctx context.Context, by *auth.User, reportID int64, c reporting.Contribution,
	read []int) (_ *reporting.Contribution, err error) {
	defer derrors.Wrap(&err, "app.SaveReportContribution(report %d, task %d)", reportID, c.TaskID)
	var saved reporting.Contribution
	find := func(rep *reporting.Report) *reporting.Contribution {
		for i := range rep.Contributions {
			if rep.Contributions[i].TaskID == c.TaskID {
				return &rep.Contributions[i]
			}
		}
		return nil
	}
	err = a.saveReportPart(ctx, by, reportID, read, reportPart{
		find: func(rep *reporting.Report) (int, int64, bool) {
			if cur := find(rep); cur != nil {
				return cur.Version, cur.UpdatedBy, true
			}
			return 0, 0, false
		},
		notAssigned: reporting.ErrNotAssigned,
		save: func(_ *reporting.Report, version int) error {
			saved = c
			if err := reporting.CheckContribution(&saved); err != nil {
				return err
			}
			saved.Version = version
			return a.store.SaveContribution(ctx, a.actor(by), reportID, &saved)
		},
		conflict: func(rep *reporting.Report) *ReportPartConflict {
			cur := find(rep)
			if cur == nil {
				cur = &reporting.Contribution{TaskID: c.TaskID}
			}
			conf := partConflict("Phần phối hợp của nhiệm vụ này", cur.Version, cur.UpdatedBy, "nội dung")
			conf.Contribution = cur
			return conf
		},
	})
	if err != nil {
		return nil, err
	}
	return &saved, nil
}

// SaveReportValue saves report reportID's value for its period of
// indicator v.IndicatorID, one its agency answers for
// (reporting.ErrIndicatorNotAssigned otherwise). read and unread as above.
func (a *App) SaveReportValue(ctx context.Context, by *auth.User, reportID int64, v reporting.IndicatorValue, read []int,
	unread plan.FieldErrors) (_ *reporting.IndicatorValue, err error) {
	defer derrors.Wrap(&err, "app.SaveReportValue(report %d, indicator %d)", reportID, v.IndicatorID)
	var saved reporting.IndicatorValue
	find := func(rep *reporting.Report) *reporting.IndicatorValue {
		for i := range rep.Values {
			if rep.Values[i].IndicatorID == v.IndicatorID {
				return &rep.Values[i]
			}
		}
		return nil
	}
	err = a.saveReportPart(ctx, by, reportID, read, reportPart{
		find: func(rep *reporting.Report) (int, int64, bool) {
			if cur := find(rep); cur != nil {
				return cur.Version, cur.UpdatedBy, true
			}
			return 0, 0, false
		},
		notAssigned: reporting.ErrIndicatorNotAssigned,
		save: func(_ *reporting.Report, version int) error {
			saved = v
			if err := invalidWith(unread, ruleFields(reporting.CheckValue(&saved))); err != nil {
				return err
			}
			saved.Version = version
			return a.store.SaveIndicatorValue(ctx, a.actor(by), reportID, &saved)
		},
		conflict: func(rep *reporting.Report) *ReportPartConflict {
			cur := find(rep)
			if cur == nil {
				cur = &reporting.IndicatorValue{IndicatorID: v.IndicatorID}
			}
			c := partConflict("Giá trị chỉ tiêu này", cur.Version, cur.UpdatedBy, "số liệu")
			c.Value = cur
			return c
		},
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
	err = a.saveReportPart(ctx, by, reportID, read, reportPart{
		find: func(rep *reporting.Report) (int, int64, bool) { return rep.Version, rep.UpdatedBy, true },
		save: func(_ *reporting.Report, current int) error {
			if err := reporting.CheckTexts(&t); err != nil {
				return err
			}
			var err error
			version, err = a.store.SaveReportTexts(ctx, a.actor(by), reportID, t, current)
			return err
		},
		conflict: func(rep *reporting.Report) *ReportPartConflict {
			texts := rep.Texts
			c := &ReportPartConflict{Version: rep.Version, By: rep.UpdatedBy, Texts: &texts, Err: derrors.New(derrors.Conflict,
				"Báo cáo đã được người khác thay đổi sau khi bạn đọc (hiện tại là phiên bản %d). Không có gì được lưu: hãy đọc lại và đối chiếu với nội dung bạn đã nhập.",
				rep.Version)}
			return c
		},
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
