package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/clock"
	"tiendo/internal/store"
)

// msgConflict is shown when someone else saved the task since the form was opened.
const msgConflict = "Nhiệm vụ đã được người khác sửa. Hãy tải lại trang và sửa lại."

// taskUpdate saves the task form. The version read with the form guards
// against silently overwriting someone else's change (optimistic locking);
// on a conflict or invalid input the form comes back with the person's
// input kept.
func (h *handler) taskUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	t, p, sec, err := h.loadTask(r)
	if err != nil {
		return err
	}
	f := &taskForm{TaskID: t.ID, Plan: p, Section: sec}
	if err := readTaskForm(w, r, f); err != nil {
		return err
	}
	f.SectionID = t.SectionID // moving a task between sections is not offered here
	chosen := []int64{f.LeadID, t.LeadAgencyID}
	chosen = append(chosen, f.CoopIDs...)
	chosen = append(chosen, t.CooperatingAgencyIDs...)
	if f.Agencies, f.known, err = h.agencyChoices(ctx, clock.Today(h.clock), chosen...); err != nil {
		return err
	}
	pg := &page{Title: "Sửa nhiệm vụ", Nav: "plans", PlanID: p.ID, Data: f}
	t.Version = f.Version
	if f.Errors = f.apply(t); f.Errors != nil {
		return reshow(http.StatusUnprocessableEntity, "task_form", pg)
	}
	err = h.store.UpdateTask(ctx, actorID(r), t)
	if errors.Is(err, store.ErrConflict) {
		f.Error = msgConflict
		return reshow(http.StatusConflict, "task_form", pg)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/tasks/"+strconv.FormatInt(t.ID, 10)+"?saved=1", http.StatusSeeOther)
	return nil
}
