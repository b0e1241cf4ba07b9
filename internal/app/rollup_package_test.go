package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/rollup"
	"tiendo/internal/store/dbtest"
)

// ministry is a second instance over its own database: the national
// programme (the same document as the province's copy), its admin and
// coordinator.
type ministry struct {
	app                *app.App
	plan               int64
	tasks              []int64
	admin, coordinator *auth.User
}

func newMinistry(t *testing.T, now time.Time) *ministry {
	t.Helper()
	ctx := context.Background()
	st := dbtest.Default(t).Open(t)
	m := &ministry{}
	for _, u := range []**auth.User{&m.admin, &m.coordinator} {
		role := auth.RoleAdmin
		if u == &m.coordinator {
			role = auth.RoleCoordinator
		}
		*u = &auth.User{Username: string(role) + ".bo", FullName: "Cán bộ Bộ", Role: role}
		if err := st.CreateUser(ctx, 0, *u, "x"); err != nil {
			t.Fatal(err)
		}
	}
	d := &plan.Draft{Plan: plan.Plan{Code: "03/NQ-CP", Issuer: "Chính phủ", Title: "Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW",
		IssuedOn: plan.Date(2025, 4, 1), Status: plan.PlanActive},
		Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "II", Label: "II", Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}}}
	for _, text := range []string{"Xây dựng cơ sở dữ liệu quốc gia về khoa học, công nghệ.", "Rà soát cơ chế thu hút đầu tư cho khoa học, công nghệ.",
		"Phát triển hạ tầng số dùng chung.", "Đào tạo nhân lực số.", "Tuyên truyền nâng cao nhận thức về chuyển đổi số."} {
		d.Tasks = append(d.Tasks, plan.DraftTask{Task: plan.Task{Text: text,
			Deadline: plan.Deadline{Kind: plan.DeadlineDate, Text: "31/12/2026", Due: plan.Date(2026, 12, 31)}}})
	}
	var err error
	if m.plan, err = st.CreatePlan(ctx, 0, d); err != nil {
		t.Fatal(err)
	}
	for _, x := range d.Tasks {
		m.tasks = append(m.tasks, x.ID)
	}
	m.app = app.New(app.Config{Store: st, Clock: clock.Fixed(now)})
	return m
}

