package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
)

// The links of a plan's tasks to an upstream plan, a page at a time: each
// task's links now and the upstream tasks suggested for it by their words;
// the coordinator ticks what holds and saves the page. The bulk sheet
// (links_sheet.go) and the per-task page (task_links.go) do the rest.

// planLinksView is the links page.
type planLinksView struct {
	X       *app.PlanLinks
	Query   string
	Next    string
	Prev    string
	Saved   int    // tasks whose links the last save changed
	Error   string // a refusal of the save
	Sheet   *app.LinkSheet
	SheetB  string // the sheet carried to the apply step (base64)
	SheetOK string // its SHA-256
}

// planLinksShow shows plan {id}'s tasks with their links to upstream=
// (default: the first plan they may link to) and suggestions.
func (h *handler) planLinksShow(w http.ResponseWriter, r *http.Request) error {
	v, err := h.planLinksView(r, r.URL.Query())
	if err != nil {
		return err
	}
	if n := r.URL.Query().Get("saved"); n != "" {
		v.Saved, _ = strconv.Atoi(n)
	}
	return h.render(w, r, http.StatusOK, "links_plan", &page{Title: "Liên kết nhiệm vụ với kế hoạch cấp trên", Nav: "plans", PlanID: v.X.Plan.ID, Data: v})
}

// planLinksView reads the links page for the filter in q (upstream, q,
// unlinked, offset).
func (h *handler) planLinksView(r *http.Request, q url.Values) (*planLinksView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	f := app.PlanLinksFilter{Query: strings.TrimSpace(q.Get("q")), Unlinked: q.Get("unlinked") == "1", Offset: int(formID(q.Get("offset")))}
	x, err := h.app.PlanLinks(r.Context(), h.user(r), id, formID(q.Get("upstream")), f)
	if err != nil {
		return nil, err
	}
	v := &planLinksView{X: x}
	if x.Upstream != nil {
		base := "/plans/" + strconv.FormatInt(id, 10) + "/links?upstream=" + strconv.FormatInt(x.Upstream.ID, 10)
		if f.Query != "" {
			base += "&q=" + url.QueryEscape(f.Query)
		}
		if f.Unlinked {
			base += "&unlinked=1"
		}
		v.Query = base
		if end := f.Offset + len(x.Rows); end < x.Total {
			v.Next = base + "&offset=" + strconv.Itoa(end)
		}
		if f.Offset > 0 {
			v.Prev = base + "&offset=" + strconv.Itoa(max(0, f.Offset-x.Filter.Limit))
		}
	}
	return v, nil
}

// planLinksSave saves the page's ticks: for each task on the page
// (task=<id>), its links to the upstream plan become the upstream tasks
// ticked (link_<task>=<upstream task>).
func (h *handler) planLinksSave(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	up := formID(r.PostFormValue("upstream"))
	sets := map[int64][]int64{}
	for _, s := range r.PostForm["task"] {
		task := formID(s)
		if task == 0 {
			continue
		}
		sets[task] = []int64{}
		for _, u := range r.PostForm["link_"+s] {
			if x := formID(u); x != 0 {
				sets[task] = append(sets[task], x)
			}
		}
	}
	diffs, err := h.app.SavePlanLinks(r.Context(), h.user(r), id, up, sets)
	if errors.Is(err, derrors.Invalid) {
		v, verr := h.planLinksView(r, r.PostForm)
		if verr != nil {
			return verr
		}
		v.Error = derrors.MessageOf(err)
		for _, m := range derrors.FieldsOf(err) {
			v.Error = m
		}
		return reshow(http.StatusUnprocessableEntity, "links_plan", &page{Title: "Liên kết nhiệm vụ với kế hoạch cấp trên", Nav: "plans", PlanID: id, Data: v})
	}
	if err != nil {
		return err
	}
	back := "/plans/" + strconv.FormatInt(id, 10) + "/links?upstream=" + strconv.FormatInt(up, 10) + "&saved=" + strconv.Itoa(len(diffs))
	if o := r.PostFormValue("offset"); o != "" {
		back += "&offset=" + strconv.FormatInt(formID(o), 10)
	}
	if r.PostFormValue("unlinked") == "1" {
		back += "&unlinked=1"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}
