package web

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
