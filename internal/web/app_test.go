package web_test

import (
	"context"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/notify"
	"tiendo/internal/plan"
	"tiendo/internal/server"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

// testPassword is every seeded user's password.
const testPassword = "mật khẩu thử nghiệm 2025"

// passwordHash hashes testPassword once per test binary: Argon2id costs
// about 50 ms a hash, too much to pay per user per test.
var passwordHash = sync.OnceValue(func() string {
	h, err := auth.HashPassword(testPassword)
	if err != nil {
		panic(err)
	}
	return h
})

// today is the fixed day of every test: 01/09/2025, 10:00 in Vietnam.
var testNow = time.Date(2025, 9, 1, 10, 0, 0, 0, clock.Local)

// fixture holds the IDs of what seed created.
type fixture struct {
	agencyUBND, agencyKHCN, agencyTC, agencyNV, agencyTT, agencyEnded int64
	planID                                                            int64
	secPart1, secPart3, secGroup1, secGroup2                          int64
	taskOverdue, taskDueSoon, taskLater                               int64
}

// app is the whole application (server.New) over a fresh SQLite store,
// served by httptest, recording which route patterns requests reached.
type app struct {
	t     *testing.T
	store *store.Store
	srv   *httptest.Server
	f     fixture
	log   *strings.Builder

	mu   sync.Mutex
	seen map[string]bool

	// vars are IDs found while scenarios run ({rev2}, {file} …), for expand.
	vars map[string]string

	// totp is the authenticator's time for the admin's and coordinator's
	// second factor (they must use one, as in production).
	totp *totpClock

	// mailer and baseURL, set by an extra seed function, turn e-mail on.
	mailer  notify.Sender
	baseURL string
}

// testTOTPSecret is the seeded admin's and coordinator's TOTP secret.
const testTOTPSecret = "JBSWY3DPEHPK3PXPJBSWY3DP"

// totpClock is the time TOTP codes are checked at in tests: each reading
// is one 30-second step after the last, so that every sign-in in a test
// has a fresh code (a code is accepted once) without waiting.
type totpClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *totpClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(30 * time.Second)
	return c.t
}

// peek is the time of the server's next reading.
func (c *totpClock) peek() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t.Add(30 * time.Second)
}

// set moves the clock so that the next reading is t+30s.
func (c *totpClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// code is the code the server will accept at its next reading.
func (c *totpClock) code(t testing.TB) string {
	c.mu.Lock()
	next := c.t.Add(30 * time.Second)
	c.mu.Unlock()
	code, err := auth.TOTPCode(testTOTPSecret, next)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func newApp(t *testing.T, extra ...func(a *app, ctx context.Context)) *app {
	t.Helper()
	ctx := context.Background()
	s := dbtest.Default(t).Open(t)
	a := &app{t: t, store: s, seen: map[string]bool{}, log: &strings.Builder{}, vars: map[string]string{},
		totp: &totpClock{t: time.Now()}}
	a.seed(ctx)
	for _, more := range extra {
		more(a, ctx)
	}
	logger := slog.New(slog.NewTextHandler(&lockedWriter{b: a.log, mu: &a.mu}, nil))
	h, err := server.New(server.Config{Store: s, Clock: clock.Fixed(testNow), Log: logger, TOTPClock: a.totp,
		Mailer: a.mailer, BaseURL: a.baseURL})
	if err != nil {
		t.Fatal(err)
	}
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		a.mu.Lock()
		a.seen[r.Pattern] = true
		a.mu.Unlock()
	}))
	t.Cleanup(a.srv.Close)
	return a
}

// finish stops the server, waiting for requests in flight (each records
// its route after answering), and returns the route patterns reached.
func (a *app) finish() map[string]bool {
	a.srv.Close()
	a.mu.Lock()
	defer a.mu.Unlock()
	return maps.Clone(a.seen)
}

// logText is what the server logged so far.
func (a *app) logText() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.log.String()
}

