package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/indicator"
	"tiendo/internal/plan"
)

// seedNational adds the national programme the seeded province's plan
// implements: 03/NQ-CP, issued by the Government, with three tasks worded
// like the province's.
func seedNational(a *app, ctx context.Context) {
	d := &plan.Draft{Plan: plan.Plan{Code: "03/NQ-CP", Issuer: "Chính phủ", Title: "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW",
		IssuedOn: plan.Date(2025, 1, 9), Status: plan.PlanActive},
		Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "II", Label: "II", Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}}}
	for _, text := range []string{
		"Hoàn thiện cơ chế chính sách thu hút đầu tư cho khoa học, công nghệ.",
		"Phát triển chính quyền số, chuyển đổi số trong cơ quan nhà nước.",
		"Đầu tư hạ tầng số dùng chung quốc gia.",
	} {
		d.Tasks = append(d.Tasks, plan.DraftTask{Task: plan.Task{Text: text,
			Deadline: plan.Deadline{Kind: plan.DeadlineDate, Text: "31/12/2026", Due: plan.Date(2026, 12, 31)}}})
	}
	id, err := a.store.CreatePlan(ctx, 0, d)
	if err != nil {
		a.t.Fatal(err)
	}
	a.vars["national"] = ids(id)
	for i, k := range []string{"u1", "u2", "u3"} {
		a.vars[k] = ids(d.Tasks[i].ID)
	}
	for _, x := range []struct {
		key  string
		plan int64
		code string
		name string
	}{
		{"ind", a.f.planID, "CT01", "Tỷ lệ dịch vụ công trực tuyến toàn trình của tỉnh"},
		{"upind", id, "QG01", "Tỷ lệ dịch vụ công trực tuyến toàn trình"},
	} {
		ind := &indicator.Indicator{PlanID: x.plan, Code: x.code, Name: x.name, Unit: "%", Direction: indicator.Increase,
			Aggregation: indicator.Average}
		if err := a.store.CreateIndicator(ctx, 0, ind); err != nil {
			a.t.Fatal(err)
		}
		a.vars[x.key] = ids(ind.ID)
	}
}

// values is a form of key, value pairs (placeholders expanded).
func values(kv ...string) func(a *app) url.Values {
	return func(a *app) url.Values {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Add(a.expand(kv[i]), a.expand(kv[i+1]))
		}
		return v
	}
}

