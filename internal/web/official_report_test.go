package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/officialreport"
	"tiendo/internal/officialreport/render"
	"tiendo/internal/store"
)

// officialForm is a complete official report form with the changes in kv
// (keys and values expanded); a value "-" leaves the field out.
func officialForm(kv ...string) func(a *app) url.Values {
	return func(a *app) url.Values {
		v := url.Values{"version": {"0"}, "issuer": {"SỞ KHOA HỌC VÀ CÔNG NGHỆ"}, "parent_issuer": {"UBND TỈNH CÀ MAU"},
			"number": {"12/BC-SKHCN"}, "place": {"Cà Mau"}, "date": {"05/09/2025"},
			"summary":                    {"Kết quả thực hiện Nghị quyết 71, quý III/2025"},
			"general":                    {"Các cơ quan đã triển khai đồng bộ."},
			a.expand("results.{group2}"): {"Sở Tài chính: đã bố trí vốn.\r\nSở Nội vụ: đã rà soát."},
			"difficulties":               {"Thiếu nhân lực."}, "proposals": {"Bổ sung biên chế."}, "next_tasks": {"Hoàn thành đề án."},
			"sign_prefix": {"KT. GIÁM ĐỐC"}, "sign_title": {"PHÓ GIÁM ĐỐC"}, "sign_name": {"Nguyễn Văn Ký"},
			"recipients": {"UBND tỉnh (b/c);\r\n\r\nLưu: VT."}}
		for i := 0; i+1 < len(kv); i += 2 {
			k := a.expand(kv[i])
			if kv[i+1] == "-" {
				v.Del(k)
				continue
			}
			v.Set(k, a.expand(kv[i+1]))
		}
		return v
	}
}

// officialSaved checks the stored official report of the plan's current
// period: its version and number (version 0: never saved).
func officialSaved(version int, number string) func(t *testing.T, a *app, r *response) {
	return func(t *testing.T, a *app, r *response) {
		t.Helper()
		ctx := context.Background()
		periods, err := a.store.Periods(ctx, a.f.planID)
		if err != nil {
			t.Fatal(err)
		}
		var d *officialreport.Draft
		for _, p := range periods {
			got, err := a.store.OfficialReport(ctx, a.f.planID, p.ID)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			d = got
		}
		switch {
		case version == 0 && d != nil:
			t.Errorf("official report saved (version %d), want none", d.Version)
		case version > 0 && d == nil:
			t.Errorf("official report not saved, want version %d", version)
		case version > 0 && (d.Version != version || d.Number != number):
			t.Errorf("official report: version %d, number %q; want %d, %q", d.Version, d.Number, version, number)
		case version > 0 && !slices.Equal(d.Recipients, []string{"UBND tỉnh (b/c);", "Lưu: VT."}):
			t.Errorf("recipients %q", d.Recipients)
		}
	}
}

// fieldValue checks an input's value attribute.
func fieldValue(sel, want string) func(t *testing.T, a *app, r *response) {
	return func(t *testing.T, a *app, r *response) {
		t.Helper()
		if got := attr(r.doc().one(a.expand(sel)), "value"); !strings.Contains(got, want) {
			t.Errorf("%s has value %q, want it to hold %q", sel, got, want)
		}
	}
}

// downloaded checks a download's type and its attachment name, Vietnamese
// in filename* with an ASCII fallback.
func downloaded(ctype, name string, more func(t *testing.T, body []byte)) func(t *testing.T, a *app, r *response) {
	return func(t *testing.T, a *app, r *response) {
		t.Helper()
		if got := r.header.Get("Content-Type"); got != ctype {
			t.Errorf("Content-Type %q, want %q", got, ctype)
		}
		cd := r.header.Get("Content-Disposition")
		if !strings.HasPrefix(cd, `attachment; filename="`) || !strings.Contains(cd, "filename*=UTF-8''"+name) {
			t.Errorf("Content-Disposition %q, want filename*=UTF-8''%s…", cd, name)
		}
		if more != nil {
			more(t, []byte(r.body))
		}
	}
}

