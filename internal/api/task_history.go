package api

import (
	"net/http"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// historyEventJSON is one decision in a task's history: an amendment that
// added, changed or removed it, or a reorganisation that moved it to other
// agencies. fields are the title, text, deadline and product it changed
// (old → the value in force after it); lead and cooperating, the agencies.
type historyEventJSON struct {
	Action      string            `json:"action"`
	AmendmentID *int64            `json:"amendment_id"`
	Decision    string            `json:"decision"`
	IssuedOn    *string           `json:"issued_on"`
	Effective   string            `json:"effective"`
	Fields      []fieldChangeJSON `json:"fields"`
	Lead        *idChangeJSON     `json:"lead"`
	Cooperating *idsChangeJSON    `json:"cooperating"`
}

type fieldChangeJSON struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

type idChangeJSON struct {
	Old *int64 `json:"old"`
	New *int64 `json:"new"`
}

type idsChangeJSON struct {
	Old []int64 `json:"old"`
	New []int64 `json:"new"`
}

// taskHistory answers GET /tasks/{id}/history: the decisions that added,
// changed, removed or moved the task, oldest first. Figures of a period
// before a change's effective day use the task as it was then.
func (a *api) taskHistory(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	list, err := a.app.TaskHistory(r.Context(), u, id)
	if err != nil {
		return err
	}
	items := make([]historyEventJSON, len(list))
	for i, e := range list {
		items[i] = historyEventView(e)
	}
	return a.writeJSON(w, http.StatusOK, listJSON[historyEventJSON]{Items: items, Total: len(items)})
}

func historyEventView(e reporting.HistoryEvent) historyEventJSON {
	j := historyEventJSON{Action: e.Action, Decision: e.Decision, IssuedOn: nullDate(e.IssuedOn),
		Effective: day(e.Effective), Fields: []fieldChangeJSON{}}
	if e.AmendmentID != 0 {
		j.AmendmentID = &e.AmendmentID
	}
	for _, f := range e.Fields {
		j.Fields = append(j.Fields, fieldChangeJSON{Field: f.Field, Old: f.Old, New: f.New})
	}
	if c := e.Agencies; c != nil {
		if c.OldLead != c.NewLead {
			j.Lead = &idChangeJSON{Old: nullID(&c.OldLead), New: nullID(&c.NewLead)}
		}
		if !sameIDSet(c.OldCoop, c.NewCoop) {
			j.Cooperating = &idsChangeJSON{Old: nonNilIDs(c.OldCoop), New: nonNilIDs(c.NewCoop)}
		}
	}
	return j
}

// sameIDSet reports whether a and b hold the same IDs, in any order.
func sameIDSet(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[int64]int{}
	for _, id := range a {
		seen[id]++
	}
	for _, id := range b {
		if seen[id] == 0 {
			return false
		}
		seen[id]--
	}
	return true
}
