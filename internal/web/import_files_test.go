package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tiendo/internal/plan"
)

// importBody is a plan's text whose tasks are all in its appendix; it
// states no number and no date.
const importBody = "KẾ HOẠCH\nSố hóa hồ sơ hành chính năm 2026\nI. MỤC ĐÍCH\nGiảm giấy tờ cho người dân.\n" +
	"II. NHIỆM VỤ\nCác nhiệm vụ cụ thể tại Phụ lục kèm theo.\nIII. TỔ CHỨC THỰC HIỆN\nCác cơ quan báo cáo hằng quý.\n"

// importAppendix is the appendix workbook: five tasks naming agencies of
// the register and four names it lacks.
func importAppendix(t *testing.T) []byte {
	return xlsxFile(t, [][]string{
		{"STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"},
		{"1", "Số hóa hồ sơ đất đai", "Sở Tài chính", "Ban Quản lý dự án", "Quý II/2026", "Cơ sở dữ liệu"},
		{"2", "Số hóa hồ sơ hộ tịch", "Trung tâm Lưu trữ lịch sử tỉnh", "Sở Nội vụ", "Quý III/2026", "Cơ sở dữ liệu"},
		{"3", "Tập huấn văn thư lưu trữ", "Trung tâm Lưu trữ lịch sử tỉnh", "", "năm 2026", "Lớp tập huấn"},
		{"4", "Xây dựng kho dữ liệu thông tin", "Sở Thông tin và Truyền thông tỉnh Cà Mau", "Ban Quản lý dự án", "Quý IV/2026", "Kho dữ liệu"},
		{"5", "Tuyên truyền về dịch vụ công", "Ban Quản lý dự án", "Hội Nông dân tỉnh", "năm 2026", "Tin bài"},
	})
}

// uploadPlanFiles uploads the body and its appendix as one import.
func uploadPlanFiles(t *testing.T, c *client) *response {
	t.Helper()
	return c.uploadFiles(upFile{"ke-hoach.txt", strings.NewReader(importBody)}, upFile{"phu-luc.xlsx", bytes.NewReader(importAppendix(t))})
}

// setChoice sets the mapping screen's answer for name in the form values.
func setChoice(t *testing.T, v url.Values, name, value string) {
	t.Helper()
	for i, n := range v["map_name"] {
		if n == name {
			v["map_agency"][i] = value
			return
		}
	}
	t.Fatalf("no row for %q among %q", name, v["map_name"])
}

// selected is the value of the option selected in the mapping row of name.
func selected(d *doc, name string) string {
	for _, row := range d.all("[data-unknown]") {
		if attr(row, "data-unknown") != name {
			continue
		}
		for _, o := range (&doc{t: d.t, root: row}).all("option") {
			if hasAttr(o, "selected") {
				return attr(o, "value")
			}
		}
	}
	return ""
}

