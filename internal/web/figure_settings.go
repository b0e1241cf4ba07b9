package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/derrors"
	"tiendo/internal/figures"
	"tiendo/internal/plan"
)

// figureForm is the dashboard's form of the plan's figure settings (the
// indicators' traffic-light thresholds and the early-warning lag), holding
// the text as typed so that a form shown again keeps it; error keys are
// the field names.
type figureForm struct {
	Version int
	Green   string
	Amber   string
	Lag     string
	Errors  plan.FieldErrors
	Error   string            // someone else saved first
	Theirs  *figures.Settings // on a conflict: what they saved
	Notice  string
	Open    bool // the <details> block starts open
}

// fill sets the form's fields from the stored (or default) settings.
func (f *figureForm) fill(s *figures.Settings) {
	f.Version = s.Version
	f.Green, f.Amber, f.Lag = weightText(s.Green), weightText(s.Amber), weightText(s.WarningLag)
}

// Messages of the figure settings form.
const (
	msgFigureEmpty    = "Hãy nhập một số."
	msgFigureConflict = "Người khác vừa lưu ngưỡng đánh giá của kế hoạch này (xem bản đã lưu bên dưới). " +
		"Những gì bạn nhập vẫn được giữ: bấm Lưu lần nữa để ghi đè, hoặc mở lại trang để lấy bản mới."
)

// settings reads the form's fields as numbers and returns the problems
// found beside each field. When a field cannot be read, the others are
// also checked against the rules (figures.Settings.Validate, which
// app.SaveFigureSettings applies), so that every problem shows at once.
func (f *figureForm) settings() (figures.Settings, plan.FieldErrors) {
	fe := plan.FieldErrors{}
	var s figures.Settings
	for _, x := range []struct {
		key, text string
		dst       *float64
	}{{"green", f.Green, &s.Green}, {"amber", f.Amber, &s.Amber}, {"lag", f.Lag, &s.WarningLag}} {
		v, err := parseNumber(x.text)
		switch {
		case err != nil:
			fe[x.key] = msgBadNumber
		case v == nil:
			fe[x.key] = msgFigureEmpty
		default:
			*x.dst = *v
		}
	}
	if len(fe) == 0 {
		return s, nil
	}
	for k, msg := range s.Validate() {
		if fe[k] == "" {
			fe[k] = msg
		}
	}
	return s, fe
}

// figureSettingsSave saves the plan's figure settings
// (app.SaveFigureSettings). The version read with the form guards against
// overwriting someone else's save: on a conflict the input is kept and the
// other save shown beside it. Errors re-show the dashboard (computed with
// the settings in force) with the form open and the messages beside the
// fields.
func (h *handler) figureSettingsSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := &figureForm{Open: true}
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	f.Green = strings.TrimSpace(r.PostFormValue("green"))
	f.Amber = strings.TrimSpace(r.PostFormValue("amber"))
	f.Lag = strings.TrimSpace(r.PostFormValue("lag"))
	ctx, by := r.Context(), h.user(r)
	fail := func(status int) error {
		q, err := h.readDashParams(r)
		if err != nil {
			return err
		}
		x, err := h.loadDash(r, id, q)
		if err != nil {
			return err
		}
		v := newDashView(x)
		v.Settings = f
		return reshow(status, "dashboard", &page{Title: "Số liệu tổng hợp · " + planTitle(x.Plan), Nav: "dashboard", PlanID: id, Data: v})
	}
	s, fe := f.settings()
	if fe != nil {
		f.Errors = fe
		return fail(http.StatusUnprocessableEntity)
	}
	_, err = h.app.SaveFigureSettings(ctx, by, id, s, f.Version)
	if f.Errors = invalidFields(err); f.Errors != nil {
		return fail(http.StatusUnprocessableEntity)
	}
	if errors.Is(err, derrors.Conflict) {
		theirs, rerr := h.app.PlanFigureSettings(ctx, by, id)
		if rerr != nil {
			return rerr
		}
		f.Error, f.Theirs, f.Version = msgFigureConflict, theirs, theirs.Version
		return fail(http.StatusConflict)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10)+"/dashboard?settings=saved#figure-settings", http.StatusSeeOther)
	return nil
}
