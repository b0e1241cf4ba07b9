package api

import (
	"net/http"
	"strconv"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
)

// reorgBody is the body of POST /agencies/reorganisations.
type reorgBody struct {
	Kind       string           `json:"kind"`
	From       []int64          `json:"from"`
	Into       int64            `json:"into"`
	New        *reorgNewBody    `json:"new"`
	Effective  string           `json:"effective"`
	Decision   string           `json:"decision"`
	Tasks      map[string]int64 `json:"tasks"`      // split: task ID → successor
	Indicators map[string]int64 `json:"indicators"` // split: indicator ID → successor
}

type reorgNewBody struct {
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	Kind      string `json:"kind"`
}

// reorgJSON is the answer: what moved (or, dry run, would move).
type reorgJSON struct {
	DryRun bool `json:"dry_run"`
	// ID is the reorganisation's record, for its undo; null on a dry run.
	// UndoUntil is the first day undo is refused (the next period's start).
	ID           *int64          `json:"id"`
	UndoUntil    *string         `json:"undo_until"`
	SuccessorID  *int64          `json:"successor_id"`
	Ended        []reorgMoveJSON `json:"ended"`
	Tasks        []reorgMoveJSON `json:"tasks"`
	Cooperations []reorgMoveJSON `json:"cooperations"`
	Indicators   []reorgMoveJSON `json:"indicators"`
	Users        []reorgMoveJSON `json:"users"`
	Reports      []reorgMoveJSON `json:"reports"`
}

type reorgMoveJSON struct {
	ID    int64  `json:"id"`
	Label string `json:"label"`
	From  int64  `json:"from"`
	To    *int64 `json:"to"`
}

// agencyReorganise answers POST /agencies/reorganisations: a merge, split,
// rename or dissolution of agencies from an effective day, applied in one
// transaction (201), or with ?dry_run=1 previewed without change (200).
// What moves: the ended agencies' open tasks (lead and cooperation),
// indicators, accounts and reports not yet sent of periods not over;
// what stays: their sent and accepted reports and completed tasks.
func (a *api) agencyReorganise(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	var in reorgBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	fe := map[string]string{}
	ro := &agency.Reorganisation{Kind: agency.ReorgKind(in.Kind), From: in.From, Into: in.Into, Decision: in.Decision}
	if in.Effective != "" {
		d, err := time.Parse(dateLayout, in.Effective)
		if err != nil {
			fe["effective"] = "Ngày có hiệu lực phải có dạng YYYY-MM-DD, ví dụ 2025-07-01."
		}
		ro.Effective = d
	}
	if in.New != nil {
		ro.New = &agency.Agency{Name: in.New.Name, ShortName: in.New.ShortName, Kind: agency.Kind(in.New.Kind)}
	}
	ro.Tasks, ro.Indicators = idMap(in.Tasks, "tasks", fe), idMap(in.Indicators, "indicators", fe)
	if len(fe) > 0 {
		return badRequest(fe, "Thân yêu cầu không hợp lệ; xem từng trường.")
	}
	dry := r.URL.Query().Get("dry_run")
	dryRun := dry == "1" || dry == "true"
	res, err := a.app.Reorganise(r.Context(), u, ro, dryRun)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if dryRun {
		status = http.StatusOK
	}
	return a.writeJSON(w, status, reorgView(res, dryRun))
}

func reorgView(res *agency.ReorgResult, dryRun bool) *reorgJSON {
	moves := func(list []agency.ReorgMove) []reorgMoveJSON {
		out := make([]reorgMoveJSON, 0, len(list))
		for _, m := range list {
			out = append(out, reorgMoveJSON{ID: m.ID, Label: m.Label, From: m.From, To: nullID(&m.To)})
		}
		return out
	}
	var until *string
	if !res.UndoUntil.IsZero() {
		d := res.UndoUntil.Format(dateLayout)
		until = &d
	}
	return &reorgJSON{DryRun: dryRun, ID: nullID(&res.ID), UndoUntil: until, SuccessorID: nullID(&res.SuccessorID), Ended: moves(res.Ended),
		Tasks: moves(res.Tasks), Cooperations: moves(res.Cooperations), Indicators: moves(res.Indicators),
		Users: moves(res.Users), Reports: moves(res.Reports)}
}

// idMap reads a JSON object of "<ID>": <ID> pairs (a task → its new
// agency, an old task → its new task); a bad pair is reported under
// field in fe. nil for an empty object.
func idMap(m map[string]int64, field string, fe map[string]string) map[int64]int64 {
	if len(m) == 0 {
		return nil
	}
	out := make(map[int64]int64, len(m))
	for k, v := range m {
		id, err := strconv.ParseInt(k, 10, 64)
		if err != nil || id <= 0 || v <= 0 {
			fe[field] = "Mỗi mục phải có dạng \"<mã>\": <mã>, hai số nguyên dương."
			continue
		}
		out[id] = v
	}
	return out
}