type lockedWriter struct {
	b  *strings.Builder
	mu *sync.Mutex
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// seed creates agencies, one user per role and a small plan.
func (a *app) seed(ctx context.Context) {
	t := a.t
	mk := func(ag agency.Agency) int64 {
		t.Helper()
		if err := a.store.CreateAgency(ctx, 0, &ag); err != nil {
			t.Fatalf("seed agency %s: %v", ag.Name, err)
		}
		return ag.ID
	}
	f := &a.f
	f.agencyUBND = mk(agency.Agency{Name: "Ủy ban nhân dân tỉnh Cà Mau", ShortName: "UBND tỉnh", Kind: agency.KindProvince})
	f.agencyKHCN = mk(agency.Agency{Name: "Sở Khoa học và Công nghệ", ShortName: "Sở KH&CN", Kind: agency.KindDepartment, ParentID: f.agencyUBND})
	f.agencyTC = mk(agency.Agency{Name: "Sở Tài chính", Kind: agency.KindDepartment, ParentID: f.agencyUBND})
	f.agencyNV = mk(agency.Agency{Name: "Sở Nội vụ", Kind: agency.KindDepartment, ParentID: f.agencyUBND})
	f.agencyTT = mk(agency.Agency{Name: "Trung tâm Thông tin và Ứng dụng khoa học và công nghệ", Kind: agency.KindUnit, ParentID: f.agencyKHCN})
	f.agencyEnded = mk(agency.Agency{Name: "Sở Thông tin và Truyền thông", Kind: agency.KindDepartment,
		ValidTo: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), SuccessorID: f.agencyKHCN})

	for _, u := range []auth.User{
		{Username: "quantri", FullName: "Quản trị viên", Role: auth.RoleAdmin},
		{Username: "dieuphoi", FullName: "Nguyễn Văn Điều", Role: auth.RoleCoordinator, AgencyID: f.agencyKHCN},
		{Username: "lanhdao", FullName: "Trần Thị Lãnh", Role: auth.RoleHead, AgencyID: f.agencyTC},
		{Username: "chuyenvien", FullName: "Lê Văn Chuyên", Role: auth.RoleOfficer, AgencyID: f.agencyTC},
		{Username: "lanhdaotinh", FullName: "Phạm Tỉnh", Role: auth.RoleLeader},
	} {
		if err := a.store.CreateUser(ctx, 0, &u, passwordHash()); err != nil {
			t.Fatalf("seed user %s: %v", u.Username, err)
		}
		if u.Role == auth.RoleAdmin || u.Role == auth.RoleCoordinator {
			if err := a.store.EnableTwoFactor(ctx, 0, u.ID, testTOTPSecret, 0, nil); err != nil {
				t.Fatalf("seed user %s: %v", u.Username, err)
			}
		}
	}

	d := &plan.Draft{Plan: plan.Plan{
		Code: "60/KH-UBND", Title: "Thực hiện Nghị quyết số 71/NQ-CP về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
		IssuedOn: plan.Date(2025, 4, 10), Issuer: "Ủy ban nhân dân tỉnh Cà Mau", Status: plan.PlanActive,
	}}
	d.Sections = []plan.DraftSection{
		{Section: plan.Section{Kind: plan.KindPart, Number: "I", Label: "I", Title: "MỤC ĐÍCH, YÊU CẦU",
			Body: "Quán triệt đầy đủ các nhiệm vụ của Nghị quyết.\nBảo đảm sự lãnh đạo thống nhất."}, Parent: -1},
		{Section: plan.Section{Kind: plan.KindPart, Number: "III", Label: "III", Title: "NHIỆM VỤ VÀ GIẢI PHÁP", HoldsTasks: true}, Parent: -1},
		{Section: plan.Section{Kind: plan.KindGroup, Number: "1", Label: "III.1", Title: "Hoàn thiện thể chế", HoldsTasks: true}, Parent: 1},
		{Section: plan.Section{Kind: plan.KindGroup, Number: "2", Label: "III.2", Title: "Chuyển đổi số", HoldsTasks: true}, Parent: 1},
	}
	task := func(sec int, title, text, dl string, due time.Time, lead int64) plan.DraftTask {
		return plan.DraftTask{Section: sec, Task: plan.Task{Title: title, Text: text, LeadAgencyID: lead,
			Deadline: plan.Deadline{Kind: plan.DeadlineDate, Text: dl, Due: due}}}
	}
	d.Tasks = []plan.DraftTask{
		task(2, "Thu hút đầu tư cho khoa học", "Rà soát, hoàn thiện cơ chế chính sách thu hút đầu tư cho khoa học, công nghệ theo Quyết định số 1132/QĐ-TTg ngày 09/10/2024.", "30/6/2025", plan.Date(2025, 6, 30), f.agencyKHCN),
		task(3, "Chính quyền số", "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước; phát triển chính quyền số, Sở Tài chính bảo đảm kinh phí.", "05/9/2025", plan.Date(2025, 9, 5), f.agencyTC),
		task(3, "Hạ tầng số", "Đầu tư hạ tầng số dùng chung của tỉnh.", "31/12/2026", plan.Date(2026, 12, 31), 0),
	}
	// Enough further matches for "chuyen doi so" to need two result pages.
	for i := 1; i <= 22; i++ {
		d.Tasks = append(d.Tasks, task(3, "", "Triển khai chuyển đổi số trong lĩnh vực số "+strconv.Itoa(i)+".", "", time.Time{}, 0))
	}
	id, err := a.store.CreatePlan(ctx, 0, d)
	if err != nil {
		t.Fatalf("seed plan: %v", err)
	}
	f.planID = id
	f.secPart1, f.secPart3, f.secGroup1, f.secGroup2 = d.Sections[0].ID, d.Sections[1].ID, d.Sections[2].ID, d.Sections[3].ID
	f.taskOverdue, f.taskDueSoon, f.taskLater = d.Tasks[0].ID, d.Tasks[1].ID, d.Tasks[2].ID
	if f.taskOverdue == 0 || f.secGroup2 == 0 {
		t.Fatal("seed: CreatePlan did not fill IDs")
	}
}

