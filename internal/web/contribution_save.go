package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// contributionSave saves the agency's part of a task it cooperates on; the
// lead agency sees it inside its own line. Versions as for a line.
func (h *handler) contributionSave(w http.ResponseWriter, r *http.Request) error {
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
	in := &contribForm{TaskID: taskID, Text: r.PostFormValue("text")}
	in.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	c := reporting.Contribution{TaskID: taskID, Text: in.Text, Version: in.Version}
	ctx := r.Context()
	err = h.store.SaveContribution(ctx, h.actor(r), rep.ID, &c)
	var ie *reporting.InvalidError
	switch {
	case errors.Is(err, store.ErrConflict):
		fresh, err := h.store.Report(ctx, rep.ID)
		if err != nil {
			return err
		}
		for i := range fresh.Contributions {
			if s := &fresh.Contributions[i]; s.TaskID == taskID {
				in.Conflict, in.Version = s, s.Version
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
		return h.contributionRejected(w, r, fresh, in, http.StatusConflict)
	case errors.As(err, &ie):
		in.Errors = ie.Fields
		return h.contributionRejected(w, r, rep, in, http.StatusUnprocessableEntity)
	case err != nil:
		return err
	}
	if wantsJSON(r) {
		return h.autosaved(w, r, rep.ID, c.Version, 0)
	}
	http.Redirect(w, r, reportURL(rep.ID, "/edit?done=saved#contribution-"+strconv.FormatInt(taskID, 10)), http.StatusSeeOther)
	return nil
}

// contributionRejected shows the form again with the text as typed.
func (h *handler) contributionRejected(w http.ResponseWriter, r *http.Request, rep *reporting.Report, in *contribForm, status int) error {
	if wantsJSON(r) {
		return rejectedJSON(w, status, in.Errors)
	}
	v, err := h.editPage(r, rep)
	if err != nil {
		return err
	}
	f := v.contribution(in.TaskID)
	if f == nil {
		return reporting.ErrNotAssigned
	}
	in.Title = f.Title
	*f = *in
	v.Error = msgNotSaved
	return reshow(status, "report_edit", editPageOf(v))
}