// docxHolds checks that the .docx is a zip whose word/document.xml holds each text.
func docxHolds(texts ...string) func(t *testing.T, body []byte) {
	return func(t *testing.T, body []byte) {
		t.Helper()
		zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
		if err != nil {
			t.Fatalf("docx is not a zip: %v", err)
		}
		for _, f := range zr.File {
			if f.Name != "word/document.xml" {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range texts {
				if !strings.Contains(string(b), s) {
					t.Errorf("word/document.xml lacks %q", s)
				}
			}
			return
		}
		t.Error("docx has no word/document.xml")
	}
}

// xlsxSheets checks that the workbook opens with excelize and has the appendix's three sheets.
func xlsxSheets(t *testing.T, body []byte) {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("xlsx does not open: %v", err)
	}
	defer x.Close()
	got := x.GetSheetList()
	for _, s := range []string{render.SheetTasks, render.SheetIndicators, render.SheetReports} {
		if !slices.Contains(got, s) {
			t.Errorf("sheets %q lack %q", got, s)
		}
	}
}

// officialReportScenarios edit and download the official report (báo cáo
// tổng hợp) of the current period (Quý III/2025 on the fixed day): who may,
// the first draft, field errors beside the fields, a save, a conflict
// between two editors that keeps the input, and the downloads every
// reader may take. They run on the plain test app after scenarios().
func officialReportScenarios() []scenario {
	const path = "/plans/{plan}/official-report"
	return []scenario{
		// Who may.
		{name: "official report: anon goes to sign-in", role: "anon", method: "GET", path: path, status: 303, loc: toLogin + "%2Fplans%2F{plan}%2Fofficial-report"},
		{name: "official report: leader may not edit", role: "leader", method: "GET", path: path, status: 403, sel: []string{msgForbidden}},
		{name: "official report: head may not edit", role: "head", method: "GET", path: path, status: 403, sel: []string{msgForbidden}},
		{name: "official report: officer may not edit", role: "officer", method: "GET", path: path, status: 403},
		{name: "official report: head may not save", role: "head", method: "POST", path: path, form: officialForm(), status: 403, then: officialSaved(0, "")},
		{name: "official report: officer may not save", role: "officer", method: "POST", path: path, form: officialForm(), status: 403, then: officialSaved(0, "")},
		{name: "official report: unknown plan", role: "coordinator", method: "GET", path: "/plans/999999/official-report", status: 404, sel: []string{msgNotFound}},
		{name: "official report: unknown period", role: "coordinator", method: "GET", path: path + "?period=999999", status: 404},
		{name: "official report: period not a number", role: "coordinator", method: "GET", path: path + "?period=abc", status: 404},

		// The link on the plan page, for editors only.
		{name: "plan page links the official report", role: "coordinator", method: "GET", path: "/plans/{plan}", status: 200,
			sel: []string{"a.official-report-link[href=/plans/{plan}/official-report]"}},
		{name: "plan page: no official report link for a reader", role: "leader", method: "GET", path: "/plans/{plan}", status: 200,
			none: []string{"a.official-report-link"}},

		// The first draft.
		{name: "official report: the first draft", role: "coordinator", method: "GET", path: path, status: 200,
			sel: []string{"form.official-report-form[method=post] input[type=hidden][name=version][value=0]",
				"form.official-report-form[action*=/plans/{plan}/official-report?period=]",
				"select#period option[selected]", "input#issuer", "input#date[value=01/09/2025]",
				"textarea[name=results.{group2}]", "textarea#general", "textarea#recipients", "input#sign_prefix",
				"a.dl-docx[href*=/plans/{plan}/official-report.docx?period=]", "a.dl-xlsx[href*=/plans/{plan}/official-report.xlsx?period=]",
				"nav a[href=/plans][aria-current=page]"},
			none:  []string{".field.invalid", ".form-error", ".alert-ok", "[style]", "script:not([src])"},
			count: map[string]int{".official-results textarea": 3}, // the general text and one per group
			text:  map[string]string{"h1": "Quý III/2025", "p.official-state": "dự thảo đầu tiên", "textarea#recipients": "Lưu: VT."},
			then:  fieldValue("input#summary", "Kết quả thực hiện Kế hoạch")},
		{name: "official report: the admin may edit", role: "admin", method: "GET", path: path, status: 200, sel: []string{"form.official-report-form"}},

		// Field errors beside the fields, the input kept, nothing saved.
		{name: "official report invalid", role: "coordinator", method: "POST", path: path,
			form:   officialForm("issuer", "  ", "date", "31/02/2025", "number", "7/BC-SKHCN", "results.{group2}", strings.Repeat("x", officialreport.MaxText+1)),
			status: 422,
			sel: []string{".field.invalid[data-field=issuer] .field-error", ".field.invalid[data-field=date]", ".field.invalid[data-field=results.{group2}]",
				"input#number[value=7/BC-SKHCN]", "input#date[value=31/02/2025]"},
			none: []string{".field.invalid[data-field=summary]", ".field.invalid[data-field=number]"},
			text: map[string]string{"[data-field=issuer] .field-error": "Hãy nhập tên cơ quan ban hành",
				"[data-field=date] .field-error":             "dd/mm/yyyy",
				"[data-field=results.{group2}] .field-error": "Tối đa",
				"textarea#difficulties":                      "Thiếu nhân lực."},
			then: officialSaved(0, "")},
		{name: "official report: a missing summary", role: "coordinator", method: "POST", path: path, form: officialForm("summary", "", "date", ""), status: 422,
			text: map[string]string{"[data-field=summary] .field-error": "trích yếu", "[data-field=date] .field-error": "dd/mm/yyyy"}, then: officialSaved(0, "")},

		// Saving.
		{name: "official report save", role: "coordinator", method: "POST", path: path, form: officialForm(), status: 303,
			loc: "/plans/{plan}/official-report?period=", then: officialSaved(1, "12/BC-SKHCN")},
		{name: "official report saved shows", role: "coordinator", method: "GET", path: path + "?saved=1", status: 200,
			sel: []string{".alert-ok", "input[name=version][value=1]", "input#number[value=12/BC-SKHCN]", "input#date[value=05/09/2025]", "input#sign_prefix[value=KT. GIÁM ĐỐC]"},
			text: map[string]string{"p.official-state": "lần lưu thứ 1", "textarea#general": "Các cơ quan đã triển khai đồng bộ.",
				"textarea[name=results.{group2}]": "Sở Nội vụ: đã rà soát.", "textarea#recipients": "UBND tỉnh (b/c); Lưu: VT."}},

		// Two editors: the second is told, keeps the input, takes the new version.
		{name: "official report conflict keeps the input", role: "admin", method: "POST", path: path,
			form: officialForm("version", "0", "number", "99/BC-SKHCN", "proposals", "Đề xuất của người thứ hai."), status: 409,
			sel: []string{"input#number[value=99/BC-SKHCN]", "input[name=version][value=1]", ".saved-values .their-report"},
			text: map[string]string{".form-error": "Người khác vừa lưu báo cáo tổng hợp", ".saved-values .their-report": "12/BC-SKHCN",
				"textarea#proposals": "Đề xuất của người thứ hai."},
			then: officialSaved(1, "12/BC-SKHCN")},
		{name: "official report: saving again after the conflict overwrites knowingly", role: "admin", method: "POST", path: path,
			form: officialForm("version", "1", "number", "99/BC-SKHCN"), status: 303, then: officialSaved(2, "99/BC-SKHCN")},

		// Downloads: every reader of the plan.
		{name: "official report docx for a leader", role: "leader", method: "GET", path: path + ".docx", status: 200,
			then: downloaded(render.DocxType, "B%C3%A1o%20c%C3%A1o%20t%E1%BB%95ng%20h%E1%BB%A3p%20Qu%C3%BD%20III-2025.docx",
				docxHolds("BÁO CÁO", "99/BC-SKHCN", "Kết quả thực hiện Nghị quyết 71, quý III/2025", "Các cơ quan đã triển khai đồng bộ.", "Sở Tài chính: đã bố trí vốn.", "Nguyễn Văn Ký"))},
		{name: "official report xlsx for a leader", role: "leader", method: "GET", path: path + ".xlsx", status: 200,
			then: downloaded(render.XLSXType, "Ph%E1%BB%A5%20l%E1%BB%A5c", xlsxSheets)},
		{name: "official report docx for an agency's head", role: "head", method: "GET", path: path + ".docx", status: 200,
			then: downloaded(render.DocxType, "B%C3%A1o", nil)},
		{name: "official report xlsx for an officer", role: "officer", method: "GET", path: path + ".xlsx", status: 200,
			then: downloaded(render.XLSXType, "Ph%E1%BB%A5", nil)},
		{name: "official report docx anon", role: "anon", method: "GET", path: path + ".docx", status: 303, loc: toLogin},
		{name: "official report xlsx anon", role: "anon", method: "GET", path: path + ".xlsx", status: 303, loc: toLogin},
		{name: "official report docx unknown period", role: "leader", method: "GET", path: path + ".docx?period=999999", status: 404},
		{name: "official report xlsx unknown plan", role: "leader", method: "GET", path: "/plans/999999/official-report.xlsx", status: 404},
	}
}
