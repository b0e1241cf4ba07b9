package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
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
	rep, err := h.loadReport(r, reporting.ActEdit)
	if err != nil {
		return err
	}
	taskID, err := pathInt(r, "task")
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxReportForm)
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := readEntryForm(r, taskID)
	e, fe := in.entry()
	if fe != nil {
		return h.entryRejected(w, r, rep, in, http.StatusUnprocessableEntity, fe)
	}
	ctx := r.Context()
	err = h.store.SaveEntry(ctx, h.actor(r), rep.ID, &e)
	var ie *reporting.InvalidError
	switch {
	case errors.Is(err, store.ErrConflict):
		fresh, err := h.store.Report(ctx, rep.ID)
		if err != nil {
			return err
		}
		for i := range fresh.Entries {
			if s := &fresh.Entries[i]; s.TaskID == taskID {
				in.Conflict = s
				in.Version = s.Version // saving again now is a deliberate overwrite
			}
		}
		if in.Conflict != nil {
			names, err := h.userNames(ctx)
			if err != nil {
				return err
			}
			in.ConflictBy = names[in.Conflict.UpdatedBy]
		}
		in.Alert = msgEntryConflict
		return h.entryRejected(w, r, fresh, in, http.StatusConflict, nil)
	case errors.As(err, &ie):
		return h.entryRejected(w, r, rep, in, http.StatusUnprocessableEntity, ie.Fields)
	case err != nil:
		return err
	}
	if wantsJSON(r) {
		return h.autosaved(w, r, rep.ID, e.Version, 0)
	}
	http.Redirect(w, r, reportURL(rep.ID, "/edit?done=saved#entry-"+strconv.FormatInt(taskID, 10)), http.StatusSeeOther)
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
	return f
}

// entry reads the typed line into an Entry, with the problems the web
// layer sees itself (numbers and dates it cannot read); the rules are
// checked by the store (reporting.CheckEntry).
func (f *entryForm) entry() (reporting.Entry, plan.FieldErrors) {
	e := reporting.Entry{TaskID: f.TaskID, Version: f.Version, Status: f.Status, Result: f.Result, Evidence: f.Evidence,
		Difficulties: f.Difficulties, Proposals: f.Proposals, Reason: f.Reason}
	fe := plan.FieldErrors{}
	if f.Percent != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(f.Percent, "%"))
		if err != nil || n < 0 || n > 100 {
			fe["percent"] = "Tiến độ phải là số nguyên từ 0 đến 100."
		}
		e.Percent = n
	}
	d, err := parseDate(f.CompletedOn)
	if err != nil {
		fe["completed_on"] = msgBadDate
	}
	e.CompletedOn = d
	if len(fe) == 0 {
		return e, nil
	}
	return e, fe
}

// entryRejected shows the report form again with the line as typed, its
// problems or the conflicting saved values — or, for autosave, says so in JSON.
func (h *handler) entryRejected(w http.ResponseWriter, r *http.Request, rep *reporting.Report, in *entryForm, status int, fe plan.FieldErrors) error {
	in.Errors = fe
	if wantsJSON(r) {
		return rejectedJSON(w, status, fe)
	}
	v, err := h.editPage(r, rep)
	if err != nil {
		return err
	}
	f := v.entry(in.TaskID)
	if f == nil {
		return reporting.ErrNotAssigned
	}
	in.Title, in.Deadline, in.Files, in.Contributions = f.Title, f.Deadline, f.Files, f.Contributions
	*f = *in
	v.Error = msgNotSaved
	return reshow(status, "report_edit", editPageOf(v))
}