// TestImportFilesAndMapping uploads a plan and its appendix workbook in one
// form, maps each name the register lacks on the preview's one screen —
// an agency of the register, a new agency, not an agency — and finds the
// plan stored with the tasks following the choices and a success message
// counting them.
func TestImportFilesAndMapping(t *testing.T) {
	a := newApp(t)
	c := a.as("coordinator")
	agencies0 := a.agencyCount()
	r := uploadPlanFiles(t, c)
	if r.status != http.StatusOK {
		t.Fatalf("preview: %d\n%s", r.status, excerpt(r.body))
	}
	d := r.doc()
	files := d.all("ul.import-files li")
	if len(files) != 2 || !strings.Contains(textOf(files[0]), "ke-hoach.txt — văn bản kế hoạch") || !strings.Contains(textOf(files[1]), "phu-luc.xlsx — phụ lục") {
		t.Errorf("files %q", d.text("ul.import-files"))
	}
	if got := d.text("dd.task-total"); got != "5" {
		t.Errorf("preview task count %q, want 5", got)
	}
	if a.planCount() != 1 {
		t.Fatal("the preview stored a plan")
	}
	// One row per distinct name, with the count of tasks naming it and
	// the guess pre-selected (the ended Sở TT&TT → its successor).
	rows := map[string]string{}
	for _, row := range d.all("[data-unknown]") {
		rows[attr(row, "data-unknown")] = textOf((&doc{t: t, root: row}).one(".name-tasks"))
	}
	want := map[string]string{"Ban Quản lý dự án": "3", "Trung tâm Lưu trữ lịch sử tỉnh": "2", "Sở Thông tin và Truyền thông tỉnh Cà Mau": "1", "Hội Nông dân tỉnh": "1"}
	if len(rows) != len(want) {
		t.Errorf("mapping rows %v, want %v", rows, want)
	}
	for name, n := range want {
		if rows[name] != n {
			t.Errorf("%s: %q tasks, want %s", name, rows[name], n)
		}
	}
	if got := selected(d, "Sở Thông tin và Truyền thông tỉnh Cà Mau"); got != ids(a.f.agencyKHCN) {
		t.Errorf("guess pre-selected %q, want Sở KH&CN (%d)", got, a.f.agencyKHCN)
	}
	if got := selected(d, "Trung tâm Lưu trữ lịch sử tỉnh"); got != "new" {
		t.Errorf("a name with no guess pre-selects %q, want a new agency", got)
	}

	v := formValues(d, "form.confirm")
	if len(v["data"]) != 2 || len(v["digest"]) != 2 || len(v["filename"]) != 2 {
		t.Fatalf("the form does not carry both files: %d, %d, %d", len(v["data"]), len(v["digest"]), len(v["filename"]))
	}
	setChoice(t, v, "Ban Quản lý dự án", ids(a.f.agencyNV))
	setChoice(t, v, "Hội Nông dân tỉnh", "none")
	v.Set("code", "12/KH-UBND")
	v.Set("issued_on", "20/08/2025")
	r = c.post("/import/confirm", v)
	if r.status != http.StatusOK {
		t.Fatalf("confirm: %d\n%s", r.status, excerpt(r.body))
	}
	d = r.doc()
	if d.text(".done-tasks") != "5" || !strings.Contains(d.text(".done-summary"), "12/KH-UBND") {
		t.Errorf("success message %q", d.text(".import-done"))
	}
	for sel, want := range map[string]string{
		".done-created":    "Đã thêm 1 cơ quan mới: Trung tâm Lưu trữ lịch sử tỉnh.",
		".done-mapped":     "2 tên được gán",
		".done-dismissed":  "Hội Nông dân tỉnh",
		".done-unassigned": "Mọi nhiệm vụ đều đã có cơ quan chủ trì",
	} {
		if got := d.text(sel); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", sel, got, want)
		}
	}
	if a.planCount() != 2 || a.agencyCount() != agencies0+1 {
		t.Fatalf("%d plans, %d agencies after the import", a.planCount(), a.agencyCount())
	}
	d = c.get(attr(d.one("a.plan-link"), "href")).doc()
	for _, w := range []struct{ task, lead string }{
		{"Số hóa hồ sơ hộ tịch", "Chủ trì: Trung tâm Lưu trữ lịch sử tỉnh"},
		{"Xây dựng kho dữ liệu", "Chủ trì: Sở KH&CN"},
		{"Tuyên truyền về dịch vụ công", "Chủ trì: Sở Nội vụ"},
	} {
		found := false
		for _, n := range d.all("li.task-row") {
			if strings.Contains(textOf(n), w.task) {
				found = strings.Contains(textOf(n), w.lead)
			}
		}
		if !found {
			t.Errorf("task %q is not led as chosen (%s)", w.task, w.lead)
		}
	}
}

