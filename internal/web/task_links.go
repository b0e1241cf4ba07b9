package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/rollup"
)

// taskLinksView is one task's links page: what it implements (each link
// with a box to keep it), suggestions and a search among an upstream
// plan's tasks (boxes to add them), what implements it, and the history.
type taskLinksView struct {
	X         *app.TaskLinks
	Upstream  *plan.Plan // the upstream plan whose tasks are offered
	Suggested []app.Candidate
	Found     []app.Candidate
	Query     string
	Error     string
	Saved     bool
}

// taskLinksShow shows task {id}'s links, with suggestions among upstream=
// (default: the first plan it may link to) and a search (q=).
func (h *handler) taskLinksShow(w http.ResponseWriter, r *http.Request) error {
	v, err := h.taskLinksView(r, formID(r.URL.Query().Get("upstream")), strings.TrimSpace(r.URL.Query().Get("q")))
	if err != nil {
		return err
	}
	v.Saved = r.URL.Query().Get("saved") == "1"
	return h.render(w, r, http.StatusOK, "task_links", &page{Title: "Liên kết với nhiệm vụ cấp trên", Nav: "plans", PlanID: v.X.Plan.ID, Data: v})
}

func (h *handler) taskLinksView(r *http.Request, upID int64, query string) (*taskLinksView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	ctx, u := r.Context(), h.user(r)
	x, err := h.app.TaskLinks(ctx, u, id)
	if err != nil {
		return nil, err
	}
	v := &taskLinksView{X: x, Query: query}
	for i := range x.Upstreams {
		if upID == 0 && i == 0 || x.Upstreams[i].ID == upID {
			v.Upstream = &x.Upstreams[i]
		}
	}
	if v.Upstream == nil {
		return v, nil
	}
	linked := map[int64]bool{}
	for _, l := range x.Current {
		linked[l.UpstreamTaskID] = true
	}
	sg, err := h.app.SuggestLinks(ctx, u, id, v.Upstream.ID)
	if err != nil {
		return nil, err
	}
	for _, c := range sg {
		if !linked[c.TaskID] {
			v.Suggested = append(v.Suggested, c)
			linked[c.TaskID] = true
		}
	}
	if query != "" {
		found, err := h.app.UpstreamCandidates(ctx, u, v.Upstream.ID, query, 30)
		if err != nil {
			return nil, err
		}
		for _, c := range found {
			if !linked[c.TaskID] {
				v.Found = append(v.Found, c)
			}
		}
	}
	return v, nil
}

// taskLinksSave makes the task implement exactly the upstream tasks ticked
// (link=<id>, repeated).
func (h *handler) taskLinksSave(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var ups []int64
	for _, s := range r.PostForm["link"] {
		if x := formID(s); x != 0 {
			ups = append(ups, x)
		}
	}
	how := rollup.HowManual
	if r.PostFormValue("suggested") == "1" {
		how = rollup.HowSuggestion
	}
	_, err = h.app.SetTaskLinks(r.Context(), h.user(r), id, ups, how)
	if errors.Is(err, derrors.Invalid) || errors.Is(err, derrors.ReadOnly) {
		v, verr := h.taskLinksView(r, formID(r.PostFormValue("upstream")), "")
		if verr != nil {
			return verr
		}
		v.Error = derrors.MessageOf(err)
		return reshow(http.StatusUnprocessableEntity, "task_links", &page{Title: "Liên kết với nhiệm vụ cấp trên", Nav: "plans", PlanID: v.X.Plan.ID, Data: v})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/tasks/"+strconv.FormatInt(id, 10)+"/links?saved=1&upstream="+strconv.FormatInt(formID(r.PostFormValue("upstream")), 10), http.StatusSeeOther)
	return nil
}
