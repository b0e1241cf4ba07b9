package server_test

import (
	"bytes"
	"context"
	stdcsv "encoding/csv"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/demo"
	"tiendo/internal/gen"
	"tiendo/internal/plan"
	"tiendo/internal/server"
	"tiendo/internal/store"
	"tiendo/internal/vntext"
)

// The recount test of issue 17: a task has one status today, and every
// surface that says "status" gives it. On the demo and on generated data
// (internal/gen), on several days, it reads the dashboard's counts and
// recounts the same tasks from every other surface: the API's task list
// (every item, and each status filter's total), the web task list and
// its .xlsx export, the plan page's tree and its summary, the open data
// CSV, the official report's appendix, and the ranking's task component;
// it checks, task by task, the status of search hits and of "Việc của
// tôi" against the list's.

// counts are tasks per status code.
type counts map[plan.Status]int

func (c counts) String() string {
	var parts []string
	for _, s := range plan.Statuses {
		if c[s] != 0 {
			parts = append(parts, fmt.Sprintf("%s %d", s, c[s]))
		}
	}
	return strings.Join(parts, ", ")
}

// same reports whether a and b count the same (zeros and missing alike).
func same(a, b counts) bool {
	for _, s := range plan.Statuses {
		if a[s] != b[s] {
			return false
		}
	}
	return true
}

// recountSite is the whole application over st on one day, with a
// leader's API token and web session.
type recountSite struct {
	t      *testing.T
	h      http.Handler
	token  string
	cookie string
	day    time.Time
}

func newRecountSite(t *testing.T, st *store.Store, leader *auth.User, day time.Time) *recountSite {
	t.Helper()
	ctx := context.Background()
	noon := day.Add(5 * time.Hour) // midday in Vietnam
	h, err := server.New(server.Config{Store: st, Clock: clock.Fixed(noon)})
	if err != nil {
		t.Fatal(err)
	}
	s := &recountSite{t: t, h: h, day: day}
	tok, hash := auth.NewToken()
	if err := st.CreateToken(ctx, 0, leader.ID, hash, "recount", time.Time{}); err != nil {
		t.Fatal(err)
	}
	s.token = tok
	c, ch := auth.NewToken()
	if err := st.CreateSession(ctx, ch, leader.ID, noon.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	s.cookie = c
	return s
}

// get fetches path (API paths with the token, others with the session)
// and fails on a status other than 200.
func (s *recountSite) get(path string) []byte {
	s.t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if strings.HasPrefix(path, "/api/") {
		req.Header.Set("Authorization", "Bearer "+s.token)
	} else if !strings.HasPrefix(path, "/open/") {
		req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: s.cookie})
	}
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		s.t.Fatalf("GET %s: %d %.300s", path, rec.Code, rec.Body)
	}
	return rec.Body.Bytes()
}

func (s *recountSite) json(path string, v any) {
	s.t.Helper()
	if err := json.Unmarshal(s.get(path), v); err != nil {
		s.t.Fatalf("GET %s: %v", path, err)
	}
}

// apiTask is a task of the API's list, with what the recount reads.
type apiTask struct {
	ID              int64       `json:"id"`
	Status          plan.Status `json:"status"`
	LeadAgencyID    *int64      `json:"lead_agency_id"`
	DueDate         *string     `json:"due_date"`
	OriginalDueDate *string     `json:"original_due_date"`
	CompletedOn     *string     `json:"completed_on"`
	DeadlineKind    *string     `json:"deadline_kind"`
	StatusPeriod    *string     `json:"status_period"`
}

