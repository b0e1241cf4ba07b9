package api_test

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
)

// A plan in two files: the body points to its appendix (cells separated
// by tabs, as a copy from Word gives), which names Sở Tài chính, and two
// agencies the register lacks.
var (
	importBody = []byte(strings.Join([]string{"KẾ HOẠCH", "Số hóa hồ sơ hành chính năm 2026",
		"I. MỤC ĐÍCH", "Giảm giấy tờ cho người dân.",
		"II. NHIỆM VỤ", "Các nhiệm vụ cụ thể tại Phụ lục kèm theo.",
		"III. TỔ CHỨC THỰC HIỆN", "Các cơ quan báo cáo hằng quý.", ""}, "\n"))
	importAppendix = []byte(strings.Join([]string{"PHỤ LỤC", "DANH MỤC NHIỆM VỤ",
		"STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành",
		"1\tSố hóa hồ sơ đất đai\tSở Tài chính\tBan Quản lý dự án\tQuý II/2026",
		"2\tSố hóa hồ sơ hộ tịch\tTrung tâm Lưu trữ lịch sử tỉnh\tSở Nội vụ\tQuý III/2026",
		"3\tTập huấn văn thư lưu trữ\tTrung tâm Lưu trữ lịch sử tỉnh\t\tnăm 2026", ""}, "\n"))
)

// importTo is a scenario row posting parts to POST /plans/import (query:
// "?dry_run=1" or "").
func importTo(name, query string, as auth.Role, status int, code string, check func(*testing.T, *env, *response), parts ...part) scenario {
	body, ct := multipartBody(parts...)
	return scenario{name: name, method: "POST", path: "/plans/import" + query, as: as, body: body,
		header: map[string]string{"Content-Type": ct}, status: status, code: code, check: check}
}

// planFiles are the two files of the plan above.
func planFiles() []part {
	return []part{fileField("ke-hoach.txt", importBody), fileField("phu-luc.txt", importAppendix)}
}

// with adds fields to the plan's files.
func with(fields ...string) []part {
	ps := planFiles()
	for i := 0; i+1 < len(fields); i += 2 {
		ps = append(ps, part{field: fields[i], data: []byte(fields[i+1])})
	}
	return ps
}

