package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// entryBody is the body of PUT /reports/{id}/entries/{task}: the whole
// entry (PUT replaces it; a field left out is saved empty). status is the
// claim code; completed_on is YYYY-MM-DD or null; reason is needed with
// paused and cancelled; version is the entry's version read (0 before its
// first save), or send If-Match.
type entryBody struct {
	Status       *string       `json:"status"`
	Percent      int           `json:"percent"`
	Result       string        `json:"result"`
	Evidence     string        `json:"evidence"`
	Difficulties string        `json:"difficulties"`
	Proposals    string        `json:"proposals"`
	CompletedOn  *string       `json:"completed_on"`
	Reason       string        `json:"reason"`
	Version      optional[int] `json:"version"`
}

// entry is the body as a domain entry for task, with the field errors of
// what does not even parse (a completion date that is not a date).
func (in *entryBody) entry(task int64) (reporting.Entry, plan.FieldErrors) {
	e := reporting.Entry{TaskID: task, Percent: in.Percent, Result: in.Result, Evidence: in.Evidence,
		Difficulties: in.Difficulties, Proposals: in.Proposals, Reason: in.Reason}
	if in.Status != nil {
		e.Status = plan.Claim(*in.Status)
	}
	if in.CompletedOn != nil && *in.CompletedOn != "" {
		d, err := time.Parse(dateLayout, *in.CompletedOn)
		if err != nil {
			return e, plan.FieldErrors{"completed_on": "Ngày hoàn thành phải có dạng YYYY-MM-DD, ví dụ 2026-06-15."}
		}
		e.CompletedOn = d
	}
	return e, nil
}

// maxSaveAttempts bounds the retries of an unversioned save under contention.
const maxSaveAttempts = 10

// entryPut answers PUT /reports/{id}/entries/{task}: saves the agency's
// entry for a task it leads, as a draft line (the status may still be
// empty; submitting needs it). With a version (body or If-Match: the
// entry's own version, as GET /reports/{id} shows it in entries[].version)
// a save over someone else's is refused with 409 and nothing changes, so
// the client can show the person their input beside the saved one. With
// none, the last writer wins. The answer is the entry as saved, its
// version as ETag.
func (a *api) entryPut(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	task, err := pathInt(r, "task")
	if err != nil {
		return err
	}
	var in entryBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	act := a.actor(u)
	ifMatch := r.Header.Get("If-Match")
	for attempt := 1; ; attempt++ {
		e, cur, err := a.saveEntry(r.Context(), act, id, task, &in, ifMatch)
		if errors.Is(err, store.ErrConflict) && !versioned(ifMatch, in.Version) && attempt < maxSaveAttempts {
			continue // someone saved in between; last writer wins, on the fresh version
		}
		if errors.Is(err, store.ErrConflict) {
			return staleReport("Nội dung báo cáo của nhiệm vụ này", id)
		}
		if err != nil {
			return err
		}
		e.Contributions = cur.Contributions
		return a.writeEntry(w, r, e)
	}
}

// saveEntry reads the report and the entry, checks the rule and the
// client's version, and saves; it returns the entry saved and as it was.
func (a *api) saveEntry(ctx context.Context, act reporting.Actor, id, task int64, in *entryBody, ifMatch string) (*reporting.Entry, *reporting.Entry, error) {
	rep, err := a.store.Report(ctx, id)
	if err != nil {
		return nil, nil, notFoundReport(err, id)
	}
	if err := reporting.Can(act.User, rep, reporting.ActEdit, act.Today()); err != nil {
		return nil, nil, err
	}
	var cur *reporting.Entry
	for i := range rep.Entries {
		if rep.Entries[i].TaskID == task {
			cur = &rep.Entries[i]
		}
	}
	if cur == nil {
		return nil, nil, reporting.ErrNotAssigned
	}
	if err := checkVersionOf(ifMatch, in.Version, cur.Version, staleEntry); err != nil {
		return nil, nil, err
	}
	e, fe := in.entry(task)
	if fe != nil {
		// Report every problem at once: the rules on the rest of the entry too.
		check := e
		reporting.NormalizeEntry(&check)
		for k, v := range reporting.ValidateEntry(&check, act.Today()) {
			if fe[k] == "" {
				fe[k] = v
			}
		}
		return nil, nil, &reporting.InvalidError{Err: reporting.ErrInvalid, Fields: fe}
	}
	e.Version = cur.Version
	if err := a.store.SaveEntry(ctx, act, id, &e); err != nil {
		return nil, nil, err
	}
	return &e, cur, nil
}

// staleEntry is the 409 for a save naming an older version of the entry.
func staleEntry(sent string, current int) *apiError {
	return conflict("Nội dung báo cáo của nhiệm vụ này đã được người khác lưu sau khi bạn đọc (bạn gửi phiên bản %s, hiện tại là %d); "+
		"hãy đọc lại và đối chiếu với nội dung bạn đã nhập. Không có gì được lưu.", sent, current)
}

// writeEntry answers with the entry as saved and its version as ETag.
func (a *api) writeEntry(w http.ResponseWriter, r *http.Request, e *reporting.Entry) error {
	titles := map[int64]string{}
	if t, err := a.store.Task(r.Context(), e.TaskID); err == nil {
		titles[t.ID] = t.Title
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	agencies, err := a.agencyNames(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(e.Version))
	return a.writeJSON(w, http.StatusOK, entryView(e, titles, agencies))
}

// pathInt reads a positive integer path value other than {id}.
func pathInt(r *http.Request, name string) (int64, error) {
	s := r.PathValue(name)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, badRequest(map[string]string{name: "Mã phải là số nguyên dương."},
			"Mã %q trong đường dẫn không hợp lệ: phải là số nguyên dương.", s)
	}
	return n, nil
}
