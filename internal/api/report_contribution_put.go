package api

import (
	"context"
	"errors"
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// contributionBody is the body of PUT /reports/{id}/contributions/{task}.
type contributionBody struct {
	Text    string        `json:"text"`
	Version optional[int] `json:"version"`
}

// contributionPut answers PUT /reports/{id}/contributions/{task}: saves the
// agency's part of a task it cooperates on, in its own report for the
// period; the lead agency sees it inside its entry for the task. Versions
// as for entries: the contribution's own (contributions[].version, 0 before
// the first save), 409 when someone saved first, last writer wins without.
func (a *api) contributionPut(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	task, err := pathInt(r, "task")
	if err != nil {
		return err
	}
	var in contributionBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	act := a.actor(u)
	ifMatch := r.Header.Get("If-Match")
	for attempt := 1; ; attempt++ {
		c, err := a.saveContribution(r.Context(), act, id, task, &in, ifMatch)
		if errors.Is(err, store.ErrConflict) && !versioned(ifMatch, in.Version) && attempt < maxSaveAttempts {
			continue
		}
		if errors.Is(err, store.ErrConflict) {
			return staleReport("Phần phối hợp của nhiệm vụ này", id)
		}
		if err != nil {
			return err
		}
		titles := map[int64]string{}
		if t, err := a.store.Task(r.Context(), task); err == nil {
			titles[task] = t.Title
		}
		agencies, err := a.agencyNames(r.Context())
		if err != nil {
			return err
		}
		w.Header().Set("ETag", etag(c.Version))
		return a.writeJSON(w, http.StatusOK, contributionView(c, titles, agencies))
	}
}

// saveContribution reads the report and the contribution, checks the rule
// and the client's version, and saves.
func (a *api) saveContribution(ctx context.Context, act reporting.Actor, id, task int64, in *contributionBody, ifMatch string) (*reporting.Contribution, error) {
	rep, err := a.store.Report(ctx, id)
	if err != nil {
		return nil, notFoundReport(err, id)
	}
	if err := reporting.Can(act.User, rep, reporting.ActEdit, act.Today()); err != nil {
		return nil, err
	}
	var cur *reporting.Contribution
	for i := range rep.Contributions {
		if rep.Contributions[i].TaskID == task {
			cur = &rep.Contributions[i]
		}
	}
	if cur == nil {
		return nil, reporting.ErrNotAssigned
	}
	if err := checkVersionOf(ifMatch, in.Version, cur.Version, staleEntry); err != nil {
		return nil, err
	}
	c := reporting.Contribution{TaskID: task, Text: in.Text, Version: cur.Version}
	if err := a.store.SaveContribution(ctx, act, id, &c); err != nil {
		return nil, err
	}
	return &c, nil
}
