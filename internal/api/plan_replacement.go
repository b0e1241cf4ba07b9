package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// suggestionJSON is one unfinished task of the plan being replaced, with
// the task of the new plan proposed to continue it (null when none is
// alike enough).
type suggestionJSON struct {
	OldTaskID int64    `json:"old_task_id"`
	OldTitle  string   `json:"old_title"`
	NewTaskID *int64   `json:"new_task_id"`
	NewTitle  *string  `json:"new_title"`
	Score     *float64 `json:"score"`
}

type suggestionsJSON struct {
	Replaces    int64            `json:"replaces"`
	Suggestions []suggestionJSON `json:"suggestions"`
}

// replacementBody is the body of POST /plans/{id}/replacement.
type replacementBody struct {
	Replaces int64            `json:"replaces"`
	Tasks    map[string]int64 `json:"tasks"` // old task ID → new task ID
}

type carriedJSON struct {
	OldTaskID int64  `json:"old_task_id"`
	NewTaskID int64  `json:"new_task_id"`
	OldTitle  string `json:"old_title"`
	NewTitle  string `json:"new_title"`
	Claim     string `json:"claim"`
	Progress  int    `json:"progress"`
}

type replacementJSON struct {
	DryRun  bool          `json:"dry_run"`
	Carried []carriedJSON `json:"carried"`
	Left    []int64       `json:"left"`
}

// replacementGet answers GET /plans/{id}/replacement?replaces=: every
// unfinished task of the plan replaced, with the task of this plan most
// like it by its words (without diacritics), one to one.
func (a *api) replacementGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	fe := map[string]string{}
	old := queryID(r.URL.Query(), "replaces", fe)
	if old == 0 && fe["replaces"] == "" {
		fe["replaces"] = "Hãy nêu kế hoạch được thay thế: replaces=<mã kế hoạch>."
	}
	if len(fe) > 0 {
		return badRequest(fe, "Tham số truy vấn không hợp lệ; xem từng tham số.")
	}
	prop, err := a.app.ProposeReplacement(r.Context(), u, id, old)
	if err != nil {
		return err
	}
	out := suggestionsJSON{Replaces: old, Suggestions: make([]suggestionJSON, len(prop.Rows))}
	for i, row := range prop.Rows {
		sj := suggestionJSON{OldTaskID: row.Old.ID, OldTitle: row.Old.Title}
		if n := row.New; n != nil {
			score := float64(int(row.Score*1000+0.5)) / 1000
			sj.NewTaskID, sj.NewTitle, sj.Score = &n.ID, &n.Title, &score
		}
		out.Suggestions[i] = sj
	}
	return a.writeJSON(w, http.StatusOK, out)
}

// replacementPost answers POST /plans/{id}/replacement: this plan replaces
// the plan "replaces", carrying the old tasks in "tasks" into the new ones
// (201), or with ?dry_run=1 only says what would happen (200).
func (a *api) replacementPost(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in replacementBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	// A missing replaces is the use case's 422 (after the plan is found);
	// a tasks map that does not read is this edge's 400.
	fe := map[string]string{}
	carry := idMap(in.Tasks, "tasks", fe)
	if len(fe) > 0 {
		return badRequest(fe, "Thân yêu cầu không hợp lệ; xem từng trường.")
	}
	dry := r.URL.Query().Get("dry_run")
	dryRun := dry == "1" || dry == "true"
	res, err := a.app.ReplacePlan(r.Context(), u, id, in.Replaces, carry, dryRun)
	if err != nil {
		return err
	}
	out := replacementJSON{DryRun: dryRun, Carried: []carriedJSON{}, Left: nonNilIDs(res.Left)}
	for _, c := range res.Carried {
		out.Carried = append(out.Carried, carriedJSON{OldTaskID: c.OldTaskID, NewTaskID: c.NewTaskID, OldTitle: c.OldTitle,
			NewTitle: c.NewTitle, Claim: string(c.Claim), Progress: c.Progress})
	}
	status := http.StatusCreated
	if dryRun {
		status = http.StatusOK
	}
	return a.writeJSON(w, status, out)
}
