package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/plan"
	"tiendo/internal/server"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

// today is the fixed day of every scenario: 20 June 2025, noon in Vietnam.
var today = time.Date(2025, 6, 20, 12, 0, 0, 0, clock.Local)

// env is the application over a fresh SQLite store seeded with three plans,
// agencies and one user (with a bearer token) per role.
type env struct {
	t      *testing.T
	h      http.Handler
	st     *store.Store
	tokens map[auth.Role]string
	cookie string // a web session of the coordinator
	ids    map[string]int64
}

// fixture task keys in document order of plan P1, with what they test.
var taskKeys = []string{"T1", "T2", "T3", "T4", "T5", "T6", "T7"}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvClock(t, clock.Fixed(today))
}

// newEnvClock is newEnv on the given clock (reporting tests move it).
func newEnvClock(t *testing.T, c clock.Clock) *env {
	t.Helper()
	return newEnvOn(t, dbtest.Default(t), c)
}

// newEnvOn is newEnvClock on database db (a test that runs on both
// dialects whatever TIENDO_TEST_BACKEND says).
func newEnvOn(t *testing.T, db *dbtest.DB, c clock.Clock) *env {
	t.Helper()
	ctx := context.Background()
	st := db.Open(t)
	e := &env{t: t, st: st, tokens: map[auth.Role]string{}, ids: map[string]int64{}}
	e.seedAgencies(ctx)
	e.seedPlans(ctx)
	e.seedUsers(ctx)
	h, err := server.New(server.Config{Store: st, Clock: c})
	if err != nil {
		t.Fatal(err)
	}
	e.h = h
	return e
}

func (e *env) seedAgencies(ctx context.Context) {
	for _, a := range []struct {
		key string
		ag  agency.Agency
	}{
		{"KHCN", agency.Agency{Name: "Sở Khoa học và Công nghệ", ShortName: "Sở KH&CN", Kind: agency.KindDepartment}},
		{"TC", agency.Agency{Name: "Sở Tài chính", Kind: agency.KindDepartment}},
		{"NV", agency.Agency{Name: "Sở Nội vụ", Kind: agency.KindDepartment}},
		{"TTTT", agency.Agency{Name: "Sở Thông tin và Truyền thông", Kind: agency.KindDepartment,
			ValidTo: plan.Date(2025, 3, 1)}},
	} {
		ag := a.ag
		if err := e.st.CreateAgency(ctx, 0, &ag); err != nil {
			e.t.Fatalf("agency %s: %v", a.key, err)
		}
		e.ids[a.key] = ag.ID
	}
}