// TestImportAsksNumberAndDate: a plan whose text states neither its number
// nor its date has both asked for on the preview, and a confirmation
// without them stores nothing and says so beside each field.
func TestImportAsksNumberAndDate(t *testing.T) {
	a := newApp(t)
	c := a.as("admin")
	d := uploadPlanFiles(t, c).doc()
	d.one("[data-field=code] .hint.need")
	d.one("[data-field=issued_on] .hint.need")
	v := formValues(d, "form.confirm")
	r := c.post("/import/confirm", v)
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("confirm without number and date: %d", r.status)
	}
	d = r.doc()
	for _, f := range []string{"code", "issued_on"} {
		if got := d.text(".field.invalid[data-field=" + f + "] .field-error"); got == "" {
			t.Errorf("no message beside %s", f)
		}
		d.one("[data-field=" + f + "] .hint.need") // still marked as missing from the files
	}
	if a.planCount() != 1 {
		t.Fatal("stored without number and date")
	}
	// The choices made are kept on the form shown again.
	v = formValues(d, "form.confirm")
	setChoice(t, v, "Hội Nông dân tỉnh", "none")
	v.Set("issued_on", "20/08/2025")
	d = c.post("/import/confirm", v).doc()
	if got := selected(d, "Hội Nông dân tỉnh"); got != "none" {
		t.Errorf("choice shown again as %q", got)
	}
	if got := attr(d.one("#issued_on"), "value"); got != "20/08/2025" {
		t.Errorf("date shown again as %q", got)
	}
}

// TestImportWarnsOfSamePlan: a plan of the same title is a warning on the
// preview, with a link to it; one of the same number is refused.
func TestImportWarnsOfSamePlan(t *testing.T) {
	a := newApp(t)
	c := a.as("coordinator")
	v := formValues(uploadPlanFiles(t, c).doc(), "form.confirm")
	v.Set("code", "12/KH-UBND")
	v.Set("issued_on", "20/08/2025")
	if r := c.post("/import/confirm", v); r.status != http.StatusOK {
		t.Fatalf("first import: %d", r.status)
	}
	plans, err := a.store.Plans(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var first plan.Plan
	for _, p := range plans {
		if p.Code == "12/KH-UBND" {
			first = p
		}
	}

	d := uploadPlanFiles(t, c).doc()
	warn := d.one(".similar-plan")
	if got := textOf(warn); !strings.Contains(got, "cùng tên") || !strings.Contains(got, "12/KH-UBND") {
		t.Errorf("warning %q", got)
	}
	if got := attr((&doc{t: t, root: warn}).one("a"), "href"); got != "/plans/"+ids(first.ID) {
		t.Errorf("warning links to %q", got)
	}
	v = formValues(d, "form.confirm")
	v.Set("code", "12/kh-ubnd")
	v.Set("issued_on", "20/08/2025")
	r := c.post("/import/confirm", v)
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("the same number again: %d", r.status)
	}
	d = r.doc()
	if !strings.Contains(d.text("[data-field=code] .field-error"), "đã có") || !strings.Contains(d.text(".similar-plan"), "cùng số") {
		t.Errorf("same number: field %q, warning %q", d.text("[data-field=code] .field-error"), d.text(".similar-plan"))
	}
	if a.planCount() != 2 {
		t.Errorf("%d plans, want 2", a.planCount())
	}
}

// TestImportBadFileAmongSeveral: one file the importer refuses stops the
// whole import, naming the file; nothing is stored.
func TestImportBadFileAmongSeveral(t *testing.T) {
	a := newApp(t)
	c := a.as("coordinator")
	r := c.uploadFiles(upFile{"ke-hoach.txt", strings.NewReader(importBody)}, upFile{"phu-luc.xlsx", bytes.NewReader(importAppendix(t))},
		upFile{"phu-luc-2.docx", strings.NewReader("không phải tệp Word")})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.doc().text(".import-error"), "phu-luc-2.docx") {
		t.Errorf("a bad file among several: %d %q", r.status, r.doc().text(".import-error"))
	}
	if a.planCount() != 1 {
		t.Error("stored")
	}
}

// agencyCount is how many agencies the register holds.
func (a *app) agencyCount() int {
	a.t.Helper()
	list, err := a.store.Agencies(context.Background())
	if err != nil {
		a.t.Fatal(err)
	}
	return len(list)
}
