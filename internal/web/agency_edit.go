package web

import "net/http"

// agencyEdit shows the form to correct an agency.
func (h *handler) agencyEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	a, err := h.app.Agency(r.Context(), id)
	if err != nil {
		return err
	}
	list, err := h.app.Agencies(r.Context())
	if err != nil {
		return err
	}
	f := newAgencyForm(list, id)
	f.fill(a)
	return h.render(w, r, http.StatusOK, "agency_form", &page{Title: "Sửa cơ quan", Nav: "agencies", Data: f})
}
