package web

import (
	"errors"
	"net/http"

	"tiendo/internal/store"
)

// msgAgencyConflict is shown when someone else saved the agency since the form was opened.
const msgAgencyConflict = "Cơ quan đã được người khác sửa. Hãy tải lại trang và sửa lại."

// agencyUpdate saves the agency form, guarded by the version read with it.
func (h *handler) agencyUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	a, err := h.store.Agency(ctx, id)
	if err != nil {
		return err
	}
	list, err := h.store.Agencies(ctx)
	if err != nil {
		return err
	}
	f := newAgencyForm(list, id)
	if err := f.read(w, r); err != nil {
		return err
	}
	f.ID = id
	pg := &page{Title: "Sửa cơ quan", Nav: "agencies", Data: f}
	a.Version = f.Version
	if f.Errors = f.apply(a, list); f.Errors != nil {
		return reshow(http.StatusUnprocessableEntity, "agency_form", pg)
	}
	err = h.store.UpdateAgency(ctx, actorID(r), a)
	switch {
	case errors.Is(err, store.ErrConflict):
		f.Error = msgAgencyConflict
		return reshow(http.StatusConflict, "agency_form", pg)
	case errors.Is(err, store.ErrDuplicate):
		f.Errors = map[string]string{"name": msgDuplicateAgency}
		return reshow(http.StatusUnprocessableEntity, "agency_form", pg)
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/agencies?saved=1", http.StatusSeeOther)
	return nil
}
