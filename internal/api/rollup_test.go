package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/auth"
)

// TestRollupAPI walks the linked-plans routes in one environment: plan
// 12/KH-UBND (P2) becomes the national programme, tasks of 99/KH-UBND
// (P1) link to its task, the roll-up reads them, a link sheet is
// previewed, and a package is exported, refused, registered, imported
// and imported again.
func TestRollupAPI(t *testing.T) {
	e := newEnv(t)
	mustStatus := func(r *response, want int) {
		t.Helper()
		if r.Status != want {
			t.Fatalf("status %d, want %d: %s", r.Status, want, r.Raw)
		}
	}
	// Levels.
	mustStatus(e.do("PUT", "/plans/{P2}/level", auth.RoleHead, `{"level":"national"}`, nil), http.StatusForbidden)
	r := e.do("PUT", "/plans/{P2}/level", auth.RoleCoordinator, `{"level":"district"}`, nil)
	mustStatus(r, http.StatusUnprocessableEntity)
	if field(r, "level") == "" {
		t.Errorf("no level message: %s", r.Raw)
	}
	r = e.do("PUT", "/plans/{P2}/level", auth.RoleCoordinator, `{"level":"national","issuer":"Chính phủ"}`, nil)
	mustStatus(r, http.StatusOK)
	if r.JSON["level"] != "national" || r.JSON["issuer"] != "Chính phủ" {
		t.Errorf("plan after PUT level: %s", r.Raw)
	}
	if r := e.do("GET", "/plans/{P1}", auth.RoleLeader, "", nil); r.JSON["level"] != "province" {
		t.Errorf("P1 level %v", r.JSON["level"])
	}

	// Links.
	mustStatus(e.do("PUT", "/tasks/{T1}/links", auth.RoleOfficer, `{"upstream_task_ids":[{P2.T1}]}`, nil), http.StatusForbidden)
	r = e.do("PUT", "/tasks/{T1}/links", auth.RoleCoordinator, `{"upstream_task_ids":[{T2}]}`, nil)
	mustStatus(r, http.StatusUnprocessableEntity)
	if !strings.Contains(field(r, "upstream_task_ids"), "chính kế hoạch") {
		t.Errorf("same-plan link: %s", r.Raw)
	}
	mustStatus(e.do("PUT", "/tasks/{T1}/links", auth.RoleCoordinator, `{}`, nil), http.StatusUnprocessableEntity)
	mustStatus(e.do("PUT", "/tasks/{T1}/links", auth.RoleCoordinator, `{"upstream_task_ids":[1],"x":1}`, nil), http.StatusBadRequest)
	for _, task := range []string{"T1", "T2"} {
		r = e.do("PUT", "/tasks/{"+task+"}/links", auth.RoleCoordinator, `{"upstream_task_ids":[{P2.T1}]}`, nil)
		mustStatus(r, http.StatusOK)
	}
	if ids, _ := r.JSON["upstream_task_ids"].([]any); len(ids) != 1 || num(ids[0]) != e.ids["P2.T1"] || num(r.JSON["total"]) != 1 {
		t.Errorf("PUT links answer: %s", r.Raw)
	}
	r = e.do("GET", "/tasks/{T1}/links", auth.RoleLeader, "", nil)
	mustStatus(r, http.StatusOK)
	if h, _ := r.JSON["history"].([]any); len(h) != 1 || items(t, r)[0]["number"] != float64(1) || items(t, r)[0]["how"] != "manual" {
		t.Errorf("GET links: %s", r.Raw)
	}
	r = e.do("GET", "/tasks/{P2.T1}/links", auth.RoleLeader, "", nil)
	if d, _ := r.JSON["downstream"].([]any); len(d) != 2 {
		t.Errorf("the upstream task's downstream: %s", r.Raw)
	}
	mustStatus(e.do("GET", "/tasks/{T3}/links/suggestions", auth.RoleLeader, "", nil), http.StatusBadRequest)
	mustStatus(e.do("GET", "/tasks/{T3}/links/suggestions?plan={P2}", auth.RoleLeader, "", nil), http.StatusOK)

	// The roll-up, with the contract's fields.
	r = e.do("GET", "/plans/{P2}/rollup", auth.RoleLeader, "", nil)
	mustStatus(r, http.StatusOK)
	its := items(t, r)
	if len(its) != 1 || num(r.JSON["total"]) != 1 || num(its[0]["upstream_task_id"]) != e.ids["P2.T1"] || its[0]["title"] == "" {
		t.Fatalf("roll-up: %s", r.Raw)
	}
	linked, _ := its[0]["linked"].([]any)
	if len(linked) != 2 {
		t.Fatalf("linked: %s", r.Raw)
	}
	for _, x := range linked {
		l := x.(map[string]any)
		for _, k := range []string{"plan_id", "task_id", "agency_id", "status", "progress", "result"} {
			if _, ok := l[k]; !ok {
				t.Errorf("linked task without %s: %v", k, l)
			}
		}
		if num(l["plan_id"]) != e.ids["P1"] || l["source"] != nil {
			t.Errorf("linked %v", l)
		}
	}
	// T2 is due on 25/6, five days after today: the upstream task is due soon.
	if its[0]["status"] != "due_soon" {
		t.Errorf("upstream status %v", its[0]["status"])
	}
	r = e.do("GET", "/plans/{P2}/rollup?plan={P1}&agency={TC}", auth.RoleHead, "", nil)
	if linked, _ := items(t, r)[0]["linked"].([]any); len(linked) != 1 {
		t.Errorf("Sở Tài chính's part: %s", r.Raw)
	}
	r = e.do("GET", "/plans/{P2}/rollup?period=x&limit=0", auth.RoleLeader, "", nil)
	mustStatus(r, http.StatusBadRequest)
	if field(r, "period") == "" || field(r, "limit") == "" {
		t.Errorf("bad parameters: %s", r.Raw)
	}
	mustStatus(e.do("GET", "/plans/999999/rollup", auth.RoleLeader, "", nil), http.StatusNotFound)

	// A link sheet, previewed: T3 (STT 3) → the national task (STT 1).
	body, ct := multipartSheet(t, [][]any{{"STT", "Nhiệm vụ", "STT nhiệm vụ cấp trên"}, {3, "Dữ liệu", "1"}, {99, "?", "1"}})
	r = e.doRaw("POST", "/plans/{P1}/links/sheet?upstream={P2}&dry_run=1", auth.RoleCoordinator, body, ct)
	mustStatus(r, http.StatusOK)
	if errs, _ := r.JSON["errors"].([]any); len(errs) != 1 || r.JSON["applied"] != false {
		t.Errorf("sheet preview: %s", r.Raw)
	}
	r = e.doRaw("POST", "/plans/{P1}/links/sheet?upstream={P2}", auth.RoleCoordinator, body, ct)
	mustStatus(r, http.StatusUnprocessableEntity)
	if field(r, "line.3") == "" {
		t.Errorf("sheet errors by line: %s", r.Raw)
	}
	body, ct = multipartSheet(t, [][]any{{"STT", "STT nhiệm vụ cấp trên"}, {3, "1"}})
	r = e.doRaw("POST", "/plans/{P1}/links/sheet?upstream={P2}", auth.RoleCoordinator, body, ct)
	mustStatus(r, http.StatusOK)
	if r.JSON["applied"] != true || num(r.JSON["named"]) != 1 {
		t.Errorf("sheet applied: %s", r.Raw)
	}

	// Packages: this instance sends its part and receives it back.
	mustStatus(e.do("GET", "/plans/{P2}/rollup/package", auth.RoleLeader, "", nil), http.StatusForbidden)
	r = e.do("GET", "/plans/{P2}/rollup/package", auth.RoleCoordinator, "", nil)
	mustStatus(r, http.StatusOK)
	pkg := r.Raw
	if !strings.Contains(r.Header.Get("Content-Disposition"), "goi-tong-hop-12-kh-ubnd") || r.JSON["format"] != "tiendo-rollup-package/1" {
		t.Fatalf("export: %v %s", r.Header, r.Raw[:min(200, len(r.Raw))])
	}
	r = e.doRaw("POST", "/rollup/packages", auth.RoleCoordinator, pkg, "application/json")
	mustStatus(r, http.StatusUnprocessableEntity)
	if !strings.Contains(field(r, "file"), "chưa đăng ký") {
		t.Errorf("unregistered: %s", r.Raw)
	}
	id := e.do("GET", "/rollup/identity", auth.RoleCoordinator, "", nil)
	mustStatus(id, http.StatusOK)
	mustStatus(e.do("POST", "/rollup/senders", auth.RoleCoordinator, `{"name":"Cà Mau","public_key":"`+id.JSON["public_key"].(string)+`"}`, nil), http.StatusForbidden)
	r = e.do("POST", "/rollup/senders", auth.RoleAdmin, `{"name":"Cà Mau","public_key":"`+id.JSON["public_key"].(string)+`"}`, nil)
	mustStatus(r, http.StatusCreated)
	sender := itoa(num(r.JSON["id"]))
	r = e.doRaw("POST", "/rollup/packages", auth.RoleCoordinator, pkg, "application/json")
	mustStatus(r, http.StatusCreated)
	if r.JSON["outcome"] != "new" || num(r.JSON["linked"]) != 3 {
		t.Errorf("import: %s", r.Raw)
	}
	r = e.doRaw("POST", "/rollup/packages", auth.RoleCoordinator, pkg, "application/json")
	mustStatus(r, http.StatusOK)
	if r.JSON["outcome"] != "unchanged" {
		t.Errorf("re-import: %s", r.Raw)
	}
	r = e.doRaw("POST", "/rollup/packages", auth.RoleCoordinator, bytes.Replace(pkg, []byte(`"progress":0`), []byte(`"progress":7`), 1), "application/json")
	mustStatus(r, http.StatusUnprocessableEntity)
	mustStatus(e.doRaw("POST", "/rollup/packages", auth.RoleCoordinator, pkg, "text/plain"), http.StatusUnsupportedMediaType)
	r = e.do("GET", "/plans/{P2}/rollup", auth.RoleLeader, "", nil)
	remote := 0
	for _, x := range items(t, r)[0]["linked"].([]any) {
		if l := x.(map[string]any); l["source"] != nil {
			remote++
			if l["plan_id"] != nil {
				t.Errorf("a received task with a plan_id here: %v", l)
			}
		}
	}
	if remote != 3 {
		t.Errorf("%d received tasks in the roll-up: %s", remote, r.Raw)
	}
	if r := e.do("GET", "/rollup/packages", auth.RoleLeader, "", nil); num(r.JSON["total"]) != 1 {
		t.Errorf("packages: %s", r.Raw)
	}
	if r := e.do("GET", "/rollup/senders", auth.RoleAdmin, "", nil); num(r.JSON["total"]) != 1 {
		t.Errorf("senders: %s", r.Raw)
	}
	mustStatus(e.do("DELETE", "/rollup/senders/"+sender, auth.RoleAdmin, "", nil), http.StatusNoContent)
	mustStatus(e.do("DELETE", "/rollup/senders/"+sender, auth.RoleAdmin, "", nil), http.StatusNotFound)
}

