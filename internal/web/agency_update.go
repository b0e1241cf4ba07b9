package web

import (
	"net/http"

	"tiendo/internal/agency"
)

// agencyUpdate saves the agency form (app.UpdateAgency), guarded by the
// version read with it: a lost race shows the form again with the
// person's input kept.
func (h *handler) agencyUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	list, err := h.app.Agencies(ctx)
	if err != nil {
		return err
	}
	f := newAgencyForm(list, id)
	if err := f.read(w, r); err != nil {
		return err
	}
	f.ID = id
	pg := &page{Title: "Sửa cơ quan", Nav: "agencies", Data: f}
	err = h.saveAgencyForm(r, f, pg, id, func(a *agency.Agency) error {
		_, err := h.app.UpdateAgency(ctx, h.user(r), a)
		return err
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/agencies?saved=1", http.StatusSeeOther)
	return nil
}
