package opendata_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"tiendo/internal/app"
	"tiendo/internal/clock"
	"tiendo/internal/demo"
	"tiendo/internal/indicator"
	"tiendo/internal/opendata"
	"tiendo/internal/plan"
	"tiendo/internal/store"
)

// publicSite is the demo, with two quarters of reports, served as open
// data on 25/11/2026.
type publicSite struct {
	t      *testing.T
	s      *store.Store
	h      http.Handler
	app    *app.App
	planID int64
}

func newPublicSite(t *testing.T) *publicSite {
	t.Helper()
	ctx := context.Background()
	s := openStore(t)
	res, err := demo.Load(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	today := plan.Date(2026, 11, 25)
	if _, err := demo.LoadReports(ctx, s, res.PlanID, today); err != nil {
		t.Fatal(err)
	}
	a := app.New(app.Config{Store: s, Clock: clock.Fixed(today.Add(3 * 3600e9))})
	h, err := opendata.New(opendata.Config{App: a, Stylesheet: "/static/0123456789ab/app.css"})
	if err != nil {
		t.Fatal(err)
	}
	return &publicSite{t: t, s: s, h: h, app: a, planID: res.PlanID}
}

// page fetches path (200 expected) and parses it.
func (p *publicSite) page(path string) (*html.Node, string) {
	p.t.Helper()
	b, err := io.ReadAll(get(p.t, p.h, path).Body)
	if err != nil {
		p.t.Fatal(err)
	}
	n, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		p.t.Fatal(err)
	}
	return n, string(b)
}

