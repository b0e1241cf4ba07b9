package api_test

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"tiendo/internal/api"
	"tiendo/internal/audit"
	"tiendo/internal/auth"
	"tiendo/internal/golden"
	"tiendo/internal/reporting"
)

var updateMatrix = flag.Bool("update-matrix", false, "rewrite testdata/permissions.txt from what the API answers")

// TestPermissionMatrix sends every API route as every role (a bearer
// token each, and no token), about the own agency's report or file and
// another agency's where the route names one, and checks the answer
// against testdata/permissions.txt; a route missing from the file fails.
// Three rules hold beyond the file: no token → 401; a role without the
// route's permission → 403; the head or officer of an agency never gets
// another agency's report or file.
func TestPermissionMatrix(t *testing.T) {
	e, _ := newReportEnv(t, "2025-06-05")
	e.reportIDs(t, "2025-Q2")
	ctx := context.Background()
	for key, by := range map[string][2]string{"F.KHCN": {"R.KHCN", "user:head"}, "F.NV": {"R.NV", "user:" + string(headNV)}} {
		u, err := e.st.User(ctx, e.ids[by[1]])
		if err != nil {
			t.Fatal(err)
		}
		f := &reporting.File{Name: "bien-ban.pdf", ContentType: reporting.TypePDF}
		if err := e.st.AddReportFile(ctx, reporting.Actor{User: u, Now: today}, e.ids[by[0]], f, []byte("%PDF-1.7\n%%EOF\n")); err != nil {
			t.Fatalf("seed file: %v", err)
		}
		e.ids[key] = f.ID
	}
	perms := api.RoutePermissions()
	var patterns []string
	for p := range perms {
		patterns = append(patterns, p)
	}
	// Deletions last, so that the reads before them find the files.
	slices.SortFunc(patterns, func(x, y string) int {
		if dx, dy := strings.HasPrefix(x, "DELETE "), strings.HasPrefix(y, "DELETE "); dx != dy {
			if dx {
				return 1
			}
			return -1
		}
		return strings.Compare(x, y)
	})
	roles := append([]auth.Role{""}, auth.Roles...)
	param := regexp.MustCompile(`\{[a-z]+\}`)
	var got []string
	for _, p := range patterns {
		method, path, _ := strings.Cut(p, " ")
		sides := []string{"-"}
		if strings.HasPrefix(path, "/reports/{id}") || strings.HasPrefix(path, "/files/{id}") {
			sides = []string{"own", "other"}
		}
		for _, role := range roles {
			for _, side := range sides {
				rep, file := "{R.KHCN}", "{F.KHCN}"
				if side == "other" {
					rep, file = "{R.NV}", "{F.NV}"
				}
				filled := strings.NewReplacer("/reports/{id}", "/reports/"+rep, "/files/{id}", "/files/"+file,
					"/plans/{id}", "/plans/{P1}", "/tasks/{id}", "/tasks/{T3}", "{task}", "{T1}").Replace(path)
				filled = param.ReplaceAllStringFunc(filled, func(s string) string {
					if strings.ToUpper(s) == s { // a fixture key like {P1}
						return s
					}
					return "1"
				})
				before := auditCount(t, e)
				r := e.do(method, filled, role, "{}", nil)
				wrote := auditCount(t, e) - before
				class := "ok"
				switch {
				case r.Status == 401:
					class = "401"
				case r.Status == 403:
					class = "403"
				case r.Status == 404:
					class = "404"
				case r.Status >= 500:
					class = fmt.Sprint(r.Status)
					t.Errorf("%s as %q (%s): %d %s", p, role, side, r.Status, r.Raw)
				}
				if class != "ok" && wrote != 0 {
					t.Errorf("%s as %q (%s) was refused (%s) but wrote %d audit entries", p, role, side, class, wrote)
				}
				who := string(role)
				if who == "" {
					who = "anon"
				}
				got = append(got, fmt.Sprintf("%-42s %-11s %-5s %s", p, who, side, class))
				u := &auth.User{Role: role, AgencyID: 1}
				switch {
				case role == "" && perms[p] != auth.Public && class != "401":
					t.Errorf("%s without a token: %s, want 401", p, class)
				case role != "" && !auth.Can(u, perms[p]) && class != "403":
					t.Errorf("%s as %s without %s: %s, want 403", p, role, perms[p], class)
				case (role == auth.RoleHead || role == auth.RoleOfficer) && side == "other" && class == "ok":
					t.Errorf("%s as %s of another agency's object: ok", p, role)
				}
			}
		}
	}
	header := "# The permission matrix of the JSON API: route, role, object (own or other agency's report or\n" +
		"# file, - when the route names none), answer (ok, 401, 403, 404). Written by\n" +
		"#   go test ./internal/api -run TestPermissionMatrix -update-matrix\n" +
		"# and reviewed: a change here is a change of who may do what.\n"
	golden.Lines(t, filepath.Join("testdata", "permissions.txt"), got, *updateMatrix, header)
}

// auditCount is the number of audit entries: every change writes one, so a
// refused request must leave it as it was.
func auditCount(t *testing.T, e *env) int {
	t.Helper()
	entries, err := e.st.AuditSearch(context.Background(), audit.Filter{Limit: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}
