package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/demo"
	"tiendo/internal/plan"
	"tiendo/internal/server"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
	"tiendo/internal/web"
)

// The crawl signs in as each role over the demo data (the province, the
// reference plan, two quarters of sample reports), opens every page the
// route table lets that role reach, with real IDs, at a phone's width and
// a desktop's, and checks two things on each: the page does not scroll
// sideways (document scrollWidth ≤ the window), and axe-core finds no
// critical or serious violation of WCAG 2.1 A/AA. axe-core is vendored in
// testdata/axe (its README says which version and how to update it).

// crawlWidths are the windows every page is checked at: a phone and a
// common office screen.
var crawlWidths = []int64{390, 1366}

// crawlDay is the demo's day: the third quarter of 2026 is open, the
// second is due and mostly reported.
var crawlDay = time.Date(2026, 9, 1, 10, 0, 0, 0, clock.Local)

// axeSource is axe-core, vendored for the accessibility checks
// (testdata/axe/README.md); the public dashboard's test in internal/server
// reads the same file.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// demoSite is the application over the demo data, with the IDs the route
// table's placeholders take and a signed-in session per role.
type demoSite struct {
	t     *testing.T
	store *store.Store
	srv   *httptest.Server
	ids   map[string]string
	users map[auth.Role]*auth.User
}

func newDemoSite(t *testing.T) *demoSite {
	t.Helper()
	ctx := context.Background()
	s := dbtest.Default(t).Open(t)
	res, err := demo.Load(ctx, s)
	if err != nil {
		t.Fatalf("demo: %v", err)
	}
	if _, err := demo.LoadReports(ctx, s, res.PlanID, clock.DateOf(crawlDay)); err != nil {
		t.Fatalf("demo reports: %v", err)
	}
	h, err := server.New(server.Config{Store: s, Clock: clock.Fixed(crawlDay), TwoFactorRoles: []auth.Role{},
		Log: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatal(err)
	}
	d := &demoSite{t: t, store: s, srv: httptest.NewServer(h), ids: map[string]string{}, users: map[auth.Role]*auth.User{}}
	t.Cleanup(d.srv.Close)
	for _, acc := range res.Accounts {
		u, _, err := s.UserByName(ctx, acc.Username)
		if err != nil {
			t.Fatal(err)
		}
		d.users[u.Role] = u
	}
	head := d.users[auth.RoleHead]
	period, err := s.PeriodAt(ctx, res.PlanID, crawlDay)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.ReportFor(ctx, period.ID, head.AgencyID)
	if err != nil {
		t.Fatal(err)
	}
	tasks, _, err := s.Tasks(ctx, plan.TaskFilter{PlanID: res.PlanID, AgencyID: head.AgencyID, Limit: 1})
	if err != nil || len(tasks) == 0 {
		t.Fatalf("demo tasks: %v", err)
	}
	d.ids["plan"], d.ids["task"], d.ids["report"] = ids(res.PlanID), ids(tasks[0].ID), ids(rep.ID)
	d.ids["period"], d.ids["agency"], d.ids["user"] = ids(period.ID), ids(head.AgencyID), ids(d.users[auth.RoleOfficer].ID)
	return d
}

// testWriter sends the server's warnings to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

var crawlParam = regexp.MustCompile(`\{[a-z$]+\}`)

// path puts the demo's IDs into a route pattern's path.
func (d *demoSite) path(pattern string) string {
	r := strings.NewReplacer("/plans/{id}", "/plans/"+d.ids["plan"], "/tasks/{id}", "/tasks/"+d.ids["task"],
		"/reports/{id}", "/reports/"+d.ids["report"], "/periods/{id}", "/periods/"+d.ids["period"],
		"{agency}", d.ids["agency"], "/agencies/{id}", "/agencies/"+d.ids["agency"], "/users/{id}", "/users/"+d.ids["user"],
		"{$}", "")
	return crawlParam.ReplaceAllString(r.Replace(pattern), "1")
}

// session signs u in by a session made in the store (the sign-in form
// has its own tests); "" for nobody.
func (d *demoSite) session(u *auth.User) string {
	if u == nil {
		return ""
	}
	token, hash := auth.NewToken()
	if err := d.store.CreateSession(context.Background(), hash, u.ID, time.Now().Add(2*time.Hour)); err != nil {
		d.t.Fatal(err)
	}
	return token
}

// isPage reports whether path answers an HTML page for the session (not a
// download or a redirect elsewhere), and its status.
func (d *demoSite) isPage(path, token string) (bool, int) {
	req, _ := http.NewRequest("GET", d.srv.URL+path, nil)
	if token != "" {
		req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: token})
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	res.Body.Close()
	return strings.HasPrefix(res.Header.Get("Content-Type"), "text/html"), res.StatusCode
}