// TestPackagesAcrossInstances sends Cà Mau's part of the national
// programme's roll-up from its instance to the ministry's: refused until
// the ministry's admin registers the province's key, then imported,
// imported again without change, replaced by a newer package, and a
// tampered, older or misdirected package refused.
func TestPackagesAcrossInstances(t *testing.T) {
	ctx := context.Background()
	prov := newRollupFix(t)
	prov.link(t, prov.task1, prov.u2)
	prov.link(t, prov.task2, prov.u1)
	prov.link(t, prov.a4, prov.u5)
	prov.accept(t, prov.plan, prov.q2A, prov.khcn,
		reporting.Entry{TaskID: prov.task1, Status: plan.ClaimCompleted, Percent: 100, CompletedOn: plan.Date(2025, 6, 25),
			Result: "Đã ban hành quy chế."})
	min := newMinistry(t, testNow)

	if _, err := prov.app.ExportPackage(ctx, prov.head, prov.national, 0); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a head exports: %v", err)
	}
	exp, err := prov.app.ExportPackage(ctx, prov.coordinator, prov.national, prov.q3)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(exp.FileName, "goi-tong-hop-03-nq-cp-2025-Q3") || len(exp.Package.Items) != 3 {
		t.Fatalf("export %s with %d items", exp.FileName, len(exp.Package.Items))
	}
	var env struct {
		Format  string          `json:"format"`
		Payload rollup.Package  `json:"payload"`
		Sig     json.RawMessage `json:"signature"`
	}
	if err := json.Unmarshal(exp.File, &env); err != nil || env.Format != rollup.Format || env.Payload.Sender.Name != "Ủy ban nhân dân tỉnh Cà Mau" {
		t.Fatalf("the file: %v %+v", err, env)
	}
	for _, it := range env.Payload.Items {
		if it.UpstreamTask.Number == 2 {
			l := it.Linked[0]
			if l.Status != "done_on_time" || l.Progress != 100 || l.Result != "Đã ban hành quy chế." || l.Agency != "Sở Khoa học và Công nghệ" ||
				l.ResultPeriod != "Quý II/2025" || l.Plan.Code != "60/KH-UBND" {
				t.Errorf("task1 as sent: %+v", l)
			}
		}
	}

	// Unknown sender: refused, nothing kept.
	_, err = min.app.ImportPackage(ctx, min.coordinator, exp.File)
	if msg := derrors.FieldsOf(err)["file"]; !strings.Contains(msg, "chưa đăng ký") {
		t.Errorf("an unregistered sender: %v", err)
	}
	id, err := prov.app.Identity(ctx, prov.coordinator)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := min.app.AddSender(ctx, min.coordinator, "UBND tỉnh Cà Mau", id.PublicKey, ""); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a coordinator registers a sender: %v", err)
	}
	if _, err := min.app.AddSender(ctx, min.admin, "UBND tỉnh Cà Mau", "khóa sai", ""); derrors.FieldsOf(err)["public_key"] == "" {
		t.Errorf("a malformed key: %v", err)
	}
	if _, err := min.app.AddSender(ctx, min.admin, "UBND tỉnh Cà Mau", id.PublicKey, "Gửi qua công văn 15/SKHCN"); err != nil {
		t.Fatal(err)
	}
	if _, err := min.app.AddSender(ctx, min.admin, "Lần hai", id.PublicKey, ""); !errors.Is(err, derrors.Duplicate) {
		t.Errorf("the same key twice: %v", err)
	}

	// Imported: the ministry's roll-up shows Cà Mau's tasks under its own upstream tasks.
	got, err := min.app.ImportPackage(ctx, min.coordinator, exp.File)
	if err != nil {
		t.Fatal(err)
	}
	if got.Outcome != rollup.ImportNew || got.Upstream != 3 || got.Linked != 3 || got.Period.Key() != "2025-Q3" {
		t.Errorf("import: %+v", got)
	}
	r, err := min.app.Rollup(ctx, min.coordinator, min.plan, got.Period.ID, app.RollupFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byTask := map[int64]rollup.Item{}
	for _, it := range r.Items {
		byTask[it.UpstreamTaskID] = it
	}
	u2 := byTask[min.tasks[1]]
	if u2.Status != plan.StatusDoneOnTime || len(u2.Linked) != 1 || !u2.Linked[0].Remote() || u2.Linked[0].Sender != "Ủy ban nhân dân tỉnh Cà Mau" ||
		u2.Linked[0].PlanCode != "60/KH-UBND" || u2.Linked[0].AgencyName != "Sở Khoa học và Công nghệ" {
		t.Errorf("u2 at the ministry: %+v", u2)
	}
	if byTask[min.tasks[3]].Status != rollup.NotLinked || len(r.Senders) != 1 {
		t.Errorf("u4 at the ministry: %+v; senders %+v", byTask[min.tasks[3]], r.Senders)
	}

	// The same package again: nothing changes.
	again, err := min.app.ImportPackage(ctx, min.coordinator, exp.File)
	if err != nil || again.Outcome != rollup.ImportUnchanged {
		t.Errorf("re-import: %+v, %v", again, err)
	}
	list, _ := min.app.Packages(ctx, min.coordinator, 0)
	if len(list) != 1 {
		t.Errorf("%d packages kept after a re-import", len(list))
	}

	// A newer package of the same period replaces it: task2 is now reported.
	// Through the reporting flow this time, with a document and a file as evidence.
	rep3, err := prov.app.StartReport(ctx, prov.officer, prov.q3A)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := prov.app.SaveReportEntry(ctx, prov.officer, rep3.ID, reporting.Entry{TaskID: prov.task2, Status: plan.ClaimInProgress,
		Percent: 60, Result: "Đã phân bổ kinh phí.", Evidence: "Công văn số 88/STC-NS ngày 20/8/2025"}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := prov.app.AddReportFile(ctx, prov.officer, rep3.ID, prov.task2, "cong-van-88.pdf", []byte("%PDF-1.7\n%%EOF\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := prov.app.SubmitReport(ctx, prov.head, rep3.ID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := prov.app.AcceptReport(ctx, prov.coordinator, rep3.ID, nil); err != nil {
		t.Fatal(err)
	}
	later := app.New(app.Config{Store: prov.store, Clock: clock.Fixed(testNow.Add(time.Hour))})
	newer, err := later.ExportPackage(ctx, prov.coordinator, prov.national, prov.q3)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := min.app.ImportPackage(ctx, min.coordinator, newer.File)
	if err != nil || rep.Outcome != rollup.ImportReplaced {
		t.Fatalf("newer: %+v, %v", rep, err)
	}
	r, _ = min.app.Rollup(ctx, min.coordinator, min.plan, got.Period.ID, app.RollupFilter{UpstreamTaskID: min.tasks[0]})
	if len(r.Items) != 1 || len(r.Items[0].Linked) != 1 || r.Items[0].Linked[0].Progress != 60 {
		t.Fatalf("u1 after the newer package: %+v", r.Items)
	}
	if ev := r.Items[0].Linked[0].Evidence; len(ev) != 1 || !strings.Contains(ev[0].Text, "88/STC-NS") || len(ev[0].Files) != 1 ||
		ev[0].Files[0].Name != "cong-van-88.pdf" || len(ev[0].Files[0].SHA256) != 64 {
		t.Errorf("task2's evidence at the ministry: %+v", ev)
	}
	// The older one now: refused.
	if _, err := min.app.ImportPackage(ctx, min.coordinator, exp.File); !errors.Is(err, derrors.Conflict) || !strings.Contains(derrors.MessageOf(err), "mới hơn") {
		t.Errorf("an older package: %v", err)
	}

	// Tampered: a progress changed after signing.
	bad := bytes.Replace(newer.File, []byte(`"progress":60`), []byte(`"progress":95`), 1)
	if bytes.Equal(bad, newer.File) {
		t.Fatal("nothing to tamper with")
	}
	if _, err := min.app.ImportPackage(ctx, min.coordinator, bad); !strings.Contains(derrors.FieldsOf(err)["file"], "Chữ ký") {
		t.Errorf("a tampered package: %v", err)
	}
	if _, err := min.app.ImportPackage(ctx, min.coordinator, []byte(`{"hello":1}`)); derrors.FieldsOf(err)["file"] == "" {
		t.Errorf("not a package: %v", err)
	}
	// A plan the ministry does not have: refused by number.
	if err := prov.store.UpdatePlan(ctx, 0, renamed(t, prov, "99/NQ-CP")); err != nil {
		t.Fatal(err)
	}
	other, err := later.ExportPackage(ctx, prov.coordinator, prov.national, prov.q3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := min.app.ImportPackage(ctx, min.coordinator, other.File); !strings.Contains(derrors.FieldsOf(err)["file"], "99/NQ-CP") {
		t.Errorf("an unknown upstream plan: %v", err)
	}
	list, _ = min.app.Packages(ctx, min.coordinator, 0)
	if len(list) != 2 || list[1].ReplacedAt.IsZero() || !list[0].ReplacedAt.IsZero() {
		t.Errorf("packages kept: %+v", list)
	}
	// A revoked sender is refused again.
	senders, _ := min.app.Senders(ctx, min.admin)
	if err := min.app.RevokeSender(ctx, min.admin, senders[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := min.app.ImportPackage(ctx, min.coordinator, newer.File); !strings.Contains(derrors.FieldsOf(err)["file"], "chưa đăng ký") {
		t.Errorf("a revoked sender: %v", err)
	}
}

// renamed is the province's copy of the national programme under another number.
func renamed(t *testing.T, f *rollupFix, code string) *plan.Plan {
	t.Helper()
	p, err := f.store.Plan(context.Background(), f.national)
	if err != nil {
		t.Fatal(err)
	}
	p.Code = code
	return p
}