// elements are the elements of n with tag and class (class "" for any).
func elements(n *html.Node, tag, class string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag && (class == "" || hasClass(n, class)) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func hasClass(n *html.Node, class string) bool {
	for _, f := range strings.Fields(attrOf(n, "class")) {
		if f == class {
			return true
		}
	}
	return false
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestPublicDashboard reads the transparency page as the public does:
// the plan named as people name it, in the house style, its status
// cards equal to the dashboard's figures, and every number a link to a
// public task list exactly that long — on the index and on the plan's
// page (cards, groups, agencies, the overdue count).
func TestPublicDashboard(t *testing.T) {
	p := newPublicSite(t)
	ctx := context.Background()
	ind := &indicator.Indicator{PlanID: p.planID, Code: "CT01", Name: "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình", Unit: "%",
		Direction: indicator.Increase, Aggregation: indicator.Sum, Targets: map[int]float64{2026: 80}}
	if err := p.s.CreateIndicator(ctx, 0, ind); err != nil {
		t.Fatal(err)
	}
	dash, err := p.app.PublishedDashboard(ctx, p.planID)
	if err != nil {
		t.Fatal(err)
	}

	index, body := p.page("/open/")
	if !strings.Contains(body, `<link rel="stylesheet" href="/static/0123456789ab/app.css">`) {
		t.Error("the page does not wear the UI's stylesheet")
	}
	if !strings.Contains(body, ">KH thực hiện NQ 71/NQ-CP<") || strings.Contains(body, "Kế hoạch #") || strings.Contains(body, "TRIỂN KHAI THỰC HIỆN") {
		t.Error("the plan is not named as people name it (short name, title in sentence case)")
	}
	if !strings.Contains(body, fmt.Sprintf(`href="/open/plans/%d"`, p.planID)) {
		t.Error("no link to the plan's public dashboard")
	}
	tiles := elements(index, "li", "tile")
	if len(tiles) != len(plan.Statuses) {
		t.Fatalf("%d status cards, want %d", len(tiles), len(plan.Statuses))
	}
	for _, tile := range tiles {
		a := elements(tile, "a", "drill")[0]
		st := plan.Status(attrOf(a, "data-status"))
		if n, _ := strconv.Atoi(attrOf(a, "data-count")); n != dash.Dashboard.Status[st] {
			t.Errorf("card %s shows %d, the dashboard %d", st, n, dash.Dashboard.Status[st])
		}
	}

	planPage, planBody := p.page(fmt.Sprintf("/open/plans/%d", p.planID))
	for _, id := range []string{"status", "groups", "agencies", "trend", "overdue", "indicators", "downloads"} {
		if !strings.Contains(planBody, `id="`+id+`"`) {
			t.Errorf("the plan's page has no %s section", id)
		}
	}
	if !strings.Contains(planBody, "CT01 Tỷ lệ hồ sơ xử lý trực tuyến toàn trình (%)") || !strings.Contains(planBody, "Chưa có số liệu") {
		t.Error("the indicator is not shown against its target")
	}
	for _, chart := range []string{"chart-status", "chart-groups", "chart-agencies", "chart-trend", "chart-indicators"} {
		if !strings.Contains(planBody, `<figure class="chart" id="`+chart+`"`) {
			t.Errorf("no chart %s", chart)
		}
	}
	if strings.Contains(planBody, "<svg") && strings.Contains(planBody, "<a href") && strings.Contains(between(planBody, "<svg class=\"chart-svg\"", "</svg>"), "<a ") {
		t.Error("a chart holds links: its table beside it is the drill-down")
	}

	// Every number is a link to a task list as long as the number.
	checked := map[string]int{}
	for _, doc := range []*html.Node{index, planPage} {
		for _, a := range elements(doc, "a", "drill") {
			href := attrOf(a, "href")
			want, _ := strconv.Atoi(attrOf(a, "data-count"))
			if n, ok := checked[href]; ok {
				if n != want {
					t.Errorf("%s counted %d and %d", href, n, want)
				}
				continue
			}
			list, _ := p.page(href)
			got := len(elements(list, "tr", "task"))
			if got != want {
				t.Errorf("%s: %d tasks listed, the number says %d", href, got, want)
			}
			checked[href] = got
		}
	}
	if len(checked) < 50 {
		t.Errorf("only %d drill-downs checked", len(checked))
	}
	overdue := fmt.Sprintf("/open/plans/%d/tasks?status=overdue", p.planID)
	if n, ok := checked[overdue]; !ok || n != len(dash.Dashboard.Overdue) {
		t.Errorf("the overdue list has %d tasks (checked %v), the dashboard %d", n, ok, len(dash.Dashboard.Overdue))
	}
}

// between is the text of s from start to the first end after it.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}

// TestPublicPagesNoPersonalData: no page or file of /open names a person —
// no account's name, user name or e-mail address — and none carries an
// inline script or style (the CSP would refuse it).
func TestPublicPagesNoPersonalData(t *testing.T) {
	p := newPublicSite(t)
	users, err := p.s.Users(context.Background())
	if err != nil || len(users) == 0 {
		t.Fatalf("users: %v, %v", users, err)
	}
	paths := []string{"/open/", fmt.Sprintf("/open/plans/%d", p.planID), fmt.Sprintf("/open/plans/%d/tasks", p.planID),
		fmt.Sprintf("/open/plans/%d/tasks?status=overdue", p.planID), "/open/catalog.jsonld"}
	for _, ds := range []string{"tasks", "progress-by-group", "progress-by-agency", "indicators"} {
		paths = append(paths, fmt.Sprintf("/open/plans/%d/%s.csv", p.planID, ds), fmt.Sprintf("/open/plans/%d/%s.json", p.planID, ds))
	}
	for _, path := range paths {
		_, body := p.page(path)
		for _, u := range users {
			for _, personal := range []string{u.FullName, u.Email, u.Username} {
				if personal != "" && strings.Contains(body, personal) {
					t.Errorf("%s names account %q: %q", path, u.Username, personal)
				}
			}
		}
		if strings.Contains(body, "<script") || strings.Contains(body, " style=") || strings.Contains(body, "<style") {
			t.Errorf("%s has an inline script or style", path)
		}
	}
}

// TestPublicCaching: answers may be kept for five minutes by anyone and
// carry an ETag; asking again with it costs a 304 and no body.
func TestPublicCaching(t *testing.T) {
	p := newPublicSite(t)
	for _, path := range []string{"/open/", fmt.Sprintf("/open/plans/%d", p.planID), fmt.Sprintf("/open/plans/%d/tasks.csv", p.planID), "/open/catalog.jsonld"} {
		res := get(t, p.h, path)
		etag := res.Header.Get("ETag")
		if res.Header.Get("Cache-Control") != "public, max-age=300" || etag == "" {
			t.Errorf("%s: Cache-Control %q, ETag %q", path, res.Header.Get("Cache-Control"), etag)
			continue
		}
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("If-None-Match", etag)
		p.h.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("%s with its ETag: %d, %d bytes", path, rec.Code, rec.Body.Len())
		}
	}
}

// TestPublicFilesFollowTheClock: the CSV starts with a byte-order mark,
// and dct:modified (and the JSON's modified) is the server's day as
// --clock sets it, not the day the demo's reports were written.
func TestPublicFilesFollowTheClock(t *testing.T) {
	p := newPublicSite(t)
	b, _ := io.ReadAll(get(t, p.h, fmt.Sprintf("/open/plans/%d/tasks.csv", p.planID)).Body)
	if !strings.HasPrefix(string(b), "\uFEFFtask_id,") {
		t.Errorf("CSV starts %q", string(b[:min(20, len(b))]))
	}
	var cat struct {
		Modified struct{ Value string } `json:"dct:modified"`
		Datasets []struct {
			Modified struct {
				Value string `json:"@value"`
			} `json:"dct:modified"`
			Title string `json:"dct:title"`
		} `json:"dcat:dataset"`
	}
	b, _ = io.ReadAll(get(t, p.h, "/open/catalog.jsonld").Body)
	if err := json.Unmarshal(b, &cat); err != nil {
		t.Fatal(err)
	}
	for _, ds := range cat.Datasets {
		if ds.Modified.Value != "2026-11-25" || !strings.HasSuffix(ds.Title, "KH thực hiện NQ 71/NQ-CP") {
			t.Errorf("dataset %q modified %q, want the server's day 2026-11-25", ds.Title, ds.Modified.Value)
		}
	}
	var js struct{ Modified, Plan string }
	b, _ = io.ReadAll(get(t, p.h, fmt.Sprintf("/open/plans/%d/tasks.json", p.planID)).Body)
	if err := json.Unmarshal(b, &js); err != nil || js.Modified != "2026-11-25" || js.Plan != "KH thực hiện NQ 71/NQ-CP" {
		t.Errorf("tasks.json: %+v, %v", js, err)
	}
}

// TestPublicRefusals: a filter naming nothing of the plan, or a plan not
// published, is a 404 with a Vietnamese message.
func TestPublicRefusals(t *testing.T) {
	p := newPublicSite(t)
	for _, q := range []string{"status=bogus", "section=999999", "section=x", "agency=999999", "agency=x"} {
		path := fmt.Sprintf("/open/plans/%d/tasks?%s", p.planID, q)
		rec := httptest.NewRecorder()
		p.h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "Không có dữ liệu mở này.") {
			t.Errorf("GET %s: %d %q", path, rec.Code, rec.Body.String())
		}
	}
	for _, path := range []string{"/open/plans/999", "/open/plans/999/tasks", "/open/plans/0"} {
		rec := httptest.NewRecorder()
		p.h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, rec.Code)
		}
	}
}
