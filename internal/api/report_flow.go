package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
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

// flowVersion is the report version the client says it read, from If-Match
// and/or the body (both, when sent, must agree), or 0 when it named none —
// which the store reads as "whatever is current". A version that cannot be
// the report's (below 1) is stale by definition. An If-Match list of
// versions is resolved against the report as it is now; the store checks
// the version again inside the write.
func (a *api) flowVersion(ctx context.Context, r *http.Request, id int64, body optional[int]) (int, error) {
	ifMatch := strings.TrimSpace(r.Header.Get("If-Match"))
	if !versioned(ifMatch, body) {
		return 0, nil
	}
	var tags []int
	if ifMatch != "" && ifMatch != "*" {
		for tag := range strings.SplitSeq(ifMatch, ",") {
			v, ok := parseETag(tag)
			if !ok {
				return 0, badRequest(map[string]string{"If-Match": "Dạng đúng: If-Match: \"3\" (phiên bản đã đọc)."},
					"Tiêu đề If-Match %q không hợp lệ.", ifMatch)
			}
			tags = append(tags, v)
		}
	}
	want := 0
	switch {
	case len(tags) == 1:
		want = tags[0]
	case len(tags) > 1:
		rep, err := a.store.Report(ctx, id)
		if err != nil {
			return 0, notFoundReport(err, id)
		}
		for _, v := range tags {
			if v == rep.Version {
				want = v
			}
		}
		if want == 0 {
			return 0, staleFlow(ifMatch, rep.Version)
		}
	}
	if body.Set && !body.Null {
		if want != 0 && body.Value != want {
			return 0, conflict("If-Match (%d) và trường version (%d) không khớp nhau; hãy gửi phiên bản đã đọc.", want, body.Value)
		}
		want = body.Value
	}
	if want < 1 {
		return 0, staleFlow(strconv.Itoa(want), 0)
	}
	return want, nil
}

// staleFlow is the 409 for a flow step naming a version of the report that
// is not the current one (current 0 when not read).
func staleFlow(sent string, current int) *apiError {
	msg := "Báo cáo đã thay đổi sau phiên bản bạn gửi (" + sent + ")"
	if current > 0 {
		msg += "; hiện tại là " + strconv.Itoa(current)
	}
	return conflict("%s. Hãy đọc lại báo cáo rồi thực hiện lại. Không có gì thay đổi.", msg)
}

// flowStep runs one step of the flow (submit, accept, return) through the
// store, which checks the rule and the version inside its transaction, and
// answers with the report as saved: its summary (the list shape: state,
// version, who sent it when, on time, the return reason — what a step
// changes) unless the client asks for it whole with
// "Prefer: return=representation" (RFC 7240). The summary keeps a step
// cheap when fifty agencies submit at once; the entries, which a step does
// not change, are a GET away.
func (a *api) flowStep(w http.ResponseWriter, r *http.Request, u *auth.User, id int64, version int,
	step func(ctx context.Context, act reporting.Actor) (*reporting.Report, error)) error {
	act := a.actor(u)
	rep, err := step(r.Context(), act)
	switch {
	case errors.Is(err, store.ErrConflict) && version == 0:
		return conflict("Báo cáo vừa được người khác thay đổi; hãy đọc lại rồi thực hiện lại. Không có gì thay đổi.")
	case errors.Is(err, store.ErrConflict):
		return staleFlow(strconv.Itoa(version), 0)
	case err != nil:
		return notFoundReport(err, id)
	}
	if wantsRepresentation(r) {
		w.Header().Set("Preference-Applied", "return=representation")
		return a.writeReport(w, r, u, rep, act.Today())
	}
	name := ""
	if ag, err := a.store.Agency(r.Context(), rep.AgencyID); err == nil {
		name = ag.Name
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	var out reportJSON
	reportView(&out, rep, name)
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
