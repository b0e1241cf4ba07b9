package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"tiendo/internal/app"
	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// Search paging limits.
const (
	searchPageSize = 20
	searchMaxPage  = 500 // deeper pages are not useful and cost OFFSET scans
	searchMaxQuery = 200 // runes
	excerptRunes   = 260
)

// searchView is the search page's data.
type searchView struct {
	Query   string
	Plan    *plan.Plan // the plan searched, nil for every plan
	Hits    []searchHit
	Total   int
	Page    int
	Pages   int
	PrevURL string
	NextURL string
	AllURL  string // the same search in every plan, when scoped to one
}

// searchHit is one task found, with its matches marked.
type searchHit struct {
	TaskID   int64
	PlanName string // plan.Plan.Name
	Section  string
	Title    []vntext.Segment
	Excerpt  []vntext.Segment
	Lead     string
	Deadline plan.Deadline
	Status   plan.Status
	Period   string // the period a recurring or continuous task's status is judged in
}

// searchShow finds tasks whose text matches the query without regard to
// diacritics ("dau tu" finds "đầu tư") and shows the matches highlighted.
func (h *handler) searchShow(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	v := &searchView{Query: strings.TrimSpace(vntext.NFC(q.Get("q"))), Page: 1}
	if utf8.RuneCountInString(v.Query) > searchMaxQuery {
		v.Query = string([]rune(v.Query)[:searchMaxQuery])
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		v.Page = min(n, searchMaxPage)
	}
	pg := &page{Title: "Tìm kiếm", Query: v.Query, Data: v}
	ctx := r.Context()
	res, err := h.app.SearchTasks(ctx, h.user(r), v.Query, formID(q.Get("plan")), v.Page, searchPageSize)
	if err != nil {
		return err
	}
	v.Plan, v.Total, v.Page, v.Pages = res.Plan, res.Total, res.Page, res.Pages
	scope := int64(0)
	if v.Plan != nil {
		scope = v.Plan.ID
		pg.PlanID = v.Plan.ID
		v.AllURL = searchURL(v.Query, 0, 1)
	}
	if v.Query == "" {
		return h.render(w, r, http.StatusOK, "search", pg)
	}
	if err := h.addHits(ctx, res.Hits, v); err != nil {
		return err
	}
	if v.Page > 1 {
		v.PrevURL = searchURL(v.Query, scope, v.Page-1)
	}
	if v.Page < v.Pages {
		v.NextURL = searchURL(v.Query, scope, v.Page+1)
	}
	return h.render(w, r, http.StatusOK, "search", pg)
}

// addHits turns the tasks found into highlighted hits.
func (h *handler) addHits(ctx context.Context, found []app.TaskHit, v *searchView) error {
	if len(found) == 0 {
		return nil
	}
	list, err := h.app.Agencies(ctx)
	if err != nil {
		return err
	}
	names := agencyIndex(list)
	for i := range found {
		t := &found[i].Task
		row := newTaskRow(t, names, plan.Now{}) // the title and lead; the status is the hit's
		row.Status, row.Period = found[i].Status.Status, found[i].Status.Period
		v.Hits = append(v.Hits, searchHit{
			TaskID:   t.ID,
			PlanName: found[i].Plan.Name(),
			Section:  found[i].Section,
			Title:    vntext.Highlight(row.Title, v.Query),
			Excerpt:  vntext.Highlight(vntext.Excerpt(t.Text, v.Query, excerptRunes), v.Query),
			Lead:     row.Lead,
			Deadline: t.Deadline,
			Status:   row.Status,
			Period:   row.Period,
		})
	}
	return nil
}

// searchURL is the address of one page of a search.
func searchURL(q string, planID int64, page int) string {
	vals := url.Values{"q": {q}}
	if planID != 0 {
		vals.Set("plan", strconv.FormatInt(planID, 10))
	}
	if page > 1 {
		vals.Set("page", strconv.Itoa(page))
	}
	return "/search?" + vals.Encode()
}
