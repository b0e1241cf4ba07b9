package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"tiendo/internal/web"
)

// endless is a request body that never ends, counting what was read of it.
type endless struct{ n atomic.Int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n.Add(int64(len(p)))
	return len(p), nil
}

// TestBodyLimits sends an endless body to every route that takes one — web
// and API — and checks the server stops reading near the route's limit
// (and answers without a 5xx), instead of reading until memory or disk
// run out. The client counts what it managed to send, which includes what
// sits in socket buffers; hence the slack.
func TestBodyLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("sends a few hundred MiB over loopback")
	}
	a := newApp(t)
	c := a.as("admin")
	const mib = 1 << 20
	// Routes whose own limit is larger than the 2 MiB forms: uploads.
	big := map[string]int64{
		"POST /import":                    22 * mib,
		"POST /import/confirm":            30 * mib,
		"POST /reports/{id}/files":        22 * mib,
		"POST /api/v1/reports/{id}/files": 22 * mib,
	}
	var routes []string
	for _, p := range web.RoutePatterns() {
		if strings.HasPrefix(p, "POST ") {
			routes = append(routes, p)
		}
	}
	r := c.get("/api/v1/openapi.json")
	var doc struct {
		Paths map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal([]byte(r.body), &doc); err != nil {
		t.Fatal(err)
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if m := strings.ToUpper(method); m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE" {
				routes = append(routes, m+" /api/v1"+path)
			}
		}
	}
	// Signing out last: it ends the session the others use.
	slices.SortFunc(routes, func(x, y string) int {
		return boolInt(strings.Contains(x, "logout") || strings.Contains(x, "revoke")) - boolInt(strings.Contains(y, "logout") || strings.Contains(y, "revoke"))
	})
	if len(routes) < 40 {
		t.Fatalf("only %d routes take a body", len(routes))
	}
	sendAll(t, a, c, routes, big, nil)
	// The report routes again, as the head of the agency whose report it
	// is, so that the request gets past the permission check to the body.
	ra := newReportingApp(t)
	var reportRoutes []string
	for _, r := range routes {
		if strings.Contains(r, "/reports/{id}") {
			reportRoutes = append(reportRoutes, r)
		}
	}
	sendAll(t, ra, ra.as("head"), reportRoutes, big, strings.NewReplacer("{id}", ra.vars["rep"], "{task}", ids(ra.f.taskOverdue), "{indicator}", ra.vars["ind"]))
}

// sendAll sends an endless body to each route as c and checks where the
// server stopped reading. sub fills path parameters; the rest become 1.
func sendAll(t *testing.T, a *app, c *client, routes []string, big map[string]int64, sub *strings.Replacer) {
	const mib = 1 << 20
	const slack = 12 * mib
	param := regexp.MustCompile(`\{[a-z]+\}`)
	for _, route := range routes {
		method, path, _ := strings.Cut(route, " ")
		if sub != nil {
			path = sub.Replace(path)
		}
		body := &endless{}
		req, _ := http.NewRequest(method, a.srv.URL+param.ReplaceAllString(path, "1"), body)
		req.Header.Set("Origin", a.srv.URL)
		switch {
		case strings.HasSuffix(path, "/files") || path == "/import":
			req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		case strings.HasPrefix(path, "/api/"):
			req.Header.Set("Content-Type", "application/json")
		default:
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		res, err := c.http.Do(req)
		status := 0
		if err == nil {
			status = res.StatusCode
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		limit := int64(2 * mib)
		if l, ok := big[route]; ok {
			limit = l
		}
		if n := body.n.Load(); n > limit+slack {
			t.Errorf("%s read %d MiB of an endless body (limit %d MiB); status %d, err %v", route, n/mib, limit/mib, status, err)
		}
		if status >= 500 {
			t.Errorf("%s: %d", route, status)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
