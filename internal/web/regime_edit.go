package web

import (
	"net/http"
)

// regimeEdit shows the plan's reporting regime as a form — the saved one,
// or the reference plan's defaults when none was saved — with the plan's
// own rule sentence and the next periods the regime gives.
func (h *handler) regimeEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, err := h.app.Plan(ctx, id)
	if err != nil {
		return err
	}
	reg, err := h.app.ReportingRegime(ctx, h.user(r), id)
	if err != nil {
		return err
	}
	f := &regimeForm{Plan: p}
	f.fill(reg)
	f.Preview = h.app.RegimePreview(p, *reg)
	if r.URL.Query().Get("saved") == "1" {
		f.Notice = "Đã lưu chế độ báo cáo; các kỳ báo cáo của kế hoạch đã được tính lại theo chế độ mới."
	}
	return h.render(w, r, http.StatusOK, "regime_form", regimePage(f))
}
