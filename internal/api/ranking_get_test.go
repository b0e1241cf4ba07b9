package api_test

import (
	"reflect"
	"testing"

	"tiendo/internal/auth"
)

// TestRanking: the yearly ranking on the dashboard fixture, worked by hand.
// On 20/6/2025 with the default weights 50/30/20:
//   - Sở KH&CN: T4 done 10/4 on time, T7 late (T1 due 30/6 not yet) → 1/2;
//     its Q2 report sent on time → 1/1; CT01 60 of 80 → 75 of 100 points.
//     (50×0,5 + 30×1 + 20×0,75) ÷ 100 = 70.
//   - Sở Tài chính: T2 not yet due → no task part; report on time 1/1;
//     CT02 without an accepted value → 0 of 100. (30×1 + 20×0) ÷ 50 = 60.
//   - Sở Nội vụ: T3 overdue → 0/1; nothing sent → 0/1; no indicator. 0.
func TestRanking(t *testing.T) {
	e := dashboardEnv(t)
	play(t, e, []scenario{
		{name: "ranking 2025 on 20/6/2025", path: "/plans/{P1}/ranking?year=2025", as: auth.RoleLeader, status: 200,
			check: func(t *testing.T, e *env, r *response) {
				j := r.JSON
				if num(j["plan_id"]) != e.ids["P1"] || j["year"] != 2025.0 || j["asof"] != "2025-06-20" {
					t.Errorf("plan %v, year %v, asof %v", j["plan_id"], j["year"], j["asof"])
				}
				if w := jsonOf(t, `{"tasks_on_time":50,"timeliness":30,"indicators":20,"version":0}`); !reflect.DeepEqual(j["weights"], w) {
					t.Errorf("weights %v", j["weights"])
				}
				want := jsonOf(t, `[
					{"rank":1,"agency":"Sở Khoa học và Công nghệ","score":70,"tasks_on_time":{"num":1,"den":2,"pct":50},
					 "timeliness":{"num":1,"den":1,"pct":100},"indicators":{"num":75,"den":100,"pct":75}},
					{"rank":2,"agency":"Sở Tài chính","score":60,"tasks_on_time":{"num":0,"den":0,"pct":null},
					 "timeliness":{"num":1,"den":1,"pct":100},"indicators":{"num":0,"den":100,"pct":0}},
					{"rank":3,"agency":"Sở Nội vụ","score":0,"tasks_on_time":{"num":0,"den":1,"pct":0},
					 "timeliness":{"num":0,"den":1,"pct":0},"indicators":{"num":0,"den":0,"pct":null}}]`).([]any)
				items, _ := j["items"].([]any)
				if len(items) != len(want) {
					t.Fatalf("items %v", items)
				}
				for i, w := range want {
					for k, v := range w.(map[string]any) {
						if got := get(items[i], k); !reflect.DeepEqual(got, v) {
							t.Errorf("items[%d].%s = %v, want %v", i, k, got, v)
						}
					}
				}
				for i, key := range []string{"KHCN", "TC", "NV"} {
					if num(get(items[i], "agency_id")) != e.ids[key] {
						t.Errorf("items[%d].agency_id = %v, want %s", i, get(items[i], "agency_id"), key)
					}
				}
			}},
		{name: "a year gone by: as of its last day, nothing to rank", path: "/plans/{P1}/ranking?year=2024", as: auth.RoleHead,
			status: 200, check: func(t *testing.T, e *env, r *response) {
				if r.JSON["asof"] != "2024-12-31" || !reflect.DeepEqual(r.JSON["items"], []any{}) {
					t.Errorf("2024: %s", r.Raw)
				}
			}},
		{name: "default year is this year", path: "/plans/{P1}/ranking", as: auth.RoleCoordinator, status: 200,
			check: func(t *testing.T, e *env, r *response) {
				if r.JSON["year"] != 2025.0 || len(r.JSON["items"].([]any)) != 3 {
					t.Errorf("default year: %s", r.Raw)
				}
			}},
		{name: "a bad year", path: "/plans/{P1}/ranking?year=hai-nghin", as: auth.RoleLeader, status: 400, code: "bad_request",
			check: func(t *testing.T, e *env, r *response) {
				if field(r, "year") == "" {
					t.Errorf("no year field: %s", r.Raw)
				}
			}},
		{name: "a year out of range", path: "/plans/{P1}/ranking?year=1990", as: auth.RoleLeader, status: 400, code: "bad_request"},
		{name: "no such plan", path: "/plans/999999/ranking", as: auth.RoleLeader, status: 404, code: "not_found"},
		{name: "not signed in", path: "/plans/{P1}/ranking", status: 401, code: "unauthorized"},
	})
}
