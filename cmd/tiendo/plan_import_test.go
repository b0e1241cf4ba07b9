package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
)

// importFiles writes a plan whose tasks are in a separate appendix file
// (a table copied from Word: cells separated by tabs) naming one agency
// the register knows and one it does not.
func importFiles(t *testing.T) (body, appendix string) {
	t.Helper()
	dir := t.TempDir()
	body = filepath.Join(dir, "ke-hoach.txt")
	appendix = filepath.Join(dir, "phu-luc.txt")
	write := func(path string, lines ...string) {
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(body, "KẾ HOẠCH", "Số hóa hồ sơ hành chính năm 2026",
		"I. MỤC ĐÍCH", "Giảm giấy tờ cho người dân.",
		"II. NHIỆM VỤ", "Các nhiệm vụ cụ thể tại Phụ lục kèm theo.",
		"III. TỔ CHỨC THỰC HIỆN", "Các cơ quan báo cáo hằng quý.")
	write(appendix, "PHỤ LỤC", "DANH MỤC NHIỆM VỤ",
		"STT\tNhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành",
		"1\tSố hóa hồ sơ đất đai\tSở Tài chính\tQuý II/2026",
		"2\tSố hóa hồ sơ hộ tịch\tTrung tâm Lưu trữ lịch sử tỉnh\tQuý III/2026",
		"3\tTập huấn văn thư\tTrung tâm Lưu trữ lịch sử tỉnh\tnăm 2026")
	return body, appendix
}

// TestPlanImportFiles: a plan and its appendix file are one plan; an agency
// the register does not know does not stop the import — its tasks are
// stored unassigned and the name listed — and --create-agencies creates it
// with the plan.
func TestPlanImportFiles(t *testing.T) {
	body, appendix := importFiles(t)
	db := tempDB(t)
	s := openStore(t, db)
	tc := agency.Agency{Name: "Sở Tài chính", Kind: agency.KindDepartment}
	if err := s.CreateAgency(context.Background(), 0, &tc); err != nil {
		t.Fatal(err)
	}

	var sum struct {
		PlanID    int64    `json:"plan_id"`
		Tasks     int      `json:"tasks"`
		Unmatched []string `json:"unmatched_agencies"`
	}
	r := runCmd(t, "", "plan", "import", body, appendix, "--db", db, "--json")
	if r.err != nil {
		t.Fatalf("plan import: %v\n%s", r.err, r.stderr)
	}
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Tasks != 3 || !slices.Equal(sum.Unmatched, []string{"Trung tâm Lưu trữ lịch sử tỉnh"}) {
		t.Errorf("tasks %d, unmatched %q; want 3 and the centre", sum.Tasks, sum.Unmatched)
	}
	tasks, _, err := s.Tasks(context.Background(), plan.TaskFilter{PlanID: sum.PlanID})
	if err != nil {
		t.Fatal(err)
	}
	if tasks[0].LeadAgencyID != tc.ID || tasks[1].LeadAgencyID != 0 || !strings.Contains(tasks[1].Text, "Trung tâm Lưu trữ lịch sử tỉnh") {
		t.Errorf("stored leads %d, %d; text %q", tasks[0].LeadAgencyID, tasks[1].LeadAgencyID, tasks[1].Text)
	}

	r = runCmd(t, "", "plan", "import", appendix, body, "--db", db, "--create-agencies")
	if r.err != nil {
		t.Fatalf("plan import --create-agencies: %v\n%s", r.err, r.stderr)
	}
	if !strings.Contains(r.stdout, "3 nhiệm vụ") || !strings.Contains(r.stdout, "Đã thêm 1 cơ quan mới: Trung tâm Lưu trữ lịch sử tỉnh") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	all, err := s.Agencies(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var centre *agency.Agency
	for i := range all {
		if all[i].Name == "Trung tâm Lưu trữ lịch sử tỉnh" {
			centre = &all[i]
		}
	}
	if centre == nil || centre.Kind != agency.KindUnit {
		t.Fatalf("agency not created as a unit: %+v", all)
	}
	plans, err := s.Plans(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	newest := slices.MaxFunc(plans, func(a, b plan.Plan) int { return int(a.ID - b.ID) })
	tasks, _, err = s.Tasks(context.Background(), plan.TaskFilter{PlanID: newest.ID})
	if err != nil {
		t.Fatal(err)
	}
	if tasks[1].LeadAgencyID != centre.ID || tasks[2].LeadAgencyID != centre.ID {
		t.Errorf("tasks of the new agency lead %d, %d; want %d", tasks[1].LeadAgencyID, tasks[2].LeadAgencyID, centre.ID)
	}
}

// TestPlanImportMapChoices: --map answers each unknown name as the web's
// mapping screen does — an agency ("Tên=ID"), a new agency ("Tên=new"),
// not an agency ("Tên=none") — through the same use case; a choice of an
// agency not in the register stores nothing.
func TestPlanImportMapChoices(t *testing.T) {
	body, appendix := importFiles(t)
	db := tempDB(t)
	s := openStore(t, db)
	tc := agency.Agency{Name: "Sở Tài chính", Kind: agency.KindDepartment}
	if err := s.CreateAgency(context.Background(), 0, &tc); err != nil {
		t.Fatal(err)
	}
	r := runCmd(t, "", "plan", "import", body, appendix, "--db", db, "--json", "--map", "Trung tâm Lưu trữ lịch sử tỉnh=999")
	if r.err == nil || !strings.Contains(r.err.Error(), "--map") || !strings.Contains(r.err.Error(), "nothing stored") || r.stdout != "" {
		t.Errorf("a map to no agency: %v, %q", r.err, r.stdout)
	}
	if got := planCodes(t, db); len(got) != 0 {
		t.Fatalf("plans after a refused import: %q", got)
	}

	r = runCmd(t, "", "plan", "import", body, appendix, "--db", db, "--json", "--map", "trung tam luu tru lich su tinh=none")
	var sum struct {
		PlanID    int64    `json:"plan_id"`
		Unmatched []string `json:"unmatched_agencies"`
	}
	if r.err != nil || json.Unmarshal([]byte(r.stdout), &sum) != nil || len(sum.Unmatched) != 0 || sum.PlanID == 0 {
		t.Fatalf("not an agency: %v, %s", r.err, r.stdout)
	}
	r = runCmd(t, "", "plan", "import", body, appendix, "--db", db, "--map", "Trung tâm Lưu trữ lịch sử tỉnh="+strconv.FormatInt(tc.ID, 10))
	if r.err != nil || strings.Contains(r.stdout, "chưa có trong danh sách") {
		t.Errorf("mapped to an agency: %v\n%s", r.err, r.stdout)
	}
	plans, err := s.Plans(context.Background())
	if err != nil || len(plans) != 2 {
		t.Fatalf("%d plans (%v)", len(plans), err)
	}
	newest := slices.MaxFunc(plans, func(a, b plan.Plan) int { return int(a.ID - b.ID) })
	tasks, _, err := s.Tasks(context.Background(), plan.TaskFilter{PlanID: newest.ID})
	if err != nil || len(tasks) != 3 || tasks[1].LeadAgencyID != tc.ID || tasks[2].LeadAgencyID != tc.ID {
		t.Errorf("mapped tasks lead %+v (%v)", tasks, err)
	}
	r = runCmd(t, "", "plan", "import", body, appendix, "--db", db, "--map", "Trung tâm Lưu trữ lịch sử tỉnh=new")
	if r.err != nil || !strings.Contains(r.stdout, "Đã thêm 1 cơ quan mới") || !strings.Contains(r.stdout, "cùng tên") {
		t.Errorf("a new agency: %v\n%s", r.err, r.stdout)
	}
}
