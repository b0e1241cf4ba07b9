package api

import (
	"net/http"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// flowBody is the optional body of submit and accept: the report's
// version read (its ETag), for clients that cannot set If-Match.
type flowBody struct {
	Version optional[int] `json:"version"`
}

// decodeOptionalJSON decodes the body into dst when there is one; a flow
// step may be posted with no body at all.
func decodeOptionalJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	if r.ContentLength == 0 {
		return nil
	}
	return decodeJSON(w, r, dst)
}

// writeStep answers a step of the flow (submit, accept, return) with the
// report as saved: its summary (the list shape: state, version, who sent
// it when, on time, the return reason — what a step changes) unless the
// client asks for it whole with "Prefer: return=representation" (RFC
// 7240). The summary keeps a step cheap when fifty agencies submit at
// once; the entries, which a step does not change, are a GET away.
func (a *api) writeStep(w http.ResponseWriter, r *http.Request, u *auth.User, rep *reporting.Report) error {
	if wantsRepresentation(r) {
		rr, err := a.app.ReadReport(r.Context(), u, rep.ID, reporting.ActView)
		if err != nil {
			return err
		}
		w.Header().Set("Preference-Applied", "return=representation")
		return a.writeReport(w, http.StatusOK, rr)
	}
	names, err := a.app.AgencyNames(r.Context()) // kept by the store: no statement on PostgreSQL
	if err != nil {
		return err
	}
	var out reportJSON
	reportView(&out, rep, names[rep.AgencyID])
	w.Header().Set("ETag", etag(rep.Version))
	return a.writeJSON(w, http.StatusOK, &out)
}

// wantsRepresentation reports whether the request asks for the whole
// resource in the answer: Prefer: return=representation.
func wantsRepresentation(r *http.Request) bool {
	for _, v := range r.Header.Values("Prefer") {
		for pref := range strings.SplitSeq(v, ",") {
			name, _, _ := strings.Cut(pref, ";")
			if strings.EqualFold(strings.ReplaceAll(strings.TrimSpace(name), " ", ""), "return=representation") {
				return true
			}
		}
	}
	return false
}
