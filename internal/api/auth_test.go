package api_test

import (
	"strings"
	"testing"

	"tiendo/internal/auth"
)

// challenge checks the WWW-Authenticate header of a 401.
func challenge(want string) func(*testing.T, *env, *response) {
	return func(t *testing.T, _ *env, r *response) {
		t.Helper()
		if got := r.Header.Get("WWW-Authenticate"); got != want {
			t.Errorf("WWW-Authenticate %q, want %q", got, want)
		}
	}
}

func TestAuthentication(t *testing.T) {
	hdr := func(k, v string) map[string]string { return map[string]string{k: v} }
	run(t, []scenario{
		{name: "no credentials", path: "/plans", status: 401, code: "unauthorized", check: challenge("Bearer")},
		{name: "unknown token", path: "/plans", header: hdr("Authorization", "Bearer not-a-real-token"), status: 401, code: "unauthorized",
			check: challenge(`Bearer error="invalid_token"`)},
		{name: "empty bearer", path: "/plans", header: hdr("Authorization", "Bearer "), status: 401, code: "unauthorized"},
		{name: "basic auth is not accepted", path: "/plans", header: hdr("Authorization", "Basic YWRtaW46YWRtaW4="), status: 401, code: "unauthorized"},
		{name: "scheme is case-insensitive", path: "/plans", header: hdr("Authorization", "bearer {TOKEN:leader}"), status: 200},
		{name: "session cookie", path: "/plans", header: hdr("Cookie", "tiendo_session={COOKIE}"), status: 200},
		{name: "unknown session cookie", path: "/plans", header: hdr("Cookie", "tiendo_session=stale"), status: 401, code: "unauthorized",
			check: challenge("Bearer")},
		{name: "a bad bearer is not rescued by a good cookie", path: "/plans",
			header: map[string]string{"Authorization": "Bearer wrong", "Cookie": "tiendo_session={COOKIE}"}, status: 401, code: "unauthorized"},
		{name: "every role reads", path: "/agencies", as: auth.RoleOfficer, status: 200},
		{name: "401 body is JSON without internals", path: "/tasks/{T1}", header: hdr("Authorization", "Bearer x"), status: 401, code: "unauthorized",
			check: func(t *testing.T, _ *env, r *response) {
				if strings.Contains(string(r.Raw), "store") || strings.Contains(string(r.Raw), "sql") {
					t.Errorf("internals leaked: %s", r.Raw)
				}
			}},
	})
}

// TestWritePermissions walks every write route with every role: only admin
// and coordinator may write, and a refused write stores nothing.
func TestWritePermissions(t *testing.T) {
	e := newEnv(t)
	writes := []struct{ method, path, body string }{
		{"POST", "/plans/{P1}/tasks", minimalTask},
		{"PATCH", "/tasks/{T3}", `{"product": "x"}`},
	}
	for _, w := range writes {
		for _, role := range auth.Roles {
			r := e.do(w.method, w.path, role, w.body, nil)
			allowed := role == auth.RoleAdmin || role == auth.RoleCoordinator
			switch {
			case allowed && r.Status >= 300:
				t.Errorf("%s %s as %s: %d %s", w.method, w.path, role, r.Status, r.Raw)
			case !allowed && r.Status != 403:
				t.Errorf("%s %s as %s: %d, want 403", w.method, w.path, role, r.Status)
			case !allowed:
				checkError(t, r, "forbidden")
			}
		}
	}
	if n := e.taskCount("P1"); n != 9 {
		t.Errorf("P1 has %d tasks, want 7 + 2 created by admin and coordinator", n)
	}
	if v := e.task("T3").Version; v != 3 {
		t.Errorf("T3 version %d, want 3 (two allowed PATCHes)", v)
	}
}
