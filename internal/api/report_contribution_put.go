package api

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
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
	read, err := readVersions(r.Header.Get("If-Match"), in.Version)
	if err != nil {
		return err
	}
	c, err := a.app.SaveReportContribution(r.Context(), u, id, reporting.Contribution{TaskID: task, Text: in.Text}, read)
	if err != nil {
		return err
	}
	titles, agencies, err := a.partNames(r, task, c.TaskTitle)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(c.Version))
	return a.writeJSON(w, http.StatusOK, contributionView(&c.Contribution, titles, agencies))
}
