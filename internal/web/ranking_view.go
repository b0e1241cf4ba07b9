package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// The yearly ranking of agencies (khen thưởng, issue 4 point 3): the rows
// come from app.PlanRanking (figures.Ranking over the plan's facts, the
// one place figures are computed); this file only words and formats them.

// rankingView is the data of the ranking page: the ranked table, the
// method and the weights in force, and the weights form.
type rankingView struct {
	Plan     *plan.Plan
	Year     int
	AsOf     time.Time
	Rows     []rankingRow
	Ranked   []figures.RankRow       // the rows as figures.Ranking gave them, for the downloads
	Weights  *figures.RankingSetting // in force (Version 0: the defaults)
	Defaults figures.Weights
	Form     *rankingForm
}

// rankingRow is one agency's line, every number formatted.
type rankingRow struct {
	Rank       int
	AgencyID   int64
	Name       string
	Score      string
	OnTime     rankingPart
	Timeliness rankingPart
	Indicators rankingPart
}

// rankingPart is one component: what was counted and the rate.
type rankingPart struct {
	Num, Den string
	Rate     string // "—" when the component does not apply
	Applies  bool
}

func newRankingPart(c figures.Component, decimals int) rankingPart {
	p := rankingPart{Num: vntext.FormatNumber(c.Num, decimals), Den: vntext.FormatNumber(c.Den, decimals), Rate: "—"}
	if c.Rate != nil {
		p.Applies = true
		p.Rate = vntext.FormatNumber(*c.Rate*100, 1) + "%"
	}
	return p
}

// rankingForm is the weights form, holding the text as typed so that a
// form shown again keeps it; error keys are the field names, and "sum"
// for weights that do not add up to 100.
type rankingForm struct {
	Version    int
	Year       int
	OnTime     string
	Timeliness string
	Indicators string
	Errors     plan.FieldErrors
	Error      string                  // someone else saved first
	Theirs     *figures.RankingSetting // on a conflict: what they saved
	Notice     string
}

// weightText writes a weight as people read it: "50", "12,5".
func weightText(f float64) string {
	if f == float64(int64(f)) {
		return vntext.FormatNumber(f, 0)
	}
	return strings.TrimRight(strings.TrimRight(vntext.FormatNumber(f, 3), "0"), ",")
}

// fill sets the form's fields from the stored (or default) weights.
func (f *rankingForm) fill(s *figures.RankingSetting) {
	f.Version = s.Version
	f.OnTime, f.Timeliness, f.Indicators = weightText(s.OnTime), weightText(s.Timeliness), weightText(s.Indicators)
}

// Messages of the weights form.
const (
	msgWeightEmpty    = "Hãy nhập trọng số (0 nếu không tính thành phần này)."
	msgWeightNegative = "Trọng số không được âm."
)

// weights reads the form's fields into weights and returns the problems
// found beside each field; app.SaveRankingWeights checks the rest (that
// they add up to 100).
func (f *rankingForm) weights() (figures.Weights, plan.FieldErrors) {
	fe := plan.FieldErrors{}
	var w figures.Weights
	for _, x := range []struct {
		key, text string
		dst       *float64
	}{{"on_time", f.OnTime, &w.OnTime}, {"timeliness", f.Timeliness, &w.Timeliness}, {"indicators", f.Indicators, &w.Indicators}} {
		v, err := parseNumber(x.text)
		switch {
		case err != nil:
			fe[x.key] = msgBadNumber
		case v == nil:
			fe[x.key] = msgWeightEmpty
		case *v < 0:
			fe[x.key] = msgWeightNegative
		default:
			*x.dst = *v
		}
	}
	if len(fe) == 0 {
		return w, nil
	}
	return w, fe
}

// readRankingForm copies the posted fields into f.
func readRankingForm(w http.ResponseWriter, r *http.Request, f *rankingForm) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	f.Year, _ = strconv.Atoi(r.PostFormValue("year"))
	f.OnTime = strings.TrimSpace(r.PostFormValue("on_time"))
	f.Timeliness = strings.TrimSpace(r.PostFormValue("timeliness"))
	f.Indicators = strings.TrimSpace(r.PostFormValue("indicators"))
	return nil
}

// rankingYear reads year= (0 when not given: this year's); a bad one is
// a 404.
func rankingYear(r *http.Request) (int, error) {
	s := strings.TrimSpace(r.URL.Query().Get("year"))
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < figures.FirstRankingYear || y > figures.LastRankingYear {
		return 0, errNotFound
	}
	return y, nil
}

// loadRanking ranks the plan's agencies for year (app.PlanRanking) and
// lays the rows out; form is the weights form to show (nil: filled from
// the weights in force).
func (h *handler) loadRanking(r *http.Request, planID int64, year int, form *rankingForm) (*rankingView, error) {
	rk, err := h.app.PlanRanking(r.Context(), h.user(r), planID, year)
	if err != nil {
		return nil, err
	}
	v := &rankingView{Plan: rk.Plan, Year: rk.Year, AsOf: rk.AsOf, Ranked: rk.Rows, Weights: rk.Weights,
		Defaults: figures.DefaultWeights, Form: form}
	byID := agencyIndex(rk.Agencies)
	for _, row := range v.Ranked {
		name := row.Name
		if a := byID[row.AgencyID]; a != nil {
			name = nowName(byID, a)
		}
		v.Rows = append(v.Rows, rankingRow{Rank: row.Rank, AgencyID: row.AgencyID, Name: name,
			Score: vntext.FormatNumber(row.Score, 1), OnTime: newRankingPart(row.OnTime, 0),
			Timeliness: newRankingPart(row.Timeliness, 0), Indicators: newRankingPart(row.Indicators, 1)})
	}
	if v.Form == nil {
		v.Form = &rankingForm{}
		v.Form.fill(rk.Weights)
	}
	v.Form.Year = rk.Year
	return v, nil
}

// W formats a weight for the page.
func (v *rankingView) W(f float64) string { return weightText(f) }

// rankingPage wraps the view in the page.
func rankingPage(v *rankingView) *page {
	return &page{Title: "Xếp hạng cơ quan năm " + strconv.Itoa(v.Year), Nav: "dashboard", PlanID: v.Plan.ID, Data: v}
}
