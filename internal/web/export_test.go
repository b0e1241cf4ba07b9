package web

import "tiendo/internal/auth"

// RoutePatterns lists every registered route pattern, so that the scenario
// tests (package web_test) can check they visited each one.
func RoutePatterns() []string {
	table := routeTable{}
	(&handler{}).routes(table)
	var out []string
	for p := range table {
		out = append(out, p)
	}
	return out
}

// RoutePermissions maps every route pattern to the permission it needs.
func RoutePermissions() map[string]auth.Permission {
	table := routeTable{}
	(&handler{}).routes(table)
	out := map[string]auth.Permission{}
	for p, h := range table {
		if g, ok := h.(*guard); ok {
			out[p] = g.perm
		}
	}
	return out
}
