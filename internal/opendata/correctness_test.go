package opendata_test

import (
	"context"
	stdcsv "encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/demo"
	"tiendo/internal/figures"
	"tiendo/internal/opendata"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// openStore opens a fresh SQLite store for one test.
func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "open.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// get fetches path from the open-data handler and fails on a status other than 200.
func get(t *testing.T, h http.Handler, path string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	return rec.Result()
}

// taskCSV is the open-data task file, parsed: one map per row, by column name.
func taskCSV(t *testing.T, h http.Handler, planID int64) []map[string]string {
	t.Helper()
	res := get(t, h, fmt.Sprintf("/open/plans/%d/tasks.csv", planID))
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, ok := strings.CutPrefix(string(b), "\uFEFF")
	if !ok {
		t.Fatal("the CSV has no UTF-8 byte-order mark: Excel would garble its Vietnamese")
	}
	recs, err := stdcsv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, name := range recs[0] {
			m[name] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// checkAgainstCSV is the correctness check of issue 4: every figure the
// dashboard gives — status counts, by group and sub-group, by lead agency —
// equals the same figure recounted from the open-data task CSV.
func checkAgainstCSV(t *testing.T, s *store.Store, planID int64, today time.Time) {
	t.Helper()
	h, err := opendata.New(opendata.Config{App: app.New(app.Config{Store: s, Clock: clock.Fixed(today.Add(3 * time.Hour))})})
	if err != nil {
		t.Fatal(err)
	}
	facts, err := s.Facts(context.Background(), planID, today)
	if err != nil {
		t.Fatal(err)
	}
	d, err := figures.Compute(facts, figures.Options{AsOf: today})
	if err != nil {
		t.Fatal(err)
	}
	rows := taskCSV(t, h, planID)
	if len(rows) != len(facts.Tasks) {
		t.Fatalf("CSV has %d tasks, plan %d", len(rows), len(facts.Tasks))
	}
	recount := func(keep func(map[string]string) bool) figures.Counts {
		c := figures.Counts{}
		for _, st := range plan.Statuses {
			c[st] = 0
		}
		for _, r := range rows {
			if keep(r) {
				st := plan.Status(r["status"])
				if !st.Valid() {
					t.Fatalf("task %s: status code %q", r["task_id"], r["status"])
				}
				c[st]++
			}
		}
		return c
	}
	all := func(map[string]string) bool { return true }
	if got := recount(all); !reflect.DeepEqual(got, d.Status) {
		t.Errorf("status counts: CSV %v, dashboard %v", got, d.Status)
	}
	groups := 0
	for _, g := range d.ByGroup {
		groups++
		if got := recount(func(r map[string]string) bool { return r["group"] == g.Label }); !reflect.DeepEqual(got, g.Status) {
			t.Errorf("group %s: CSV %v, dashboard %v", g.Label, got, g.Status)
		}
		for _, sub := range g.Subgroups {
			if got := recount(func(r map[string]string) bool { return r["subgroup"] == sub.Label }); !reflect.DeepEqual(got, sub.Status) {
				t.Errorf("sub-group %s: CSV %v, dashboard %v", sub.Label, got, sub.Status)
			}
		}
	}
	if groups == 0 {
		t.Error("no group to compare")
	}
	for _, a := range d.ByAgency {
		id := ""
		if a.AgencyID != 0 {
			id = strconv.FormatInt(a.AgencyID, 10)
		}
		if got := recount(func(r map[string]string) bool { return r["lead_agency_id"] == id }); !reflect.DeepEqual(got, a.Status) {
			t.Errorf("agency %s (%d): CSV %v, dashboard %v", a.Name, a.AgencyID, got, a.Status)
		}
	}
	// The published per-group and per-agency files say the same.
	var byAgency struct{ Rows []map[string]any }
	if err := json.NewDecoder(get(t, h, fmt.Sprintf("/open/plans/%d/progress-by-agency.json", planID)).Body).Decode(&byAgency); err != nil {
		t.Fatal(err)
	}
	if len(byAgency.Rows) != len(d.ByAgency) {
		t.Errorf("agency file has %d rows, dashboard %d", len(byAgency.Rows), len(d.ByAgency))
	}
	for i, a := range d.ByAgency {
		if i < len(byAgency.Rows) && byAgency.Rows[i]["overdue"] != float64(a.Status[plan.StatusOverdue]) {
			t.Errorf("agency file row %d overdue %v, dashboard %d", i, byAgency.Rows[i]["overdue"], a.Status[plan.StatusOverdue])
		}
	}
	t.Logf("%d tasks: %v", len(rows), d.Status)
}

func TestCorrectnessDemo(t *testing.T) {
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
	checkAgainstCSV(t, s, res.PlanID, today)
}

// TestCorrectnessRandom generates a plan of 120 tasks with random groups,
// leads and deadlines (some continuous, some none) and plays random reports
// through the store's real flow — accepted, returned, submitted or missing,
// claims of every kind — then checks the figures against the CSV on several days.
func TestCorrectnessRandom(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	rng := rand.New(rand.NewSource(20260101))
	if _, err := demo.Load(ctx, s); err != nil { // agencies and the coordinator account
		t.Fatal(err)
	}
	agencies, err := s.Agencies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	agencies = agencies[:8]
	issued := plan.Date(2025, 1, 15)
	d := &plan.Draft{Plan: plan.Plan{Code: "99/KH-UBND", Title: "Kế hoạch sinh ngẫu nhiên", Issuer: "UBND tỉnh",
		IssuedOn: issued, Status: plan.PlanActive}}
	d.Sections = append(d.Sections, plan.DraftSection{Section: plan.Section{Kind: plan.KindPart, Number: "III",
		Label: "III", Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1})
	for g := 1; g <= 4; g++ {
		d.Sections = append(d.Sections, plan.DraftSection{Section: plan.Section{Kind: plan.KindGroup, Number: fmt.Sprint(g),
			Label: fmt.Sprintf("III.%d", g), Title: fmt.Sprintf("Nhóm %d", g), HoldsTasks: true}, Parent: 0})
		for k := 1; k <= 2; k++ {
			d.Sections = append(d.Sections, plan.DraftSection{Section: plan.Section{Kind: plan.KindSubgroup,
				Number: fmt.Sprintf("%d.%d", g, k), Label: fmt.Sprintf("III.%d.%d", g, k), Title: "Nhóm con",
				HoldsTasks: true}, Parent: len(d.Sections) - k})
		}
	}
	for i := range 120 {
		tk := plan.Task{Title: fmt.Sprintf("Nhiệm vụ %d", i+1), Text: fmt.Sprintf("Nhiệm vụ ngẫu nhiên số %d.", i+1)}
		switch r := rng.Intn(10); {
		case r == 0:
			tk.Deadline = plan.Deadline{Kind: plan.DeadlineContinuous, Text: "Thường xuyên"}
		case r == 1: // no deadline
		default:
			due := issued.AddDate(0, 0, 30+rng.Intn(700))
			tk.Deadline = plan.Deadline{Kind: plan.DeadlineDate, Text: due.Format("02/01/2006"), Due: due}
		}
		if rng.Intn(12) != 0 {
			tk.LeadAgencyID = agencies[rng.Intn(len(agencies))].ID
		}
		d.Tasks = append(d.Tasks, plan.DraftTask{Task: tk, Section: rng.Intn(len(d.Sections))})
	}
	planID, err := s.CreatePlan(ctx, 0, d)
	if err != nil {
		t.Fatal(err)
	}
	coord, _, err := s.UserByName(ctx, "dieuphoi")
	if err != nil {
		t.Fatal(err)
	}
	heads := map[int64]*auth.User{}
	for _, a := range agencies {
		u := &auth.User{Username: fmt.Sprintf("head%d", a.ID), FullName: "Thủ trưởng", Role: auth.RoleHead, AgencyID: a.ID}
		if err := s.CreateUser(ctx, 0, u, ""); err != nil {
			t.Fatal(err)
		}
		heads[a.ID] = u
	}
	end := plan.Date(2026, 3, 1)
	if err := s.EnsureReports(ctx, planID, end); err != nil {
		t.Fatal(err)
	}
	periods, err := s.Periods(ctx, planID)
	if err != nil {
		t.Fatal(err)
	}
	claims := []plan.Claim{plan.ClaimNotStarted, plan.ClaimInProgress, plan.ClaimCompleted, plan.ClaimCompleted,
		plan.ClaimPaused, plan.ClaimCancelled}
	played := map[string]int{}
	for _, p := range periods {
		if !p.Due.Before(end) {
			continue
		}
		list, _, err := s.Reports(ctx, reporting.ReportFilter{PlanID: planID, PeriodID: p.ID, Today: end})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list {
			fate := []string{"accept", "accept", "accept", "return", "submit", "missing"}[rng.Intn(6)]
			played[fate]++
			if fate == "missing" || heads[r.AgencyID] == nil {
				continue
			}
			rep, err := s.Report(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			submitAt := p.Due.AddDate(0, 0, rng.Intn(20)-12).Add(5 * time.Hour)
			writer := reporting.Actor{User: heads[r.AgencyID], Now: submitAt.Add(-time.Hour)}
			for _, e := range rep.Entries {
				e.Status = claims[rng.Intn(len(claims))]
				e.Percent = rng.Intn(100)
				e.Result = "Kết quả."
				switch e.Status {
				case plan.ClaimCompleted:
					e.Percent = 100
					e.CompletedOn = p.Start.AddDate(0, 0, rng.Intn(60))
					if e.CompletedOn.After(writer.Today()) {
						e.CompletedOn = writer.Today()
					}
				case plan.ClaimPaused, plan.ClaimCancelled:
					e.Reason = "Lý do."
				}
				if err := s.SaveEntry(ctx, writer, r.ID, &e); err != nil {
					t.Fatalf("entry: %v", err)
				}
			}
			texts := reporting.Texts{Summary: "Tóm tắt.", Difficulties: "Khó khăn.", Proposals: "Kiến nghị.", NextTasks: "Kỳ tới."}
			if _, err := s.SaveReportTexts(ctx, writer, r.ID, texts, 0); err != nil {
				t.Fatal(err)
			}
			if _, err := s.SubmitReport(ctx, reporting.Actor{User: heads[r.AgencyID], Now: submitAt}, r.ID, 0); err != nil {
				t.Fatalf("submit: %v", err)
			}
			review := reporting.Actor{User: coord, Now: submitAt.Add(24 * time.Hour)}
			switch fate {
			case "accept":
				_, err = s.AcceptReport(ctx, review, r.ID, 0)
			case "return":
				_, err = s.ReturnReport(ctx, review, r.ID, "Đề nghị bổ sung số liệu.", 0)
			}
			if err != nil {
				t.Fatalf("%s: %v", fate, err)
			}
		}
	}
	if played["accept"] == 0 || played["return"] == 0 || played["missing"] == 0 {
		t.Fatalf("the random reports miss a fate: %v", played)
	}
	for _, day := range []time.Time{plan.Date(2025, 8, 1), plan.Date(2025, 12, 20), end} {
		t.Run(day.Format(time.DateOnly), func(t *testing.T) { checkAgainstCSV(t, s, planID, day) })
	}
}

// TestOpenData: the index, the CSVW metadata, the catalogue and the
// absence of personal data.
func TestOpenData(t *testing.T) {
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
	h, err := opendata.New(opendata.Config{App: app.New(app.Config{Store: s, Clock: clock.Fixed(today)})})
	if err != nil {
		t.Fatal(err)
	}
	body := func(path string) string {
		b, _ := io.ReadAll(get(t, h, path).Body)
		return string(b)
	}
	index := body("/open/")
	for _, ds := range []string{"tasks", "progress-by-group", "progress-by-agency", "indicators"} {
		for _, ext := range []string{".csv", ".csv-metadata.json", ".json"} {
			href := fmt.Sprintf("/open/plans/%d/%s%s", res.PlanID, ds, ext)
			if !strings.Contains(index, `href="`+href+`"`) {
				t.Errorf("index has no link to %s", href)
			}
			b := body(href)
			if strings.Contains(b, "@") && ext != ".csv-metadata.json" {
				t.Errorf("%s holds an '@' (an e-mail?)", href)
			}
		}
	}
	if strings.Contains(index, "<script") || strings.Contains(index, "style=") || strings.Contains(index, "<style") {
		t.Error("index has inline script or style")
	}
	users, _ := s.Users(ctx)
	tasks := body(fmt.Sprintf("/open/plans/%d/tasks.csv", res.PlanID)) + body(fmt.Sprintf("/open/plans/%d/tasks.json", res.PlanID))
	for _, u := range users {
		if u.FullName != "" && strings.Contains(tasks, u.FullName) || u.Email != "" && strings.Contains(tasks, u.Email) {
			t.Errorf("task data names user %q (%q)", u.Username, u.FullName)
		}
	}
	var meta struct {
		URL         string `json:"url"`
		TableSchema struct {
			Columns []struct{ Name, Datatype string }
		} `json:"tableSchema"`
	}
	if err := json.Unmarshal([]byte(body(fmt.Sprintf("/open/plans/%d/tasks.csv-metadata.json", res.PlanID))), &meta); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(meta.URL, fmt.Sprintf("/open/plans/%d/tasks.csv", res.PlanID)) || len(meta.TableSchema.Columns) == 0 {
		t.Errorf("CSVW metadata: %+v", meta)
	}
	var cat map[string]any
	if err := json.Unmarshal([]byte(body("/open/catalog.jsonld")), &cat); err != nil {
		t.Fatal(err)
	}
	dss, _ := cat["dcat:dataset"].([]any)
	if cat["@type"] != "dcat:Catalog" || len(dss) != 4 {
		t.Fatalf("catalogue: type %v, %d datasets", cat["@type"], len(dss))
	}
	for _, x := range dss {
		ds := x.(map[string]any)
		lic, _ := ds["dct:license"].(map[string]any)
		mod, _ := ds["dct:modified"].(map[string]any)
		dist, _ := ds["dcat:distribution"].([]any)
		if lic["@id"] != opendata.LicenceURI || mod["@value"] == "" || len(dist) != 2 || ds["dct:title"] == "" {
			t.Errorf("dataset %v: licence %v, modified %v, %d distributions", ds["@id"], lic, mod, len(dist))
		}
	}
	for _, p := range []string{"/open/plans/999/tasks.csv", fmt.Sprintf("/open/plans/%d/nothing.csv", res.PlanID), "/open/plans/x/tasks.csv"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, rec.Code)
		}
	}
}
