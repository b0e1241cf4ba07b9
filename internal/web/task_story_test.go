package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// acceptLine saves task's line in agency's report for period p as the
// agency's head on day (a head made for it when head is ""), sends it and
// has the coordinator accept it.
func (a *app) acceptLine(p reporting.Period, agencyID int64, head string, e reporting.Entry, day time.Time) *reporting.Report {
	a.t.Helper()
	ctx := context.Background()
	if head == "" {
		head = "lanhdao-" + strconv.FormatInt(agencyID, 10)
		if err := a.store.CreateUser(ctx, 0, &auth.User{Username: head, FullName: "Lãnh đạo", Role: auth.RoleHead, AgencyID: agencyID},
			passwordHash()); err != nil {
			a.t.Fatal(err)
		}
	}
	h, _, err := a.store.UserByName(ctx, head)
	if err != nil {
		a.t.Fatal(err)
	}
	coord, _, err := a.store.UserByName(ctx, "dieuphoi")
	if err != nil {
		a.t.Fatal(err)
	}
	r, err := a.store.ReportFor(ctx, p.ID, agencyID)
	if err != nil {
		a.t.Fatal(err)
	}
	at := reporting.Actor{User: h, Now: day.Add(3 * time.Hour)}
	if err := a.store.SaveEntry(ctx, at, r.ID, &e); err != nil {
		a.t.Fatal(err)
	}
	if r, err = a.store.SubmitReport(ctx, at, r.ID, 0); err != nil {
		a.t.Fatal(err)
	}
	if r, err = a.store.AcceptReport(ctx, reporting.Actor{User: coord, Now: day.Add(5 * time.Hour)}, r.ID, r.Version); err != nil {
		a.t.Fatal(err)
	}
	return r
}

// TestTaskPageTellsTheStory: an overdue task's page says why — its due
// day, how many days late, the last accepted report or that there is
// none — and lists every period's accepted result with who accepted it.
func TestTaskPageTellsTheStory(t *testing.T) {
	a := newApp(t)
	c := a.as("leader")
	path := "/tasks/" + strconv.FormatInt(a.f.taskOverdue, 10)
	d := c.get(path).doc()
	if got := d.text(".status-line .badge, .status-line span[class*=badge]"); got != plan.StatusOverdue.Label() {
		t.Errorf("status %q", got)
	}
	why := d.text("section.why-overdue")
	for _, want := range []string{"Hạn hoàn thành: 30/06/2025", "Đã quá hạn 63 ngày", "Chưa có báo cáo nào về nhiệm vụ này được tiếp nhận"} {
		if !strings.Contains(why, want) {
			t.Errorf("why overdue says %q; want %q in it", why, want)
		}
	}
	if d.count("li.result") != 0 || d.count("p.no-results") != 1 {
		t.Error("results listed before any report was accepted")
	}

	periods, err := a.store.Periods(context.Background(), a.f.planID)
	if err != nil {
		t.Fatal(err)
	}
	q2 := periods[0] // Quý II/2025, due 10/6/2025
	r := a.acceptLine(q2, a.f.agencyKHCN, "", reporting.Entry{TaskID: a.f.taskOverdue, Status: plan.ClaimInProgress,
		Percent: 40, Result: "Đã dự thảo cơ chế", Evidence: "Tờ trình số 5/TTr-SKHCN ngày 02/6/2025"}, plan.Date(2025, 6, 5))
	d = c.get(path).doc()
	why = d.text("section.why-overdue")
	if !strings.Contains(why, "Báo cáo gần nhất được tiếp nhận: Quý II/2025") || !strings.Contains(why, "40%") {
		t.Errorf("why overdue with a report: %q", why)
	}
	if n := d.count("li.result"); n != 1 {
		t.Fatalf("%d results", n)
	}
	res := d.text("li.result")
	for _, want := range []string{"Quý II/2025", "Đang thực hiện", "40%", "Đã dự thảo cơ chế", "Tờ trình số 5/TTr-SKHCN",
		"Sở Khoa học và Công nghệ", "tiếp nhận: Nguyễn Văn Điều"} {
		if !strings.Contains(res, want) {
			t.Errorf("result %q lacks %q", res, want)
		}
	}
	if got := attr(d.one("li.result"), "data-report"); got != strconv.FormatInt(r.ID, 10) {
		t.Errorf("result of report %s, want %d", got, r.ID)
	}
}

