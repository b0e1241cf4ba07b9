package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/app"
	"tiendo/internal/reporting"
)

// contributionSave saves the agency's part of a task it cooperates on; the
// lead agency sees it inside its own line. Versions as for a line.
func (h *handler) contributionSave(w http.ResponseWriter, r *http.Request) error {
	id, taskID, err := partPath(r, "task")
	if err != nil {
		return err
	}
	if err := readForm(w, r, maxReportForm); err != nil {
		return err
	}
	in := &contribForm{TaskID: taskID, Text: r.PostFormValue("text")}
	in.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	c, err := h.app.SaveReportContribution(r.Context(), h.user(r), id, reporting.Contribution{TaskID: taskID, Text: in.Text},
		[]int{in.Version})
	var conflict *app.ReportPartConflict
	var ie *reporting.InvalidError
	switch {
	case errors.As(err, &conflict):
		in.Conflict, in.Version, in.Alert = conflict.Contribution, conflict.Version, msgEntryConflict
		return h.contributionRejected(w, r, id, in, http.StatusConflict, conflict.By)
	case errors.As(err, &ie):
		in.Errors = ie.Fields
		return h.contributionRejected(w, r, id, in, http.StatusUnprocessableEntity, 0)
	case err != nil:
		return err
	}
	if wantsJSON(r) {
		return h.autosaved(w, r, id, c.Version, 0)
	}
	http.Redirect(w, r, reportURL(id, "/edit?done=saved#contribution-"+strconv.FormatInt(taskID, 10)), http.StatusSeeOther)
	return nil
}

// contributionRejected shows report id's form again with the text as typed.
func (h *handler) contributionRejected(w http.ResponseWriter, r *http.Request, id int64, in *contribForm, status int, by int64) error {
	if wantsJSON(r) {
		return rejectedJSON(w, status, in.Errors)
	}
	v, err := h.editPage(r, id)
	if err != nil {
		return err
	}
	f := v.contribution(in.TaskID)
	if f == nil {
		return reporting.ErrNotAssigned
	}
	if in.Conflict != nil {
		in.ConflictBy = v.users[by]
	}
	in.Title = f.Title
	*f = *in
	v.Error = msgNotSaved
	return reshow(status, "report_edit", editPageOf(v))
}
