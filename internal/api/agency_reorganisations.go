package api

import (
	"net/http"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
)

// reorgRecordJSON is an applied reorganisation (agency.ReorgRecord).
type reorgRecordJSON struct {
	ID          int64          `json:"id"`
	Batch       int64          `json:"batch"`
	Kind        string         `json:"kind"`
	Decision    string         `json:"decision"`
	Effective   string         `json:"effective"`
	From        []int64        `json:"from"`
	SuccessorID *int64         `json:"successor_id"`
	Label       string         `json:"label"`
	Moved       map[string]int `json:"moved"`
	AppliedAt   time.Time      `json:"applied_at"`
	AppliedBy   *int64         `json:"applied_by"`
	UndoUntil   string         `json:"undo_until"`
	Undoable    bool           `json:"undoable"`
	UndoneAt    *time.Time     `json:"undone_at"`
}

type reorgListJSON struct {
	Reorganisations []reorgRecordJSON `json:"reorganisations"`
}

func reorgRecordView(x *agency.ReorgRecord, today time.Time) reorgRecordJSON {
	v := reorgRecordJSON{ID: x.ID, Batch: x.Batch, Kind: string(x.Kind), Decision: x.Decision,
		Effective: x.Effective.Format(dateLayout), From: x.From, SuccessorID: nullID(&x.SuccessorID), Label: x.Label,
		Moved: x.Summary, AppliedAt: x.AppliedAt, AppliedBy: nullID(&x.AppliedBy),
		UndoUntil: x.UndoUntil.Format(dateLayout), Undoable: x.Undoable(today)}
	if v.From == nil {
		v.From = []int64{}
	}
	if !x.UndoneAt.IsZero() {
		v.UndoneAt = &x.UndoneAt
	}
	return v
}

// agencyReorganisations answers GET /agencies/reorganisations: every
// reorganisation applied, last first, with its undo state.
func (a *api) agencyReorganisations(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	list, err := a.app.Reorganisations(r.Context(), u)
	if err != nil {
		return err
	}
	today := a.app.Today()
	out := make([]reorgRecordJSON, 0, len(list))
	for i := range list {
		out = append(out, reorgRecordView(&list[i], today))
	}
	return a.writeJSON(w, http.StatusOK, reorgListJSON{Reorganisations: out})
}

// agencyReorganisationGet answers GET /agencies/reorganisations/{id}.
func (a *api) agencyReorganisationGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x, err := a.app.Reorganisation(r.Context(), u, id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, reorgRecordView(x, a.app.Today()))
}

// undoJSON is the answer of an undo.
type undoJSON struct {
	DryRun   bool    `json:"dry_run"`
	Undone   []int64 `json:"undone"`   // the reorganisations undone: id and those applied with it
	Restored int     `json:"restored"` // rows written back as they were
	Removed  int     `json:"removed"`  // rows the reorganisations made, removed
}

// agencyReorganisationUndo answers POST /agencies/reorganisations/{id}/undo:
// the reorganisation, with those applied with it, is undone in one
// transaction (200), or with ?dry_run=1 previewed. 409 when it can no
// longer be undone (the next period has started, it was undone, or what
// it wrote has changed since): fields.undo says why.
func (a *api) agencyReorganisationUndo(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	dry := r.URL.Query().Get("dry_run")
	dryRun := dry == "1" || dry == "true"
	res, err := a.app.UndoReorganisation(r.Context(), u, id, dryRun)
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, undoJSON{DryRun: dryRun, Undone: res.IDs, Restored: res.Restored, Removed: res.Removed})
}