// TestReportFormComparesWithPrevious: the report form shows the previous
// accepted line beside each entry and, when progress goes down, asks for
// an explanation — after a save, on autosave — without refusing the save.
func TestReportFormComparesWithPrevious(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	periods, err := a.store.Periods(ctx, a.f.planID)
	if err != nil {
		t.Fatal(err)
	}
	a.acceptLine(periods[0], a.f.agencyTC, "lanhdao", reporting.Entry{TaskID: a.f.taskDueSoon, Status: plan.ClaimInProgress,
		Percent: 50, Result: "Đã triển khai phần mềm"}, plan.Date(2025, 6, 5))
	q3, err := a.store.ReportFor(ctx, periods[1].ID, a.f.agencyTC)
	if err != nil {
		t.Fatal(err)
	}
	c := a.as("head")
	edit := "/reports/" + strconv.FormatInt(q3.ID, 10) + "/edit"
	entry := "#entry-" + strconv.FormatInt(a.f.taskDueSoon, 10)
	d := c.get(edit).doc()
	prev := d.text(entry + " aside.previous-values")
	if !strings.Contains(prev, "Quý II/2025") || !strings.Contains(prev, "50%") || !strings.Contains(prev, "Đã triển khai phần mềm") {
		t.Errorf("previous values: %q", prev)
	}
	if d.count(entry+" .entry-warning") != 0 || !hasAttr(d.one(entry+` [data-field="explanation"]`), "hidden") {
		t.Error("a warning, or the explanation field, before any line is saved")
	}

	save := "/reports/" + strconv.FormatInt(q3.ID, 10) + "/entries/" + strconv.FormatInt(a.f.taskDueSoon, 10)
	r := c.post(save, url.Values{"version": {"0"}, "status": {"in_progress"}, "percent": {"30"}, "result": {"Rà soát lại"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.status, r.body)
	}
	d = c.get(edit).doc()
	if got := d.text(entry + " .entry-warning"); got != "Tiến độ giảm từ 50% (báo cáo Quý II/2025 đã được tiếp nhận) xuống 30%. Hãy giải trình lý do." {
		t.Errorf("warning %q", got)
	}
	if hasAttr(d.one(entry+` [data-field="explanation"]`), "hidden") {
		t.Error("the explanation field is hidden beside a warning")
	}

	// Autosave gets the warnings, then none once explained.
	auto := func(form url.Values) []string {
		t.Helper()
		req, _ := http.NewRequest("POST", a.srv.URL+save, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", a.srv.URL)
		req.Header.Set("Accept", "application/json")
		res := c.do(req)
		var reply struct {
			OK       bool
			Version  int
			Warnings []string
		}
		if err := json.Unmarshal([]byte(res.body), &reply); err != nil || !reply.OK {
			t.Fatalf("autosave: %d %s", res.status, res.body)
		}
		return reply.Warnings
	}
	w := auto(url.Values{"version": {"1"}, "status": {"in_progress"}, "percent": {"20"}})
	if len(w) != 1 || !strings.Contains(w[0], "xuống 20%") {
		t.Errorf("autosave warnings %q", w)
	}
	if w := auto(url.Values{"version": {"2"}, "status": {"in_progress"}, "percent": {"20"}, "explanation": {"Thu hẹp phạm vi theo chỉ đạo."}}); len(w) != 0 {
		t.Errorf("warnings after the explanation: %q", w)
	}
	d = c.get("/reports/" + strconv.FormatInt(q3.ID, 10)).doc()
	if got := d.text(entry + " dd.explanation"); got != "Thu hẹp phạm vi theo chỉ đạo." {
		t.Errorf("report page's explanation %q", got)
	}
}
