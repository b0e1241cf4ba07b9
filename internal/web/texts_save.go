package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// textsSave saves the report's free-text sections (kết quả chung, khó
// khăn, kiến nghị, nhiệm vụ kỳ tới). Their version is the report's.
func (h *handler) textsSave(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.loadReport(r, reporting.ActEdit)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxReportForm)
	if err := r.ParseForm(); err != nil {
		return err
	}
	in := &textsForm{Texts: reporting.Texts{
		Summary: r.PostFormValue("summary"), Difficulties: r.PostFormValue("difficulties"),
		Proposals: r.PostFormValue("proposals"), NextTasks: r.PostFormValue("next_tasks"),
	}}
	in.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	ctx := r.Context()
	version, err := h.store.SaveReportTexts(ctx, h.actor(r), rep.ID, in.Texts, in.Version)
	var ie *reporting.InvalidError
	switch {
	case errors.Is(err, store.ErrConflict):
		fresh, err := h.store.Report(ctx, rep.ID)
		if err != nil {
			return err
		}
		saved := fresh.Texts
		in.Conflict, in.Version = &saved, fresh.Version
		in.Alert = msgEntryConflict
		return h.textsRejected(w, r, fresh, in, http.StatusConflict)
	case errors.As(err, &ie):
		in.Errors = ie.Fields
		return h.textsRejected(w, r, rep, in, http.StatusUnprocessableEntity)
	case err != nil:
		return err
	}
	if wantsJSON(r) {
		return h.autosaved(w, r, rep.ID, version, version)
	}
	http.Redirect(w, r, reportURL(rep.ID, "/edit?done=saved#texts"), http.StatusSeeOther)
	return nil
}

// textsRejected shows the form again with the texts as typed.
func (h *handler) textsRejected(w http.ResponseWriter, r *http.Request, rep *reporting.Report, in *textsForm, status int) error {
	if wantsJSON(r) {
		return rejectedJSON(w, status, in.Errors)
	}
	v, err := h.editPage(r, rep)
	if err != nil {
		return err
	}
	v.Texts = in
	v.Error = msgNotSaved
	return reshow(status, "report_edit", editPageOf(v))
}