// linkSheet is a link sheet of (STT, upstream STTs) rows.
func linkSheet(t testing.TB, rows ...[2]string) []byte {
	x := excelize.NewFile()
	defer x.Close()
	s := x.GetSheetName(0)
	x.SetSheetRow(s, "A1", &[]any{"STT", "Nhiệm vụ", "STT nhiệm vụ cấp trên"})
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		x.SetSheetRow(s, cell, &[]any{r[0], "", r[1]})
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// multipartForm is a multipart body with fields and one file.
func multipartForm(name string, data func(a *app) []byte, kv ...string) func(a *app) ([]byte, string) {
	return func(a *app) ([]byte, string) {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		for i := 0; i+1 < len(kv); i += 2 {
			w.WriteField(kv[i], a.expand(kv[i+1]))
		}
		fw, _ := w.CreateFormFile("file", name)
		fw.Write(data(a))
		w.Close()
		return b.Bytes(), w.FormDataContentType()
	}
}

// rollupScenarios link the province's plan to the national programme
// through every page: the level form, the plan's links page with its
// suggestions, the task's links page, a bulk sheet previewed and applied,
// the roll-up and its drill-down, and a package exported, refused from an
// unregistered sender, registered and imported.
func rollupScenarios(t *testing.T) []scenario {
	good := func(a *app) []byte { return linkSheet(t, [2]string{"2", "2"}, [2]string{"3", "3"}) }
	bad := func(a *app) []byte { return linkSheet(t, [2]string{"2", "2"}, [2]string{"999", "1"}) }
	pkg := func(a *app) []byte { return []byte(a.vars["pkgfile"]) }
	return []scenario{
		{name: "level form", role: "coordinator", method: "GET", path: "/plans/{national}/level", status: 200,
			sel: []string{"input[type=radio][name=level][value=national][checked]", "input[name=issuer]"}},
		{name: "level refused", role: "coordinator", method: "POST", path: "/plans/{national}/level", form: values("level", "district", "issuer", "Chính phủ"),
			status: 422, sel: []string{"[data-field=level].invalid .field-error"}},
		{name: "level saved", role: "coordinator", method: "POST", path: "/plans/{national}/level", form: values("level", "national", "issuer", "Chính phủ"),
			status: 303, loc: "/plans/{national}"},
		{name: "plan page links", role: "leader", method: "GET", path: "/plans/{plan}", status: 200,
			sel: []string{"a.links-link[href='/plans/{plan}/links']", ".plan-level"}},
		{name: "links page", role: "coordinator", method: "GET", path: "/plans/{plan}/links", status: 200,
			sel: []string{"select#upstream option[value='{national}'][selected]", ".link-row[data-task='{task}'] .suggested input[value='{u1}']",
				"form[action='/plans/{plan}/links/sheet'] input[type=file]"}},
		{name: "links page read-only", role: "leader", method: "GET", path: "/plans/{plan}/links?unlinked=1&q=chinh+quyen", status: 200,
			sel: []string{".link-row[data-task='{soon}']"}, none: []string{".links-form button[type=submit]"}},
		{name: "links confirmed", role: "coordinator", method: "POST", path: "/plans/{plan}/links",
			form: values("upstream", "{national}", "task", "{task}", "link_{task}", "{u1}"), status: 303, loc: "/plans/{plan}/links?upstream={national}&saved=1"},
		{name: "links shown", role: "head", method: "GET", path: "/plans/{plan}/links?upstream={national}&saved=1", status: 200,
			sel: []string{".saved", ".link-row[data-task='{task}'] .current input[value='{u1}'][checked]"}},
		{name: "links refused to a head", role: "head", method: "POST", path: "/plans/{plan}/links", form: values("upstream", "{national}"), status: 403},
		{name: "sheet template", role: "leader", method: "GET", path: "/plans/{plan}/links.xlsx?upstream={national}", status: 200,
			then: func(t *testing.T, a *app, r *response) {
				if !strings.Contains(r.header.Get("Content-Type"), "spreadsheetml") {
					t.Errorf("template type %q", r.header.Get("Content-Type"))
				}
			}},
		{name: "sheet with errors", role: "coordinator", method: "POST", path: "/plans/{plan}/links/sheet",
			body: multipartForm("lien-ket.xlsx", bad, "upstream", "{national}"), status: 422,
			sel: []string{".sheet-errors li"}, none: []string{"form[action$='/links/sheet/apply']"}},
		{name: "sheet previewed", role: "coordinator", method: "POST", path: "/plans/{plan}/links/sheet",
			body: multipartForm("lien-ket.xlsx", good, "upstream", "{national}"), status: 200,
			sel: []string{".sheet-changes tr[data-task='{soon}'] .added", "form[action='/plans/{plan}/links/sheet/apply'] input[name=digest]"}},
		{name: "sheet tampered", role: "coordinator", method: "POST", path: "/plans/{plan}/links/sheet/apply",
			form: func(a *app) url.Values {
				return url.Values{"upstream": {a.vars["national"]}, "data": {base64.StdEncoding.EncodeToString(good(a))}, "digest": {"00"}}
			}, status: 400, sel: []string{".form-error"}},
		{name: "sheet applied", role: "coordinator", method: "POST", path: "/plans/{plan}/links/sheet/apply",
			form: func(a *app) url.Values {
				data := good(a)
				sum := sha256.Sum256(data)
				return url.Values{"upstream": {a.vars["national"]}, "data": {base64.StdEncoding.EncodeToString(data)}, "digest": {hex.EncodeToString(sum[:])}}
			}, status: 303, loc: "/plans/{plan}/links?upstream={national}&saved=2"},
		{name: "indicator links page", role: "leader", method: "GET", path: "/plans/{plan}/indicator-links", status: 200,
			sel:  []string{".link-row[data-indicator='{ind}'] select option[value='{upind}'][selected]", ".link-row .badge-blue"},
			none: []string{".indicator-links-form button[type=submit]"}},
		{name: "indicator linked", role: "coordinator", method: "POST", path: "/plans/{plan}/indicator-links",
			form: values("upstream", "{national}", "ind_{ind}", "{upind}"), status: 303, loc: "/plans/{plan}/indicator-links?saved=1"},
		{name: "indicator link refused", role: "coordinator", method: "POST", path: "/plans/{plan}/indicator-links",
			form: values("upstream", "{national}", "ind_{upind}", "{ind}"), status: 422, sel: []string{".form-error"}},
		{name: "indicator links saved", role: "coordinator", method: "GET", path: "/plans/{plan}/indicator-links?saved=1", status: 200,
			sel: []string{".saved", ".link-row .badge-green", ".link-history li"}},
		{name: "task links page", role: "officer", method: "GET", path: "/tasks/{soon}/links?q=ha+tang", status: 200,
			sel: []string{".current-links input[value='{u2}'][checked]", ".found input[value='{u3}']"}},
		{name: "task links refused", role: "coordinator", method: "POST", path: "/tasks/{soon}/links", form: values("link", "{task}"),
			status: 422, sel: []string{".form-error"}},
		{name: "task links saved", role: "coordinator", method: "POST", path: "/tasks/{soon}/links",
			form: values("link", "{u2}", "link", "{u3}", "upstream", "{national}"), status: 303, loc: "/tasks/{soon}/links?saved=1"},
		{name: "task links history", role: "leader", method: "GET", path: "/tasks/{soon}/links", status: 200,
			count: map[string]int{".current-links li": 2, ".link-history li": 2}},
		{name: "upstream task's downstream", role: "leader", method: "GET", path: "/tasks/{u3}/links", status: 200,
			sel: []string{".downstream a[href='/tasks/{soon}']"}},
		{name: "rollup", role: "leader", method: "GET", path: "/plans/{national}/rollup", status: 200,
			sel:  []string{".rollup-table tr[data-upstream='{u1}'] .linked-count", ".rollup-counts li[data-status=not_linked]", ".rollup-parts a"},
			none: []string{"a[href^='/plans/{national}/rollup/package']"}},
		{name: "rollup of a province", role: "head", method: "GET", path: "/plans/{national}/rollup?plan={plan}", status: 200,
			sel: []string{".filter-plan"}},
		{name: "rollup drill-down", role: "officer", method: "GET", path: "/plans/{national}/rollup/tasks/{u2}", status: 200,
			sel: []string{".upstream-status", ".rollup-group .linked[data-task='{soon}'] a[href='/tasks/{soon}']"}},
		{name: "rollup unknown task", role: "officer", method: "GET", path: "/plans/{national}/rollup/tasks/999999", status: 404},
		{name: "official report with the upstream part", role: "leader", method: "GET", path: "/plans/{plan}/official-report.docx?upstream=1", status: 200,
			then: func(t *testing.T, a *app, r *response) {
				if !strings.Contains(r.header.Get("Content-Type"), "wordprocessingml") {
					t.Errorf("type %q", r.header.Get("Content-Type"))
				}
			}},
		{name: "package refused to a leader", role: "leader", method: "GET", path: "/plans/{national}/rollup/package", status: 403},
		{name: "package exported", role: "coordinator", method: "GET", path: "/plans/{national}/rollup/package", status: 200,
			then: func(t *testing.T, a *app, r *response) {
				if !strings.Contains(r.body, `"format":"tiendo-rollup-package/1"`) {
					t.Fatalf("package: %s", excerpt(r.body))
				}
				a.vars["pkgfile"] = r.body
			}},
		{name: "packages page", role: "leader", method: "GET", path: "/rollup", status: 200,
			sel: []string{".upstreams a[href='/plans/{national}/rollup']"}, none: []string{"form[action='/rollup/import']"}},
		{name: "package unregistered", role: "coordinator", method: "POST", path: "/rollup/import", body: multipartForm("goi.json", pkg),
			status: 422, text: map[string]string{".form-error": "chưa đăng ký"}},
		{name: "keys page", role: "admin", method: "GET", path: "/rollup/keys", status: 200,
			sel:  []string{"code.public-key", "form[action='/rollup/keys'] input[name=public_key]"},
			then: func(t *testing.T, a *app, r *response) { a.vars["pubkey"] = r.doc().text("code.public-key") }},
		{name: "keys refused to a coordinator", role: "coordinator", method: "GET", path: "/rollup/keys", status: 403},
		{name: "bad key", role: "admin", method: "POST", path: "/rollup/keys", form: values("name", "Cà Mau", "public_key", "abc"),
			status: 422, sel: []string{".field.invalid input[name=public_key]"}},
		{name: "key registered", role: "admin", method: "POST", path: "/rollup/keys", form: values("name", "UBND tỉnh Cà Mau", "public_key", "{pubkey}"),
			status: 303, loc: "/rollup/keys?added=1"},
		{name: "package imported", role: "coordinator", method: "POST", path: "/rollup/import", body: multipartForm("goi.json", pkg),
			status: 200, text: map[string]string{".import-message": "Đã nhập gói số liệu"}, sel: []string{".packages-table tr[data-package]"}},
		{name: "package again", role: "coordinator", method: "POST", path: "/rollup/import", body: multipartForm("goi.json", pkg),
			status: 200, text: map[string]string{".import-message": "đã được nhập trước đó"}},
		{name: "rollup with a package", role: "leader", method: "GET", path: "/plans/{national}/rollup", status: 200,
			sel: []string{".rollup-senders a"}},
		{name: "instance renamed", role: "admin", method: "POST", path: "/rollup/identity", form: values("name", "Tỉnh Cà Mau"), status: 303, loc: "/rollup/keys"},
		{name: "sender listed", role: "admin", method: "GET", path: "/rollup/keys", status: 200,
			text: map[string]string{".identity-name": "Tỉnh Cà Mau"}, sel: []string{".senders-table tr[data-sender] form"},
			then: func(t *testing.T, a *app, r *response) {
				a.vars["sender"] = attr(r.doc().one(".senders-table tr[data-sender]"), "data-sender")
			}},
		{name: "sender revoked", role: "admin", method: "POST", path: "/rollup/keys/{sender}/revoke", form: values(), status: 303, loc: "/rollup/keys"},
	}
}
