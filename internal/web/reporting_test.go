package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// newReportingApp is the application with reports to write: on top of
// seed, the head of Sở Nội vụ (which cooperates on Sở Tài chính's task
// "Chính quyền số") and a second officer of Sở Tài chính, a continuous
// task and an indicator of Sở Tài chính. The fixed day, 01/09/2025, is in
// Quý III/2025, whose reports are due on 10/09/2025.
func newReportingApp(t *testing.T) *app { return newApp(t, seedReporting) }

func init() {
	usernames["head_nv"] = "lanhdaonv"
	usernames["officer2"] = "chuyenvien2"
}

// seedReporting adds what the reporting scenarios need and records the
// IDs as {q3}, {rep} (Sở Tài chính's Q3 report), {repnv} (Sở Nội vụ's),
// {cont} (the continuous task) and {ind} (the indicator).
func seedReporting(a *app, ctx context.Context) {
	t, s, f := a.t, a.store, &a.f
	for _, u := range []auth.User{
		{Username: "lanhdaonv", FullName: "Võ Nội Vụ", Role: auth.RoleHead, AgencyID: f.agencyNV},
		{Username: "chuyenvien2", FullName: "Đỗ Thị Hai", Role: auth.RoleOfficer, AgencyID: f.agencyTC},
	} {
		if err := s.CreateUser(ctx, 0, &u, passwordHash()); err != nil {
			t.Fatalf("seed user %s: %v", u.Username, err)
		}
	}
	soon := a.task(f.taskDueSoon)
	soon.CooperatingAgencyIDs = []int64{f.agencyNV}
	if err := s.UpdateTask(ctx, 0, soon); err != nil {
		t.Fatalf("seed cooperation: %v", err)
	}
	dl, err := plan.ParseDeadline("thường xuyên")
	if err != nil {
		t.Fatal(err)
	}
	cont := &plan.Task{SectionID: f.secGroup2, Title: "Tuyên truyền về chuyển đổi số",
		Text: "Thường xuyên tuyên truyền, phổ biến về chuyển đổi số cho người dân.", LeadAgencyID: f.agencyTC, Deadline: dl}
	if err := s.CreateTask(ctx, 0, cont); err != nil {
		t.Fatalf("seed continuous task: %v", err)
	}
	ind := &indicator.Indicator{PlanID: f.planID, Code: "CT01", Name: "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình", Unit: "%",
		Direction: indicator.Increase, Aggregation: indicator.Average, AgencyID: f.agencyTC}
	if err := s.CreateIndicator(ctx, 0, ind); err != nil {
		t.Fatalf("seed indicator: %v", err)
	}
	q3, err := s.PeriodAt(ctx, f.planID, testNow)
	if err != nil {
		t.Fatalf("seed period: %v", err)
	}
	if q3.Label != "Quý III/2025" {
		t.Fatalf("the test day is in %s, want Quý III/2025", q3.Label)
	}
	rep, err := s.ReportFor(ctx, q3.ID, f.agencyTC)
	if err != nil {
		t.Fatalf("seed report: %v", err)
	}
	repNV, err := s.ReportFor(ctx, q3.ID, f.agencyNV)
	if err != nil {
		t.Fatalf("seed report NV: %v", err)
	}
	a.vars["q3"], a.vars["rep"], a.vars["repnv"] = ids(q3.ID), ids(rep.ID), ids(repNV.ID)
	a.vars["cont"], a.vars["ind"] = ids(cont.ID), ids(ind.ID)
}

// report reads a report by placeholder ("{rep}") from the store.
func (a *app) report(ref string) *reporting.Report {
	a.t.Helper()
	id, err := strconv.ParseInt(a.expand(ref), 10, 64)
	if err != nil {
		a.t.Fatalf("report %q: %v", ref, err)
	}
	r, err := a.store.Report(context.Background(), id)
	if err != nil {
		a.t.Fatal(err)
	}
	return r
}

// vform is a form whose values may name current versions: "@report {rep}"
// is the report's version, "@entry {rep} {soon}" the version of its line
// for a task. Placeholders are expanded.
func vform(kv ...string) func(a *app) url.Values {
	return func(a *app) url.Values {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			val := a.expand(kv[i+1])
			switch f := strings.Fields(val); {
			case len(f) == 2 && f[0] == "@report":
				val = strconv.Itoa(a.report(f[1]).Version)
			case len(f) == 3 && f[0] == "@entry":
				val = "0"
				for _, e := range a.report(f[1]).Entries {
					if ids(e.TaskID) == f[2] {
						val = strconv.Itoa(e.Version)
					}
				}
			}
			v.Set(kv[i], val)
		}
		return v
	}
}

// upload is a multipart body with the "task_id" field and one file.
func upload(task, name string, data []byte) func(a *app) ([]byte, string) {
	return func(a *app) ([]byte, string) {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		if task != "" {
			w.WriteField("task_id", a.expand(task))
		}
		fw, err := w.CreateFormFile("file", name)
		if err != nil {
			a.t.Fatal(err)
		}
		fw.Write(data)
		w.Close()
		return b.Bytes(), w.FormDataContentType()
	}
}

