package web_test

import (
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"tiendo/internal/web"
)

// manyFields is a form body of 10,001 fields: one more than Go reads.
var manyFields = "a=1" + strings.Repeat("&", 10000)

// TestFormFieldLimit: a form of more than 10,000 fields, sent to every
// write route of the UI (as the admin, and the report routes as the head
// whose report it is), is answered 400 with a message where the route
// reads a form — never 5xx, and nothing is logged as an error.
func TestFormFieldLimit(t *testing.T) {
	a := newApp(t)
	var routes []string
	for _, p := range web.RoutePatterns() {
		if strings.HasPrefix(p, "POST ") && !strings.Contains(p, "/files") && p != "POST /import" {
			routes = append(routes, p)
		}
	}
	// Signing out last: it ends the session the others use.
	slices.SortFunc(routes, func(x, y string) int {
		return boolInt(strings.Contains(x, "logout") || strings.Contains(x, "revoke")) - boolInt(strings.Contains(y, "logout") || strings.Contains(y, "revoke"))
	})
	status := sendForms(t, a, a.as("admin"), routes, nil)
	for _, route := range []string{"POST /login", "POST /account/password", "POST /account/2fa", "POST /plans/{id}/tasks/new", "POST /agencies/new", "POST /account/tokens"} {
		if status[route] != http.StatusBadRequest {
			t.Errorf("%s with %d fields: %d, want 400", route, strings.Count(manyFields, "&")+1, status[route])
		}
	}
	ra := newReportingApp(t)
	var reportRoutes []string
	for _, r := range routes {
		if strings.Contains(r, "/reports/{id}") && !strings.Contains(r, "/files") {
			reportRoutes = append(reportRoutes, r)
		}
	}
	status = sendForms(t, ra, ra.as("head"), reportRoutes, strings.NewReplacer("{id}", ra.vars["rep"], "{task}", ids(ra.f.taskOverdue), "{indicator}", ra.vars["ind"]))
	for _, route := range []string{"POST /reports/{id}/entries/{task}", "POST /reports/{id}/texts", "POST /reports/{id}/submit"} {
		if status[route] != http.StatusBadRequest {
			t.Errorf("%s with too many fields: %d, want 400", route, status[route])
		}
	}
	for _, x := range []*app{a, ra} {
		if log := x.logText(); strings.Contains(log, "level=ERROR") {
			t.Errorf("too many fields logged an error:\n%s", log)
		}
	}
}

// sendForms posts manyFields to each route as c and returns the statuses,
// failing on a 5xx. A form read by readForm answers 400 with msgBadForm
// (the uploads — plan and reorganisation imports, the link sheet — answer
// 400 with their own, that the upload could not be read).
// sub fills path parameters; the rest become 1.
func sendForms(t *testing.T, a *app, c *client, routes []string, sub *strings.Replacer) map[string]int {
	param := regexp.MustCompile(`\{[a-z]+\}`)
	out := map[string]int{}
	for _, route := range routes {
		method, path, _ := strings.Cut(route, " ")
		if sub != nil {
			path = sub.Replace(path)
		}
		req, _ := http.NewRequest(method, a.srv.URL+param.ReplaceAllString(path, "1"), strings.NewReader(manyFields))
		req.Header.Set("Origin", a.srv.URL)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := c.http.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", route, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		out[route] = res.StatusCode
		switch {
		case res.StatusCode >= 500:
			t.Errorf("%s with too many fields: %d", route, res.StatusCode)
		case res.StatusCode == http.StatusBadRequest && !strings.Contains(string(body), "quá nhiều ô") &&
			!strings.Contains(route, "import") && !strings.HasSuffix(route, "/links/sheet"):
			t.Errorf("%s: 400 without saying why:\n%.300s", route, body)
		}
	}
	return out
}
