package web

import "net/http"

// agencyNew shows the form to add an agency.
func (h *handler) agencyNew(w http.ResponseWriter, r *http.Request) error {
	list, err := h.app.Agencies(r.Context())
	if err != nil {
		return err
	}
	f := newAgencyForm(list, 0)
	f.ParentID = formID(r.URL.Query().Get("parent"))
	return h.render(w, r, http.StatusOK, "agency_form", &page{Title: "Thêm cơ quan", Nav: "agencies", Data: f})
}
