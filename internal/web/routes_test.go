package web

import (
	"net/http"
	"slices"
	"testing"

	"tiendo/internal/auth"
)

// routeTable records what routes registers.
type routeTable map[string]http.Handler

func (t routeTable) Handle(pattern string, h http.Handler) { t[pattern] = h }

// allRoutes returns every registered pattern with its permission.
func allRoutes(t testing.TB) map[string]auth.Permission {
	t.Helper()
	table := routeTable{}
	(&handler{}).routes(table)
	out := map[string]auth.Permission{}
	for pattern, h := range table {
		g, ok := h.(*guard)
		if !ok {
			t.Errorf("route %q is not wrapped in h.can(permission, …)", pattern)
			continue
		}
		out[pattern] = g.perm
	}
	return out
}

// TestEveryRouteHasPermission fails when a route is registered without a
// permission, or with one that no role is checked against.
func TestEveryRouteHasPermission(t *testing.T) {
	known := []auth.Permission{auth.Public, auth.ReadPlan, auth.EditPlan, auth.ManageAgency, auth.ManageUsers}
	routes := allRoutes(t)
	if len(routes) < 20 {
		t.Fatalf("only %d routes registered", len(routes))
	}
	for pattern, perm := range routes {
		if perm == "" || !slices.Contains(known, perm) {
			t.Errorf("route %q has permission %q", pattern, perm)
		}
	}
	// Routes that change data must never be public, except signing in and out.
	for pattern, perm := range routes {
		if perm == auth.Public && len(pattern) > 5 && pattern[:5] == "POST " && pattern != "POST /login" && pattern != "POST /logout" {
			t.Errorf("route %q changes data but is public", pattern)
		}
	}
	// Routes needing edit rights are exactly those an editor would expect.
	for _, p := range []string{"POST /tasks/{id}/edit", "GET /tasks/{id}/edit", "POST /import", "POST /import/confirm", "POST /plans/{id}/tasks/new"} {
		if routes[p] != auth.EditPlan {
			t.Errorf("route %q: permission %q, want %q", p, routes[p], auth.EditPlan)
		}
	}
}
