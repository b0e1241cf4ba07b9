package web_test

import (
	"bytes"
	stdcsv "encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// dashboardScenarios reach every dashboard route as allowed and forbidden
// roles. They run on the plain test app (TestScenarios).
func dashboardScenarios() []scenario {
	isFile := func(ctype string) func(t *testing.T, a *app, r *response) {
		return func(t *testing.T, a *app, r *response) {
			if !strings.HasPrefix(r.header.Get("Content-Type"), ctype) || !strings.Contains(r.header.Get("Content-Disposition"), "attachment") {
				t.Errorf("download: %q %q", r.header.Get("Content-Type"), r.header.Get("Content-Disposition"))
			}
		}
	}
	return []scenario{
		{name: "dashboard", role: "leader", method: "GET", path: "/plans/{plan}/dashboard", status: 200,
			sel: []string{"svg.chart-svg rect.seg-overdue", "#status details.data-table table", "#groups table.groups-table", "#agencies a.agency-link[href*=/plans/{plan}/dashboard/agency/{khcn}]",
				"a.drill[data-status=overdue][data-count=1]", "nav a.nav-dashboard[aria-current=page]", "a.dl-xlsx[href*=/plans/{plan}/dashboard.xlsx]"},
			none: []string{"[style]", "script:not([src])"},
			text: map[string]string{"#status dd.total": "25", "#overdue .days": "63 ngày"}},
		{name: "dashboard for an agency's officer", role: "officer", method: "GET", path: "/plans/{plan}/dashboard?asof=01/09/2025", status: 200, sel: []string{"#status .status-tiles"}},
		{name: "national rollup", role: "leader", method: "GET", path: "/dashboard", status: 200,
			sel:  []string{"table.national-table tr[data-plan={plan}] a[href=/plans/{plan}/dashboard]", "nav a[href=/dashboard][aria-current=page]", "tfoot tr.national-total"},
			text: map[string]string{"dd.overdue": "1"}},
		{name: "national rollup on a day", role: "officer", method: "GET", path: "/dashboard?asof=2025-09-01", status: 200,
			sel: []string{"tr[data-plan={plan}] a[href=/plans/{plan}/dashboard?asof=2025-09-01]"}},
		{name: "national rollup bad day", role: "leader", method: "GET", path: "/dashboard?asof=hom-qua", status: 404},
		{name: "national rollup anon", role: "anon", method: "GET", path: "/dashboard", status: 303, loc: toLogin},
		{name: "dashboard anon", role: "anon", method: "GET", path: "/plans/{plan}/dashboard", status: 303, loc: toLogin},
		{name: "dashboard unknown period", role: "leader", method: "GET", path: "/plans/{plan}/dashboard?period=999999", status: 404},
		{name: "dashboard bad day", role: "leader", method: "GET", path: "/plans/{plan}/dashboard?asof=hom-qua", status: 404},
		{name: "dashboard unknown plan", role: "leader", method: "GET", path: "/plans/999999/dashboard", status: 404},
		{name: "plan page links the dashboard", role: "leader", method: "GET", path: "/plans/{plan}", status: 200, sel: []string{"a.dashboard-link[href=/plans/{plan}/dashboard]", "nav a.nav-dashboard"}},

		{name: "agency page for leader", role: "leader", method: "GET", path: "/plans/{plan}/dashboard/agency/{khcn}", status: 200,
			sel: []string{"svg.chart-svg", "table.agency-status-table a.drill[data-status=overdue][data-count=1]", "table.history-table"}, text: map[string]string{"h1": "Sở Khoa học và Công nghệ"}},
		{name: "agency page own agency", role: "head", method: "GET", path: "/plans/{plan}/dashboard/agency/{tc}", status: 200, text: map[string]string{"h1": "Sở Tài chính"}},
		{name: "agency page own agency officer", role: "officer", method: "GET", path: "/plans/{plan}/dashboard/agency/{tc}", status: 200},
		{name: "agency page other agency head", role: "head", method: "GET", path: "/plans/{plan}/dashboard/agency/{khcn}", status: 403, sel: []string{msgForbidden}},
		{name: "agency page other agency officer", role: "officer", method: "GET", path: "/plans/{plan}/dashboard/agency/{nv}", status: 403},
		{name: "agency page coordinator", role: "coordinator", method: "GET", path: "/plans/{plan}/dashboard/agency/{nv}", status: 200},
		{name: "agency page unknown", role: "leader", method: "GET", path: "/plans/{plan}/dashboard/agency/999999", status: 404},
		{name: "agency page anon", role: "anon", method: "GET", path: "/plans/{plan}/dashboard/agency/{tc}", status: 303, loc: toLogin},

		{name: "task list overdue", role: "leader", method: "GET", path: "/plans/{plan}/tasks?status=overdue", status: 200,
			count: map[string]int{"table.tasks tbody tr[data-status=overdue]": 1, "table.tasks tbody tr": 1}, text: map[string]string{".task-total": "1"},
			sel: []string{"a.dl-xlsx[href*=status=overdue]", "a.dl-csv[href*=status=overdue]"}},
		{name: "task list by group", role: "head", method: "GET", path: "/plans/{plan}/tasks?section={group2}", status: 200, count: map[string]int{"table.tasks tbody tr": 24}},
		{name: "task list by agency", role: "officer", method: "GET", path: "/plans/{plan}/tasks?agency={khcn}", status: 200, count: map[string]int{"table.tasks tbody tr": 1}},
		{name: "task list without lead", role: "leader", method: "GET", path: "/plans/{plan}/tasks?agency=none", status: 200, count: map[string]int{"table.tasks tbody tr": 23}},
		{name: "task list bad status", role: "leader", method: "GET", path: "/plans/{plan}/tasks?status=xyz", status: 404},
		{name: "task list unknown agency", role: "leader", method: "GET", path: "/plans/{plan}/tasks?agency=999999", status: 404},
		{name: "task list anon", role: "anon", method: "GET", path: "/plans/{plan}/tasks", status: 303, loc: toLogin},
		{name: "tasks xlsx", role: "officer", method: "GET", path: "/plans/{plan}/tasks.xlsx?status=overdue", status: 200, then: isFile("application/vnd.openxmlformats")},
		{name: "tasks csv", role: "leader", method: "GET", path: "/plans/{plan}/tasks.csv?section={group2}", status: 200, then: isFile("text/csv")},
		{name: "tasks csv anon", role: "anon", method: "GET", path: "/plans/{plan}/tasks.csv", status: 303, loc: toLogin},
		{name: "dashboard xlsx", role: "head", method: "GET", path: "/plans/{plan}/dashboard.xlsx", status: 200, then: isFile("application/vnd.openxmlformats")},
		{name: "dashboard xlsx anon", role: "anon", method: "GET", path: "/plans/{plan}/dashboard.xlsx", status: 303, loc: toLogin},
		{name: "dashboard csv", role: "leader", method: "GET", path: "/plans/{plan}/dashboard.csv?table=agencies", status: 200, then: isFile("text/csv")},
		{name: "dashboard csv unknown table", role: "leader", method: "GET", path: "/plans/{plan}/dashboard.csv?table=abc", status: 404},
	}
}

// drills follows every number of a page that links to tasks and checks
// that the list behind it has exactly that many tasks, of that status.
func drills(t *testing.T, c *client, path string) int {
	t.Helper()
	d := c.get(path).doc()
	links := d.all("a.drill")
	if len(links) == 0 {
		t.Fatalf("%s: no drill-down links", path)
	}
	lists := map[string]*doc{}
	for _, n := range links {
		href := attr(n, "href")
		want, err := strconv.Atoi(attr(n, "data-count"))
		if err != nil {
			t.Fatalf("%s: data-count %q", href, attr(n, "data-count"))
		}
		if got := strings.ReplaceAll(strings.Fields(textOf(n))[0], ".", ""); got != strconv.Itoa(want) {
			t.Errorf("%s: link text %q, data-count %d", href, textOf(n), want)
		}
		ld := lists[href]
		if ld == nil {
			r := c.get(href)
			if r.status != 200 {
				t.Fatalf("GET %s: %d", href, r.status)
			}
			ld = r.doc()
			lists[href] = ld
		}
		if got := ld.count("table.tasks tbody tr"); got != want {
			t.Errorf("%s: %d tasks listed, the number says %d", href, got, want)
		}
		if st := attr(n, "data-status"); st != "" {
			if got := ld.count("table.tasks tbody tr[data-status=" + st + "]"); got != want {
				t.Errorf("%s: %d tasks of status %s, want %d", href, got, st, want)
			}
		}
	}
	return len(links)
}

// TestDashboardDrillDown: every number of the dashboard, of an agency's
// page and of a past period equals the length of the list it links to —
// with accepted reports, a continuous task and an indicator (the reporting
// app), and on the plain app.
func TestDashboardDrillDown(t *testing.T) {
	for _, a := range []*app{newApp(t), newReportingApp(t)} {
		c := a.as("leader")
		n := drills(t, c, a.expand("/plans/{plan}/dashboard"))
		n += drills(t, c, a.expand("/plans/{plan}/dashboard/agency/{tc}"))
		n += drills(t, c, a.expand("/plans/{plan}/dashboard?asof=2025-07-15"))
		if n < 50 {
			t.Errorf("only %d drill-down links checked", n)
		}
		if log := a.logText(); strings.Contains(log, "level=ERROR") {
			t.Errorf("server logged errors:\n%s", log)
		}
	}
}

// TestDashboardExports: the workbook holds the numbers the page shows, and
// the CSV downloads parse with Vietnamese headers and one row per task.
func TestDashboardExports(t *testing.T) {
	a := newReportingApp(t)
	c := a.as("leader")
	page := c.get(a.expand("/plans/{plan}/dashboard")).doc()
	shown := map[string]string{}
	for _, n := range page.all("#status .status-tiles a.drill") {
		shown[attr(n, "data-status")] = attr(n, "data-count")
	}

	r := c.get(a.expand("/plans/{plan}/dashboard.xlsx"))
	f, err := excelize.OpenReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatalf("dashboard.xlsx: %v", err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Tình trạng", "Nhóm nhiệm vụ", "Cơ quan", "Chỉ tiêu", "Quá hạn"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	rows, err := f.GetRows("Tình trạng", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, row := range rows {
		if len(row) >= 3 && shown[row[1]] != "" {
			found++
			if row[2] != shown[row[1]] {
				t.Errorf("xlsx %s = %s, page shows %s", row[1], row[2], shown[row[1]])
			}
		}
	}
	if found != len(shown) || found == 0 {
		t.Errorf("xlsx has %d of the %d statuses", found, len(shown))
	}
	over, _ := f.GetRows("Quá hạn")
	if want := page.count("#overdue table.overdue-table tbody tr"); len(over)-2 != want {
		t.Errorf("overdue sheet has %d rows, page %d", len(over)-2, want)
	}

	// Task list CSV: BOM, Vietnamese headers, dd/mm/yyyy, one row per task listed.
	list := c.get(a.expand("/plans/{plan}/tasks?section={group2}")).doc().count("table.tasks tbody tr")
	r = c.get(a.expand("/plans/{plan}/tasks.csv?section={group2}"))
	if !strings.HasPrefix(r.body, "\uFEFF") {
		t.Error("tasks.csv has no BOM")
	}
	recs, err := stdcsv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatalf("tasks.csv: %v", err)
	}
	if recs[0][3] != "Nhiệm vụ" || recs[0][7] != "Tình trạng" {
		t.Errorf("csv header %v", recs[0])
	}
	if len(recs)-1 != list {
		t.Errorf("csv has %d tasks, list %d", len(recs)-1, list)
	}
	r = c.get(a.expand("/plans/{plan}/tasks.csv?status=overdue"))
	if !strings.Contains(r.body, "30/06/2025") {
		t.Errorf("csv due date not dd/mm/yyyy:\n%s", r.body)
	}
	// Task list workbook.
	r = c.get(a.expand("/plans/{plan}/tasks.xlsx?section={group2}"))
	tf, err := excelize.OpenReader(bytes.NewReader([]byte(r.body)))
	if err != nil {
		t.Fatalf("tasks.xlsx: %v", err)
	}
	defer tf.Close()
	trows, _ := tf.GetRows("Nhiệm vụ")
	if len(trows)-2 != list {
		t.Errorf("xlsx has %d task rows, list %d", len(trows)-2, list)
	}
	// Each dashboard table as CSV.
	for _, name := range []string{"status", "groups", "agencies", "indicators", "overdue"} {
		r := c.get(a.expand("/plans/{plan}/dashboard.csv?table=" + name))
		if _, err := stdcsv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\uFEFF"))).ReadAll(); err != nil || r.status != 200 {
			t.Errorf("dashboard.csv?table=%s: %d %v", name, r.status, err)
		}
	}
}

