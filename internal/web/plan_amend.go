package web

import (
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// amendRows is how many new tasks the amendment form offers at once.
const amendRows = 3

// amendView is the form recording a decision that amends a plan: its
// number and days, the tasks it adds (a few rows), the tasks it changes
// (a row per task picked) and those it removes.
type amendView struct {
	Plan                        *plan.Plan
	Sections                    []plan.Section // those holding tasks
	Tasks                       []plan.Task    // in the plan now: what may be changed or removed
	Agencies                    []agency.Agency
	Number, IssuedOn, Effective string
	Note                        string
	Adds                        []amendAdd
	Changes                     []amendChange
	Remove                      map[int64]bool
	Errors                      map[string]string
}

type amendAdd struct {
	N                  int
	SectionID, LeadID  int64
	Text, DeadlineText string
}

// planAmendShow shows the empty amendment form.
func (h *handler) planAmendShow(w http.ResponseWriter, r *http.Request) error {
	v, err := h.amendView(r)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "plan_amend", &page{Title: "Sửa đổi, bổ sung kế hoạch", Nav: "plans", PlanID: v.Plan.ID, Data: v})
}

// planAmendPost records the amendment (app.AmendPlan, one transaction)
// or shows what to fix. "Sửa đổi nhiệm vụ này" (action=pick) posts the
// form back to add a row for the task chosen, filled with the task as it
// is, keeping everything typed; nothing is stored then.
func (h *handler) planAmendPost(w http.ResponseWriter, r *http.Request) error {
	v, err := h.amendView(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	pg := &page{Title: "Sửa đổi, bổ sung kế hoạch", Nav: "plans", PlanID: v.Plan.ID, Data: v}
	v.Number, v.Note = r.PostFormValue("number"), r.PostFormValue("note")
	v.IssuedOn, v.Effective = r.PostFormValue("issued_on"), r.PostFormValue("effective")
	a := &plan.Amendment{PlanID: v.Plan.ID, Number: v.Number, Note: v.Note}
	if a.IssuedOn, err = parseDate(v.IssuedOn); err != nil {
		v.Errors["issued_on"] = msgBadDate
	}
	if a.Effective, err = parseDate(v.Effective); err != nil {
		v.Errors["effective"] = msgBadDate
	}
	add, rows := v.readAdds(r)
	var remove []int64
	for _, s := range r.PostForm["remove"] {
		if id := formID(s); id > 0 {
			v.Remove[id] = true
			remove = append(remove, id)
		}
	}
	if v.readChanges(r) {
		v.Errors = map[string]string{}
		return h.render(w, r, http.StatusOK, "plan_amend", pg)
	}
	if len(v.Errors) > 0 {
		return reshow(http.StatusUnprocessableEntity, "plan_amend", pg)
	}
	err = h.app.AmendPlan(r.Context(), h.user(r), a, add, v.edits(), remove)
	if fe := invalidFields(err); fe != nil {
		v.Errors = rowErrors(fe, rows)
		return reshow(http.StatusUnprocessableEntity, "plan_amend", pg)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(v.Plan.ID, 10)+"?amended=1", http.StatusSeeOther)
	return nil
}

// readAdds reads the rows of new tasks (add_text_N and its fields); rows
// left empty are skipped. rows[i] is the form row of the i-th task added.
func (v *amendView) readAdds(r *http.Request) (add []plan.TaskChange, rows []int) {
	for i := range v.Adds {
		x := &v.Adds[i]
		n := strconv.Itoa(i)
		x.SectionID, x.LeadID = formID(r.PostFormValue("add_section_"+n)), formID(r.PostFormValue("add_lead_"+n))
		x.Text, x.DeadlineText = r.PostFormValue("add_text_"+n), r.PostFormValue("add_deadline_"+n)
		if strings.TrimSpace(x.Text) == "" {
			continue
		}
		add = append(add, plan.TaskChange{SectionID: &x.SectionID, Text: &x.Text, LeadAgencyID: &x.LeadID,
			DeadlineText: &x.DeadlineText})
		rows = append(rows, i)
	}
	return add, rows
}

// rowErrors files the use case's errors under the form's rows: add.I.field
// (the I-th task added) under add.N.field (its row N).
func rowErrors(fe map[string]string, rows []int) map[string]string {
	out := make(map[string]string, len(fe))
	for k, msg := range fe {
		if rest, ok := strings.CutPrefix(k, "add."); ok {
			i, field, _ := strings.Cut(rest, ".")
			if n, err := strconv.Atoi(i); err == nil && n < len(rows) {
				k = "add." + strconv.Itoa(rows[n]) + "." + field
			}
		}
		out[k] = msg
	}
	return out
}

// amendView reads what amending the plan starts from
// (app.ReadAmendmentBasis) and the agencies to choose from.
func (h *handler) amendView(r *http.Request) (*amendView, error) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	b, err := h.app.ReadAmendmentBasis(ctx, h.user(r), id)
	if err != nil {
		return nil, err
	}
	v := &amendView{Plan: b.Plan, Sections: b.Sections, Tasks: b.Tasks, Remove: map[int64]bool{}, Errors: map[string]string{}}
	var chosen []int64 // agencies of the tasks now, offered even when they have ended
	for _, t := range b.Tasks {
		chosen = append(append(chosen, t.LeadAgencyID), t.CooperatingAgencyIDs...)
	}
	today := h.app.Today()
	if v.Agencies, err = h.agencyChoices(ctx, today, chosen...); err != nil {
		return nil, err
	}
	for i := range amendRows {
		v.Adds = append(v.Adds, amendAdd{N: i})
	}
	v.Effective = vntext.FormatDate(today)
	return v, nil
}
