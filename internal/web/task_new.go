package web

import (
	"context"
	"net/http"

	"tiendo/internal/plan"
)

// taskNew shows the form to add a task to a plan, in the section given by
// ?section= when there is one.
func (h *handler) taskNew(w http.ResponseWriter, r *http.Request) error {
	f, err := h.newTaskForm(r.Context(), r)
	if err != nil {
		return err
	}
	f.SectionID = formID(r.URL.Query().Get("section"))
	return h.render(w, r, http.StatusOK, "task_form", &page{Title: "Thêm nhiệm vụ", Nav: "plans", PlanID: f.Plan.ID, Data: f})
}

// newTaskForm reads the plan of the route, its sections and the agencies to choose from.
func (h *handler) newTaskForm(ctx context.Context, r *http.Request) (*taskForm, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	p, err := h.app.Plan(ctx, id)
	if err != nil {
		return nil, err
	}
	sections, err := h.app.Sections(ctx, id)
	if err != nil {
		return nil, err
	}
	f := &taskForm{Plan: p, Sections: sections}
	if f.Agencies, err = h.agencyChoices(ctx, h.app.Today()); err != nil {
		return nil, err
	}
	return f, nil
}

// sectionIn returns the section with the given ID among sections, or nil.
func sectionIn(sections []plan.Section, id int64) *plan.Section {
	for i := range sections {
		if sections[i].ID == id {
			return &sections[i]
		}
	}
	return nil
}
