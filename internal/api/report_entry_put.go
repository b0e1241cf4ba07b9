package api

import (
	"net/http"
	"strconv"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
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
	Explanation  string        `json:"explanation"`
	Version      optional[int] `json:"version"`
}

// entry is the body as a domain entry for task, with the field errors of
// what does not even parse (a completion date that is not a date).
func (in *entryBody) entry(task int64) (reporting.Entry, plan.FieldErrors) {
	e := reporting.Entry{TaskID: task, Percent: in.Percent, Result: in.Result, Evidence: in.Evidence,
		Difficulties: in.Difficulties, Proposals: in.Proposals, Reason: in.Reason, Explanation: in.Explanation}
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

// entryPut answers PUT /reports/{id}/entries/{task}: saves the agency's
// entry for a task it leads, as a draft line (the status may still be
// empty; submitting needs it). With a version (body or If-Match: the
// entry's own version, as GET /reports/{id} shows it in entries[].version)
// a save over someone else's is refused with 409 and nothing changes, so
// the client can show the person their input beside the saved one. With
// none, the last writer wins (app.SaveReportEntry). The answer is the
// entry as saved, its version as ETag.
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
	read, err := readVersions(r.Header.Get("If-Match"), in.Version)
	if err != nil {
		return err
	}
	e, unread := in.entry(task)
	saved, err := a.app.SaveReportEntry(r.Context(), u, id, e, read, unread)
	if err != nil {
		return err
	}
	titles, agencies, err := a.partNames(r, task, saved.TaskTitle)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(saved.Version))
	return a.writeJSON(w, http.StatusOK, entryView(&saved.Entry, titles, agencies))
}

// partNames are the names the answer to a saved part shows: the task's
// title, as the save read it, and every agency's name.
func (a *api) partNames(r *http.Request, task int64, title string) (titles, agencies map[int64]string, err error) {
	agencies, err = a.app.AgencyNames(r.Context())
	return map[int64]string{task: title}, agencies, err
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
