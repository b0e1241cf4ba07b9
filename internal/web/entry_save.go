package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/app"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// maxReportForm bounds one posted report form: a line has six texts of up
// to 20.000 characters each, URL-encoded.
const maxReportForm = 2 << 20

// msgEntryConflict is what the second of two people saving the same line sees.
const msgEntryConflict = "Người khác vừa lưu mục này trong lúc bạn đang sửa. Nội dung bạn nhập vẫn được giữ trong các ô bên dưới; bản đã lưu hiện bên cạnh để so sánh. Hãy sửa lại nếu cần rồi bấm Lưu."

// msgNotSaved heads the page when one form on it was refused.
const msgNotSaved = "Chưa lưu được: hãy xem mục được đánh dấu bên dưới."

// entrySave saves one task line of a report (status claim, %, result,
// evidence, difficulties, proposals, completion date, reason). The version
// read with the form guards against overwriting someone else's save: the
// second saver gets the form back with their own input and the saved
// values beside it. Autosave (Accept: application/json) gets JSON instead.
func (h *handler) entrySave(w http.ResponseWriter, r *http.Request) error {
	id, taskID, err := partPath(r, "task")
	if err != nil {
		return err
	}
	if err := readForm(w, r, maxReportForm); err != nil {
		return err
	}
	in := readEntryForm(r, taskID)
	e, unread := in.entry()
	var saved *reporting.Entry
	var problems plan.FieldErrors
	if wantsJSON(r) {
		// Autosave keeps what is valid, and says what is not.
		saved, problems, err = h.app.AutosaveReportEntry(r.Context(), h.user(r), id, e, []int{in.Version}, unread)
	} else {
		var s *app.SavedEntry
		if s, err = h.app.SaveReportEntry(r.Context(), h.user(r), id, e, []int{in.Version}, unread); err == nil {
			saved = &s.Entry
		}
	}
	var conflict *app.ReportPartConflict
	var ie *reporting.InvalidError
	switch {
	case errors.As(err, &conflict):
		// Saving again now is a deliberate overwrite of what is shown beside.
		in.Conflict, in.Version, in.Alert = conflict.Entry, conflict.Version, msgEntryConflict
		return h.entryRejected(w, r, id, in, http.StatusConflict, conflict.By)
	case errors.As(err, &ie):
		in.Errors = ie.Fields
		return h.entryRejected(w, r, id, in, http.StatusUnprocessableEntity, 0)
	case err != nil:
		return err
	}
	if wantsJSON(r) && len(problems) > 0 {
		return h.autosavedPart(w, r, id, saved.Version, problems, saved.Warnings...)
	}
	if wantsJSON(r) {
		return h.autosaved(w, r, id, saved.Version, 0, saved.Warnings...)
	}
	http.Redirect(w, r, reportURL(id, "/edit?done=saved#entry-"+strconv.FormatInt(taskID, 10)), http.StatusSeeOther)
	return nil
}

// readEntryForm copies a posted line as typed.
func readEntryForm(r *http.Request, taskID int64) *entryForm {
	f := &entryForm{TaskID: taskID}
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	f.Status = plan.Claim(strings.TrimSpace(r.PostFormValue("status")))
	f.Percent = strings.TrimSpace(r.PostFormValue("percent"))
	f.Result = r.PostFormValue("result")
	f.Evidence = r.PostFormValue("evidence")
	f.Difficulties = r.PostFormValue("difficulties")
	f.Proposals = r.PostFormValue("proposals")
	f.CompletedOn = strings.TrimSpace(r.PostFormValue("completed_on"))
	f.Reason = r.PostFormValue("reason")
	f.Explanation = r.PostFormValue("explanation")
	return f
}

// entry reads the typed line into an Entry, with the problems of what
// does not even read (a progress or a date that is not one); the rules
// are the use case's (app.SaveReportEntry).
func (f *entryForm) entry() (reporting.Entry, plan.FieldErrors) {
	e := reporting.Entry{TaskID: f.TaskID, Status: f.Status, Result: f.Result, Evidence: f.Evidence,
		Difficulties: f.Difficulties, Proposals: f.Proposals, Reason: f.Reason, Explanation: f.Explanation}
	fe := plan.FieldErrors{}
	if f.Percent != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(f.Percent, "%"))
		if err != nil {
			fe["percent"] = "Tiến độ phải là số nguyên từ 0 đến 100."
		}
		e.Percent = n
	}
	d, err := parseDate(f.CompletedOn)
	if err != nil {
		fe["completed_on"] = msgBadDate
	}
	e.CompletedOn = d
	return e, fe
}

// entryRejected shows report id's form again with the line as typed, its
// problems or the conflicting saved values (saved by by) — or, for
// autosave, says so in JSON.
func (h *handler) entryRejected(w http.ResponseWriter, r *http.Request, id int64, in *entryForm, status int, by int64) error {
	if wantsJSON(r) {
		return rejectedJSON(w, status, in.Errors)
	}
	v, err := h.editPage(r, id)
	if err != nil {
		return err
	}
	f := v.entry(in.TaskID)
	if f == nil {
		return reporting.ErrNotAssigned
	}
	if in.Conflict != nil {
		in.ConflictBy = v.users[by]
	}
	in.Title, in.Deadline, in.Files, in.Contributions, in.Previous = f.Title, f.Deadline, f.Files, f.Contributions, f.Previous
	if e, _ := in.entry(); in.Conflict == nil {
		reporting.NormalizeEntry(&e)
		in.Warnings = reporting.EntryWarnings(&e, in.Previous, v.tasks[in.TaskID], v.Report.Period)
	}
	*f = *in
	v.Error = msgNotSaved
	return reshow(status, "report_edit", editPageOf(v))
}
