package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"tiendo/internal/plan"
)

// maxAmendChanges bounds the tasks one amendment form changes.
const maxAmendChanges = 50

// amendChange is one task the amendment form changes: the fields as typed,
// first filled with the task as it is now. Only the fields that differ
// from it are changed (plan.TaskEdit).
type amendChange struct {
	N            int
	Task         *plan.Task // as it is now
	Title, Text  string
	DeadlineText string
	Product      string
	LeadID       int64
	CoopIDs      []int64
}

// newAmendChange is the row changing t, filled with t as it is.
func newAmendChange(n int, t *plan.Task) amendChange {
	return amendChange{N: n, Task: t, Title: t.Title, Text: t.Text, DeadlineText: t.Deadline.Text, Product: t.Product,
		LeadID: t.LeadAgencyID, CoopIDs: slices.Clone(t.CooperatingAgencyIDs)}
}

// readChanges reads the change rows of the posted form (change_task_N and
// its fields), leaving out those marked "không sửa" and tasks that are not
// in the plan now, then adds a row for the task picked (action=pick).
// It reports whether the form only asked for a new row.
func (v *amendView) readChanges(r *http.Request) (picked bool) {
	byID := map[int64]*plan.Task{}
	for i := range v.Tasks {
		byID[v.Tasks[i].ID] = &v.Tasks[i]
	}
	for n := 0; n < maxAmendChanges; n++ {
		s := strconv.Itoa(n)
		t := byID[formID(r.PostFormValue("change_task_"+s))]
		if t == nil || r.PostFormValue("change_drop_"+s) != "" {
			continue
		}
		c := amendChange{N: len(v.Changes), Task: t, Title: r.PostFormValue("change_title_" + s),
			Text: r.PostFormValue("change_text_" + s), DeadlineText: r.PostFormValue("change_deadline_" + s),
			Product: r.PostFormValue("change_product_" + s), LeadID: formID(r.PostFormValue("change_lead_" + s))}
		for _, x := range r.PostForm["change_coop_"+s] {
			if id := formID(x); id > 0 {
				c.CoopIDs = append(c.CoopIDs, id)
			}
		}
		v.Changes = append(v.Changes, c)
	}
	if r.PostFormValue("action") != "pick" {
		return false
	}
	if t := byID[formID(r.PostFormValue("change_pick"))]; t != nil && len(v.Changes) < maxAmendChanges &&
		!slices.ContainsFunc(v.Changes, func(c amendChange) bool { return c.Task.ID == t.ID }) {
		v.Changes = append(v.Changes, newAmendChange(len(v.Changes), t))
	}
	return true
}

// edits turns the change rows into edits: each field that differs from
// the task now (app.AmendPlan checks them; errors come back under
// change.N.field).
func (v *amendView) edits() []plan.TaskEdit {
	var out []plan.TaskEdit
	for i := range v.Changes {
		c := &v.Changes[i]
		t := c.Task
		e := plan.TaskEdit{TaskID: t.ID}
		str := func(typed, now string) *string {
			if strings.TrimSpace(typed) == strings.TrimSpace(now) {
				return nil
			}
			return &typed
		}
		e.Title, e.Text, e.Product = str(c.Title, t.Title), str(c.Text, t.Text), str(c.Product, t.Product)
		e.DeadlineText = str(c.DeadlineText, t.Deadline.Text)
		if c.LeadID != t.LeadAgencyID {
			e.LeadAgencyID = &c.LeadID
		}
		if !sameIDSet(c.CoopIDs, t.CooperatingAgencyIDs) {
			e.CooperatingAgencyIDs = &c.CoopIDs
		}
		out = append(out, e)
	}
	return out
}

// sameIDSet reports whether a and b hold the same IDs, in any order.
func sameIDSet(a, b []int64) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}