// planCount is how many plans the store holds.
func (e *env) planCount() int {
	e.t.Helper()
	ps, err := e.st.Plans(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return len(ps)
}

// strs reads a JSON array of strings.
func strs(v any) []string {
	out := []string{}
	list, _ := v.([]any)
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// checkNothingStored fails when the fixture's plans gained one.
func checkNothingStored(t *testing.T, e *env, _ *response) {
	if n, want := e.planCount(), newEnv(t).planCount(); n != want {
		t.Errorf("%d plans, want the fixture's %d: something was stored", n, want)
	}
}

func TestPlanImport(t *testing.T) {
	run(t, []scenario{
		importTo("dry run: the CLI's object, plan_id null, nothing stored", "?dry_run=1", auth.RoleCoordinator, http.StatusOK, "",
			func(t *testing.T, e *env, r *response) {
				keys := slices.Sorted(maps.Keys(r.JSON))
				if want := []string{"plan_id", "references", "sections", "tasks", "title", "unmatched_agencies", "warnings"}; !slices.Equal(keys, want) {
					t.Errorf("keys %v, want the CLI's %v", keys, want)
				}
				if r.JSON["plan_id"] != nil || r.JSON["tasks"] != 3.0 || r.JSON["title"] != "Số hóa hồ sơ hành chính năm 2026" {
					t.Errorf("answer %s", r.Raw)
				}
				if got := strs(r.JSON["unmatched_agencies"]); !slices.Equal(got, []string{"Ban Quản lý dự án", "Trung tâm Lưu trữ lịch sử tỉnh"}) {
					t.Errorf("unmatched %q", got)
				}
				checkNothingStored(t, e, r)
			}, planFiles()...),
		importTo("import: 201, Location, names mapped, created, left", "", auth.RoleCoordinator, http.StatusCreated, "",
			func(t *testing.T, e *env, r *response) {
				id, _ := r.JSON["plan_id"].(float64)
				if id == 0 || r.Header.Get("Location") != "/api/v1/plans/"+itoa(int64(id)) {
					t.Fatalf("plan_id %v, Location %q", r.JSON["plan_id"], r.Header.Get("Location"))
				}
				if got := strs(r.JSON["unmatched_agencies"]); len(got) != 0 {
					t.Errorf("unmatched %q after every name was answered", got)
				}
				p, err := e.st.Plan(context.Background(), int64(id))
				if err != nil || p.Code != "7/KH-UBND" || p.IssuedOn.Format("2006-01-02") != "2025-08-01" || p.Status != plan.PlanActive {
					t.Errorf("stored %+v (%v)", p, err)
				}
				tasks, _, err := e.st.Tasks(context.Background(), plan.TaskFilter{PlanID: int64(id)})
				if err != nil || len(tasks) != 3 {
					t.Fatalf("%d tasks (%v)", len(tasks), err)
				}
				if tasks[0].LeadAgencyID != e.ids["TC"] || !slices.Equal(tasks[0].CooperatingAgencyIDs, []int64{e.ids["NV"]}) ||
					tasks[1].LeadAgencyID == 0 || tasks[1].LeadAgencyID != tasks[2].LeadAgencyID {
					t.Errorf("leads %d %d %d, task 1 cooperating %v", tasks[0].LeadAgencyID, tasks[1].LeadAgencyID, tasks[2].LeadAgencyID, tasks[0].CooperatingAgencyIDs)
				}
				a, err := e.st.Agency(context.Background(), tasks[1].LeadAgencyID)
				if err != nil || a.Name != "Trung tâm Lưu trữ lịch sử tỉnh" {
					t.Errorf("new agency %+v (%v)", a, err)
				}
			}, with("map", "ban quan ly du an={NV}", "create_agencies", "true", "code", "7/KH-UBND", "issued_on", "2025-08-01")...),
		importTo("a name dismissed is not listed; one left is", "?dry_run=1", auth.RoleAdmin, http.StatusOK, "",
			func(t *testing.T, e *env, r *response) {
				if got := strs(r.JSON["unmatched_agencies"]); !slices.Equal(got, []string{"Trung tâm Lưu trữ lịch sử tỉnh"}) {
					t.Errorf("unmatched %q", got)
				}
			}, with("map", "Ban Quản lý dự án=none")...),
		importTo("the same number as a plan of the register: 422 fields.code", "", auth.RoleCoordinator, http.StatusUnprocessableEntity, "invalid",
			func(t *testing.T, e *env, r *response) {
				if !strings.Contains(field(r, "code"), "đã có") {
					t.Errorf("fields %s", r.Raw)
				}
				checkNothingStored(t, e, r)
			}, with("code", "99/kh-ubnd")...),
		importTo("a map to an agency that has ended: 422 fields.map", "", auth.RoleCoordinator, http.StatusUnprocessableEntity, "invalid",
			func(t *testing.T, e *env, r *response) {
				if !strings.Contains(field(r, "map"), "Ban Quản lý dự án") {
					t.Errorf("fields %s", r.Raw)
				}
				checkNothingStored(t, e, r)
			}, with("map", "Ban Quản lý dự án={TTTT}")...),
		importTo("a map without an ID: 400 fields.map", "", auth.RoleCoordinator, http.StatusBadRequest, "bad_request",
			func(t *testing.T, e *env, r *response) {
				if field(r, "map") == "" {
					t.Errorf("fields %s", r.Raw)
				}
			}, with("map", "Ban Quản lý dự án")...),
		importTo("a date not YYYY-MM-DD: 400 fields.issued_on", "", auth.RoleCoordinator, http.StatusBadRequest, "bad_request",
			func(t *testing.T, e *env, r *response) {
				if field(r, "issued_on") == "" {
					t.Errorf("fields %s", r.Raw)
				}
			}, with("issued_on", "01/08/2025")...),
		importTo("an unknown field: 400", "", auth.RoleCoordinator, http.StatusBadRequest, "bad_request",
			func(t *testing.T, e *env, r *response) {
				if field(r, "mapping") == "" {
					t.Errorf("fields %s", r.Raw)
				}
			}, with("mapping", "x")...),
		importTo("no file: 422 fields.file", "", auth.RoleCoordinator, http.StatusUnprocessableEntity, "invalid",
			func(t *testing.T, e *env, r *response) {
				if field(r, "file") == "" {
					t.Errorf("fields %s", r.Raw)
				}
			}, part{field: "code", data: []byte("1/KH")}),
		importTo("a file the importer refuses: 422, its message and code", "", auth.RoleCoordinator, http.StatusUnprocessableEntity, "invalid",
			func(t *testing.T, e *env, r *response) {
				env, _ := r.JSON["error"].(map[string]any)
				if env["rule"] != "no_tasks" || !strings.Contains(field(r, "file"), "nhiệm vụ") || env["message"] != field(r, "file") {
					t.Errorf("refusal %s", r.Raw)
				}
				checkNothingStored(t, e, r)
			}, fileField("ghi-chu.txt", []byte("Xin chào\nđây là ghi chú, không phải kế hoạch\n"))),
		importTo("one bad file among several names it", "?dry_run=1", auth.RoleCoordinator, http.StatusUnprocessableEntity, "invalid",
			func(t *testing.T, e *env, r *response) {
				if !strings.Contains(field(r, "file"), "phu-luc-2.docx") {
					t.Errorf("refusal %s", r.Raw)
				}
			}, append(planFiles(), fileField("phu-luc-2.docx", []byte("không phải tệp Word")))...),
		importTo("a head may not import", "", auth.RoleHead, http.StatusForbidden, "forbidden", checkNothingStored, planFiles()...),
		{name: "not multipart: 415", method: "POST", path: "/plans/import", as: auth.RoleCoordinator, body: `{"file":"x"}`,
			status: http.StatusUnsupportedMediaType, code: "unsupported_media_type"},
	})
}

// TestPlanImportTooLarge: files over the import's limit in all are 413
// and nothing is read further.
func TestPlanImportTooLarge(t *testing.T) {
	e := newEnv(t)
	big := make([]byte, 11<<20)
	for i := range big {
		big[i] = 'a'
	}
	body, ct := multipartBody(fileField("a.txt", big), fileField("b.txt", big))
	r := e.do("POST", "/plans/import", auth.RoleCoordinator, body, map[string]string{"Content-Type": ct})
	if r.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d\n%.300s", r.Status, r.Raw)
	}
	checkError(t, r, "too_large")
	checkNothingStored(t, e, r)
}
