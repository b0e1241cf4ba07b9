package api

import (
	"net/http"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
)

// amendmentBody is the body of POST /plans/{id}/amendments.
type amendmentBody struct {
	Number    string       `json:"number"`
	IssuedOn  string       `json:"issued_on"`
	Effective string       `json:"effective"`
	Note      string       `json:"note"`
	Add       []taskFields `json:"add"`
	Change    []taskChange `json:"change"`
	Remove    []int64      `json:"remove"`
}

// taskChange is one task an amendment changes: the fields sent take their
// new value from the effective day (null clears, as in PATCH /tasks/{id});
// the others stay. Moving a task to another section is not an amendment's.
type taskChange struct {
	TaskID               int64             `json:"task_id"`
	Title                optional[string]  `json:"title"`
	Text                 optional[string]  `json:"text"`
	DeadlineText         optional[string]  `json:"deadline_text"`
	Product              optional[string]  `json:"product"`
	LeadAgencyID         optional[int64]   `json:"lead_agency_id"`
	CooperatingAgencyIDs optional[[]int64] `json:"cooperating_agency_ids"`
}

// edit is c as a domain edit: a field sent (null included) sets the
// task's value; a field left out keeps it.
func (c *taskChange) edit() plan.TaskEdit {
	return plan.TaskEdit{TaskID: c.TaskID, TaskChange: plan.TaskChange{Title: c.Title.ptr(), Text: c.Text.ptr(),
		DeadlineText: c.DeadlineText.ptr(), Product: c.Product.ptr(), LeadAgencyID: c.LeadAgencyID.ptr(),
		CooperatingAgencyIDs: c.CooperatingAgencyIDs.ptr()}}
}

// amendmentJSON is an amendment as the API shows it.
type amendmentJSON struct {
	ID        int64   `json:"id"`
	Number    string  `json:"number"`
	IssuedOn  *string `json:"issued_on"`
	Effective string  `json:"effective"`
	Note      string  `json:"note"`
	Added     []int64 `json:"added"`
	Changed   []int64 `json:"changed"`
	Removed   []int64 `json:"removed"`
}

func amendmentView(a *plan.Amendment) amendmentJSON {
	return amendmentJSON{ID: a.ID, Number: a.Number, IssuedOn: nullDate(a.IssuedOn), Effective: day(a.Effective),
		Note: a.Note, Added: nonNilIDs(a.Added), Changed: nonNilIDs(a.Changed), Removed: nonNilIDs(a.Removed)}
}

func nonNilIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

// amendmentList answers GET /plans/{id}/amendments: the plan's amendments,
// oldest first, with the tasks each added, changed and removed.
func (a *api) amendmentList(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	list, err := a.app.PlanAmendments(r.Context(), u, id)
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
// tasks ("add", each as for POST /plans/{id}/tasks), changing tasks
// ("change", the fields sent, checked as PATCH /tasks/{id} checks them) and
// removing tasks ("remove", IDs) from its effective day, in one
// transaction (201).
func (a *api) amendmentCreate(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
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
	add := make([]plan.TaskChange, len(in.Add))
	for i := range in.Add {
		add[i] = in.Add[i].change()
	}
	change := make([]plan.TaskEdit, len(in.Change))
	for i := range in.Change {
		change[i] = in.Change[i].edit()
	}
	if err := a.app.AmendPlan(r.Context(), u, am, add, change, in.Remove); err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusCreated, amendmentView(am))
}
