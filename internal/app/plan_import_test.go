package app_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/app"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/planimport"
)

// importDoc is a small plan document: one task led by an agency of the
// register, one by an agency it does not hold (Sở Y tế).
var importDoc = []byte(strings.Join([]string{"KẾ HOẠCH", "THỬ NGHIỆM NHẬP KẾ HOẠCH", "I. NHIỆM VỤ",
	"Sở Tài chính chủ trì xây dựng đề án kinh phí chuyển đổi số.",
	"Triển khai nền tảng dữ liệu y tế.",
	"- Chủ trì: Sở Y tế.", ""}, "\n"))

// oneFile is the files of an import of one document.
func oneFile(name string, data []byte) []planimport.File {
	return []planimport.File{{Name: name, Data: data}}
}

// bodyAndAppendix is the plan of plan_import_data_test.go in its two files.
func bodyAndAppendix() []planimport.File {
	return []planimport.File{{Name: "ke-hoach.txt", Data: importBody}, {Name: "phu-luc.txt", Data: importAppendix}}
}

// counts is what the register holds: plans and agencies.
func (f *fixture) counts(t *testing.T) (plans, agencies int) {
	t.Helper()
	ps, err := f.store.Plans(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	as, err := f.store.Agencies(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(ps), len(as)
}

func TestImportPlan(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	plans0, _ := f.counts(t)

	// The preview reads the document and stores nothing.
	prev, err := f.app.ImportPlan(ctx, f.coordinator, app.PlanImport{Files: oneFile("kh.txt", importDoc)})
	if err != nil {
		t.Fatal(err)
	}
	if len(prev.Draft.Tasks) != 2 || len(prev.Names) != 1 || prev.Names[0].Name != "Sở Y tế" || prev.PlanID != 0 {
		t.Fatalf("preview: %d tasks, names %+v, plan %d", len(prev.Draft.Tasks), prev.Names, prev.PlanID)
	}
	if prev.Draft.Tasks[0].LeadAgencyID != f.taichinh {
		t.Errorf("task 1 led by %d, want Sở Tài chính", prev.Draft.Tasks[0].LeadAgencyID)
	}

	// Confirming without a title, number or date: each is asked for, nothing stored.
	meta := &plan.Plan{Status: plan.PlanActive}
	res, err := f.app.ImportPlan(ctx, f.coordinator, app.PlanImport{Files: oneFile("kh.txt", importDoc), Meta: meta})
	if fe := derrors.FieldsOf(err); !errors.Is(err, derrors.Invalid) || fe["title"] == "" || fe["code"] == "" || fe["issued_on"] == "" ||
		res == nil || len(res.Draft.Tasks) != 2 {
		t.Errorf("an unfinished confirmation: %v", err)
	}

	// With the name mapped and the fields given, the plan is stored; a dry run would not.
	meta = &plan.Plan{Title: "Thử nghiệm nhập kế hoạch", Code: "99/KH-UBND", IssuedOn: plan.Date(2025, 8, 1), Status: plan.PlanActive}
	in := app.PlanImport{Files: oneFile("kh.txt", importDoc), Meta: meta,
		Choices: map[string]app.AgencyChoice{"sở y tế": {AgencyID: f.noivu}}, DryRun: true}
	if res, err := f.app.ImportPlan(ctx, f.coordinator, in); err != nil || res.PlanID != 0 || res.Summary().PlanID != nil {
		t.Errorf("a dry run: %v, plan %d", err, res.PlanID)
	}
	if n, _ := f.counts(t); n != plans0 {
		t.Fatalf("%d plans after the preview, the refusals and the dry run, want %d", n, plans0)
	}
	in.DryRun = false
	res, err = f.app.ImportPlan(ctx, f.coordinator, in)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.app.Plan(ctx, res.PlanID)
	if err != nil || p.Title != meta.Title || p.Code != "99/KH-UBND" || !p.IssuedOn.Equal(meta.IssuedOn) {
		t.Errorf("stored %+v (%v)", p, err)
	}
	tasks, _, _, err := f.app.PlanTaskList(ctx, f.leader, plan.TaskFilter{PlanID: res.PlanID})
	if err != nil || len(tasks) != 2 || tasks[1].LeadAgencyID != f.noivu {
		t.Errorf("stored tasks %+v (%v); want the second led by the agency mapped", tasks, err)
	}
	if len(res.Left) != 0 || res.Unassigned != 0 || len(res.Names) != 1 || res.Names[0].Choice.AgencyID != f.noivu {
		t.Errorf("left %q, unassigned %d, names %+v", res.Left, res.Unassigned, res.Names)
	}

	// The same number again — written in another case — is refused beside
	// its field, and the preview already warns of it.
	in.Meta = &plan.Plan{Title: "Một kế hoạch khác", Code: "99/kh-ubnd ", IssuedOn: plan.Date(2025, 8, 1), Status: plan.PlanActive}
	res, err = f.app.ImportPlan(ctx, f.coordinator, in)
	if fe := derrors.FieldsOf(err); !strings.Contains(fe["code"], "đã có") {
		t.Errorf("a second plan 99/KH-UBND: %v", err)
	}
	if len(res.Similar) != 1 || !res.Similar[0].SameCode || !strings.Contains(res.Similar[0].Message(), "99/KH-UBND") {
		t.Errorf("similar plans %+v", res.Similar)
	}
	if n, _ := f.counts(t); n != plans0+1 {
		t.Errorf("%d plans after a refused duplicate, want %d", n, plans0+1)
	}
	// A document the importer refuses is its own error; only editors import.
	var ie *planimport.Error
	if _, err := f.app.ImportPlan(ctx, f.coordinator, app.PlanImport{Files: oneFile("kh.txt", nil)}); !errors.As(err, &ie) {
		t.Errorf("an empty file: %v, want a *planimport.Error", err)
	}
	if _, err := f.app.ImportPlan(ctx, f.head, app.PlanImport{Files: oneFile("kh.txt", importDoc)}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a head imports: %v, want Forbidden", err)
	}
}

// TestImportPlanFilesAndChoices: a body and its appendix file are one plan;
// each name the register lacks is mapped to an agency, created with the
// plan, dismissed as not an agency, or left — and the tasks follow.
func TestImportPlanFilesAndChoices(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	plans0, agencies0 := f.counts(t)

	prev, err := f.app.ImportPlan(ctx, f.coordinator, app.PlanImport{Files: bodyAndAppendix()})
	if err != nil {
		t.Fatal(err)
	}
	if len(prev.Files) != 2 || prev.Files[0].Role != "plan" || prev.Files[1].Role != "appendix" || len(prev.Draft.Tasks) != 5 {
		t.Fatalf("files %+v, %d tasks; want the plan, its appendix and 5 tasks", prev.Files, len(prev.Draft.Tasks))
	}
	names := map[string]app.ImportName{}
	for _, n := range prev.Names {
		names[n.Name] = n
	}
	want := map[string]struct {
		tasks    int
		proposed app.AgencyChoice
	}{
		"Ban Quản lý dự án":              {3, app.AgencyChoice{New: true}},
		"Trung tâm Lưu trữ lịch sử tỉnh": {2, app.AgencyChoice{New: true}},
		// Guessed as the ended Sở Thông tin và Truyền thông: its successor is proposed.
		"Sở Thông tin và Truyền thông tỉnh Cà Mau": {1, app.AgencyChoice{AgencyID: f.khcn}},
		"Hội Nông dân tỉnh":                        {1, app.AgencyChoice{New: true}},
	}
	if len(names) != len(want) {
		t.Fatalf("names %+v", prev.Names)
	}
	for name, w := range want {
		n := names[name]
		if len(n.Tasks) != w.tasks || n.Proposed != w.proposed || !n.Choice.IsZero() {
			t.Errorf("%s: %d tasks, proposed %+v, choice %+v; want %d, %+v", name, len(n.Tasks), n.Proposed, n.Choice, w.tasks, w.proposed)
		}
	}
	if prev.Unassigned != 4 || len(prev.Left) != 4 {
		t.Errorf("preview: %d unassigned, left %q", prev.Unassigned, prev.Left)
	}

	// A choice of an agency that has ended, or of none in the register, is refused.
	for _, c := range []app.AgencyChoice{{AgencyID: f.ended}, {AgencyID: 9999}, {AgencyID: f.noivu, New: true}} {
		_, err := f.app.ImportPlan(ctx, f.coordinator, app.PlanImport{Files: bodyAndAppendix(),
			Choices: map[string]app.AgencyChoice{"Hội Nông dân tỉnh": c}})
		if fe := derrors.FieldsOf(err); !strings.Contains(fe["map"], "Hội Nông dân tỉnh") {
			t.Errorf("choice %+v: %v", c, err)
		}
	}

	meta := &plan.Plan{Title: "Số hóa hồ sơ hành chính năm 2026", Code: "12/KH-UBND", IssuedOn: plan.Date(2025, 8, 20), Status: plan.PlanActive}
	in := app.PlanImport{Files: bodyAndAppendix(), Meta: meta, Choices: map[string]app.AgencyChoice{
		"ban quan ly du an":                        {AgencyID: f.noivu},
		"Trung tâm Lưu trữ lịch sử tỉnh":           {New: true},
		"Sở Thông tin và Truyền thông tỉnh Cà Mau": {NotAgency: true},
		// Hội Nông dân tỉnh: nothing chosen.
	}, DryRun: true}
	dry, err := f.app.ImportPlan(ctx, f.coordinator, in)
	if err != nil {
		t.Fatal(err)
	}
	if p, a := f.counts(t); p != plans0 || a != agencies0 {
		t.Fatalf("a dry run stored: %d plans, %d agencies", p, a)
	}
	if sum := dry.Summary(); sum.PlanID != nil || !slices.Equal(sum.UnmatchedAgencies, []string{"Hội Nông dân tỉnh"}) || sum.Tasks != 5 {
		t.Errorf("dry run summary %+v", sum)
	}
	in.DryRun = false
	res, err := f.app.ImportPlan(ctx, f.coordinator, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Created) != 1 || res.Created[0].ID == 0 || res.Created[0].Kind != agency.KindUnit {
		t.Fatalf("created %+v", res.Created)
	}
	centre := res.Created[0].ID
	tasks, _, err := f.store.Tasks(ctx, plan.TaskFilter{PlanID: res.PlanID})
	if err != nil {
		t.Fatal(err)
	}
	leads := []int64{}
	for _, tk := range tasks {
		leads = append(leads, tk.LeadAgencyID)
	}
	// 1: Sở Tài chính; 2, 3: the centre created; 4: not an agency; 5: Ban QLDA → Sở Nội vụ.
	if !slices.Equal(leads, []int64{f.taichinh, centre, centre, 0, f.noivu}) {
		t.Errorf("leads %v", leads)
	}
	if !slices.Equal(tasks[0].CooperatingAgencyIDs, []int64{f.noivu}) || len(tasks[4].CooperatingAgencyIDs) != 0 ||
		!strings.Contains(tasks[4].Text, "Hội Nông dân tỉnh") || !strings.Contains(tasks[3].Text, "Sở Thông tin và Truyền thông tỉnh Cà Mau") {
		t.Errorf("task 1 cooperating %v; task 5 %v %q; task 4 %q", tasks[0].CooperatingAgencyIDs, tasks[4].CooperatingAgencyIDs, tasks[4].Text, tasks[3].Text)
	}
	if res.Unassigned != 1 || !slices.Equal(res.Summary().UnmatchedAgencies, []string{"Hội Nông dân tỉnh"}) {
		t.Errorf("unassigned %d, unmatched %q", res.Unassigned, res.Summary().UnmatchedAgencies)
	}
	if p, a := f.counts(t); p != plans0+1 || a != agencies0+1 {
		t.Errorf("%d plans, %d agencies; want one more of each", p, a)
	}

	// The same files again, unattended, creating every name: the title is
	// the files', a same-titled plan is a warning, the number may be left.
	res, err = f.app.ImportPlan(ctx, f.admin, app.PlanImport{Files: bodyAndAppendix(), Meta: &plan.Plan{},
		Unattended: true, CreateAgencies: true, Choices: map[string]app.AgencyChoice{"Trung tâm Lưu trữ lịch sử tỉnh": {AgencyID: centre}}})
	if err != nil {
		t.Fatal(err)
	}
	sum := res.Summary()
	if sum.Title != meta.Title || len(sum.UnmatchedAgencies) != 0 || len(res.Created) != 3 || res.Unassigned != 0 {
		t.Errorf("unattended: %+v, created %+v, unassigned %d", sum, res.Created, res.Unassigned)
	}
	if len(sum.Warnings) == 0 || !strings.Contains(sum.Warnings[0].Message, "cùng tên") {
		t.Errorf("no warning of the plan with the same title first: %+v", sum.Warnings)
	}
	if p, _ := f.store.Plan(ctx, res.PlanID); p.Code != "" || p.Status != plan.PlanActive {
		t.Errorf("unattended plan stored with code %q, status %q", p.Code, p.Status)
	}
}

// TestImportPlanRefusedFileStoresNothing: one bad file among several
// refuses the whole import, naming the file.
func TestImportPlanRefusedFileStoresNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	plans0, agencies0 := f.counts(t)
	files := append(bodyAndAppendix(), planimport.File{Name: "phu-luc-2.docx", Data: []byte("không phải tệp Word")})
	_, err := f.app.ImportPlan(ctx, f.coordinator, app.PlanImport{Files: files, CreateAgencies: true, Unattended: true, Meta: &plan.Plan{}})
	var ie *planimport.Error
	if !errors.As(err, &ie) || !strings.Contains(ie.Message, "phu-luc-2.docx") {
		t.Errorf("a bad file among good ones: %v", err)
	}
	if p, a := f.counts(t); p != plans0 || a != agencies0 {
		t.Errorf("a refused import stored: %d plans, %d agencies", p, a)
	}
}