// setSession replaces the browser's cookies with a session cookie for
// token ("": none).
func setSession(url, token string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, t, network.ClearBrowserCookies, cdp.Empty{}); err != nil || token == "" {
			return chromedp.Void{}, err
		}
		_, err := cdp.Call(ctx, t, network.SetCookie, network.SetCookieParams{Name: auth.SessionCookie, Value: token, URL: url})
		return chromedp.Void{}, err
	}
}

// crawlSkipped are route patterns the crawl does not open: files and
// downloads, and steps that only redirect to another site.
func crawlSkipped(pattern string) bool {
	for _, s := range []string{"/static/", ".xlsx", ".csv", ".docx", "/files/", "/login/oidc"} {
		if strings.Contains(pattern, s) {
			return true
		}
	}
	return false
}

// axeViolation is what the crawl keeps of one of axe-core's violations.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// runAxe checks the page in ctx with axe-core (WCAG 2.0/2.1 A and AA
// rules) and returns its critical and serious violations.
func runAxe(ctx context.Context, src string) ([]axeViolation, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](src+";true")); err != nil {
		return nil, fmt.Errorf("load axe: %w", err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
		resultTypes: ["violations"]
	}).then(function (r) {
		return JSON.stringify(r.violations.filter(function (v) {
			return v.impact === "critical" || v.impact === "serious";
		}).map(function (v) {
			return {id: v.id, impact: v.impact, help: v.help,
				targets: v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); })};
		}));
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe: %w", err)
	}
	var v []axeViolation
	return v, json.Unmarshal([]byte(out), &v)
}

// TestBrowserCrawl is the crawl described above.
func TestBrowserCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("browser crawl skipped in -short mode")
	}
	if os.Getenv("TIENDO_TEST_BACKEND") == "postgres" {
		t.Skip("the crawl checks pages, not the database: it runs once, on SQLite")
	}
	src := axeSource(t)
	d := newDemoSite(t)
	ctx := newBrowserFor(t, nil, 20*time.Minute).ctx

	var patterns []string
	for p := range web.RoutePermissions() {
		if strings.HasPrefix(p, "GET ") && !crawlSkipped(p) {
			patterns = append(patterns, p)
		}
	}
	slices.Sort(patterns)
	visited, checked := map[string]bool{}, 0
	roles := []auth.Role{"", auth.RoleAdmin, auth.RoleCoordinator, auth.RoleHead, auth.RoleOfficer, auth.RoleLeader}
	for _, role := range roles {
		u := d.users[role]
		if role != "" && u == nil {
			t.Fatalf("the demo has no %s", role)
		}
		token := d.session(u)
		if err := chromedp.Do(ctx, setSession(d.srv.URL, token)); err != nil {
			t.Fatal(err)
		}
		pages := []string{"/khong-co-trang-nay"} // the not-found page
		for _, p := range patterns {
			perm := web.RoutePermissions()[p]
			if u == nil && perm != auth.Public || u != nil && (perm == auth.Public || !auth.Can(u, perm)) {
				continue
			}
			pages = append(pages, strings.TrimPrefix(p, "GET "))
		}
		who := string(role)
		if who == "" {
			who = "anon"
		}
		for _, pattern := range pages {
			path := d.path(pattern)
			if ok, _ := d.isPage(path, token); !ok {
				continue
			}
			visited[pattern] = true
			checked++
			for _, w := range crawlWidths {
				d.checkPage(ctx, t, src, who, path, w)
			}
		}
	}
	t.Logf("checked %d pages (role × route) at %d widths", checked, len(crawlWidths))
	for _, p := range patterns {
		if !visited[strings.TrimPrefix(p, "GET ")] && !strings.HasPrefix(p, "GET /login/2fa") {
			t.Errorf("%s: no role reached this page", p)
		}
	}
}

// checkPage opens path at width w and reports sideways scrolling and axe
// violations; with TIENDO_SCREENSHOTS set it also saves the window.
func (d *demoSite) checkPage(ctx context.Context, t *testing.T, src, who, path string, w int64) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900), chromedp.Navigate(d.srv.URL+path),
		chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatalf("%s %s at %d px: %v", who, path, w, err)
	}
	sw, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if sw > w {
		t.Errorf("%s %s at %d px: the page is %d px wide (scrolls sideways)", who, path, w, sw)
	}
	v, err := runAxe(ctx, src)
	if err != nil {
		t.Fatalf("%s %s at %d px: %v", who, path, w, err)
	}
	for _, x := range v {
		t.Errorf("%s %s at %d px: axe %s (%s): %s — %s", who, path, w, x.ID, x.Impact, x.Help, strings.Join(x.Targets, " | "))
	}
	if dir := os.Getenv("TIENDO_SCREENSHOTS"); dir != "" {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err == nil {
			name := fmt.Sprintf("crawl-%s-%s-%d.png", who, strings.Trim(strings.NewReplacer("/", "_", "?", "_").Replace(path), "_"), w)
			_ = os.WriteFile(filepath.Join(dir, name), png, 0o644)
		}
	}
}
