package api_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/indicator"
)

// dashboardEnv is the reporting fixture after quarter II/2025's reports
// (plan P1 issued 1/4/2025; Q2 due 10/6): on 5/6 the Sở KH&CN claims T1 in
// progress 40 %, T4 and T7 completed, gives CT01 = 60, and is accepted; the
// Sở Tài chính claims T2 completed and CT02 = 8 and submits, not accepted;
// the Sở Nội vụ sends nothing. The clock then moves to 20/6/2025.
func dashboardEnv(t *testing.T) *env {
	t.Helper()
	e, c := newReportEnv(t, "2025-06-05")
	e.reportIDs(t, "2025-Q2")
	for _, ind := range []struct {
		code, agency string
		dir          indicator.Direction
		target       float64
	}{{"CT01", "KHCN", indicator.Increase, 80}, {"CT02", "TC", indicator.Decrease, 10}} {
		v := indicator.Indicator{PlanID: e.ids["P1"], Code: ind.code, Name: "Chỉ tiêu " + ind.code, Unit: "%",
			Direction: ind.dir, Aggregation: indicator.Average, AgencyID: e.ids[ind.agency],
			Targets: map[int]float64{2025: ind.target}}
		if err := e.st.CreateIndicator(context.Background(), 0, &v); err != nil {
			t.Fatal(err)
		}
		e.ids["I."+ind.code] = v.ID
	}
	for _, v := range []struct {
		report, ind string
		as          auth.Role
		body        string
	}{{"R.KHCN", "I.CT01", auth.RoleOfficer, `{"value":60}`}, {"R.TC", "I.CT02", officerTC, `{"value":8}`}} {
		if r := e.do("PUT", "/reports/{"+v.report+"}/values/{"+v.ind+"}", v.as, v.body, nil); r.Status != 200 {
			t.Fatalf("value %s: %d %s", v.ind, r.Status, r.Raw)
		}
	}
	e.flow(t, "R.KHCN", entries{"T1": `{"status":"in_progress","percent":40}`, "T4": done("2025-04-10"),
		"T7": done("2025-04-15")}, "accept")
	e.flow(t, "R.TC", entries{"T2": done("2025-06-04")}, "submit")
	c.set("2025-06-20")
	return e
}

// statuses is a status_counts object with every code, the given ones set.
func statuses(kv map[string]float64) map[string]any {
	out := map[string]any{}
	for _, c := range []string{"done_on_time", "done_late", "in_progress", "due_soon", "overdue", "not_started", "paused", "cancelled"} {
		out[c] = kv[c]
	}
	return out
}