// TestBrowserDashboard opens the dashboard on a phone, clicks the overdue
// count and finds exactly that many tasks listed.
func TestBrowserDashboard(t *testing.T) {
	a := newReportingApp(t)
	b := newBrowser(t, a)
	b.signIn("lanhdaotinh")
	b.do("open dashboard", chromedp.Navigate(a.srv.URL+a.expand("/plans/{plan}/dashboard")), chromedp.WaitVisible(chromedp.CSS("svg.chart-svg")))
	for _, st := range []string{"overdue", "due_soon", "not_started"} {
		b.do("open dashboard", chromedp.Navigate(a.srv.URL+a.expand("/plans/{plan}/dashboard")), chromedp.WaitVisible(chromedp.CSS(".status-tiles")))
		want, err := strconv.Atoi(b.text(".status-tiles a.drill[data-status=" + st + "] .tile-n"))
		if err != nil {
			t.Fatal(err)
		}
		b.clickThrough(".status-tiles a.drill[data-status="+st+"]", ".task-total")
		if got := b.count("table.tasks tbody tr"); got != want {
			t.Errorf("%s: clicked %d, listed %d", st, want, got)
		}
		if got := b.count("table.tasks tbody tr[data-status=" + st + "]"); got != want {
			t.Errorf("%s: %d rows of that status, want %d", st, got, want)
		}
	}
}

// TestDashboardReportDrill: the completeness and on-time numbers link to
// the period's reports, and that list holds exactly the expected reports,
// of which the received ones are submitted or accepted.
func TestDashboardReportDrill(t *testing.T) {
	a := newReportingApp(t)
	c := a.as("coordinator")
	d := c.get(a.expand("/plans/{plan}/dashboard")).doc()
	links := d.all("a.drill-reports")
	if len(links) != 2 {
		t.Fatalf("%d report drill-down links, want 2", len(links))
	}
	var received, expected int
	if _, err := fmt.Sscanf(textOf(links[0]), "(%d/%d)", &received, &expected); err != nil {
		t.Fatalf("completeness link %q: %v", textOf(links[0]), err)
	}
	if expected == 0 {
		t.Fatal("the fixture's period expects no report: nothing to check")
	}
	list := c.get(attr(links[0], "href")).doc()
	if got := list.count("tr[data-report]"); got != expected {
		t.Errorf("%d reports listed, the dashboard expects %d", got, expected)
	}
	got := list.count("tr[data-state=submitted]") + list.count("tr[data-state=accepted]")
	if got != received {
		t.Errorf("%d reports submitted or accepted in the list, the dashboard counts %d received", got, received)
	}
}
