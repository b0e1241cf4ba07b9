package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"tiendo/internal/agency"
	"tiendo/internal/clock"
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
	PlanCode string
	Section  string
	Title    []vntext.Segment
	Excerpt  []vntext.Segment
	Lead     string
	Deadline plan.Deadline
	Status   plan.Status
}

// searchShow finds tasks whose text matches the query without regard to
// diacritics ("dau tu" finds "đầu tư") and shows the matches highlighted.
func (h *handler) searchShow(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	v := &searchView{Query: strings.TrimSpace(vntext.NFC(q.Get("q"))), Page: 1}
	if utf8.RuneCountInString(v.Query) > searchMaxQuery {
		v.Query = string([]rune(v.Query)[:searchMaxQuery])
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		v.Page = min(n, searchMaxPage)
	}
	pg := &page{Title: "Tìm kiếm", Query: v.Query, Data: v}
	plans, err := h.searchScope(ctx, formID(q.Get("plan")), v)
	if err != nil {
		return err
	}
	if v.Plan != nil {
		pg.PlanID = v.Plan.ID
		v.AllURL = searchURL(v.Query, 0, 1)
	}
	if v.Query == "" {
		return h.render(w, r, http.StatusOK, "search", pg)
	}
	if err := h.searchPlans(ctx, plans, v); err != nil {
		return err
	}
	scope := int64(0)
	if v.Plan != nil {
		scope = v.Plan.ID
	}
	if v.Page > 1 {
		v.PrevURL = searchURL(v.Query, scope, v.Page-1)
	}
	if v.Page < v.Pages {
		v.NextURL = searchURL(v.Query, scope, v.Page+1)
	}
	return h.render(w, r, http.StatusOK, "search", pg)
}

// searchScope returns the plans to search: the one asked for, or all.
func (h *handler) searchScope(ctx context.Context, planID int64, v *searchView) ([]plan.Plan, error) {
	if planID != 0 {
		p, err := h.store.Plan(ctx, planID)
		if err != nil {
			return nil, err
		}
		v.Plan = p
		return []plan.Plan{*p}, nil
	}
	return h.store.Plans(ctx)
}

// searchPlans fills one page of hits across plans, in plan order then task
// order. It asks each plan for its count first, so a page that spans two
// plans is cut at the right places without reading earlier pages.
func (h *handler) searchPlans(ctx context.Context, plans []plan.Plan, v *searchView) error {
	today := clock.Today(h.clock)
	counts := make([]int, len(plans))
	for i, p := range plans {
		_, n, err := h.store.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Query: v.Query, Limit: 1, Today: today})
		if err != nil {
			return err
		}
		counts[i] = n
		v.Total += n
	}
	v.Pages = max(1, (v.Total+searchPageSize-1)/searchPageSize)
	v.Page = min(v.Page, v.Pages)
	list, err := h.store.Agencies(ctx)
	if err != nil {
		return err
	}
	names := agencyIndex(list)
	skip, want := (v.Page-1)*searchPageSize, searchPageSize
	for i, p := range plans {
		if want == 0 {
			break
		}
		if skip >= counts[i] {
			skip -= counts[i]
			continue
		}
		tasks, _, err := h.store.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Query: v.Query, Sort: "order", Offset: skip, Limit: want, Today: today})
		if err != nil {
			return err
		}
		skip = 0
		want -= len(tasks)
		if err := h.addHits(ctx, &p, tasks, names, v); err != nil {
			return err
		}
	}
	return nil
}

// addHits turns tasks of plan p into highlighted hits.
func (h *handler) addHits(ctx context.Context, p *plan.Plan, tasks []plan.Task, names map[int64]*agency.Agency, v *searchView) error {
	if len(tasks) == 0 {
		return nil
	}
	sections, err := h.store.Sections(ctx, p.ID)
	if err != nil {
		return err
	}
	labels := make(map[int64]string, len(sections))
	for _, s := range sections {
		labels[s.ID] = s.Label
	}
	today := clock.Today(h.clock)
	for i := range tasks {
		t := &tasks[i]
		row := newTaskRow(t, names, today)
		v.Hits = append(v.Hits, searchHit{
			TaskID:   t.ID,
			PlanCode: p.Code,
			Section:  labels[t.SectionID],
			Title:    vntext.Highlight(row.Title, v.Query),
			Excerpt:  vntext.Highlight(vntext.Excerpt(t.Text, v.Query, excerptRunes), v.Query),
			Lead:     row.Lead,
			Deadline: t.Deadline,
			Status:   row.Status,
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