// recount checks every surface of plan planID against the dashboard on
// the site's day; it returns the dashboard's counts.
func (s *recountSite) recount(planID int64) counts {
	t := s.t
	t.Helper()
	var dash struct {
		Period       struct{ Label string }
		StatusCounts counts `json:"status_counts"`
		Total        int
	}
	s.json(fmt.Sprintf("/api/v1/plans/%d/dashboard", planID), &dash)
	want := dash.StatusCounts
	check := func(surface string, got counts) {
		t.Helper()
		if !same(got, want) {
			t.Errorf("%s: %v; dashboard (%s): %v", surface, got, dash.Period.Label, want)
		}
	}

	// The API's list, every item, and each status filter's total.
	var list struct {
		Items []apiTask
		Total int
	}
	s.json(fmt.Sprintf("/api/v1/plans/%d/tasks?limit=500", planID), &list)
	if list.Total > 500 {
		t.Fatalf("plan of %d tasks: the recount reads one page of 500", list.Total)
	}
	byID := map[int64]apiTask{}
	listed := counts{}
	for _, it := range list.Items {
		listed[it.Status]++
		byID[it.ID] = it
		perPeriod := it.DeadlineKind != nil && (*it.DeadlineKind == "recurring" || *it.DeadlineKind == "continuous")
		if perPeriod != (it.StatusPeriod != nil) || perPeriod && *it.StatusPeriod != dash.Period.Label {
			t.Errorf("task %d (%v): status_period %v, dashboard's period %s", it.ID, it.DeadlineKind, it.StatusPeriod, dash.Period.Label)
		}
	}
	check("API task list", listed)
	filtered := counts{}
	for _, st := range plan.Statuses {
		var page struct{ Total int }
		s.json(fmt.Sprintf("/api/v1/plans/%d/tasks?status=%s&sort=due&limit=1", planID, st), &page)
		filtered[st] = page.Total
	}
	check("API status filters' totals", filtered)
	var open struct{ Total int }
	s.json(fmt.Sprintf("/api/v1/plans/%d/tasks?status=open&sort=due&limit=50", planID), &open)
	if n := want.open(); open.Total != n {
		t.Errorf("API status=open: total %d; dashboard: %d not done", open.Total, n)
	}

	// The web: the task list behind the dashboard's numbers, its .xlsx,
	// the plan page's tree and summary.
	check("web task list", countAttr(t, s.get(fmt.Sprintf("/plans/%d/tasks", planID)), "tr", "data-status"))
	check("web task list .xlsx", xlsxColumn(t, s.get(fmt.Sprintf("/plans/%d/tasks.xlsx", planID)), "Mã tình trạng"))
	page := s.get(fmt.Sprintf("/plans/%d", planID))
	check("plan page tree", countAttr(t, page, "li", "data-status"))
	summary := counts{}
	for _, n := range elements(t, page, "li", "data-count") {
		c, _ := strconv.Atoi(attr(n, "data-count"))
		summary[plan.Status(attr(n, "data-summary"))] += c
	}
	check("plan page summary", summary)

	// Open data and the official report's appendix.
	check("open data CSV", csvColumn(t, s.get(fmt.Sprintf("/open/plans/%d/tasks.csv", planID)), "status"))
	check("official report appendix", xlsxColumn(t, s.get(fmt.Sprintf("/plans/%d/official-report.xlsx", planID)), "Tình trạng"))

	// Search hits, task by task.
	var hits int
	for _, n := range elements(t, s.get(fmt.Sprintf("/search?q=va&plan=%d", planID)), "li", "data-task") {
		id, _ := strconv.ParseInt(attr(n, "data-task"), 10, 64)
		if got := plan.Status(attr(n, "data-status")); got != byID[id].Status {
			t.Errorf("search hit %d: %s; list %s", id, got, byID[id].Status)
		}
		hits++
	}
	if hits == 0 {
		t.Error("search found nothing to compare")
	}

	s.checkRanking(planID, list.Items)
	return want
}

// open is how many tasks are not done.
func (c counts) open() int {
	n := 0
	for st, v := range c {
		if st.Open() {
			n += v
		}
	}
	return n
}

