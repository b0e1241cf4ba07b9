package api

import (
	"context"
	"errors"
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
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
// answers for. Versions as for entries: the value's own (values[].version
// in GET /reports/{id}), 409 when someone saved first and nothing is
// written, last writer wins without one. The answer is the value as
// saved, its version as ETag.
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
	act := a.actor(u)
	ifMatch := r.Header.Get("If-Match")
	for attempt := 1; ; attempt++ {
		v, err := a.saveValue(r.Context(), act, id, ind, &in, ifMatch)
		if errors.Is(err, store.ErrConflict) && !versioned(ifMatch, in.Version) && attempt < maxSaveAttempts {
			continue // someone saved in between; last writer wins, on the fresh version
		}
		if errors.Is(err, store.ErrConflict) {
			return staleReport("Giá trị chỉ tiêu này", id)
		}
		if err != nil {
			return err
		}
		w.Header().Set("ETag", etag(v.Version))
		return a.writeJSON(w, http.StatusOK, valueView(v))
	}
}

// saveValue reads the report and the value, checks the rule and the
// client's version, and saves.
func (a *api) saveValue(ctx context.Context, act reporting.Actor, id, ind int64, in *valueBody, ifMatch string) (*reporting.IndicatorValue, error) {
	rep, err := a.store.Report(ctx, id)
	if err != nil {
		return nil, notFoundReport(err, id)
	}
	if err := reporting.Can(act.User, rep, reporting.ActEdit, act.Today()); err != nil {
		return nil, err
	}
	var cur *reporting.IndicatorValue
	for i := range rep.Values {
		if rep.Values[i].IndicatorID == ind {
			cur = &rep.Values[i]
		}
	}
	if cur == nil {
		return nil, notAssignedIndicator()
	}
	if err := checkVersionOf(ifMatch, in.Version, cur.Version, staleValue); err != nil {
		return nil, err
	}
	v := reporting.IndicatorValue{IndicatorID: ind, Value: in.Value, Note: in.Note, Version: cur.Version}
	err = a.store.SaveIndicatorValue(ctx, act, id, &v)
	if errors.Is(err, reporting.ErrNotAssigned) {
		return nil, notAssignedIndicator() // reassigned since the read
	}
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// notAssignedIndicator is the 422 for an indicator the report's agency
// does not answer for (or that does not exist): rule not_assigned, as for
// a task, with the field indicator.
func notAssignedIndicator() *apiError {
	msg := "Chỉ tiêu này không do cơ quan phụ trách (hoặc không thuộc kế hoạch của báo cáo) nên không báo cáo ở đây."
	return &apiError{Status: http.StatusUnprocessableEntity, Code: codeInvalid, Message: msg,
		Fields: map[string]string{"indicator": msg}, Rule: reporting.ErrNotAssigned.Code()}
}

// staleValue is the 409 for a save naming an older version of the value.
func staleValue(sent string, current int) *apiError {
	return conflict("Giá trị chỉ tiêu này đã được người khác lưu sau khi bạn đọc (bạn gửi phiên bản %s, hiện tại là %d); "+
		"hãy đọc lại và đối chiếu với số liệu bạn đã nhập. Không có gì được lưu.", sent, current)
}
