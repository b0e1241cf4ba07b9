package api_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/store/dbtest"
)

// Users of the other agencies, as keys of env.tokens beside the roles
// (auth.RoleHead and auth.RoleOfficer are the Sở KH&CN's).
const (
	headTC    auth.Role = "head@TC"
	officerTC auth.Role = "officer@TC"
	headNV    auth.Role = "head@NV"
)

// movable is a clock the test sets to a day (10:00 in Vietnam).
type movable struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movable) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// set moves the clock to 10:00 on day ("2025-06-05") in Vietnam.
func (c *movable) set(day string) {
	d, err := time.ParseInLocation("2006-01-02 15:04", day+" 10:00", clock.Local)
	if err != nil {
		panic(err)
	}
	c.mu.Lock()
	c.t = d
	c.mu.Unlock()
}

// newReportEnv is the fixture of env_test.go (plan P1 issued 1/4/2025,
// quarterly reports due on day 10 of the quarter's last month) on a movable
// clock set to day, with a head and officer for the Sở Tài chính and a
// head for the Sở Nội vụ. In quarter II/2025 three agencies must report:
// the Sở KH&CN (leads T1, T4, T7), the Sở Nội vụ (T3, T5) and the Sở Tài
// chính (leads T2, cooperates on T1).
func newReportEnv(t *testing.T, day string) (*env, *movable) {
	t.Helper()
	return newReportEnvOn(t, dbtest.Default(t), day)
}

// newReportEnvOn is newReportEnv on database db.
func newReportEnvOn(t *testing.T, db *dbtest.DB, day string) (*env, *movable) {
	t.Helper()
	c := &movable{}
	c.set(day)
	e := newEnvOn(t, db, c)
	ctx := context.Background()
	for _, u := range []struct {
		key    auth.Role
		role   auth.Role
		agency string
	}{{headTC, auth.RoleHead, "TC"}, {officerTC, auth.RoleOfficer, "TC"}, {headNV, auth.RoleHead, "NV"}} {
		user := auth.User{Username: string(u.key), FullName: string(u.key), Role: u.role, AgencyID: e.ids[u.agency]}
		if err := e.st.CreateUser(ctx, 0, &user, fakeHash); err != nil {
			t.Fatal(err)
		}
		tok, hash := auth.NewToken()
		if err := e.st.CreateToken(ctx, 0, user.ID, hash, "test", time.Time{}); err != nil {
			t.Fatal(err)
		}
		e.tokens[u.key] = tok
		e.ids["user:"+string(u.key)] = user.ID
	}
	periods, err := e.st.Periods(ctx, e.ids["P1"])
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range periods {
		e.ids[p.Key()] = p.ID // "2025-Q2"
	}
	return e, c
}

// reportIDs records the IDs of plan P1's reports of a quarter as R.<agency
// key> ("R.KHCN"), listing them as the coordinator does.
func (e *env) reportIDs(t *testing.T, quarter string) {
	t.Helper()
	r := e.do("GET", "/reports?plan={P1}&period={"+quarter+"}", auth.RoleCoordinator, "", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("listing reports: %d %s", r.Status, r.Raw)
	}
	for _, it := range items(t, r) {
		for _, k := range []string{"KHCN", "TC", "NV"} {
			if num(it["agency_id"]) == e.ids[k] {
				e.ids["R."+k] = num(it["id"])
			}
		}
	}
	for _, k := range []string{"KHCN", "TC", "NV"} {
		if e.ids["R."+k] == 0 {
			t.Fatalf("no report of %s in %s: %s", k, quarter, r.Raw)
		}
	}
}

// play runs scenarios in order on one environment: a story, each row
// seeing what the rows before it did.
func play(t *testing.T, e *env, steps []scenario) {
	t.Helper()
	for _, sc := range steps {
		ok := t.Run(sc.name, func(t *testing.T) {
			method := sc.method
			if method == "" {
				method = http.MethodGet
			}
			e.t = t
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
		if !ok {
			t.FailNow() // later steps build on this one
		}
	}
}

// report reads a report as the coordinator.
func (e *env) report(t *testing.T, key string) *response {
	t.Helper()
	r := e.do("GET", "/reports/{"+key+"}", auth.RoleCoordinator, "", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("GET report %s: %d %s", key, r.Status, r.Raw)
	}
	return r
}

// stateIs checks a report's state and version as the coordinator reads it.
func stateIs(key, state string, version int) func(*testing.T, *env, *response) {
	return func(t *testing.T, e *env, _ *response) {
		t.Helper()
		r := e.report(t, key)
		if r.JSON["state"] != state || num(r.JSON["version"]) != int64(version) {
			t.Errorf("report %s: state %v version %v, want %s %d", key, r.JSON["state"], r.JSON["version"], state, version)
		}
	}
}

// entryOf returns the report's entry for a task key.
func entryOf(t *testing.T, e *env, r *response, task string) map[string]any {
	t.Helper()
	list, _ := r.JSON["entries"].([]any)
	for _, v := range list {
		en := v.(map[string]any)
		if num(en["task_id"]) == e.ids[task] {
			return en
		}
	}
	t.Fatalf("no entry for %s: %s", task, r.Raw)
	return nil
}

// ruleIs checks the reporting rule named in an error.
func ruleIs(rule string) func(*testing.T, *env, *response) {
	return func(t *testing.T, _ *env, r *response) {
		t.Helper()
		env, _ := r.JSON["error"].(map[string]any)
		if env["rule"] != rule {
			t.Errorf("rule %v, want %s: %s", env["rule"], rule, r.Raw)
		}
	}
}

// get reads a JSON value down a path of keys: get(r.JSON, "period", "due").
func get(v any, path ...string) any {
	for _, k := range path {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}