// checkRanking recounts the ranking's task component of the current year
// from the list: for each agency, the tasks it leads whose original due
// day falls in the year and has passed (not cancelled), and of those the
// ones done on time — by the list's status where the deadline was never
// extended.
func (s *recountSite) checkRanking(planID int64, tasks []apiTask) {
	t := s.t
	t.Helper()
	year := s.day.Year()
	var rk struct {
		Items []struct {
			AgencyID    int64                      `json:"agency_id"`
			TasksOnTime struct{ Num, Den float64 } `json:"tasks_on_time"`
		}
	}
	s.json(fmt.Sprintf("/api/v1/plans/%d/ranking?year=%d", planID, year), &rk)
	type nd struct{ num, den float64 }
	want := map[int64]nd{}
	day := s.day.Format(time.DateOnly)
	for _, it := range tasks {
		due := it.OriginalDueDate
		if due == nil {
			due = it.DueDate
		}
		if due == nil || it.LeadAgencyID == nil || !strings.HasPrefix(*due, strconv.Itoa(year)) || *due > day ||
			it.Status == plan.StatusCancelled {
			continue
		}
		c := want[*it.LeadAgencyID]
		c.den++
		extended := it.DueDate == nil || *it.DueDate != *due
		if !extended && it.Status == plan.StatusDoneOnTime || extended && it.CompletedOn != nil && *it.CompletedOn <= *due {
			c.num++
		}
		want[*it.LeadAgencyID] = c
	}
	got := map[int64]nd{}
	for _, r := range rk.Items {
		if r.TasksOnTime.Den > 0 {
			got[r.AgencyID] = nd{r.TasksOnTime.Num, r.TasksOnTime.Den}
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("ranking %d, tasks on time by agency: %v; recounted from the list: %v", year, got, want)
	}
}

// checkAgencyWork checks "Việc của tôi" of an agency's head (GET /me/due)
// against the list: its tasks overdue or due soon are exactly the tasks it
// leads or cooperates on that the list calls so.
func checkAgencyWork(t *testing.T, st *store.Store, h http.Handler, planID, agencyID int64, day time.Time, byID map[int64]apiTask) {
	t.Helper()
	ctx := context.Background()
	u := auth.User{Username: fmt.Sprintf("recount-head-%d-%d", agencyID, day.Unix()), FullName: "Lãnh đạo", Role: auth.RoleHead, AgencyID: agencyID}
	if err := st.CreateUser(ctx, 0, &u, "x"); err != nil {
		t.Fatal(err)
	}
	tok, hash := auth.NewToken()
	if err := st.CreateToken(ctx, 0, u.ID, hash, "recount", time.Time{}); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", fmt.Sprintf("/api/v1/me/due?plan=%d", planID), nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("me/due: %d %s", rec.Code, rec.Body)
	}
	var me struct {
		Tasks []struct {
			TaskID int64       `json:"task_id"`
			Status plan.Status `json:"status"`
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &me); err != nil {
		t.Fatal(err)
	}
	for _, a := range me.Tasks {
		if byID[a.TaskID].Status != a.Status {
			t.Errorf("Việc của tôi of agency %d: task %d %s; list %s", agencyID, a.TaskID, a.Status, byID[a.TaskID].Status)
		}
	}
}

// elements lists the elements named tag with attribute key.
func elements(t *testing.T, page []byte, tag, key string) []*html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []*html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == tag && hasAttr(n, key) {
			out = append(out, n)
		}
	}
	return out
}

func hasAttr(n *html.Node, key string) bool {
	return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == key })
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// countAttr counts the elements named tag by their status attribute key.
func countAttr(t *testing.T, page []byte, tag, key string) counts {
	t.Helper()
	c := counts{}
	for _, n := range elements(t, page, tag, key) {
		c[plan.Status(attr(n, key))]++
	}
	return c
}

// byLabel maps a status's Vietnamese name, and its code, to it.
var byLabel = func() map[string]plan.Status {
	m := map[string]plan.Status{}
	for _, s := range plan.Statuses {
		m[vntext.Fold(s.Label())] = s
		m[string(s)] = s
	}
	return m
}()

// xlsxColumn counts the statuses in the column headed header (matched
// without diacritics and case) of the first sheet that has one: the rows
// below the header whose cell there names a status.
func xlsxColumn(t *testing.T, body []byte, header string) counts {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			col := slices.IndexFunc(row, func(c string) bool { return vntext.Fold(strings.TrimSpace(c)) == vntext.Fold(header) })
			if col < 0 {
				continue
			}
			c := counts{}
			for _, r := range rows[i+1:] {
				if col < len(r) {
					if st, ok := byLabel[vntext.Fold(strings.TrimSpace(r[col]))]; ok {
						c[st]++
					}
				}
			}
			return c
		}
	}
	t.Fatalf("no sheet with a column %q", header)
	return nil
}