// usernames maps the roles used in scenarios to seeded users.
var usernames = map[string]string{
	"admin": "quantri", "coordinator": "dieuphoi", "head": "lanhdao", "officer": "chuyenvien", "leader": "lanhdaotinh",
}

// client is a browser: a cookie jar, no automatic redirects (tests check them).
type client struct {
	a    *app
	http *http.Client
}

func (a *app) anon() *client {
	jar, _ := cookiejar.New(nil)
	return &client{a: a, http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// as signs in through the form as the user of role, or returns an
// anonymous client for role "anon".
func (a *app) as(role string) *client {
	a.t.Helper()
	c := a.anon()
	if role == "anon" {
		return c
	}
	name, ok := usernames[role]
	if !ok {
		a.t.Fatalf("no user for role %q", role)
	}
	r := c.get("/login")
	if r.status != http.StatusOK {
		a.t.Fatalf("GET /login: %d", r.status)
	}
	r = c.post("/login", url.Values{"username": {name}, "password": {testPassword}})
	if r.status != http.StatusSeeOther {
		a.t.Fatalf("sign in as %s: status %d\n%s", name, r.status, r.body)
	}
	if r.header.Get("Location") == "/login/2fa" {
		r = c.post("/login/2fa", url.Values{"code": {a.totp.code(a.t)}})
		if r.status != http.StatusSeeOther {
			a.t.Fatalf("second factor for %s: status %d\n%s", name, r.status, r.body)
		}
	}
	return c
}

// response is what a request got back.
type response struct {
	status int
	header http.Header
	body   string
	t      testing.TB
}

func (r *response) doc() *doc { return parseHTML(r.t, r.body) }

func (c *client) do(req *http.Request) *response {
	c.a.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.a.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.a.t.Fatalf("read body: %v", err)
	}
	return &response{status: res.StatusCode, header: res.Header, body: string(b), t: c.a.t}
}

func (c *client) get(path string) *response {
	c.a.t.Helper()
	req, err := http.NewRequest("GET", c.a.srv.URL+path, nil)
	if err != nil {
		c.a.t.Fatal(err)
	}
	return c.do(req)
}

// post sends a form as a browser on this site would: with its own Origin.
func (c *client) post(path string, form url.Values) *response {
	c.a.t.Helper()
	req, err := http.NewRequest("POST", c.a.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.a.srv.URL)
	return c.do(req)
}

// task reads a task from the store.
func (a *app) task(id int64) *plan.Task {
	a.t.Helper()
	t, err := a.store.Task(context.Background(), id)
	if err != nil {
		a.t.Fatal(err)
	}
	return t
}

// ids formats an ID for paths and forms.
func ids(id int64) string { return strconv.FormatInt(id, 10) }
