package web_test

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo/internal/audit"
	"tiendo/internal/auth"
	"tiendo/internal/golden"
	"tiendo/internal/reporting"
	"tiendo/internal/web"
)

var updateMatrix = flag.Bool("update-matrix", false, "rewrite testdata/permissions.txt from what the server answers")

// matrixRoles are the callers of the permission matrix: each role, and nobody.
var matrixRoles = []string{"anon", "admin", "coordinator", "head", "officer", "leader"}

// TestPermissionMatrix sends every web route, as every role, about an
// object of the caller's own agency and of another agency where the route
// names one, and checks the answer class against testdata/permissions.txt —
// the permission table, read and reviewed in one place. A route missing
// from the file (a new route) or left in it (a removed one) fails the test.
// Beyond the file, three rules hold for every cell: nobody signed out gets
// past sign-in; a role without the route's permission gets 403; the head or
// officer of an agency never gets another agency's object.
func TestPermissionMatrix(t *testing.T) {
	a := newReportingApp(t)
	ctx := context.Background()
	// A file on each agency's report, and a user to lock and unlock.
	own, other := a.vars["rep"], a.vars["repnv"]
	for key, by := range map[string][2]string{"file": {own, "lanhdao"}, "filenv": {other, "lanhdaonv"}} {
		f := &reporting.File{Name: "bien-ban.pdf", ContentType: reporting.TypePDF}
		var id int64
		fmt.Sscan(by[0], &id)
		u, _, err := a.store.UserByName(ctx, by[1])
		if err != nil {
			t.Fatal(err)
		}
		if err := a.store.AddReportFile(ctx, reporting.Actor{User: u, Now: testNow}, id, f, []byte("%PDF-1.7\n%%EOF\n")); err != nil {
			t.Fatalf("seed file: %v", err)
		}
		a.vars[key] = ids(f.ID)
	}
	dummy := &auth.User{Username: "nguoithu", FullName: "Người thử", Role: auth.RoleLeader}
	if err := a.store.CreateUser(ctx, 0, dummy, passwordHash()); err != nil {
		t.Fatal(err)
	}
	perms := web.RoutePermissions()
	var patterns []string
	for p := range perms {
		if !strings.HasPrefix(p, "GET /static/") {
			patterns = append(patterns, p)
		}
	}
	slices.Sort(patterns)

	var got []string
	for _, p := range patterns {
		method, path, ok := strings.Cut(p, " ")
		if !ok { // "/": every other address, the not-found page
			method, path = "GET", "/khong-co"
		}
		objects := map[string]string{"own": "", "other": ""}
		if !agencyScoped(path) {
			objects = map[string]string{"-": ""}
		}
		for _, role := range matrixRoles {
			for _, side := range []string{"own", "other", "-"} {
				if _, ok := objects[side]; !ok {
					continue
				}
				url := fillMatrixPath(a, path, side, dummy.ID)
				status, loc, wrote := a.matrixRequest(t, role, method, url)
				class := answerClass(status, loc)
				if class != "ok" && wrote != 0 {
					t.Errorf("%s as %s (%s) was refused (%s) but wrote %d audit entries", p, role, side, class, wrote)
				}
				got = append(got, fmt.Sprintf("%-48s %-11s %-5s %s", p, role, side, class))
				checkMatrixRules(t, p, perms[p], role, side, class)
			}
		}
	}
	header := "# The permission matrix of the web UI: route, role, object (own or other agency's, - when the\n" +
		"# route names none), answer (ok, 403, 404, login). Written by\n" +
		"#   go test ./internal/web -run TestPermissionMatrix -update-matrix\n" +
		"# and reviewed: a change here is a change of who may do what.\n"
	golden.Lines(t, filepath.Join("testdata", "permissions.txt"), got, *updateMatrix, header)
}

// agencyScoped reports whether a path names an object that belongs to one
// agency (a report, its file, an agency's dashboard page).
func agencyScoped(path string) bool {
	return strings.HasPrefix(path, "/reports/{id}") || strings.HasPrefix(path, "/files/{id}") || strings.Contains(path, "/dashboard/agency/{agency}")
}

var matrixParam = regexp.MustCompile(`\{[a-z]+\}`)

// fillMatrixPath puts real IDs into a route's path: the own or the other
// agency's object, and for the rest an object every route can name.
func fillMatrixPath(a *app, path, side string, dummy int64) string {
	f := a.f
	rep, file, agency := a.vars["rep"], a.vars["file"], ids(f.agencyTC)
	if side == "other" {
		rep, file, agency = a.vars["repnv"], a.vars["filenv"], ids(f.agencyNV)
	}
	r := strings.NewReplacer("/reports/{id}", "/reports/"+rep, "/files/{id}", "/files/"+file, "{agency}", agency,
		"/plans/{id}", "/plans/"+ids(f.planID), "/tasks/{id}", "/tasks/"+ids(f.taskLater), "{task}", ids(f.taskDueSoon),
		"{indicator}", a.vars["ind"], "/periods/{id}", "/periods/"+a.vars["q3"], "/users/{id}", "/users/"+ids(dummy),
		"/agencies/{id}", "/agencies/"+ids(f.agencyTT), "{$}", "")
	return matrixParam.ReplaceAllString(r.Replace(path), "1")
}

// matrixRequest sends one request as role with a fresh session made in
// the store (no password, no second factor: this is about permissions,
// and a route that ends sessions must not end the next request's).
func (a *app) matrixRequest(t *testing.T, role, method, path string) (status int, loc string, wrote int) {
	t.Helper()
	req, _ := http.NewRequest(method, a.srv.URL+path, strings.NewReader(""))
	req.Header.Set("Origin", a.srv.URL)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if role != "anon" {
		u, _, err := a.store.UserByName(context.Background(), usernames[role])
		if err != nil {
			t.Fatal(err)
		}
		token, hash := auth.NewToken()
		if err := a.store.CreateSession(context.Background(), hash, u.ID, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: token})
	}
	before := a.auditCount(t)
	c := a.anon()
	res, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode, res.Header.Get("Location"), a.auditCount(t) - before
}

// auditCount is the number of audit entries: every change writes one, so a
// refused request must leave it as it was.
func (a *app) auditCount(t *testing.T) int {
	t.Helper()
	entries, err := a.store.AuditSearch(context.Background(), audit.Filter{Limit: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

// answerClass names what a response means for the permission matrix.
func answerClass(status int, loc string) string {
	switch {
	case status == http.StatusSeeOther && strings.HasPrefix(loc, "/login?next="):
		return "login"
	case status == http.StatusForbidden:
		return "403"
	case status == http.StatusNotFound:
		return "404"
	case status >= 500:
		return fmt.Sprint(status)
	}
	return "ok" // past the permission check: done, or refused for the input's sake (409, 422 …)
}

// checkMatrixRules holds whatever the file says.
func checkMatrixRules(t *testing.T, pattern string, perm auth.Permission, role, side, class string) {
	t.Helper()
	switch {
	case strings.HasPrefix(class, "5"):
		t.Errorf("%s as %s (%s): %s", pattern, role, side, class)
	case role == "anon" && perm != auth.Public && class != "login":
		t.Errorf("%s signed out: %s, want the sign-in page", pattern, class)
	case role != "anon" && !auth.Can(&auth.User{Role: auth.Role(role), AgencyID: 1}, perm) && class != "403":
		t.Errorf("%s as %s without %s: %s, want 403", pattern, role, perm, class)
	case (role == "head" || role == "officer") && side == "other" && class == "ok":
		t.Errorf("%s as %s of another agency's object: %s — an agency must not reach another's", pattern, role, class)
	}
}
