package api

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// valueBody is the body of PUT /reports/{id}/values/{indicator}: the
// indicator's value for the period (null while not known) and a note. PUT
// replaces both; version is the value's own version read (0 before its
// first save), or send If-Match.
type valueBody struct {
	Value   *float64      `json:"value"`
	Note    string        `json:"note"`
	Version optional[int] `json:"version"`
}

// valuePut answers PUT /reports/{id}/values/{indicator}: saves the value
// for the report's period of an indicator (chỉ tiêu) the report's agency
// answers for (422 rule not_assigned, field indicator, otherwise).
// Versions as for entries: the value's own (values[].version in GET
// /reports/{id}), 409 when someone saved first and nothing is written,
// last writer wins without one. The answer is the value as saved, its
// version as ETag.
func (a *api) valuePut(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ind, err := pathInt(r, "indicator")
	if err != nil {
		return err
	}
	var in valueBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	read, err := readVersions(r.Header.Get("If-Match"), in.Version)
	if err != nil {
		return err
	}
	v, err := a.app.SaveReportValue(r.Context(), u, id, reporting.IndicatorValue{IndicatorID: ind, Value: in.Value, Note: in.Note}, read, nil)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(v.Version))
	return a.writeJSON(w, http.StatusOK, valueView(v))
}