func (e *env) seedPlans(ctx context.Context) {
	due := func(kind plan.DeadlineKind, text string, y int, m time.Month, d int) plan.Deadline {
		return plan.Deadline{Kind: kind, Text: text, Due: plan.Date(y, m, d)}
	}
	task := func(sec int, title, text string, lead string, coop []string, dl plan.Deadline) plan.DraftTask {
		t := plan.Task{Title: title, Text: text, Deadline: dl, LeadAgencyID: e.ids[lead]}
		for _, c := range coop {
			t.CooperatingAgencyIDs = append(t.CooperatingAgencyIDs, e.ids[c])
		}
		return plan.DraftTask{Task: t, Section: sec}
	}
	d := plan.Draft{
		Plan: plan.Plan{Code: "99/KH-UBND", Title: "Kế hoạch thử nghiệm chuyển đổi số", Issuer: "UBND tỉnh Cà Mau",
			IssuedOn: plan.Date(2025, 4, 1), Status: plan.PlanActive},
		Sections: []plan.DraftSection{
			{Section: plan.Section{Kind: plan.KindPart, Number: "III", Label: "III", Title: "NHIỆM VỤ VÀ GIẢI PHÁP", HoldsTasks: true}, Parent: -1},
			{Section: plan.Section{Kind: plan.KindGroup, Number: "1", Label: "III.1", Title: "Hạ tầng", HoldsTasks: true}, Parent: 0},
			{Section: plan.Section{Kind: plan.KindGroup, Number: "2", Label: "III.2", Title: "Nhân lực", HoldsTasks: true}, Parent: 0},
		},
		Tasks: []plan.DraftTask{
			// T1: not started, due 30/6 (10 days away).
			task(1, "Đầu tư hạ tầng số", "Đầu tư hạ tầng số cho các xã, phường.", "KHCN", []string{"TC"},
				due(plan.DeadlineQuarter, "Quý II/2025", 2025, 6, 30)),
			// T2: due soon (25/6).
			task(1, "Cơ quan số", "Chuyển đổi số trong cơ quan nhà nước.", "TC", nil,
				due(plan.DeadlineDate, "25/6/2025", 2025, 6, 25)),
			// T3: overdue (31/5).
			task(1, "Dữ liệu", "Xây dựng cơ sở dữ liệu dùng chung.", "NV", nil,
				due(plan.DeadlineMonth, "tháng 5/2025", 2025, 5, 31)),
			// T4: done on time.
			task(1, "Cổng dịch vụ công", "Nâng cấp cổng dịch vụ công.", "KHCN", nil,
				due(plan.DeadlineMonth, "tháng 4/2025", 2025, 4, 30)),
			// T5: continuous, with progress but no accepted report of
			// quarter II (due 10/6): overdue in the current period.
			task(2, "Đào tạo", "Đào tạo kỹ năng số cho cán bộ.", "NV", nil,
				plan.Deadline{Kind: plan.DeadlineContinuous, Text: "thường xuyên"}),
			// T6: nothing assigned.
			task(2, "Tuyên truyền", "Tuyên truyền về chuyển đổi số.", "", nil, plan.Deadline{}),
			// T7: done late.
			task(2, "Tổng kết", "Tổng kết mô hình điểm.", "KHCN", nil,
				due(plan.DeadlineDate, "31/3/2025", 2025, 3, 31)),
		},
	}
	d.Tasks[3].CompletedOn = plan.Date(2025, 4, 10)
	d.Tasks[4].Progress = 30
	d.Tasks[6].CompletedOn = plan.Date(2025, 4, 15)
	id, err := e.st.CreatePlan(ctx, 0, &d)
	if err != nil {
		e.t.Fatal(err)
	}
	e.ids["P1"] = id
	for i, s := range []string{"III", "III.1", "III.2"} {
		e.ids[s] = d.Sections[i].ID
	}
	for i, k := range taskKeys {
		e.ids[k] = d.Tasks[i].ID
	}

	other := plan.Draft{
		Plan:     plan.Plan{Code: "12/KH-UBND", Title: "Kế hoạch khác", Status: plan.PlanActive},
		Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "I", Label: "I", Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}},
		Tasks:    []plan.DraftTask{{Task: plan.Task{Title: "Việc khác", Text: "Việc của kế hoạch khác."}, Section: 0}},
	}
	if e.ids["P2"], err = e.st.CreatePlan(ctx, 0, &other); err != nil {
		e.t.Fatal(err)
	}
	e.ids["P2.I"] = other.Sections[0].ID
	e.ids["P2.T1"] = other.Tasks[0].ID

	closed := plan.Draft{
		Plan:     plan.Plan{Code: "60/KH-UBND", Title: "Kế hoạch đã thay thế", Status: plan.PlanReplaced},
		Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "I", Label: "I", Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}},
		Tasks:    []plan.DraftTask{{Task: plan.Task{Title: "Việc cũ", Text: "Việc của kế hoạch cũ."}, Section: 0}},
	}
	if e.ids["P3"], err = e.st.CreatePlan(ctx, 0, &closed); err != nil {
		e.t.Fatal(err)
	}
	e.ids["P3.I"] = closed.Sections[0].ID
	e.ids["P3.T1"] = closed.Tasks[0].ID

	empty := plan.Draft{Plan: plan.Plan{Code: "1/KH-UBND", Title: "Kế hoạch trống", Status: plan.PlanDraft}}
	if e.ids["P4"], err = e.st.CreatePlan(ctx, 0, &empty); err != nil {
		e.t.Fatal(err)
	}
}

// fakeHash stands in for an Argon2id hash: API users sign in with tokens,
// and hashing a real password costs a quarter second per user.
const fakeHash = "$argon2id$v=19$m=65536,t=3,p=2$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5"

func (e *env) seedUsers(ctx context.Context) {
	for _, r := range auth.Roles {
		u := auth.User{Username: string(r), FullName: r.Label(), Role: r}
		if r.NeedsAgency() {
			u.AgencyID = e.ids["KHCN"]
		}
		if err := e.st.CreateUser(ctx, 0, &u, fakeHash); err != nil {
			e.t.Fatalf("user %s: %v", r, err)
		}
		tok, hash := auth.NewToken()
		if err := e.st.CreateToken(ctx, 0, u.ID, hash, "test", time.Time{}); err != nil {
			e.t.Fatalf("token %s: %v", r, err)
		}
		e.tokens[r] = tok
		e.ids["user:"+string(r)] = u.ID
		if r == auth.RoleCoordinator {
			c, h := auth.NewToken()
			if err := e.st.CreateSession(ctx, h, u.ID, today.Add(time.Hour)); err != nil {
				e.t.Fatal(err)
			}
			e.cookie = c
		}
	}
}

// fill replaces {KEY} placeholders with fixture IDs: "/plans/{P1}/tasks".
func (e *env) fill(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	for k, id := range e.ids {
		s = strings.ReplaceAll(s, "{"+k+"}", itoa(id))
	}
	for r, tok := range e.tokens {
		s = strings.ReplaceAll(s, "{TOKEN:"+string(r)+"}", tok)
	}
	return strings.ReplaceAll(s, "{COOKIE}", e.cookie)
}

