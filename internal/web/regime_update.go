package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/derrors"
)

// msgRegimeConflict is shown when someone else saved the regime since the
// form was opened.
const msgRegimeConflict = "Người khác vừa lưu chế độ báo cáo của kế hoạch này (xem bản đã lưu bên dưới). " +
	"Những gì bạn nhập vẫn được giữ: bấm Lưu lần nữa để ghi đè, hoặc mở lại trang để lấy bản mới."

// regimeUpdate saves the regime form, or with action=preview only shows the
// periods the input would give. The version read with the form guards
// against overwriting someone else's save (optimistic locking): on a
// conflict the input is kept, the other save is shown beside it, and the
// form takes the new version so that saving again overwrites knowingly.
// Saving regenerates the plan's periods (app.SaveReportingRegime does it
// in the same transaction).
func (h *handler) regimeUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx, u := r.Context(), h.user(r)
	p, err := h.app.Plan(ctx, id)
	if err != nil {
		return err
	}
	stored, err := h.app.ReportingRegime(ctx, u, id)
	if err != nil {
		return err
	}
	f := &regimeForm{Plan: p, Text: stored.Text, UpdatedAt: stored.UpdatedAt}
	if err := readRegimeForm(w, r, f); err != nil {
		return err
	}
	reg, fe := f.regime(id, stored.Text)
	if fe != nil {
		f.Errors = fe
		return reshow(http.StatusUnprocessableEntity, "regime_form", regimePage(f))
	}
	if r.PostFormValue("action") == "preview" {
		f.Preview, f.Unsaved = h.app.RegimePreview(p, reg), true
		return h.render(w, r, http.StatusOK, "regime_form", regimePage(f))
	}
	err = h.app.SaveReportingRegime(ctx, u, &reg)
	if f.Errors = invalidFields(err); f.Errors != nil {
		return reshow(http.StatusUnprocessableEntity, "regime_form", regimePage(f))
	}
	if errors.Is(err, derrors.Conflict) {
		theirs, rerr := h.app.ReportingRegime(ctx, u, id)
		if rerr != nil {
			return rerr
		}
		f.Error, f.Theirs, f.Version, f.UpdatedAt, f.Text = msgRegimeConflict, theirs, theirs.Version, theirs.UpdatedAt, theirs.Text
		f.Preview, f.Unsaved = h.app.RegimePreview(p, reg), true
		return reshow(http.StatusConflict, "regime_form", regimePage(f))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10)+"/regime?saved=1", http.StatusSeeOther)
	return nil
}
