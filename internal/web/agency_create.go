package web

import (
	"errors"
	"net/http"

	"tiendo/internal/agency"
	"tiendo/internal/store"
)

// agencyCreate adds an agency to the register.
func (h *handler) agencyCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	list, err := h.store.Agencies(ctx)
	if err != nil {
		return err
	}
	f := newAgencyForm(list, 0)
	if err := f.read(w, r); err != nil {
		return err
	}
	pg := &page{Title: "Thêm cơ quan", Nav: "agencies", Data: f}
	var a agency.Agency
	if f.Errors = f.apply(&a, list); f.Errors != nil {
		return reshow(http.StatusUnprocessableEntity, "agency_form", pg)
	}
	err = h.store.CreateAgency(ctx, actorID(r), &a)
	if errors.Is(err, store.ErrDuplicate) {
		f.Errors = map[string]string{"name": msgDuplicateAgency}
		return reshow(http.StatusUnprocessableEntity, "agency_form", pg)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/agencies?saved=1", http.StatusSeeOther)
	return nil
}
