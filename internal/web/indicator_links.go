package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tiendo/internal/app"
	"tiendo/internal/rollup"
)

// indicatorLinksView is the page linking a plan's indicators to an
// upstream plan's: each indicator with a choice among the upstream plan's
// indicators (its current link, else the suggestion, chosen).
type indicatorLinksView struct {
	X     *app.IndicatorLinks
	Rows  []indicatorLinkRow
	Error string
	Saved bool
}

type indicatorLinkRow struct {
	app.IndicatorLinkRow
	Chosen  int64
	Percent int
}

// indicatorLinksShow shows plan {id}'s indicators with their links to
// upstream=.
func (h *handler) indicatorLinksShow(w http.ResponseWriter, r *http.Request) error {
	v, err := h.indicatorLinksView(r, r.URL.Query())
	if err != nil {
		return err
	}
	v.Saved = r.URL.Query().Get("saved") == "1"
	return h.render(w, r, http.StatusOK, "indicator_links", &page{Title: "Liên kết chỉ tiêu với kế hoạch cấp trên", Nav: "plans", PlanID: v.X.Plan.ID, Data: v})
}

func (h *handler) indicatorLinksView(r *http.Request, q url.Values) (*indicatorLinksView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	x, err := h.app.IndicatorLinks(r.Context(), h.user(r), id, formID(q.Get("upstream")))
	if err != nil {
		return nil, err
	}
	v := &indicatorLinksView{X: x}
	for _, row := range x.Rows {
		vr := indicatorLinkRow{IndicatorLinkRow: row, Percent: int(row.Score*100 + 0.5)}
		switch {
		case row.Current != nil:
			vr.Chosen = row.Current.ID
		case row.Suggested != nil:
			vr.Chosen = row.Suggested.ID
		}
		v.Rows = append(v.Rows, vr)
	}
	return v, nil
}

// indicatorLinksSave links each indicator to the upstream indicator chosen
// (ind_<id>=<upstream id>, 0 for none).
func (h *handler) indicatorLinksSave(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	set := map[int64]int64{}
	for k, vals := range r.PostForm {
		if s, ok := strings.CutPrefix(k, "ind_"); ok && len(vals) > 0 {
			if ind := formID(s); ind != 0 {
				set[ind] = formID(vals[0])
			}
		}
	}
	err = h.app.SetIndicatorLinks(r.Context(), h.user(r), id, set, rollup.HowManual)
	if fe := invalidFields(err); fe != nil {
		v, verr := h.indicatorLinksView(r, r.PostForm)
		if verr != nil {
			return verr
		}
		for _, m := range fe {
			v.Error = m
		}
		return reshow(http.StatusUnprocessableEntity, "indicator_links", &page{Title: "Liên kết chỉ tiêu với kế hoạch cấp trên", Nav: "plans", PlanID: id, Data: v})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10)+"/indicator-links?saved=1&upstream="+strconv.FormatInt(formID(r.PostFormValue("upstream")), 10), http.StatusSeeOther)
	return nil
}