// Evidence files: real magic bytes, and a Windows program named .pdf.
var (
	pdfBytes = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	exeBytes = []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00 This program cannot be run in DOS mode.")
)

// fileCount is how many evidence files the report holds.
func fileCount(ref string) func(t *testing.T, a *app, r *response) {
	return func(t *testing.T, a *app, r *response) {
		t.Helper()
		if n := len(a.report(ref).Files); n != 0 {
			t.Errorf("a refused upload stored %d files", n)
		}
	}
}

// reportState checks the stored state of a report.
func reportState(ref string, want reporting.State) func(t *testing.T, a *app, r *response) {
	return func(t *testing.T, a *app, r *response) {
		t.Helper()
		if got := a.report(ref).State; got != want {
			t.Errorf("report %s is %s, want %s", ref, got, want)
		}
	}
}

var revisionLoc = regexp.MustCompile(`^/reports/(\d+)/edit`)

const (
	toEdit    = "/reports/{rep}/edit"
	msgLocked = "p.alert-error[data-status=409]"
	msg422    = "p.alert-error[data-status=422]"
)

// reportingScenarios walk one quarter's report through the whole flow —
// officer drafts, head submits, coordinator returns with a reason, head
// resubmits, coordinator accepts, the report locks, a correction makes
// revision 2 — with who may not do what on the way, a conflict between
// two officers, evidence uploads, and an extension request decided by the
// coordinator.
func reportingScenarios() []scenario {
	return []scenario{
		// "Việc của tôi" before anything is written.
		{name: "officer home", role: "officer", method: "GET", path: "/", status: 200,
			sel: []string{".due-reports a.work-title[href=/periods/{q3}/report]", ".task-alerts li[data-task={soon}] .badge-orange", "nav a[href=/][aria-current=page]"},
			text: map[string]string{".due-reports li[data-report={rep}]": "Quý III/2025", ".due-reports li[data-report={rep}] .days-left": "còn 9 ngày",
				".work-agency": "Sở Tài chính", ".task-alerts li[data-task={soon}] .days-to-due": "còn 4 ngày"},
			count: map[string]int{".due-reports .work-item": 2, ".due-reports .days-left.badge-red": 1}}, // Quý II is late
		{name: "coordinator home", role: "coordinator", method: "GET", path: "/", status: 200,
			sel:  []string{".missing-reports li[data-agency={tc}]", ".missing-reports li[data-agency={nv}]", "table.figures tr[data-agency={tc}]", "select#w-period option[selected]"},
			text: map[string]string{"h2.period-title": "Quý III/2025", ".totals .received": "0/", "table.figures tr[data-agency={tc}] .period-received": "0/1"}},
		{name: "admin home is the coordinator's", role: "admin", method: "GET", path: "/", status: 200, sel: []string{".missing-reports", ".waiting-review"}},
		{name: "reach the report from home", role: "officer", method: "GET", path: "/periods/{q3}/report", status: 303, loc: toEdit + "$"},
		{name: "coordinator reaches an agency's report", role: "coordinator", method: "GET", path: "/periods/{q3}/report?agency={tc}", status: 303, loc: "/reports/{rep}$"},
		{name: "coordinator must name the agency", role: "coordinator", method: "GET", path: "/periods/{q3}/report", status: 404},
		{name: "starting a report already started opens it", role: "officer", method: "POST", path: "/periods/{q3}/report", status: 303, loc: toEdit + "$"},
		{name: "report form", role: "officer", method: "GET", path: toEdit, status: 200,
			sel: []string{"#entry-{soon} form[action=/reports/{rep}/entries/{soon}][data-autosave] select[name=status]", "#entry-{soon} input[name=version][value=0]",
				"#entry-{cont} select[name=status]", "#value-{ind} input[name=value]", "form.texts-form textarea[name=summary]",
				"form.upload-form[enctype=multipart/form-data] input[type=file][name=file]", "#entry-{soon} [data-field=completed_on][data-when=completed]"},
			none:  []string{"form.submit-form"},
			count: map[string]int{"section.entry-block": 2, "#entry-{soon} select[name=status] option": 6}},
		{name: "head's form can submit", role: "head", method: "GET", path: toEdit, status: 200, sel: []string{"form.submit-form[action=/reports/{rep}/submit] input[name=version]"}},

		// The officer drafts.
		{name: "save a line", role: "officer", method: "POST", path: "/reports/{rep}/entries/{soon}",
			form: vform("version", "0", "status", "in_progress", "percent", "60", "result", "Đã triển khai nền tảng chính quyền số tại 12 sở.",
				"evidence", "Quyết định số 12/QĐ-UBND ngày 03/4/2025", "difficulties", "Thiếu nhân lực", "proposals", "Bổ sung biên chế"),
			status: 303, loc: toEdit + "?done=saved#entry-{soon}$", then: reportState("{rep}", reporting.StateDraft)},
		{name: "saved line shows", role: "officer", method: "GET", path: toEdit + "?done=saved", status: 200,
			sel:  []string{".alert-ok", "#entry-{soon} input[name=version][value=1]", "#entry-{soon} select[name=status] option[selected][value=in_progress]", "#entry-{soon} input[name=percent][value=60]"},
			text: map[string]string{"#entry-{soon} textarea[name=result]": "tại 12 sở", ".status-line .state": "Đang soạn"}},
		{name: "line invalid keeps input", role: "officer", method: "POST", path: "/reports/{rep}/entries/{soon}",
			form:   vform("version", "@entry {rep} {soon}", "status", "completed", "percent", "100", "result", "Hoàn thành, chưa nhập ngày"),
			status: 422,
			sel:    []string{"#entry-{soon} .field.invalid[data-field=completed_on] .field-error", "#entry-{soon} select[name=status] option[selected][value=completed]"},
			text:   map[string]string{"#entry-{soon} textarea[name=result]": "chưa nhập ngày", "#entry-{soon} [data-field=completed_on] .field-error": "Hãy nhập ngày hoàn thành.", ".form-error": "Chưa lưu được"}},
		{name: "line with an impossible date", role: "officer", method: "POST", path: "/reports/{rep}/entries/{soon}",
			form:   vform("version", "@entry {rep} {soon}", "status", "completed", "completed_on", "31/02/2025", "percent", "abc"),
			status: 422,
			sel:    []string{"#entry-{soon} input[name=completed_on][value=31/02/2025]", "#entry-{soon} .field.invalid[data-field=percent]"},
			text:   map[string]string{"#entry-{soon} [data-field=completed_on] .field-error": "dd/mm/yyyy"}},
		{name: "second officer saves over a stale version: conflict keeps the input", role: "officer2", method: "POST", path: "/reports/{rep}/entries/{soon}",
			form:   vform("version", "0", "status", "in_progress", "percent", "70", "result", "Bản của người thứ hai: 15 sở."),
			status: 409,
			sel:    []string{"#entry-{soon}.conflict .saved-values", "#entry-{soon} input[name=version][value=1]", "#entry-{soon} input[name=percent][value=70]"},
			text: map[string]string{"#entry-{soon} .conflict-alert": "Người khác vừa lưu mục này", "#entry-{soon} textarea[name=result]": "Bản của người thứ hai: 15 sở.",
				"#entry-{soon} .saved-values": "tại 12 sở", "#entry-{soon} .conflict-by": "Lê Văn Chuyên"},
			then: func(t *testing.T, a *app, r *response) {
				for _, e := range a.report("{rep}").Entries {
					if ids(e.TaskID) == a.expand("{soon}") && (e.Version != 1 || !strings.Contains(e.Result, "12 sở")) {
						t.Errorf("the conflicting save changed the line: v%d %q", e.Version, e.Result)
					}
				}
			}},
		{name: "autosave answers JSON with the new versions", role: "officer", method: "POST", path: "/reports/{rep}/entries/{soon}",
			header: map[string]string{"Accept": "application/json"},
			form: vform("version", "1", "status", "in_progress", "percent", "65", "result", "Đã triển khai nền tảng chính quyền số tại 12 sở (tự động lưu).",
				"evidence", "Quyết định số 12/QĐ-UBND ngày 03/4/2025"),
			status: 200,
			then: func(t *testing.T, a *app, r *response) {
				var got struct {
					OK            bool   `json:"ok"`
					Version       int    `json:"version"`
					ReportVersion int    `json:"report_version"`
					SavedAt       string `json:"saved_at"`
				}
				if err := json.Unmarshal([]byte(r.body), &got); err != nil || !got.OK || got.Version != 2 || got.SavedAt != "10:00" {
					t.Errorf("autosave reply %s (%v)", r.body, err)
				}
				if want := a.report("{rep}").Version; got.ReportVersion != want {
					t.Errorf("autosave report_version %d, want %d", got.ReportVersion, want)
				}
			}},
		{name: "autosave conflict answers 409 JSON", role: "officer2", method: "POST", path: "/reports/{rep}/entries/{soon}",
			header: map[string]string{"Accept": "application/json"}, form: vform("version", "1", "status", "in_progress"), status: 409,
			then: func(t *testing.T, a *app, r *response) {
				if !strings.Contains(r.body, `"conflict":true`) || !strings.Contains(r.body, "Người khác vừa lưu") {
					t.Errorf("conflict reply %s", r.body)
				}
			}},

		// Submitting with a line that states no status.
		{name: "head cannot submit an incomplete report", role: "head", method: "POST", path: "/reports/{rep}/submit", form: vform("version", "@report {rep}", "confirm", "yes"),
			status: 422, sel: []string{"li.entry.invalid#entry-{cont} .field-error"}, none: []string{"li.entry.invalid#entry-{soon}"},
			text: map[string]string{".form-error": "chưa khai tình trạng"}, then: reportState("{rep}", reporting.StateDraft)},
		{name: "save the continuous task's line", role: "officer", method: "POST", path: "/reports/{rep}/entries/{cont}",
			form: vform("version", "0", "status", "in_progress", "percent", "30", "result", "Tổ chức 4 hội nghị tuyên truyền."), status: 303},

		// The cooperating agency writes its part; the lead sees it inside its line.
		{name: "cooperating agency's form", role: "head_nv", method: "GET", path: "/reports/{repnv}/edit", status: 200,
			sel: []string{"#contribution-{soon} form[action=/reports/{repnv}/contributions/{soon}] textarea[name=text]"}, count: map[string]int{"section.entry-block": 0}},
		{name: "save a contribution", role: "head_nv", method: "POST", path: "/reports/{repnv}/contributions/{soon}",
			form: vform("version", "0", "text", "Sở Nội vụ rà soát quy trình nội bộ cho 12 sở."), status: 303, loc: "/reports/{repnv}/edit?done=saved#contribution-{soon}$"},
		{name: "lead sees the contribution in its line", role: "officer", method: "GET", path: "/reports/{rep}", status: 200,
			text: map[string]string{"#entry-{soon} .contribution .coop-agency": "Sở Nội vụ", "#entry-{soon} .contribution-text": "rà soát quy trình"}},

		// Indicator values and free texts.
		{name: "save an indicator value", role: "officer", method: "POST", path: "/reports/{rep}/values/{ind}",
			form: vform("version", "0", "value", "85,5", "note", "Số liệu đến 31/8"), status: 303},
		{name: "indicator value unreadable", role: "officer", method: "POST", path: "/reports/{rep}/values/{ind}",
			form: vform("version", "1", "value", "nhiều"), status: 422,
			sel: []string{"#value-{ind} .field.invalid[data-field=value]", "#value-{ind} input[name=value][value=nhiều]"}},
		{name: "save the texts", role: "officer", method: "POST", path: "/reports/{rep}/texts",
			form: vform("version", "@report {rep}", "summary", "Hoàn thành cơ bản các nhiệm vụ của quý.", "next_tasks", "Triển khai ứng dụng số dùng chung."), status: 303},
		{name: "texts over a stale version keep the input", role: "officer2", method: "POST", path: "/reports/{rep}/texts",
			form: vform("version", "1", "summary", "Bản cũ của tôi"), status: 409,
			sel:  []string{".texts-layout .saved-values"},
			text: map[string]string{"form.texts-form textarea[name=summary]": "Bản cũ của tôi", ".saved-values dd": "Hoàn thành cơ bản"}},

		// Evidence files: judged by content; a refused file stores nothing.
		{name: "upload a program named .pdf", role: "officer", method: "POST", path: "/reports/{rep}/files", body: upload("0", "bao-cao.pdf", exeBytes),
			status: 422, text: map[string]string{".upload-form [data-field=file] .field-error": "Chỉ nhận tệp PDF, DOCX, XLSX, JPG hoặc PNG."},
			then: fileCount("{rep}")},
		{name: "upload a PDF named .png", role: "officer", method: "POST", path: "/reports/{rep}/files", body: upload("0", "anh.png", pdfBytes),
			status: 422, text: map[string]string{".upload-form .field.invalid[data-field=file] .field-error": "không khớp"}, then: fileCount("{rep}")},
		{name: "upload a file over 20 MB", role: "officer", method: "POST", path: "/reports/{rep}/files",
			body: upload("0", "lon.pdf", append(pdfBytes, make([]byte, reporting.MaxFileSize)...)), status: 413,
			text: map[string]string{".upload-form [data-field=file] .field-error": "Tệp quá lớn: mỗi tệp tối đa 20 MB."}, then: fileCount("{rep}")},
		{name: "upload nothing", role: "officer", method: "POST", path: "/reports/{rep}/files", body: upload("0", "", nil),
			status: 422, text: map[string]string{".upload-form [data-field=file] .field-error": "Hãy chọn một tệp"}},
		{name: "upload a PDF", role: "officer", method: "POST", path: "/reports/{rep}/files", body: upload("0", `C:\Tài liệu\Biên bản họp.pdf`, pdfBytes),
			status: 303, loc: toEdit + "?done=uploaded#files$",
			then: func(t *testing.T, a *app, r *response) {
				files := a.report("{rep}").Files
				if len(files) != 1 || files[0].Name != "Biên bản họp.pdf" || files[0].ContentType != reporting.TypePDF {
					t.Fatalf("files after upload: %+v", files)
				}
				a.vars["file"] = ids(files[0].ID)
			}},
		{name: "upload a picture for a line", role: "officer", method: "POST", path: "/reports/{rep}/files", body: upload("{soon}", "so-lieu.png", pngBytes),
			status: 303, loc: toEdit + "?done=uploaded#entry-{soon}$"},
		{name: "download evidence", role: "officer", method: "GET", path: "/files/{file}", status: 200,
			then: func(t *testing.T, a *app, r *response) {
				if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n") || !strings.Contains(cd, `filename="Bien ban hop.pdf"`) {
					t.Errorf("Content-Disposition %q", cd)
				}
				if r.header.Get("Content-Type") != reporting.TypePDF || r.body != string(pdfBytes) {
					t.Errorf("download: %s, %d bytes", r.header.Get("Content-Type"), len(r.body))
				}
				// As the API's download: opened in a tab anyway, the file runs
				// no script and reaches nothing.
				if csp := r.header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox;") || !strings.Contains(csp, "default-src 'none'") {
					t.Errorf("Content-Security-Policy %q, want the sandbox", csp)
				}
			}},
		{name: "report shows files and values", role: "officer", method: "GET", path: "/reports/{rep}", status: 200,
			sel:  []string{"ul.report-files a[href=/files/{file}]", "#entry-{soon} ul.files a[download]", "a.edit-report"},
			none: []string{"form.submit-form", "form.accept-form", "form.return-form"},
			text: map[string]string{"table.values td.value": "85,5 %", "dd.summary": "Hoàn thành cơ bản", "#entry-{soon} .percent": "65%", "#entry-{soon} .evidence li": "Quyết định số 12/QĐ-UBND"}},

		// Nobody reads or edits another agency's report.
		{name: "other agency's head: report", role: "head_nv", method: "GET", path: "/reports/{rep}", status: 403,
			text: map[string]string{msgForbidden: "báo cáo của cơ quan khác"}},
		{name: "other agency's head: file", role: "head_nv", method: "GET", path: "/files/{file}", status: 403, sel: []string{msgForbidden}},
		{name: "other agency's head: form", role: "head_nv", method: "GET", path: toEdit, status: 403},
		{name: "other agency's head: save", role: "head_nv", method: "POST", path: "/reports/{rep}/entries/{soon}", form: vform("version", "0", "status", "completed"), status: 403},
		{name: "other agency's head: submit", role: "head_nv", method: "POST", path: "/reports/{rep}/submit", form: vform("version", "@report {rep}"), status: 403,
			then: reportState("{rep}", reporting.StateDraft)},
		{name: "other agency's head: delete a file", role: "head_nv", method: "POST", path: "/files/{file}/delete", form: vform(), status: 403},
		{name: "other agency's head: list", role: "head_nv", method: "GET", path: "/reports", status: 200,
			sel: []string{"table.reports tr[data-report={repnv}]"}, count: map[string]int{"table.reports tr[data-report={rep}]": 0}, none: []string{"select#r-agency"}},
		{name: "leader: not before acceptance", role: "leader", method: "GET", path: "/reports/{rep}", status: 403, text: map[string]string{msgForbidden: "đã được tiếp nhận"}},
		{name: "leader: no files either", role: "leader", method: "GET", path: "/files/{file}", status: 403},

		// Only the head submits; the coordinator reviews only what was sent.
		{name: "officer cannot submit", role: "officer", method: "POST", path: "/reports/{rep}/submit", form: vform("version", "@report {rep}"), status: 403,
			text: map[string]string{msgForbidden: "Chỉ lãnh đạo cơ quan mới được duyệt và gửi báo cáo"}, then: reportState("{rep}", reporting.StateDraft)},
		{name: "coordinator cannot accept a draft", role: "coordinator", method: "POST", path: "/reports/{rep}/accept", form: vform("version", "@report {rep}"), status: 409,
			text: map[string]string{msgLocked: "chưa được gửi"}},
		{name: "coordinator does not write agencies' reports", role: "coordinator", method: "POST", path: "/reports/{rep}/entries/{soon}", form: vform("version", "2"), status: 403,
			text: map[string]string{msgForbidden: "Chỉ cơ quan lập báo cáo"}},
		{name: "submit over a stale page", role: "head", method: "POST", path: "/reports/{rep}/submit", form: vform("version", "1", "confirm", "yes"), status: 409,
			text: map[string]string{".form-error": "vừa được người khác thay đổi"}, sel: []string{"form.submit-form"}, then: reportState("{rep}", reporting.StateDraft)},
		{name: "head submits without confirming", role: "head", method: "POST", path: "/reports/{rep}/submit", form: vform("version", "@report {rep}"), status: 422,
			text: map[string]string{".form-error": "hãy đánh dấu ô xác nhận"}, sel: []string{"form.submit-form input[name=confirm][required]"}, then: reportState("{rep}", reporting.StateDraft)},
		{name: "head submits", role: "head", method: "POST", path: "/reports/{rep}/submit", form: vform("version", "@report {rep}", "confirm", "yes"), status: 303,
			loc: "/reports/{rep}?done=submitted$", then: reportState("{rep}", reporting.StateSubmitted)},
		{name: "submitted report", role: "head", method: "GET", path: "/reports/{rep}?done=submitted", status: 200,
			sel:  []string{".alert-ok", "dd.submitted .on-time", "ol.history li.step"},
			none: []string{"a.edit-report", "form.submit-form"},
			text: map[string]string{".status-line .state": "Đã gửi, chờ tiếp nhận", "dd.submitted": "Trần Thị Lãnh", "ol.history li.step": "Lãnh đạo duyệt và gửi báo cáo"}},
		{name: "submitted report cannot be edited", role: "officer", method: "GET", path: toEdit, status: 409, text: map[string]string{msgLocked: "đang chờ tiếp nhận"}},
		{name: "autosave on a sent report says why, as JSON", role: "officer", method: "POST", path: "/reports/{rep}/entries/{soon}",
			header: map[string]string{"Accept": "application/json"}, form: vform("version", "@entry {rep} {soon}", "status", "in_progress"), status: 409,
			then: func(t *testing.T, a *app, r *response) {
				if !strings.Contains(r.body, "đang chờ tiếp nhận") || strings.Contains(r.body, `"conflict"`) || r.header.Get("Content-Type") != "application/json; charset=utf-8" {
					t.Errorf("reply %s %s", r.header.Get("Content-Type"), r.body)
				}
			}},
		{name: "officer home: waiting", role: "officer", method: "GET", path: "/", status: 200, sel: []string{".waiting-reports li[data-report={rep}] .on-time"}},
		{name: "coordinator home: waiting for review", role: "coordinator", method: "GET", path: "/", status: 200,
			text: map[string]string{".waiting-review li[data-report={rep}]": "Sở Tài chính", ".totals .received": "1/3"}},

		// The coordinator returns it: a reason is required.
		{name: "return without a reason", role: "coordinator", method: "POST", path: "/reports/{rep}/return", form: vform("version", "@report {rep}", "reason", "   "),
			status: 422, sel: []string{".return-form .field.invalid[data-field=reason]"},
			text: map[string]string{".return-form [data-field=reason] .field-error": "Hãy ghi rõ lý do trả lại báo cáo"}, then: reportState("{rep}", reporting.StateSubmitted)},
		{name: "return with a reason", role: "coordinator", method: "POST", path: "/reports/{rep}/return",
			form: vform("version", "@report {rep}", "reason", "Thiếu số liệu chỉ tiêu CT01 của tháng 9."), status: 303, loc: "/reports/{rep}?done=returned$",
			then: reportState("{rep}", reporting.StateReturned)},
		{name: "officer home: returned with the reason", role: "officer", method: "GET", path: "/", status: 200,
			sel:  []string{".returned-reports a.work-title[href=/reports/{rep}/edit]"},
			text: map[string]string{".returned-reports li[data-report={rep}] .return-reason": "Thiếu số liệu chỉ tiêu CT01"}},
		{name: "returned report form shows the reason", role: "officer", method: "GET", path: toEdit, status: 200,
			text: map[string]string{".returned-alert .return-reason": "Thiếu số liệu chỉ tiêu CT01"}},
		{name: "fix the value", role: "officer", method: "POST", path: "/reports/{rep}/values/{ind}", form: vform("version", "1", "value", "86", "note", "Số liệu đến 14/9"), status: 303},
		{name: "head resubmits", role: "head", method: "POST", path: "/reports/{rep}/submit", form: vform("version", "@report {rep}", "confirm", "yes"), status: 303,
			then: reportState("{rep}", reporting.StateSubmitted)},

		// The coordinator accepts: the report locks.
		{name: "coordinator's view of a submitted report", role: "coordinator", method: "GET", path: "/reports/{rep}", status: 200,
			sel: []string{"form.accept-form", "form.return-form textarea[name=reason]"}, none: []string{"a.edit-report", "form.submit-form"}},
		{name: "coordinator accepts", role: "coordinator", method: "POST", path: "/reports/{rep}/accept", form: vform("version", "@report {rep}"), status: 303,
			loc: "/reports/{rep}?done=accepted$", then: reportState("{rep}", reporting.StateAccepted)},
		{name: "accepted report and its history", role: "coordinator", method: "GET", path: "/reports/{rep}?done=accepted", status: 200,
			sel:   []string{".status-line .state[data-state=accepted]", "dd.accepted"},
			none:  []string{"form.accept-form", "form.return-form", "a.edit-report"},
			count: map[string]int{"ol.history li.step": 4},
			text:  map[string]string{"ol.history": "Thiếu số liệu chỉ tiêu CT01", "dd.accepted": "Nguyễn Văn Điều"}},
		{name: "locked: no form", role: "officer", method: "GET", path: toEdit, status: 409, text: map[string]string{msgLocked: "đã khóa"}},
		{name: "locked: no save", role: "officer", method: "POST", path: "/reports/{rep}/entries/{soon}", form: vform("version", "@entry {rep} {soon}", "status", "completed"), status: 409},
		{name: "locked: no upload", role: "officer", method: "POST", path: "/reports/{rep}/files", body: upload("0", "them.pdf", pdfBytes), status: 409},
		{name: "locked: no texts", role: "officer", method: "POST", path: "/reports/{rep}/texts", form: vform("version", "@report {rep}", "summary", "x"), status: 409},
		{name: "accepted: leader reads it", role: "leader", method: "GET", path: "/reports/{rep}", status: 200, none: []string{"form.revise-form", "form.accept-form"}},
		{name: "accepted: leader downloads its files", role: "leader", method: "GET", path: "/files/{file}", status: 200},
		{name: "leader's list: accepted only", role: "leader", method: "GET", path: "/reports", status: 200,
			sel: []string{"table.reports tr[data-report={rep}][data-state=accepted]"}, none: []string{"table.reports tr[data-state=not_started]", "select#r-state"}},
		{name: "accepted claim reaches the task's history", role: "officer", method: "GET", path: "/tasks/{soon}", status: 200,
			text: map[string]string{".task-history": "Cập nhật theo báo cáo được Sở tiếp nhận"}},

		// A correction after acceptance is revision 2; revision 1 stays.
		{name: "correct an accepted report", role: "officer", method: "POST", path: "/reports/{rep}/revise", form: vform(), status: 303, loc: "/reports/",
			then: func(t *testing.T, a *app, r *response) {
				m := revisionLoc.FindStringSubmatch(r.header.Get("Location"))
				if m == nil {
					t.Fatalf("revise went to %q", r.header.Get("Location"))
				}
				a.vars["rev2"] = m[1]
				rev := a.report("{rev2}")
				if rev.Revision != 2 || rev.State != reporting.StateDraft || !rev.Current || len(rev.Files) != 2 {
					t.Errorf("revision: %d %s current=%v files=%d", rev.Revision, rev.State, rev.Current, len(rev.Files))
				}
				if old := a.report("{rep}"); old.State != reporting.StateAccepted || old.Current {
					t.Errorf("revision 1 is now %s current=%v", old.State, old.Current)
				}
				for _, f := range rev.Files {
					if f.TaskID == 0 {
						a.vars["file2"] = ids(f.ID)
					}
				}
			}},
		{name: "revision 2 form", role: "officer", method: "GET", path: "/reports/{rev2}/edit?done=revised", status: 200,
			sel:  []string{".alert-ok", ".status-line .revision"},
			text: map[string]string{".status-line .revision": "Phiên bản 2", "#entry-{soon} textarea[name=result]": "tự động lưu"}},
		{name: "revision 2 lists revision 1", role: "officer", method: "GET", path: "/reports/{rev2}", status: 200,
			sel: []string{"ol.revisions a[href=/reports/{rep}]", "ol.revisions li.this"}},
		{name: "revision 1 is read-only", role: "officer", method: "GET", path: "/reports/{rep}", status: 200,
			sel: []string{".old-revision"}, none: []string{"a.edit-report", "form.revise-form"}},
		{name: "revision 1 cannot be edited", role: "officer", method: "GET", path: toEdit, status: 409, text: map[string]string{msgLocked: "phiên bản cũ"}},
		{name: "delete a copied file from the draft revision", role: "officer", method: "POST", path: "/files/{file2}/delete", form: vform(), status: 303,
			loc: "/reports/{rev2}/edit?done=deleted#files$",
			then: func(t *testing.T, a *app, r *response) {
				if n, old := len(a.report("{rev2}").Files), len(a.report("{rep}").Files); n != 1 || old != 2 {
					t.Errorf("after delete: revision 2 has %d files, revision 1 %d", n, old)
				}
			}},
		{name: "coordinator's list by state", role: "coordinator", method: "GET", path: "/reports?plan={plan}&state=draft", status: 200,
			sel: []string{"table.reports tr[data-report={rev2}]", "select#r-agency"}, none: []string{"table.reports tr[data-report={rep}]"}},
		{name: "coordinator's list by agency and period", role: "coordinator", method: "GET", path: "/reports?plan={plan}&agency={tc}&period={q3}", status: 200,
			count: map[string]int{"table.reports tbody tr": 1}, text: map[string]string{"table.reports td.agency": "Sở Tài chính"}},
		{name: "report list of an unknown plan", role: "coordinator", method: "GET", path: "/reports?plan=999999", status: 404},
		{name: "unknown report", role: "coordinator", method: "GET", path: "/reports/999999", status: 404},
		{name: "unknown file", role: "officer", method: "GET", path: "/files/999999", status: 404},

		// Extension requests: asked by the lead agency, decided by the coordinator.
		{name: "task page offers the request form to the lead agency", role: "officer", method: "GET", path: "/tasks/{soon}", status: 200,
			sel: []string{"form.extension-form[action=/tasks/{soon}/extensions]", "p.no-extensions"}},
		{name: "no request form for others", role: "head_nv", method: "GET", path: "/tasks/{soon}", status: 200, none: []string{"form.extension-form"}},
		{name: "coordinator cannot request", role: "coordinator", method: "POST", path: "/tasks/{soon}/extensions", form: vform("kind", "deadline"), status: 403},
		{name: "cooperating agency cannot request", role: "head_nv", method: "POST", path: "/tasks/{soon}/extensions",
			form: vform("kind", "deadline", "deadline_text", "Quý IV/2025", "reason", "x"), status: 422, text: map[string]string{msg422: "không do cơ quan chủ trì"}},
		{name: "request invalid", role: "head", method: "POST", path: "/tasks/{soon}/extensions",
			form: vform("kind", "deadline", "deadline_text", "khi nào xong thì thôi", "reason", " "), status: 422,
			sel: []string{"details.extension-request[open]", ".extension-form .field.invalid[data-field=deadline_text] .field-error",
				".extension-form .field.invalid[data-field=reason] .field-error", "input#x-deadline_text[value=khi nào xong thì thôi]"},
			text: map[string]string{".extension-form [data-field=reason] .field-error": "Hãy nêu lý do đề nghị."}},
		{name: "request an extension", role: "head", method: "POST", path: "/tasks/{soon}/extensions",
			form: vform("kind", "deadline", "deadline_text", "Quý IV/2025", "reason", "Chờ kinh phí bổ sung."), status: 303, loc: "/tasks/{soon}?requested=1#extensions$",
			then: func(t *testing.T, a *app, r *response) {
				list, err := a.store.Extensions(context.Background(), reporting.ExtensionFilter{State: reporting.ExtensionPending})
				if err != nil || len(list) != 1 {
					t.Fatalf("pending requests: %v %v", list, err)
				}
				a.vars["ext"] = ids(list[0].ID)
			}},
		{name: "requested shows on the task", role: "head", method: "GET", path: "/tasks/{soon}?requested=1", status: 200,
			sel: []string{".alert-ok", "li.extension[data-extension={ext}][data-state=pending]"}, none: []string{"form.decide-form"}},
		{name: "coordinator home: requests waiting", role: "coordinator", method: "GET", path: "/", status: 200, sel: []string{".pending-extensions a[href=/extensions]"}},
		{name: "pending requests", role: "coordinator", method: "GET", path: "/extensions", status: 200,
			sel:  []string{"li.extension[data-extension={ext}] form.decide-form[action=/extensions/{ext}/decide]", "nav a[href=/extensions][aria-current=page]"},
			text: map[string]string{"li.extension[data-extension={ext}] .ext-new": "Quý IV/2025", "li.extension[data-extension={ext}] .ext-old": "05/9/2025"}},
		{name: "agency sees its own requests", role: "head", method: "GET", path: "/extensions?state=all", status: 200,
			sel: []string{"li.extension[data-extension={ext}]"}, none: []string{"form.decide-form"}},
		{name: "other agency sees none", role: "head_nv", method: "GET", path: "/extensions", status: 200, count: map[string]int{"li.extension": 0}},
		{name: "head cannot decide", role: "head", method: "POST", path: "/extensions/{ext}/decide", form: vform("decision", "approve"), status: 403},
		{name: "refusing needs a note", role: "coordinator", method: "POST", path: "/extensions/{ext}/decide", form: vform("decision", "refuse", "note", " "), status: 422,
			sel:  []string{"li.extension[data-extension={ext}] .field.invalid[data-field=note]"},
			text: map[string]string{"li.extension[data-extension={ext}] [data-field=note] .field-error": "Hãy ghi rõ lý do không chấp thuận."}},
		{name: "approve the extension", role: "coordinator", method: "POST", path: "/extensions/{ext}/decide", form: vform("decision", "approve", "note", "Đồng ý."),
			status: 303, loc: "/extensions?done=approved$",
			then: func(t *testing.T, a *app, r *response) {
				task := a.task(a.f.taskDueSoon)
				if !task.Deadline.Due.Equal(plan.Date(2025, 12, 31)) || task.Deadline.Text != "Quý IV/2025" {
					t.Errorf("deadline after approval: %+v", task.Deadline)
				}
				if !task.OriginalDeadline.Due.Equal(plan.Date(2025, 9, 5)) || task.OriginalDeadline.Text != "05/9/2025" {
					t.Errorf("original deadline after approval: %+v", task.OriginalDeadline)
				}
			}},
		{name: "decided once", role: "coordinator", method: "POST", path: "/extensions/{ext}/decide", form: vform("decision", "refuse", "note", "Không."), status: 409,
			text: map[string]string{msgLocked: "đã được xử lý"}},
		{name: "task keeps both deadlines", role: "leader", method: "GET", path: "/tasks/{soon}", status: 200,
			sel: []string{"li.extension[data-extension={ext}][data-state=approved]", ".task-history li.audit-row"},
			text: map[string]string{"dd.deadline-cell": "Quý IV/2025", "dd.due": "31/12/2025", "dd.original-deadline": "05/9/2025",
				".task-history": "Thời hạn: 05/9/2025 → Quý IV/2025", "li.extension .ext-note": "Đồng ý."}},
		{name: "approved requests", role: "coordinator", method: "GET", path: "/extensions?state=approved&done=approved", status: 200,
			sel: []string{".alert-ok", "li.extension[data-extension={ext}]"}},
		{name: "continuous task judged per period", role: "leader", method: "GET", path: "/tasks/{cont}", status: 200,
			sel:  []string{"table.period-statuses tr[data-period={q3}] .badge-blue", "table.period-statuses .badge-red"},
			text: map[string]string{"table.period-statuses tr[data-period={q3}]": "Đang thực hiện"}},
	}
}
