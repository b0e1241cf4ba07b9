package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/app"
	"tiendo/internal/reporting"
)

// textsSave saves the report's free-text sections (kết quả chung, khó
// khăn, kiến nghị, nhiệm vụ kỳ tới). Their version is the report's.
func (h *handler) textsSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := readForm(w, r, maxReportForm); err != nil {
		return err
	}
	in := &textsForm{Texts: reporting.Texts{
		Summary: r.PostFormValue("summary"), Difficulties: r.PostFormValue("difficulties"),
		Proposals: r.PostFormValue("proposals"), NextTasks: r.PostFormValue("next_tasks"),
	}}
	in.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	version, err := h.app.SaveReportTexts(r.Context(), h.user(r), id, in.Texts, formVersion(r.PostFormValue("version")))
	var conflict *app.ReportPartConflict
	var ie *reporting.InvalidError
	switch {
	case errors.As(err, &conflict):
		in.Conflict, in.Version, in.Alert = conflict.Texts, conflict.Version, msgEntryConflict
		return h.textsRejected(w, r, id, in, http.StatusConflict)
	case errors.As(err, &ie):
		in.Errors = ie.Fields
		return h.textsRejected(w, r, id, in, http.StatusUnprocessableEntity)
	case err != nil:
		return err
	}
	if wantsJSON(r) {
		return h.autosaved(w, r, id, version, version)
	}
	http.Redirect(w, r, reportURL(id, "/edit?done=saved#texts"), http.StatusSeeOther)
	return nil
}

// textsRejected shows report id's form again with the texts as typed.
func (h *handler) textsRejected(w http.ResponseWriter, r *http.Request, id int64, in *textsForm, status int) error {
	if wantsJSON(r) {
		return rejectedJSON(w, status, in.Errors)
	}
	v, err := h.editPage(r, id)
	if err != nil {
		return err
	}
	v.Texts = in
	v.Error = msgNotSaved
	return reshow(status, "report_edit", editPageOf(v))
}
