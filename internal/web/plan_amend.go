package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/agency"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/store"
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
	known                       map[int64]*agency.Agency
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

// planAmendPost records the amendment (store.AmendPlan, one transaction)
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
	} else if a.Effective.IsZero() {
		v.Errors["effective"] = "Hãy nhập ngày có hiệu lực."
	}
	if strings.TrimSpace(v.Number) == "" {
		v.Errors["number"] = "Hãy nhập số, ký hiệu quyết định sửa đổi, bổ sung."
	}
	var add []plan.Task
	for i := range v.Adds {
		x := &v.Adds[i]
		n := strconv.Itoa(i)
		x.SectionID, x.LeadID = formID(r.PostFormValue("add_section_"+n)), formID(r.PostFormValue("add_lead_"+n))
		x.Text, x.DeadlineText = r.PostFormValue("add_text_"+n), r.PostFormValue("add_deadline_"+n)
		if strings.TrimSpace(x.Text) == "" {
			continue
		}
		t := plan.Task{SectionID: x.SectionID, Text: x.Text, LeadAgencyID: x.LeadID, Deadline: plan.Deadline{Text: x.DeadlineText}}
		plan.NormalizeTask(&t)
		for field, msg := range plan.ValidateTask(&t) {
			v.Errors["add."+n+"."+field] = msg
		}
		if x.SectionID == 0 {
			v.Errors["add."+n+".section_id"] = "Hãy chọn mục của nhiệm vụ."
		}
		t.References = plan.FindReferences(t.Text)
		add = append(add, t)
	}
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
	change := v.edits()
	if len(v.Errors) > 0 {
		return reshow(http.StatusUnprocessableEntity, "plan_amend", pg)
	}
	err = h.store.AmendPlan(r.Context(), actorID(r), a, add, remove, change...)
	var re *store.ReorgError
	if errors.As(err, &re) {
		v.Errors = re.Fields
		return reshow(http.StatusUnprocessableEntity, "plan_amend", pg)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(v.Plan.ID, 10)+"?amended=1", http.StatusSeeOther)
	return nil
}

// amendView reads the plan, its sections holding tasks, its tasks in the
// plan now and the agencies in existence.
func (h *handler) amendView(r *http.Request) (*amendView, error) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	p, err := h.store.Plan(ctx, id)
	if err != nil {
		return nil, err
	}
	if p.Status == plan.PlanReplaced || p.Status == plan.PlanClosed {
		return nil, store.ErrReadOnly
	}
	v := &amendView{Plan: p, Remove: map[int64]bool{}, Errors: map[string]string{}}
	secs, err := h.store.Sections(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, s := range secs {
		if s.HoldsTasks {
			v.Sections = append(v.Sections, s)
		}
	}
	tasks, _, err := h.store.Tasks(ctx, plan.TaskFilter{PlanID: id, Limit: 5000})
	if err != nil {
		return nil, err
	}
	var chosen []int64 // agencies of the tasks now, offered even when they have ended
	for _, t := range tasks {
		if t.RemovedOn.IsZero() {
			v.Tasks = append(v.Tasks, t)
			chosen = append(append(chosen, t.LeadAgencyID), t.CooperatingAgencyIDs...)
		}
	}
	if v.Agencies, v.known, err = h.agencyChoices(ctx, clock.Today(h.clock), chosen...); err != nil {
		return nil, err
	}
	for i := range amendRows {
		v.Adds = append(v.Adds, amendAdd{N: i})
	}
	v.Effective = vntext.FormatDate(clock.Today(h.clock))
	return v, nil
}
