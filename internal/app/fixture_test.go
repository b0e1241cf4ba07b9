package app_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

// testNow is the fixed instant of the use-case tests: 01/09/2025, 10:00 in Vietnam.
var testNow = time.Date(2025, 9, 1, 10, 0, 0, 0, clock.Local)

// fixture is a small province over a real database (SQLite, or PostgreSQL
// with TIENDO_TEST_BACKEND=postgres): agencies, one account per role, and a
// plan with two groups of tasks. The tests of each use case build on it.
type fixture struct {
	app   *app.App
	store *store.Store

	ubnd, khcn, taichinh, noivu, ended        int64 // agencies
	admin, coordinator, head, officer, leader *auth.User
	otherHead                                 *auth.User // head of Sở Nội vụ

	plan             int64
	group1, group2   int64 // sections holding tasks
	task1, task2, t3 int64 // led by Sở KH&CN, Sở Tài chính, nobody
}

// newFixture seeds the fixture and returns it with its app.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st := dbtest.Default(t).Open(t)
	f := &fixture{store: st}
	mk := func(ag agency.Agency) int64 {
		t.Helper()
		if err := st.CreateAgency(ctx, 0, &ag); err != nil {
			t.Fatalf("agency %s: %v", ag.Name, err)
		}
		return ag.ID
	}
	f.ubnd = mk(agency.Agency{Name: "Ủy ban nhân dân tỉnh Cà Mau", ShortName: "UBND tỉnh", Kind: agency.KindProvince})
	f.khcn = mk(agency.Agency{Name: "Sở Khoa học và Công nghệ", ShortName: "Sở KH&CN", Kind: agency.KindDepartment, ParentID: f.ubnd})
	f.taichinh = mk(agency.Agency{Name: "Sở Tài chính", Kind: agency.KindDepartment, ParentID: f.ubnd})
	f.noivu = mk(agency.Agency{Name: "Sở Nội vụ", Kind: agency.KindDepartment, ParentID: f.ubnd})
	f.ended = mk(agency.Agency{Name: "Sở Thông tin và Truyền thông", Kind: agency.KindDepartment,
		ValidTo: plan.Date(2025, 3, 1), SuccessorID: f.khcn})
	user := func(name string, role auth.Role, ag int64) *auth.User {
		t.Helper()
		u := &auth.User{Username: name, FullName: name, Role: role, AgencyID: ag}
		if err := st.CreateUser(ctx, 0, u, "argon2id-not-used-here"); err != nil {
			t.Fatalf("user %s: %v", name, err)
		}
		return u
	}
	f.admin = user("quantri", auth.RoleAdmin, 0)
	f.coordinator = user("dieuphoi", auth.RoleCoordinator, f.khcn)
	f.head = user("lanhdao", auth.RoleHead, f.taichinh)
	f.officer = user("chuyenvien", auth.RoleOfficer, f.taichinh)
	f.leader = user("lanhdaotinh", auth.RoleLeader, 0)
	f.otherHead = user("lanhdaonv", auth.RoleHead, f.noivu)

	d := &plan.Draft{Plan: plan.Plan{Code: "60/KH-UBND", Title: "Thực hiện Nghị quyết số 71/NQ-CP",
		IssuedOn: plan.Date(2025, 4, 10), Issuer: "Ủy ban nhân dân tỉnh Cà Mau", Status: plan.PlanActive}}
	d.Sections = []plan.DraftSection{
		{Section: plan.Section{Kind: plan.KindPart, Number: "II", Label: "II", Title: "NHIỆM VỤ, GIẢI PHÁP", HoldsTasks: true}, Parent: -1},
		{Section: plan.Section{Kind: plan.KindGroup, Number: "1", Label: "II.1", Title: "Thể chế", HoldsTasks: true}, Parent: 0},
		{Section: plan.Section{Kind: plan.KindGroup, Number: "2", Label: "II.2", Title: "Chuyển đổi số", HoldsTasks: true}, Parent: 0},
	}
	task := func(sec int, text, dl string, due time.Time, lead int64) plan.DraftTask {
		return plan.DraftTask{Section: sec, Task: plan.Task{Text: text, LeadAgencyID: lead,
			Deadline: plan.Deadline{Kind: plan.DeadlineDate, Text: dl, Due: due}}}
	}
	d.Tasks = []plan.DraftTask{
		task(1, "Rà soát cơ chế thu hút đầu tư cho khoa học, công nghệ.", "30/6/2025", plan.Date(2025, 6, 30), f.khcn),
		task(2, "Phát triển chính quyền số; bảo đảm kinh phí chuyển đổi số.", "05/9/2025", plan.Date(2025, 9, 5), f.taichinh),
		task(2, "Đầu tư hạ tầng số dùng chung của tỉnh.", "31/12/2026", plan.Date(2026, 12, 31), 0),
	}
	id, err := st.CreatePlan(ctx, 0, d)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	f.plan = id
	f.group1, f.group2 = d.Sections[1].ID, d.Sections[2].ID
	f.task1, f.task2, f.t3 = d.Tasks[0].ID, d.Tasks[1].ID, d.Tasks[2].ID
	f.app = app.New(app.Config{Store: st, Clock: clock.Fixed(testNow), Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return f
}

// ptr is a pointer to v, for the fields of a change.
func ptr[T any](v T) *T { return &v }
