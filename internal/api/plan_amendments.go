package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/store"
)

// amendmentBody is the body of POST /plans/{id}/amendments.
type amendmentBody struct {
	Number    string       `json:"number"`
	IssuedOn  string       `json:"issued_on"`
	Effective string       `json:"effective"`
	Note      string       `json:"note"`
	Add       []taskFields `json:"add"`
	Remove    []int64      `json:"remove"`
}

// amendmentJSON is an amendment as the API shows it.
type amendmentJSON struct {
	ID        int64   `json:"id"`
	Number    string  `json:"number"`
	IssuedOn  *string `json:"issued_on"`
	Effective string  `json:"effective"`
	Note      string  `json:"note"`
	Added     []int64 `json:"added"`
	Removed   []int64 `json:"removed"`
}

func amendmentView(a *plan.Amendment) amendmentJSON {
	return amendmentJSON{ID: a.ID, Number: a.Number, IssuedOn: nullDate(a.IssuedOn), Effective: day(a.Effective),
		Note: a.Note, Added: nonNilIDs(a.Added), Removed: nonNilIDs(a.Removed)}
}

func nonNilIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

// amendmentList answers GET /plans/{id}/amendments: the plan's amendments,
// oldest first, with the tasks each added and removed.
func (a *api) amendmentList(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := a.store.Plan(r.Context(), id); err != nil {
		return notFoundAs(err, "Không có kế hoạch mã %d.", id)
	}
	list, err := a.store.PlanAmendments(r.Context(), id)
	if err != nil {
		return err
	}
	items := make([]amendmentJSON, len(list))
	for i := range list {
		items[i] = amendmentView(&list[i])
	}
	return a.writeJSON(w, http.StatusOK, listJSON[amendmentJSON]{Items: items, Total: len(items)})
}

// amendmentCreate answers POST /plans/{id}/amendments: a decision adding
// tasks ("add", each as for POST /plans/{id}/tasks) and removing tasks
// ("remove", IDs) from its effective day, in one transaction (201).
func (a *api) amendmentCreate(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := a.store.Plan(r.Context(), id)
	if err != nil {
		return notFoundAs(err, "Không có kế hoạch mã %d.", id)
	}
	if err := writable(p); err != nil {
		return err
	}
	var in amendmentBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	am := &plan.Amendment{PlanID: id, Number: in.Number, Note: in.Note}
	fe := map[string]string{}
	for field, s := range map[string]string{"issued_on": in.IssuedOn, "effective": in.Effective} {
		if s == "" {
			continue
		}
		d, err := time.Parse(dateLayout, s)
		if err != nil {
			fe[field] = "Ngày phải có dạng YYYY-MM-DD, ví dụ 2025-07-01."
		}
		if field == "effective" {
			am.Effective = d
		} else {
			am.IssuedOn = d
		}
	}
	if len(fe) > 0 {
		return badRequest(fe, "Thân yêu cầu không hợp lệ; xem từng trường.")
	}
	today := clock.Today(a.clock)
	add := make([]plan.Task, len(in.Add))
	for i := range in.Add {
		f := &in.Add[i]
		add[i] = plan.Task{PlanID: id}
		f.apply(&add[i])
		f.SectionID.Set, f.LeadAgencyID.Set, f.CooperatingAgencyIDs.Set = true, true, true
		if err := a.prepare(r.Context(), &add[i], f, today); err != nil {
			var ae *apiError
			if errors.As(err, &ae) && len(ae.Fields) > 0 {
				for k, v := range ae.Fields {
					fe["add."+strconv.Itoa(i)+"."+k] = v
				}
				continue
			}
			return err
		}
		add[i].References = plan.FindReferences(add[i].Text)
	}
	if len(fe) > 0 {
		return invalid(fe)
	}
	err = a.store.AmendPlan(r.Context(), u.ID, am, add, in.Remove)
	var re *store.ReorgError
	if errors.As(err, &re) {
		return invalid(re.Fields)
	}
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusCreated, amendmentView(am))
}