// path fills a path and fails on a placeholder left over (a typo in a key).
func (e *env) path(p string) string {
	p = e.fill(p)
	if strings.Contains(p, "{") {
		e.t.Fatalf("unknown placeholder in %q", p)
	}
	return p
}

// response is a recorded answer with its body decoded.
type response struct {
	Status int
	Header http.Header
	Raw    []byte
	JSON   map[string]any
}

// do sends a request as a role ("" for none) and records the answer.
func (e *env) do(method, path string, as auth.Role, body string, header map[string]string) *response {
	e.t.Helper()
	return e.doCtx(context.Background(), method, path, as, body, header)
}

// doCtx is do with the request's context ctx (a store.Tally's).
func (e *env) doCtx(ctx context.Context, method, path string, as auth.Role, body string, header map[string]string) *response {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(e.fill(body))
	}
	req := httptest.NewRequestWithContext(ctx, method, "/api/v1"+e.path(path), rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok, ok := e.tokens[as]; ok {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range header {
		req.Header.Set(k, e.fill(v))
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	e.checkContract(req, rec)
	res := &response{Status: rec.Code, Header: rec.Header(), Raw: rec.Body.Bytes()}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(res.Raw, &res.JSON); err != nil {
			e.t.Fatalf("%s %s: body is not a JSON object: %v\n%s", method, path, err, res.Raw)
		}
	}
	return res
}

// task reads a task straight from the store.
func (e *env) task(key string) *plan.Task {
	e.t.Helper()
	t, err := e.st.Task(context.Background(), e.ids[key])
	if err != nil {
		e.t.Fatal(err)
	}
	return t
}

// taskCount counts a plan's tasks in the store.
func (e *env) taskCount(planKey string) int {
	e.t.Helper()
	_, n, err := e.st.Tasks(context.Background(), plan.TaskFilter{PlanID: e.ids[planKey], Limit: 1, Offset: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// scenario is one row of an HTTP scenario table.
type scenario struct {
	name   string
	method string // GET when empty
	path   string // under /api/v1, with {KEY} placeholders
	as     auth.Role
	header map[string]string
	body   string
	status int
	code   string // the error code expected, for error statuses
	check  func(t *testing.T, e *env, r *response)
}

// run plays the scenarios. Reads share one environment; each write gets a
// fresh one so that rows do not depend on each other.
func run(t *testing.T, scenarios []scenario) {
	t.Helper()
	var shared *env // owned by t, so it outlives each subtest
	for _, sc := range scenarios {
		if sc.method == "" || sc.method == http.MethodGet {
			shared = newEnv(t)
			break
		}
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			method := sc.method
			if method == "" {
				method = http.MethodGet
			}
			var e *env
			if method == http.MethodGet {
				e = shared
				e.t = t
			} else {
				e = newEnv(t)
			}
			r := e.do(method, sc.path, sc.as, sc.body, sc.header)
			if r.Status != sc.status {
				t.Fatalf("%s %s: status %d, want %d\n%s", method, sc.path, r.Status, sc.status, r.Raw)
			}
			if sc.status >= 400 {
				checkError(t, r, sc.code)
			}
			if sc.check != nil {
				sc.check(t, e, r)
			}
		})
	}
}

// checkError checks the error envelope and its code.
func checkError(t *testing.T, r *response, code string) {
	t.Helper()
	env, ok := r.JSON["error"].(map[string]any)
	if !ok {
		t.Fatalf("no error object: %s", r.Raw)
	}
	if env["code"] != code {
		t.Errorf("error code %v, want %s (%s)", env["code"], code, r.Raw)
	}
	if msg, _ := env["message"].(string); msg == "" {
		t.Errorf("error without a message: %s", r.Raw)
	}
	if _, ok := env["fields"].(map[string]any); !ok {
		t.Errorf("error fields is not an object: %s", r.Raw)
	}
}

// field returns the error message of one field ("" when absent).
func field(r *response, name string) string {
	env, _ := r.JSON["error"].(map[string]any)
	fields, _ := env["fields"].(map[string]any)
	s, _ := fields[name].(string)
	return s
}

// items returns a list response's items.
func items(t *testing.T, r *response) []map[string]any {
	t.Helper()
	raw, ok := r.JSON["items"].([]any)
	if !ok {
		t.Fatalf("no items array: %s", r.Raw)
	}
	out := make([]map[string]any, len(raw))
	for i, v := range raw {
		out[i] = v.(map[string]any)
	}
	return out
}

// num reads a JSON number as an int64.
func num(v any) int64 {
	f, _ := v.(float64)
	return int64(f)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
