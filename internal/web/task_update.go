package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/derrors"
)

// taskUpdate saves the task form (app.UpdateTask). The version read with
// the form guards against silently overwriting someone else's change
// (optimistic locking); on a conflict or invalid input the form comes back
// with the person's input kept.
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
	chosen := []int64{f.LeadID, t.LeadAgencyID}
	chosen = append(chosen, f.CoopIDs...)
	chosen = append(chosen, t.CooperatingAgencyIDs...)
	if f.Agencies, err = h.agencyChoices(ctx, h.app.Today(), chosen...); err != nil {
		return err
	}
	pg := &page{Title: "Sửa nhiệm vụ", Nav: "plans", PlanID: p.ID, Data: f}
	// Moving a task between sections is not offered here; the form's
	// version is always sent, so a lost race is a conflict, never an overwrite.
	_, err = h.app.UpdateTask(ctx, h.user(r), t.ID, f.change(false), []int{f.Version})
	if f.Errors = invalidFields(err); f.Errors != nil {
		f.previewDue()
		return reshow(http.StatusUnprocessableEntity, "task_form", pg)
	}
	if errors.Is(err, derrors.Conflict) {
		f.Error = derrors.MessageOf(err)
		return reshow(http.StatusConflict, "task_form", pg)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/tasks/"+strconv.FormatInt(t.ID, 10)+"?saved=1", http.StatusSeeOther)
	return nil
}