// jsonOf decodes a JSON literal of the expected body parts.
func jsonOf(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDashboard(t *testing.T) {
	e := dashboardEnv(t)
	play(t, e, []scenario{
		{name: "figures of Q2 on 20/6/2025", path: "/plans/{P1}/dashboard", as: auth.RoleLeader, status: 200,
			check: func(t *testing.T, e *env, r *response) {
				j := r.JSON
				if num(j["plan_id"]) != e.ids["P1"] || num(get(j["period"], "id")) != e.ids["2025-Q2"] || j["asof"] != "2025-06-20" {
					t.Errorf("plan %v, period %v, asof %v", j["plan_id"], j["period"], j["asof"])
				}
				// T1 in progress (accepted claim, due 30/6 > 20/6+7); T2 due soon (25/6; the Sở Tài chính's
				// completion is not accepted); T3 overdue (31/5); T4 on time; T5 continuous, no accepted Q2
				// report after its due day 10/6: overdue; T6 not started; T7 late. 1+1+1+1+2+1 = 7.
				want := statuses(map[string]float64{"done_on_time": 1, "done_late": 1, "in_progress": 1, "due_soon": 1,
					"overdue": 2, "not_started": 1})
				if !reflect.DeepEqual(j["status_counts"], want) || num(j["total"]) != 7 {
					t.Errorf("status_counts %v (total %v), want %v", j["status_counts"], j["total"], want)
				}
				groups := j["by_group"].([]any)
				// III.1 = T1–T4, III.2 = T5–T7.
				if len(groups) != 2 || get(groups[0], "label") != "III.1" || get(groups[1], "label") != "III.2" ||
					!reflect.DeepEqual(get(groups[0], "status_counts"), statuses(map[string]float64{"in_progress": 1,
						"due_soon": 1, "overdue": 1, "done_on_time": 1})) ||
					!reflect.DeepEqual(get(groups[1], "status_counts"), statuses(map[string]float64{"overdue": 1,
						"not_started": 1, "done_late": 1})) {
					t.Errorf("by_group %v", groups)
				}
				// Expected: KHCN, TC, NV. KHCN and TC sent on 5/6 (due 10/6): 2/3 received, 2/3 on time.
				if !reflect.DeepEqual(j["completeness"], map[string]any{"received": 2.0, "expected": 3.0, "rate": 2.0 / 3}) ||
					j["on_time_rate"] != 2.0/3 {
					t.Errorf("completeness %v, on time %v", j["completeness"], j["on_time_rate"])
				}
				agencies := j["by_agency"].([]any)
				type row struct {
					name   string
					counts map[string]any
					recv   float64
				}
				wantRows := []row{
					{"Sở Khoa học và Công nghệ", statuses(map[string]float64{"in_progress": 1, "done_on_time": 1, "done_late": 1}), 1},
					{"Sở Nội vụ", statuses(map[string]float64{"overdue": 2}), 0},
					{"Sở Tài chính", statuses(map[string]float64{"due_soon": 1}), 1},
					{"Chưa phân công", statuses(map[string]float64{"not_started": 1}), 0},
				}
				if len(agencies) != len(wantRows) {
					t.Fatalf("by_agency %v", agencies)
				}
				for i, w := range wantRows {
					a := agencies[i]
					if get(a, "name") != w.name || !reflect.DeepEqual(get(a, "status_counts"), w.counts) ||
						get(a, "reports", "received") != w.recv {
						t.Errorf("by_agency[%d] = %v, want %+v", i, a, w)
					}
				}
				if get(agencies[3], "agency_id") != nil {
					t.Errorf("unassigned row has agency_id %v", get(agencies[3], "agency_id"))
				}
				// CT01: 60 of 80 = 75 % → red. CT02: the Sở Tài chính's 8 is not accepted: no actual, no light.
				wantInd := jsonOf(t, `[
					{"code":"CT01","direction":"increase","year":2025,"target":80,"actual":60,"achieved_pct":75,"light":"red"},
					{"code":"CT02","direction":"decrease","year":2025,"target":10,"actual":null,"achieved_pct":null,"light":"none"}]`)
				inds := j["indicators"].([]any)
				for i, w := range wantInd.([]any) {
					for k, v := range w.(map[string]any) {
						if get(inds[i], k) != v {
							t.Errorf("indicators[%d].%s = %v, want %v", i, k, get(inds[i], k), v)
						}
					}
				}
				// T3: 31/5 → 20/6 = 20 days; T5: Q2's due day 10/6 → 20/6 = 10 days.
				over := j["overdue"].([]any)
				if len(over) != 2 || num(get(over[0], "task_id")) != e.ids["T3"] || get(over[0], "days_overdue") != 20.0 ||
					get(over[0], "due") != "2025-05-31" || num(get(over[1], "task_id")) != e.ids["T5"] ||
					get(over[1], "days_overdue") != 10.0 || get(over[1], "due") != "2025-06-10" {
					t.Errorf("overdue %v", over)
				}
				// From 1/4: T2 80 of 85 days = 94.1 % with 0 % accepted → lag 94.1;
				// T1 80 of 90 days = 88.9 % with 40 % → lag 48.9. Largest lag first.
				warn := j["early_warning"].([]any)
				if len(warn) != 2 || num(get(warn[0], "task_id")) != e.ids["T2"] || get(warn[0], "elapsed_pct") != 94.1 ||
					get(warn[0], "lag_points") != 94.1 || num(get(warn[1], "task_id")) != e.ids["T1"] ||
					get(warn[1], "elapsed_pct") != 88.9 || get(warn[1], "progress") != 40.0 || get(warn[1], "lag_points") != 48.9 {
					t.Errorf("early_warning %v", warn)
				}
				// Q2 is the plan's first period: one trend point, equal to the counts.
				trend := j["trend"].([]any)
				if len(trend) != 1 || !reflect.DeepEqual(get(trend[0], "status_counts"), want) {
					t.Errorf("trend %v", trend)
				}
			}},
		{name: "as of 5/6, before the reports were sent", path: "/plans/{P1}/dashboard?asof=2025-06-05&period={2025-Q2}",
			as: auth.RoleCoordinator, status: 200, check: func(t *testing.T, e *env, r *response) {
				// The reports were sent on 5/6 itself: they count. T5's period is not yet due (10/6): in progress
				// by its earlier progress (30 %); T3 overdue 31/5 → 5/6 = 5 days.
				if !reflect.DeepEqual(r.JSON["completeness"], map[string]any{"received": 2.0, "expected": 3.0, "rate": 2.0 / 3}) {
					t.Errorf("completeness %v", r.JSON["completeness"])
				}
				over := r.JSON["overdue"].([]any)
				if len(over) != 1 || get(over[0], "days_overdue") != 5.0 {
					t.Errorf("overdue %v", over)
				}
			}},
		{name: "a bad day", path: "/plans/{P1}/dashboard?asof=20/6/2025", as: auth.RoleLeader, status: 400, code: "bad_request",
			check: func(t *testing.T, e *env, r *response) {
				if field(r, "asof") == "" {
					t.Errorf("no asof field: %s", r.Raw)
				}
			}},
		{name: "a period of another plan", path: "/plans/{P2}/dashboard?period={2025-Q2}", as: auth.RoleLeader, status: 400,
			code: "bad_request"},
		{name: "no such plan", path: "/plans/999999/dashboard", as: auth.RoleLeader, status: 404, code: "not_found"},
		{name: "not signed in", path: "/plans/{P1}/dashboard", status: 401, code: "unauthorized"},
	})
}
