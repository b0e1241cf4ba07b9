package api

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// textsBody is the body of PUT /reports/{id}/texts: every free-text
// section (PUT replaces them; one left out is saved empty).
type textsBody struct {
	Summary      string        `json:"summary"`
	Difficulties string        `json:"difficulties"`
	Proposals    string        `json:"proposals"`
	NextTasks    string        `json:"next_tasks"`
	Version      optional[int] `json:"version"`
}

// textsPut answers PUT /reports/{id}/texts: the report's free-text sections
// (kết quả chung, khó khăn vướng mắc, kiến nghị đề xuất, nhiệm vụ kỳ tới).
// The version is the report's (its ETag), as for the flow steps. The answer
// is the report whole.
func (a *api) textsPut(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in textsBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	read, err := readVersions(r.Header.Get("If-Match"), in.Version)
	if err != nil {
		return err
	}
	texts := reporting.Texts{Summary: in.Summary, Difficulties: in.Difficulties, Proposals: in.Proposals, NextTasks: in.NextTasks}
	if _, err := a.app.SaveReportTexts(r.Context(), u, id, texts, read); err != nil {
		return err
	}
	rr, err := a.app.ReadReport(r.Context(), u, id, reporting.ActView)
	if err != nil {
		return err
	}
	return a.writeReport(w, http.StatusOK, rr)
}
