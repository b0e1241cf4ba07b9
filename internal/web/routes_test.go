package web

import (
	"net/http"
	"slices"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
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
	known := auth.Permissions
	routes := allRoutes(t)
	if len(routes) < 20 {
		t.Fatalf("only %d routes registered", len(routes))
	}
	for pattern, perm := range routes {
		if perm == "" || !slices.Contains(known, perm) {
			t.Errorf("route %q has permission %q", pattern, perm)
		}
	}
	// Routes that change data must never be public, except signing in
	// (password, then the second factor, or a one-time password link), out,
	// and asking for a reset link by e-mail.
	signIn := []string{"POST /login", "POST /logout", "POST /login/2fa", "POST /login/link/{token}", "POST /login/forgot"}
	for pattern, perm := range routes {
		if perm == auth.Public && len(pattern) > 5 && pattern[:5] == "POST " && !slices.Contains(signIn, pattern) {
			t.Errorf("route %q changes data but is public", pattern)
		}
	}
	// Routes needing edit rights are exactly those an editor would expect.
	for _, p := range []string{"POST /tasks/{id}/edit", "GET /tasks/{id}/edit", "POST /import", "POST /import/confirm", "POST /plans/{id}/tasks/new",
		"GET /plans/{id}/regime", "POST /plans/{id}/regime"} {
		if routes[p] != auth.EditPlan {
			t.Errorf("route %q: permission %q, want %q", p, routes[p], auth.EditPlan)
		}
	}
	// Reporting: the flow's steps are each gated by the role that may take them.
	for p, want := range map[string]auth.Permission{
		"POST /reports/{id}/submit":         auth.SubmitReport,
		"POST /reports/{id}/accept":         auth.ReviewReport,
		"POST /reports/{id}/return":         auth.ReviewReport,
		"POST /reports/{id}/revise":         auth.WriteReport,
		"POST /reports/{id}/entries/{task}": auth.WriteReport,
		"POST /reports/{id}/files":          auth.WriteReport,
		"GET /reports/{id}/edit":            auth.WriteReport,
		"GET /files/{id}":                   auth.ReadOwnAgency,
		"POST /tasks/{id}/extensions":       auth.RequestExtension,
		"POST /extensions/{id}/decide":      auth.DecideExtension,
		// Notices: every signed-in user has their own.
		"GET /notices":            auth.ReadPlan,
		"POST /notices/{id}/read": auth.ReadPlan,
		"POST /notices/read-all":  auth.ReadPlan,
	} {
		if routes[p] != want {
			t.Errorf("route %q: permission %q, want %q", p, routes[p], want)
		}
	}
}

// TestPermit checks the reporting permissions by role: who passes the
// route's gate, and the Vietnamese reason given to who does not.
func TestPermit(t *testing.T) {
	user := func(r auth.Role) *auth.User { return &auth.User{ID: 1, Role: r, AgencyID: 7} }
	cases := []struct {
		role auth.Role
		perm auth.Permission
		want error
	}{
		{auth.RoleOfficer, auth.WriteReport, nil},
		{auth.RoleHead, auth.WriteReport, nil},
		{auth.RoleCoordinator, auth.WriteReport, reporting.ErrAgencyOnly},
		{auth.RoleOfficer, auth.SubmitReport, reporting.ErrHeadOnly},
		{auth.RoleHead, auth.SubmitReport, nil},
		{auth.RoleLeader, auth.SubmitReport, reporting.ErrAgencyOnly},
		{auth.RoleCoordinator, auth.ReviewReport, nil},
		{auth.RoleAdmin, auth.ReviewReport, nil},
		{auth.RoleHead, auth.ReviewReport, reporting.ErrReviewOnly},
		{auth.RoleOfficer, auth.RequestExtension, nil},
		{auth.RoleCoordinator, auth.RequestExtension, reporting.ErrAgencyOnly},
		{auth.RoleCoordinator, auth.DecideExtension, nil},
		{auth.RoleHead, auth.DecideExtension, reporting.ErrReviewOnly},
		{auth.RoleLeader, auth.EditPlan, errForbidden},
		{auth.RoleLeader, auth.ReadOwnAgency, nil},
	}
	for _, c := range cases {
		if got := permit(user(c.role), c.perm); got != c.want {
			t.Errorf("permit(%s, %s) = %v, want %v", c.role, c.perm, got, c.want)
		}
	}
	if permit(nil, auth.WriteReport) == nil || permit(nil, auth.Public) != nil {
		t.Error("a visitor holds only Public")
	}
	if permit(&auth.User{Role: auth.RoleHead, Disabled: true}, auth.WriteReport) == nil {
		t.Error("a disabled user holds nothing")
	}
}
