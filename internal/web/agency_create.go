package web

import (
	"net/http"

	"tiendo/internal/agency"
)

// agencyCreate adds an agency to the register (app.CreateAgency).
func (h *handler) agencyCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	list, err := h.app.Agencies(ctx)
	if err != nil {
		return err
	}
	f := newAgencyForm(list, 0)
	if err := f.read(w, r); err != nil {
		return err
	}
	pg := &page{Title: "Thêm cơ quan", Nav: "agencies", Data: f}
	err = h.saveAgencyForm(r, f, pg, 0, func(a *agency.Agency) error { return h.app.CreateAgency(ctx, h.user(r), a) })
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/agencies?saved=1", http.StatusSeeOther)
	return nil
}
