package web

import (
	"errors"
	"net/http"
	"tiendo/internal/derrors"
)

// agencyReorgUndo previews (action=preview) or applies (action=apply) the
// undo of a reorganisation and of those applied with it. Undo is refused
// once the next reporting period has started or when what the
// reorganisation wrote has changed since; the page says why.
func (h *handler) agencyReorgUndo(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	p, err := h.reorgUndoPage(r, id)
	if err != nil {
		return err
	}
	pg := &page{Title: "Việc sắp xếp tổ chức", Nav: "agencies", Data: p}
	apply := r.PostFormValue("action") == "apply"
	res, err := h.app.UndoReorganisation(r.Context(), h.user(r), id, !apply)
	if errors.Is(err, derrors.Conflict) {
		p.Refused = derrors.MessageOf(err)
		return reshow(http.StatusUnprocessableEntity, "agency_reorg_record", pg)
	}
	if err != nil {
		return err
	}
	if apply {
		http.Redirect(w, r, "/agencies/reorganise/history?undone=1", http.StatusSeeOther)
		return nil
	}
	p.Preview = res
	return h.render(w, r, http.StatusOK, "agency_reorg_record", pg)
}
