package web_test

import (
	"bytes"
	"context"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tiendo/internal/web"
)

// scenario is one request by one role and what must come back. Paths and
// Locations may hold {plan}, {task}, {later}, {soon}, {khcn}, {ubnd}, {tc},
// {nv}, {tt}, {group2} placeholders for seeded IDs.
type scenario struct {
	name   string
	role   string // admin, coordinator, head, officer, leader, anon
	method string
	path   string
	form   func(a *app) url.Values
	status int
	loc    string            // Location must start with this (redirects)
	sel    []string          // each selector must match
	none   []string          // no selector may match
	text   map[string]string // the first element matching the key must contain the text
	count  map[string]int    // how many elements match the key

	header map[string]string                        // extra request headers
	body   func(a *app) (body []byte, ctype string) // a raw body (multipart) instead of form
	then   func(t *testing.T, a *app, r *response)  // further checks, or capturing IDs into a.vars
}

// expand replaces placeholders with seeded IDs, and {name} with a.vars
// set by earlier scenarios.
func (a *app) expand(s string) string {
	f := a.f
	for k, v := range a.vars {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return strings.NewReplacer(
		"{plan}", ids(f.planID), "{task}", ids(f.taskOverdue), "{later}", ids(f.taskLater), "{soon}", ids(f.taskDueSoon),
		"{khcn}", ids(f.agencyKHCN), "{ubnd}", ids(f.agencyUBND), "{tc}", ids(f.agencyTC), "{nv}", ids(f.agencyNV),
		"{tt}", ids(f.agencyTT), "{ended}", ids(f.agencyEnded), "{group2}", ids(f.secGroup2),
	).Replace(s)
}

// taskForm is a complete edit form for a task, from its stored state, with changes.
func taskForm(id func(f fixture) int64, change url.Values) func(a *app) url.Values {
	return func(a *app) url.Values {
		t := a.task(id(a.f))
		v := url.Values{
			"version": {strconv.Itoa(t.Version)}, "title": {t.Title}, "text": {t.Text},
			"deadline_text": {t.Deadline.Text}, "product": {t.Product}, "lead_agency_id": {ids(t.LeadAgencyID)},
		}
		for _, c := range t.CooperatingAgencyIDs {
			v.Add("cooperating_agency_ids", ids(c))
		}
		for k, vals := range change {
			v[k] = slices.Clone(vals)
			for i := range v[k] {
				v[k][i] = a.expand(v[k][i])
			}
		}
		return v
	}
}

// agencyForm is an agency form with fields filled from kv (placeholders expanded).
func agencyForm(kv ...string) func(a *app) url.Values {
	return func(a *app) url.Values {
		v := url.Values{"kind": {"so"}, "version": {"0"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(a.expand(kv[i]), a.expand(kv[i+1]))
		}
		if strings.HasPrefix(v.Get("version"), "@") { // "@ID": the agency's current version
			id, _ := strconv.ParseInt(v.Get("version")[1:], 10, 64)
			ag, err := a.store.Agency(context.Background(), id)
			if err != nil {
				a.t.Fatal(err)
			}
			v.Set("version", strconv.Itoa(ag.Version))
		}
		return v
	}
}

func form(kv ...string) func(a *app) url.Values { return agencyForm(kv...) }

var (
	overdue = func(f fixture) int64 { return f.taskOverdue }
	later   = func(f fixture) int64 { return f.taskLater }
)

const (
	msgForbidden = "p.alert-error[data-status=403]"
	msgNotFound  = "p.alert-error[data-status=404]"
	toLogin      = "/login?next="
)

func scenarios() []scenario {
	return []scenario{
		// Signing in.
		{name: "login page", role: "anon", method: "GET", path: "/login", status: 200,
			sel: []string{"html[lang=vi]", "form[action=/login] input[name=username]", "input[name=password][type=password]", "link[rel=stylesheet][href*=/static/]"}},
		{name: "wrong password", role: "anon", method: "POST", path: "/login", form: form("username", "quantri", "password", "sai mật khẩu rồi"), status: 401,
			text: map[string]string{".alert-error": "Tên đăng nhập hoặc mật khẩu không đúng."}, sel: []string{"input[name=username][value=quantri]"}},
		{name: "unknown user, same message", role: "anon", method: "POST", path: "/login", form: form("username", "khongco", "password", testPassword), status: 401,
			text: map[string]string{".alert-error": "Tên đăng nhập hoặc mật khẩu không đúng."}},
		{name: "login keeps a local next", role: "anon", method: "POST", path: "/login", form: form("username", "lanhdaotinh", "password", testPassword, "next", "/tasks/{task}"), status: 303, loc: "/tasks/{task}"},
		{name: "login drops a foreign next", role: "anon", method: "POST", path: "/login", form: form("username", "lanhdaotinh", "password", testPassword, "next", "//evil.example/"), status: 303, loc: "/$"},
		{name: "signed-in user skips the form", role: "leader", method: "GET", path: "/login?next=/agencies", status: 303, loc: "/agencies"},

		// Unauthenticated visitors go to sign-in and come back.
		{name: "anon home", role: "anon", method: "GET", path: "/", status: 303, loc: toLogin + "%2F"},
		{name: "anon plans", role: "anon", method: "GET", path: "/plans", status: 303, loc: toLogin + "%2Fplans"},
		{name: "anon task", role: "anon", method: "GET", path: "/tasks/{task}", status: 303, loc: toLogin + "%2Ftasks%2F{task}"},
		{name: "anon search keeps query", role: "anon", method: "GET", path: "/search?q=dau+tu", status: 303, loc: toLogin + "%2Fsearch%3Fq%3Ddau%2Btu"},
		{name: "anon edit post", role: "anon", method: "POST", path: "/tasks/{task}/edit", form: form("text", "x"), status: 303, loc: toLogin},
		{name: "unknown address", role: "leader", method: "GET", path: "/khong-co", status: 404, sel: []string{msgNotFound}},
		{name: "unknown address anon", role: "anon", method: "GET", path: "/khong-co", status: 404, sel: []string{msgNotFound}},

		// Plans.
		{name: "home", role: "leader", method: "GET", path: "/", status: 200, sel: []string{"section.plan-overview a[href=/plans/{plan}]", "nav a[href=/][aria-current=page]"}},
		{name: "plan list", role: "leader", method: "GET", path: "/plans", status: 200,
			text:  map[string]string{"table.plans td a.plan-link": "Nghị quyết số 71/NQ-CP", "table.plans td[data-label=Ngày ban hành]": "10/04/2025", "table.plans td.task-count": "25", "table.plans td[data-label=Trạng thái]": "Đang thực hiện"},
			none:  []string{"a[href=/import]"},
			count: map[string]int{"table.plans tbody tr": 1}},
		{name: "plan list for editor", role: "coordinator", method: "GET", path: "/plans", status: 200, sel: []string{"p.actions a[href=/import]", "nav a[href=/import]"}},
		{name: "plan tree", role: "leader", method: "GET", path: "/plans/{plan}", status: 200,
			sel:   []string{"details.part-text summary", ".node-part .node-group .node-title", "li.task-row .badge-red", "li.task-row .badge-orange", "input[type=hidden][name=plan][value={plan}]"},
			none:  []string{"a[href*=/tasks/new]"},
			text:  map[string]string{"details.part-text summary": "MỤC ĐÍCH, YÊU CẦU", "#s{group2} .count": "24 nhiệm vụ", "dd.total": "25", "li.task-row a.task-title": "Thu hút đầu tư cho khoa học", "li.task-row .lead": "Chủ trì: Sở KH&CN", "li.task-row .deadline": "30/6/2025"},
			count: map[string]int{"li.task-row": 25, ".node-group": 2}},
		{name: "plan tree for editor", role: "coordinator", method: "GET", path: "/plans/{plan}", status: 200, sel: []string{"a[href=/plans/{plan}/tasks/new?section={group2}]"}},
		{name: "plan unknown", role: "leader", method: "GET", path: "/plans/999999", status: 404, sel: []string{msgNotFound}},
		{name: "plan id not a number", role: "leader", method: "GET", path: "/plans/abc", status: 404},

		// Tasks.
		{name: "task page", role: "officer", method: "GET", path: "/tasks/{task}", status: 200,
			sel:  []string{".status-line .badge-red", ".overdue-days"},
			none: []string{"a[href=/tasks/{task}/edit]"},
			text: map[string]string{"h1": "Thu hút đầu tư cho khoa học", "dd.lead": "Sở Khoa học và Công nghệ", "dd.due": "30/06/2025", "dd.deadline-cell": "30/6/2025",
				"dd.section": "III.1. Hoàn thiện thể chế", ".task-text": "Quyết định số 1132/QĐ-TTg", ".overdue-days": "quá hạn 63 ngày", "dd.version": "1"}},
		{name: "task due soon is orange", role: "head", method: "GET", path: "/tasks/{soon}", status: 200, sel: []string{".status-line .badge-orange"}},
		{name: "task page for editor", role: "coordinator", method: "GET", path: "/tasks/{task}", status: 200, sel: []string{"a[href=/tasks/{task}/edit]"}},
		{name: "task unknown", role: "leader", method: "GET", path: "/tasks/999999", status: 404, sel: []string{msgNotFound}},
		{name: "edit form forbidden", role: "leader", method: "GET", path: "/tasks/{task}/edit", status: 403, sel: []string{msgForbidden}},
		{name: "edit form forbidden for head", role: "head", method: "GET", path: "/tasks/{task}/edit", status: 403},
		{name: "edit form", role: "admin", method: "GET", path: "/tasks/{task}/edit", status: 200,
			text:  map[string]string{"select#lead_agency_id option[selected]": "Sở Khoa học và Công nghệ", "input#deadline_text": ""},
			sel:   []string{"input[type=hidden][name=version][value=1]", "input#deadline_text[value=30/6/2025]"},
			count: map[string]int{"input[name=cooperating_agency_ids]": 5}}, // the ended agency is not offered
		{name: "edit save forbidden", role: "officer", method: "POST", path: "/tasks/{task}/edit", form: taskForm(overdue, nil), status: 403, sel: []string{msgForbidden}},
		{name: "edit save", role: "coordinator", method: "POST", path: "/tasks/{later}/edit",
			form:   taskForm(later, url.Values{"lead_agency_id": {"{tc}"}, "cooperating_agency_ids": {"{khcn}", "{nv}"}, "deadline_text": {"30/11/2025"}, "product": {"Hệ thống dùng chung đưa vào sử dụng"}}),
			status: 303, loc: "/tasks/{later}?saved=1"},
		{name: "edit saved shows", role: "leader", method: "GET", path: "/tasks/{later}?saved=1", status: 200,
			sel:   []string{".alert-ok"},
			text:  map[string]string{"dd.lead": "Sở Tài chính", "dd.due": "30/11/2025", "dd.product": "Hệ thống dùng chung đưa vào sử dụng", "dd.version": "2"},
			count: map[string]int{"dd.coops li": 2}},
		{name: "edit invalid", role: "coordinator", method: "POST", path: "/tasks/{later}/edit",
			form:   taskForm(later, url.Values{"text": {"  "}, "deadline_text": {"khi nào xong thì thôi"}, "lead_agency_id": {"999999"}, "cooperating_agency_ids": {"{tc}"}}),
			status: 422,
			sel: []string{".field.invalid[data-field=text] .field-error", ".field.invalid[data-field=deadline_text] .field-error",
				".field.invalid[data-field=lead_agency_id] .field-error", "input#deadline_text[value=khi nào xong thì thôi]"},
			none: []string{".field.invalid[data-field=product]"},
			text: map[string]string{".field[data-field=text] .field-error": "Hãy nhập nội dung nhiệm vụ."}},
		{name: "edit conflict keeps input", role: "coordinator", method: "POST", path: "/tasks/{later}/edit",
			form:   taskForm(later, url.Values{"version": {"1"}, "product": {"Sản phẩm mới của tôi"}}),
			status: 409,
			text:   map[string]string{".form-error": "Nhiệm vụ đã được người khác sửa", "textarea#product": "Sản phẩm mới của tôi"}},
		{name: "conflict stored nothing", role: "leader", method: "GET", path: "/tasks/{later}", status: 200,
			text: map[string]string{"dd.product": "Hệ thống dùng chung đưa vào sử dụng", "dd.version": "2"}},
		{name: "new task form", role: "coordinator", method: "GET", path: "/plans/{plan}/tasks/new?section={group2}", status: 200,
			sel: []string{"select#section_id option[selected][value={group2}]", "textarea#text"}},
		{name: "new task form forbidden", role: "head", method: "GET", path: "/plans/{plan}/tasks/new", status: 403},
		{name: "new task unknown plan", role: "coordinator", method: "GET", path: "/plans/999999/tasks/new", status: 404},
		{name: "new task", role: "admin", method: "POST", path: "/plans/{plan}/tasks/new",
			form:   form("section_id", "{group2}", "text", "Xây dựng kho dữ liệu số của tỉnh.", "deadline_text", "31/12/2025", "lead_agency_id", "{khcn}"),
			status: 303, loc: "/tasks/"},
		{name: "new task invalid", role: "coordinator", method: "POST", path: "/plans/{plan}/tasks/new",
			form:   form("section_id", "", "text", ""),
			status: 422, sel: []string{".field.invalid[data-field=section_id]", ".field.invalid[data-field=text]"}},
		{name: "new task forbidden", role: "officer", method: "POST", path: "/plans/{plan}/tasks/new", form: form("section_id", "{group2}", "text", "x"), status: 403},

		// Agencies.
		{name: "agency list", role: "officer", method: "GET", path: "/agencies", status: 200,
			text: map[string]string{"tr.depth-0 .agency-name": "Sở Thông tin và Truyền thông", "tr.depth-1 .agency-name": "Sở Khoa học và Công nghệ",
				"tr.depth-2 .agency-name": "Trung tâm Thông tin và Ứng dụng khoa học và công nghệ", "tr.ended td[data-label=Hiệu lực]": "đến 01/03/2025",
				"tr.ended .now-part": "nay là Sở Khoa học và Công nghệ"},
			none:  []string{"a[href=/agencies/new]", "a[href=/agencies/{khcn}/edit]"},
			count: map[string]int{"table.agencies tbody tr": 6}},
		{name: "agency list for editor", role: "coordinator", method: "GET", path: "/agencies", status: 200, sel: []string{"a[href=/agencies/new]", "a[href=/agencies/{khcn}/edit]"}},
		{name: "agency new forbidden", role: "head", method: "GET", path: "/agencies/new", status: 403},
		{name: "agency new form", role: "coordinator", method: "GET", path: "/agencies/new?parent={ubnd}", status: 200,
			sel: []string{"input#name", "select#parent_id option[selected][value={ubnd}]", "select#kind option[value=ubnd_xa]"}},
		{name: "agency create", role: "admin", method: "POST", path: "/agencies/new",
			form:   form("name", "Sở  Y tế", "parent_id", "{ubnd}", "valid_from", "1/7/2025", "aliases", "Sở Y tế tỉnh\n\nSYT"),
			status: 303, loc: "/agencies?saved=1"},
		{name: "agency created shows", role: "leader", method: "GET", path: "/agencies?saved=1", status: 200,
			sel: []string{".alert-ok"}, count: map[string]int{"table.agencies tbody tr": 7},
			text: map[string]string{"table.agencies": "Sở Y tế Sở, cơ quan ngang sở từ 01/07/2025"}},
		{name: "agency create invalid", role: "admin", method: "POST", path: "/agencies/new",
			form:   form("name", "  ", "valid_from", "31/02/2025", "valid_to", "hôm qua", "kind", "la"),
			status: 422, sel: []string{".field.invalid[data-field=name]", ".field.invalid[data-field=valid_from]", ".field.invalid[data-field=valid_to]", ".field.invalid[data-field=kind]"},
			text: map[string]string{"[data-field=valid_from] .field-error": "dd/mm/yyyy", "[data-field=name] .field-error": "Hãy nhập tên cơ quan."}},
		{name: "agency dates out of order", role: "admin", method: "POST", path: "/agencies/new",
			form:   form("name", "Sở Ngoại vụ", "valid_from", "01/07/2025", "valid_to", "01/01/2025"),
			status: 422, text: map[string]string{"[data-field=valid_to] .field-error": "phải sau ngày bắt đầu"}, sel: []string{"input#valid_to[value=01/01/2025]"}},
		{name: "agency duplicate", role: "coordinator", method: "POST", path: "/agencies/new", form: form("name", "sở tài chính"),
			status: 422, text: map[string]string{"[data-field=name] .field-error": "Đã có cơ quan mang tên này"}},
		{name: "agency markup stays text", role: "admin", method: "POST", path: "/agencies/new", form: form("name", `<b>Ban "Thử"</b><script>alert(1)</script>`),
			status: 303},
		{name: "agency markup escaped", role: "leader", method: "GET", path: "/agencies", status: 200,
			none: []string{"td.agency-name b", "td.agency-name script"}, text: map[string]string{"tr[data-id] td.agency-name": `<b>Ban "Thử"</b><script>alert(1)</script>`}},
		{name: "agency create forbidden", role: "leader", method: "POST", path: "/agencies/new", form: form("name", "Sở Xây dựng"), status: 403},
		{name: "agency edit form", role: "coordinator", method: "GET", path: "/agencies/{khcn}/edit", status: 200,
			sel:  []string{"input#name[value=Sở Khoa học và Công nghệ]", "input#short_name[value=Sở KH&CN]", "select#parent_id option[selected][value={ubnd}]"},
			none: []string{"select#parent_id option[value={khcn}]"}},
		{name: "agency edit forbidden", role: "officer", method: "GET", path: "/agencies/{khcn}/edit", status: 403},
		{name: "agency edit unknown", role: "coordinator", method: "GET", path: "/agencies/999999/edit", status: 404},
		{name: "agency parent cycle", role: "coordinator", method: "POST", path: "/agencies/{ubnd}/edit",
			form:   form("name", "Ủy ban nhân dân tỉnh Cà Mau", "kind", "ubnd_tinh", "parent_id", "{tt}", "version", "@{ubnd}"),
			status: 422, text: map[string]string{"[data-field=parent_id] .field-error": "vòng lặp"}},
		{name: "agency parent itself", role: "coordinator", method: "POST", path: "/agencies/{khcn}/edit",
			form:   form("name", "Sở Khoa học và Công nghệ", "parent_id", "{khcn}", "version", "@{khcn}"),
			status: 422, text: map[string]string{"[data-field=parent_id] .field-error": "chính nó"}},
		{name: "agency update", role: "coordinator", method: "POST", path: "/agencies/{khcn}/edit",
			form:   form("name", "Sở Khoa học và Công nghệ", "short_name", "Sở KHCN", "parent_id", "{ubnd}", "aliases", "Sở KH&CN", "version", "@{khcn}"),
			status: 303, loc: "/agencies?saved=1"},
		{name: "agency update stale", role: "coordinator", method: "POST", path: "/agencies/{khcn}/edit",
			form:   form("name", "Sở Khoa học và Công nghệ", "short_name", "Cũ", "parent_id", "{ubnd}", "version", "1"),
			status: 409, text: map[string]string{".form-error": "đã được người khác sửa"}, sel: []string{"input#short_name[value=Cũ]"}},
		{name: "agency update forbidden", role: "head", method: "POST", path: "/agencies/{khcn}/edit", form: form("name", "x"), status: 403},

		// Search: without diacritics, highlighted, paged, scoped.
		{name: "search dau tu", role: "leader", method: "GET", path: "/search?q=dau+tu", status: 200,
			text:  map[string]string{"p.result-count strong": "2", "li.hit a.hit-title": "Thu hút đầu tư cho khoa học", "li.hit .excerpt mark": "đầu"},
			count: map[string]int{"li.hit": 2}, sel: []string{"form.search input[name=q][value=dau tu]", "li.hit .hit-title mark"}},
		{name: "search chuyen doi so page 1", role: "officer", method: "GET", path: "/search?q=chuyen+doi+so", status: 200,
			text:  map[string]string{"p.result-count strong": "23", "li.hit .excerpt mark": "chuyển"},
			count: map[string]int{"li.hit": 20}, sel: []string{"a[rel=next][href*=page=2]"}, none: []string{"a[rel=prev]"}},
		{name: "search page 2", role: "officer", method: "GET", path: "/search?q=chuyen+doi+so&page=2", status: 200,
			count: map[string]int{"li.hit": 3}, sel: []string{"a[rel=prev]"}, none: []string{"a[rel=next]"}},
		{name: "search in plan", role: "head", method: "GET", path: "/search?q=CHUYỂN+ĐỔI&plan={plan}", status: 200,
			text: map[string]string{"p.result-count strong": "23", "p.result-count a": "Tìm trong mọi kế hoạch"}, sel: []string{"form.search input[name=plan][value={plan}]"}},
		{name: "search nothing", role: "leader", method: "GET", path: "/search?q=zzzkhongco", status: 200, sel: []string{"p.empty"}, count: map[string]int{"li.hit": 0}},
		{name: "search empty", role: "leader", method: "GET", path: "/search", status: 200, sel: []string{"p.hint"}, count: map[string]int{"li.hit": 0}},
		{name: "search unknown plan", role: "leader", method: "GET", path: "/search?q=x&plan=999999", status: 404},

		// Users.
		{name: "users", role: "admin", method: "GET", path: "/users", status: 200,
			count: map[string]int{"td.username": 5}, text: map[string]string{"table.users tbody tr": "chuyenvien Lê Văn Chuyên Chuyên viên cơ quan Sở Tài chính Đang hoạt động"}},
		{name: "users forbidden", role: "coordinator", method: "GET", path: "/users", status: 403, sel: []string{msgForbidden}},

		// Import: who may (the flow itself is in import_test.go).
		{name: "import form", role: "coordinator", method: "GET", path: "/import", status: 200, sel: []string{"form[enctype=multipart/form-data] input[type=file][name=file]"}},
		{name: "import form forbidden", role: "leader", method: "GET", path: "/import", status: 403},
		{name: "import upload forbidden", role: "head", method: "POST", path: "/import", form: form("x", "y"), status: 403},
		{name: "import confirm forbidden", role: "officer", method: "POST", path: "/import/confirm", form: form("x", "y"), status: 403},

		// Signing out.
		{name: "logout", role: "leader", method: "POST", path: "/logout", form: form(), status: 303, loc: "/login"},
	}
}

// TestScenarios walks the scenario tables in order, each against its own
// application — the plan register's, reporting's (seeded with reports to
// write), then the regime's and notices' (seeded with notices) — and then
// checks that every registered route was
// reached by one of them.
func TestScenarios(t *testing.T) {
	a := newApp(t)
	a.run(t, dashboardScenarios())      // first: they read the seeded plan unchanged
	a.run(t, rankingScenarios())        // they write only the plan's ranking weights
	a.run(t, figureSettingsScenarios()) // they put the default figure settings back
	a.run(t, scenarios())
	a.run(t, officialReportScenarios()) // fresh sessions: scenarios() signs the leader out
	a.static(t)
	seen := a.finish()
	if log := a.logText(); strings.Contains(log, "level=ERROR") {
		t.Errorf("server logged errors:\n%s", log)
	}

	oa := newApp(t) // the reorganisation changes the seeded agencies
	oa.run(t, reorgScenarios(t))
	maps.Copy(seen, oa.finish())
	if log := oa.logText(); strings.Contains(log, "level=ERROR") {
		t.Errorf("reorganisation server logged errors:\n%s", log)
	}

	va := newApp(t) // the amendment closes the plan at the end
	va.run(t, versionScenarios(t))
	maps.Copy(seen, va.finish())
	if log := va.logText(); strings.Contains(log, "level=ERROR") {
		t.Errorf("amendment server logged errors:\n%s", log)
	}

	ra := newReportingApp(t)
	ra.run(t, reportingScenarios())
	maps.Copy(seen, ra.finish())
	if log := ra.logText(); strings.Contains(log, "level=ERROR") {
		t.Errorf("reporting server logged errors:\n%s", log)
	}

	na := newNoticeApp(t)
	na.run(t, append(regimeScenarios(), noticeScenarios()...))
	maps.Copy(seen, na.finish())
	if log := na.logText(); strings.Contains(log, "level=ERROR") {
		t.Errorf("regime and notices server logged errors:\n%s", log)
	}

	ua := newApp(t, seedNational) // plans linked across levels (rollup_scenarios_test.go)
	ua.run(t, rollupScenarios(t))
	maps.Copy(seen, ua.finish())
	if log := ua.logText(); strings.Contains(log, "level=ERROR") {
		t.Errorf("roll-up server logged errors:\n%s", log)
	}

	sa := newApp(t) // sign-in, account and user administration flows (signin_test.go)
	for _, flow := range accountFlows {
		flow(t, sa)
	}
	maps.Copy(seen, sa.finish())
	if log := sa.logText(); strings.Contains(log, "level=ERROR") {
		t.Errorf("account server logged errors:\n%s", log)
	}

	var missed []string
	for _, p := range web.RoutePatterns() {
		if !seen[p] {
			missed = append(missed, p)
		}
	}
	slices.Sort(missed)
	if len(missed) > 0 {
		t.Errorf("routes no scenario reached: %v", missed)
	}
}

// run walks a scenario table in order, one signed-in client per role.
func (a *app) run(t *testing.T, list []scenario) {
	t.Helper()
	clients := map[string]*client{}
	for _, sc := range list {
		c := clients[sc.role]
		if c == nil {
			c = a.as(sc.role)
			clients[sc.role] = c
		}
		if sc.role == "anon" {
			c = a.anon() // visitors never keep a session between scenarios
		}
		path := a.expand(sc.path)
		var body io.Reader
		ctype := ""
		switch {
		case sc.body != nil:
			b, ct := sc.body(a)
			body, ctype = bytes.NewReader(b), ct
		case sc.method == "POST":
			var v url.Values
			if sc.form != nil {
				v = sc.form(a)
			}
			body, ctype = strings.NewReader(v.Encode()), "application/x-www-form-urlencoded"
		}
		req, err := http.NewRequest(sc.method, a.srv.URL+path, body)
		if err != nil {
			t.Fatal(err)
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		if sc.method == "POST" {
			req.Header.Set("Origin", a.srv.URL)
		}
		for k, v := range sc.header {
			req.Header.Set(k, v)
		}
		r := c.do(req)
		if a.check(t, sc, r) && sc.then != nil {
			sc.then(t, a, r)
		}
	}
}

// check compares a response with what the scenario expects; false when
// the status is wrong (further checks would only add noise).
func (a *app) check(t *testing.T, sc scenario, r *response) bool {
	t.Helper()
	if r.status != sc.status {
		t.Errorf("%s (%s %s as %s): status %d, want %d\n%s", sc.name, sc.method, sc.path, sc.role, r.status, sc.status, excerpt(r.body))
		return false
	}
	if sc.loc != "" {
		got, want := r.header.Get("Location"), a.expand(sc.loc)
		if exact, ok := strings.CutSuffix(want, "$"); ok && got != exact || !ok && !strings.HasPrefix(got, want) {
			t.Errorf("%s: Location %q, want %q", sc.name, got, want)
		}
	}
	if len(sc.sel)+len(sc.none)+len(sc.text)+len(sc.count) == 0 {
		return true
	}
	if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", sc.name, ct)
	}
	d := r.doc()
	for _, s := range sc.sel {
		if d.count(a.expand(s)) == 0 {
			t.Errorf("%s: nothing matches %q\n%s", sc.name, a.expand(s), excerpt(r.body))
		}
	}
	for _, s := range sc.none {
		if n := d.count(a.expand(s)); n > 0 {
			t.Errorf("%s: %d elements match %q, want none", sc.name, n, a.expand(s))
		}
	}
	for s, want := range sc.text {
		nodes := d.all(a.expand(s))
		if len(nodes) == 0 {
			t.Errorf("%s: nothing matches %q\n%s", sc.name, a.expand(s), excerpt(r.body))
			continue
		}
		if got := textOf(nodes[0]); !strings.Contains(got, a.expand(want)) {
			t.Errorf("%s: %q has text %q, want it to contain %q", sc.name, a.expand(s), got, a.expand(want))
		}
	}
	for s, want := range sc.count {
		if got := d.count(a.expand(s)); got != want {
			t.Errorf("%s: %d elements match %q, want %d", sc.name, got, a.expand(s), want)
		}
	}
	return true
}

// static fetches the stylesheet the layout links to: long-cached under its
// hash, uncached under an old hash.
func (a *app) static(t *testing.T) {
	c := a.anon()
	d := c.get("/login").doc()
	href := attr(d.one("link[rel=stylesheet]"), "href")
	r := c.get(href)
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/css") {
		t.Fatalf("GET %s: %d %s", href, r.status, r.header.Get("Content-Type"))
	}
	if cc := r.header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("GET %s: Cache-Control %q", href, cc)
	}
	old := strings.Replace(href, "/static/", "/static/0ld", 1)
	if r := c.get(old); r.status != http.StatusOK || r.header.Get("Cache-Control") != "no-cache" {
		t.Errorf("GET %s: %d, Cache-Control %q", old, r.status, r.header.Get("Cache-Control"))
	}
	if r := c.get("/static/x/khong-co.css"); r.status != http.StatusNotFound {
		t.Errorf("missing static file: %d", r.status)
	}
	js := attr(d.one("script[src]"), "src")
	if r := c.get(js); r.status != http.StatusOK || !strings.Contains(r.header.Get("Content-Type"), "javascript") {
		t.Errorf("GET %s: %d %s", js, r.status, r.header.Get("Content-Type"))
	}
}

// excerpt shortens a body for failure messages.
func excerpt(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	if len(body) > 1500 {
		body = body[:1500] + "…"
	}
	return body
}
