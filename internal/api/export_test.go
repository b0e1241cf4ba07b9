package api

import (
	"net/http"

	"tiendo/internal/auth"
)

// RoutePermissions maps every API route ("GET /plans/{id}", under Prefix)
// to the permission it needs, for the permission matrix test.
func RoutePermissions() map[string]auth.Permission {
	rt := &router{a: &api{mux: http.NewServeMux()}}
	rt.a.routes(rt)
	out := map[string]auth.Permission{}
	for _, r := range rt.routes {
		out[r.Method+" "+r.Path] = r.Perm
	}
	return out
}