// doRaw sends a body with its content type.
func (e *env) doRaw(method, path string, as auth.Role, body []byte, contentType string) *response {
	e.t.Helper()
	req := httptest.NewRequest(method, "/api/v1"+e.path(path), bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+e.tokens[as])
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	res := &response{Status: rec.Code, Header: rec.Header(), Raw: rec.Body.Bytes()}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		_ = jsonUnmarshal(res.Raw, &res.JSON)
	}
	return res
}

// multipartSheet is a link sheet of rows in a multipart body.
func multipartSheet(t *testing.T, rows [][]any) ([]byte, string) {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow(x.GetSheetName(0), cell, &row)
	}
	var sheet bytes.Buffer
	if err := x.Write(&sheet); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fw, _ := w.CreateFormFile("file", "lien-ket.xlsx")
	fw.Write(sheet.Bytes())
	w.Close()
	return b.Bytes(), w.FormDataContentType()
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// TestRollupETag reads the roll-up twice with its ETag: 304 while nothing
// changed, 200 with a new ETag after a link moved the roll-up counter.
func TestRollupETag(t *testing.T) {
	e := newEnv(t)
	if r := e.do("PUT", "/plans/{P2}/level", auth.RoleCoordinator, `{"level":"national"}`, nil); r.Status != http.StatusOK {
		t.Fatal(r.Status)
	}
	e.do("GET", "/plans/{P2}/rollup", auth.RoleLeader, "", nil) // the first read makes the plans' periods
	r := e.do("GET", "/plans/{P2}/rollup", auth.RoleLeader, "", nil)
	tag := r.Header.Get("ETag")
	if r.Status != http.StatusOK || tag == "" || !strings.Contains(string(r.Raw), `"Sở KH&CN"`) == strings.Contains(string(r.Raw), `\u0026`) {
		t.Fatalf("first read: %d %q", r.Status, tag)
	}
	again := e.do("GET", "/plans/{P2}/rollup", auth.RoleHead, "", map[string]string{"If-None-Match": tag})
	if again.Status != http.StatusNotModified || len(again.Raw) != 0 {
		t.Errorf("unchanged: %d %q vs %q", again.Status, again.Header.Get("ETag"), tag)
	}
	if r := e.do("GET", "/plans/{P2}/rollup?plan={P1}", auth.RoleHead, "", map[string]string{"If-None-Match": tag}); r.Status != http.StatusOK {
		t.Errorf("another filter with the same ETag: %d", r.Status)
	}
	if r := e.do("PUT", "/tasks/{T1}/links", auth.RoleCoordinator, `{"upstream_task_ids":[{P2.T1}]}`, nil); r.Status != http.StatusOK {
		t.Fatal(r.Status)
	}
	r = e.do("GET", "/plans/{P2}/rollup", auth.RoleLeader, "", map[string]string{"If-None-Match": tag})
	if r.Status != http.StatusOK || r.Header.Get("ETag") == tag {
		t.Errorf("after a link: %d, ETag %q (was %q)", r.Status, r.Header.Get("ETag"), tag)
	}
	if linked := items(t, r)[0]["linked"].([]any); len(linked) != 1 {
		t.Errorf("after a link: %s", r.Raw)
	}
}
