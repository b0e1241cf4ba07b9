package web

import (
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/plan"
)

// planLevelView is the form of a plan's level and issuer.
type planLevelView struct {
	Plan   *plan.Plan
	Levels []plan.Level
	Level  plan.Level
	Issuer string
	Errors map[string]string
}

// planLevelShow shows the form.
func (h *handler) planLevelShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := h.app.Plan(r.Context(), id)
	if err != nil {
		return err
	}
	v := &planLevelView{Plan: p, Levels: plan.Levels, Level: p.Level, Issuer: p.Issuer}
	return h.render(w, r, http.StatusOK, "plan_level", &page{Title: "Cấp của kế hoạch", Nav: "plans", PlanID: id, Data: v})
}

// planLevelSave saves the plan's level and issuer.
func (h *handler) planLevelSave(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := h.app.Plan(r.Context(), id)
	if err != nil {
		return err
	}
	v := &planLevelView{Plan: p, Levels: plan.Levels, Level: plan.Level(r.PostFormValue("level")),
		Issuer: strings.TrimSpace(r.PostFormValue("issuer"))}
	err = h.app.SetPlanLevel(r.Context(), h.user(r), id, v.Level, v.Issuer)
	if fe := invalidFields(err); fe != nil {
		v.Errors = fe
		return reshow(http.StatusUnprocessableEntity, "plan_level", &page{Title: "Cấp của kế hoạch", Nav: "plans", PlanID: id, Data: v})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