// csvColumn counts the status codes in the column named name.
func csvColumn(t *testing.T, body []byte, name string) counts {
	t.Helper()
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	recs, err := stdcsv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(recs[0], name)
	if col < 0 {
		t.Fatalf("CSV has no column %q: %v", name, recs[0])
	}
	c := counts{}
	for _, r := range recs[1:] {
		c[plan.Status(r[col])]++
	}
	return c
}

// recountUser is the provincial leader the recount reads as.
func recountUser(t *testing.T, st *store.Store) *auth.User {
	t.Helper()
	u := &auth.User{Username: "recount", FullName: "Lãnh đạo tỉnh", Role: auth.RoleLeader}
	if err := st.CreateUser(context.Background(), 0, u, "x"); err != nil {
		t.Fatal(err)
	}
	return u
}

// recountDays checks plan planID on each day of days (the data as of the
// first), and "Việc của tôi" of each agency leading a task.
func recountDays(t *testing.T, st *store.Store, planID int64, days []time.Time) {
	t.Helper()
	leader := recountUser(t, st)
	for _, day := range days {
		t.Run(day.Format(time.DateOnly), func(t *testing.T) {
			s := newRecountSite(t, st, leader, day)
			c := s.recount(planID)
			var list struct{ Items []apiTask }
			s.json(fmt.Sprintf("/api/v1/plans/%d/tasks?limit=500", planID), &list)
			byID := map[int64]apiTask{}
			leads := map[int64]bool{}
			for _, it := range list.Items {
				byID[it.ID] = it
				if it.LeadAgencyID != nil {
					leads[*it.LeadAgencyID] = true
				}
			}
			for _, a := range slices.Sorted(maps.Keys(leads))[:min(len(leads), 4)] {
				checkAgencyWork(t, st, s.h, planID, a, day, byID)
			}
			t.Logf("%s: %v", day.Format("02/01/2006"), c)
		})
	}
}

func openRecountStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "recount.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestRecountDemo: the demo as served with --clock on several days (the
// issue's 05/06/2026 among them), each checked on its day and on days
// after it — before and after the quarter's report due day, and in the
// next quarter.
func TestRecountDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("recount on the demo skipped in -short mode")
	}
	for _, start := range []time.Time{plan.Date(2026, 6, 5), plan.Date(2025, 11, 25), plan.Date(2026, 12, 4)} {
		t.Run(start.Format(time.DateOnly), func(t *testing.T) {
			ctx := context.Background()
			st := openRecountStore(t)
			res, err := demo.Load(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := demo.LoadReports(ctx, st, res.PlanID, start); err != nil {
				t.Fatal(err)
			}
			recountDays(t, st, res.PlanID, []time.Time{start, start.AddDate(0, 0, 8), start.AddDate(0, 0, 40)})
		})
	}
}

// TestRecountGenerated: one generated province (every deadline form,
// reports in every state, claims of every kind), checked on its day and
// after.
func TestRecountGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("recount on generated data skipped in -short mode")
	}
	for _, c := range []struct {
		seed uint64
		day  time.Time
	}{{1, plan.Date(2026, 6, 5)}, {7, plan.Date(2026, 9, 16)}} {
		t.Run(fmt.Sprintf("seed %d", c.seed), func(t *testing.T) {
			ctx := context.Background()
			st := openRecountStore(t)
			if _, err := gen.Run(ctx, st, gen.Config{Provinces: 1, Agencies: 40, Tasks: 300, Quarters: 8, Seed: c.seed,
				Today: c.day, Password: "mật khẩu đủ dài cho dữ liệu sinh 2026"}); err != nil {
				t.Fatal(err)
			}
			plans, err := st.Plans(ctx)
			if err != nil || len(plans) != 1 {
				t.Fatalf("%d plans (%v)", len(plans), err)
			}
			recountDays(t, st, plans[0].ID, []time.Time{c.day, c.day.AddDate(0, 0, 10), c.day.AddDate(0, 0, 35)})
		})
	}
}
