package api_test

import (
	"testing"

	"tiendo/internal/auth"
)

// TestMeDue: "Việc của tôi" on 20/6/2025, ten days after quarter II's
// reports were due: each agency's late report and alarming tasks, the
// coordinator's missing and waiting reports; then after a late submission
// and a return.
func TestMeDue(t *testing.T) {
	e, _ := newReportEnv(t, "2025-06-20")
	e.reportIDs(t, "2025-Q2")
	onlyReport := func(state string, late bool, onTime any) func(*testing.T, *env, *response) {
		return func(t *testing.T, e *env, r *response) {
			t.Helper()
			list := r.JSON["reports"].([]any)
			if len(list) != 1 {
				t.Fatalf("reports = %v", list)
			}
			d := list[0].(map[string]any)
			if num(d["report_id"]) != e.ids["R.KHCN"] || d["state"] != state || d["late"] != late || d["on_time"] != onTime ||
				d["due"] != "2025-06-10" || num(d["days_to_due"]) != -10 || get(d, "period", "label") != "Quý II/2025" ||
				d["plan_code"] != "99/KH-UBND" {
				t.Errorf("report = %v", d)
			}
		}
	}
	counts := func(want map[string]int64) func(*testing.T, *env, *response) {
		return func(t *testing.T, _ *env, r *response) {
			t.Helper()
			for k, v := range want {
				if got := num(get(r.JSON, "counts", k)); got != v {
					t.Errorf("counts.%s = %d, want %d: %s", k, got, v, r.Raw)
				}
			}
		}
	}
	type alert struct {
		task, status string
		days         int64
		lead         bool
	}
	tasksAre := func(want ...alert) func(*testing.T, *env, *response) {
		return func(t *testing.T, e *env, r *response) {
			t.Helper()
			list := r.JSON["tasks"].([]any)
			if len(list) != len(want) {
				t.Fatalf("tasks = %v", list)
			}
			for i, w := range want {
				a := list[i].(map[string]any)
				if num(a["task_id"]) != e.ids[w.task] || a["status"] != w.status || a["lead"] != w.lead ||
					w.status == "overdue" && num(a["overdue_days"]) != w.days || w.status == "due_soon" && num(a["days_to_due"]) != w.days {
					t.Errorf("task = %v", a)
				}
			}
		}
	}
	onlyTask := func(task, status string, days int64, lead bool) func(*testing.T, *env, *response) {
		return tasksAre(alert{task, status, days, lead})
	}
	review := func(missing, waiting string, expected, received int64) func(*testing.T, *env, *response) {
		return func(t *testing.T, e *env, r *response) {
			t.Helper()
			list := r.JSON["review"].([]any)
			if len(list) != 1 {
				t.Fatalf("review = %v", list)
			}
			rv := list[0].(map[string]any)
			names := func(k string) string {
				var s string
				for _, a := range rv[k].([]any) {
					if s != "" {
						s += ","
					}
					s += get(a, "agency_name").(string)
				}
				return s
			}
			if num(rv["plan_id"]) != e.ids["P1"] || get(rv, "period", "label") != "Quý II/2025" || names("missing") != missing ||
				names("waiting") != waiting || num(get(rv, "totals", "expected")) != expected || num(get(rv, "totals", "received")) != received {
				t.Errorf("review = %v", rv)
			}
			if len(rv["agencies"].([]any)) != 3 {
				t.Errorf("figures of %d agencies, want 3", len(rv["agencies"].([]any)))
			}
		}
	}
	const all3 = "Sở Khoa học và Công nghệ,Sở Nội vụ,Sở Tài chính"
	play(t, e, []scenario{
		{name: "head: the late report, no alarming task", path: "/me/due", as: auth.RoleHead, status: 200,
			check: all(onlyReport("not_started", true, nil), counts(map[string]int64{"due": 1, "late": 1, "returned": 0, "waiting": 0}),
				func(t *testing.T, e *env, r *response) {
					if r.JSON["today"] != "2025-06-20" || r.JSON["role"] != "head" || num(r.JSON["agency_id"]) != e.ids["KHCN"] ||
						len(r.JSON["tasks"].([]any)) != 0 || len(r.JSON["review"].([]any)) != 0 {
						t.Errorf("me = %s", r.Raw)
					}
				})},
		{name: "Sở Tài chính: T2 due in 5 days", path: "/me/due", as: officerTC, status: 200,
			check: all(onlyTask("T2", "due_soon", 5, true), counts(map[string]int64{"due": 1, "due_soon_tasks": 1}))},
		// T5 is continuous: judged in quarter II, whose report was due on 10/6.
		{name: "Sở Nội vụ: T3 overdue by 20 days, T5 by 10 in quarter II", path: "/me/due", as: headNV, status: 200,
			check: all(tasksAre(alert{"T3", "overdue", 20, true}, alert{"T5", "overdue", 10, true}),
				counts(map[string]int64{"overdue_tasks": 2}))},
		{name: "coordinator: nobody has sent", path: "/me/due", as: auth.RoleCoordinator, status: 200,
			check: all(review(all3, "", 3, 0), counts(map[string]int64{"missing": 3, "to_review": 0}), func(t *testing.T, _ *env, r *response) {
				if r.JSON["agency_id"] != nil || len(r.JSON["reports"].([]any)) != 0 {
					t.Errorf("me = %s", r.Raw)
				}
			})},
		{name: "admin sees the coordinator's view", path: "/me/due?plan={P1}", as: auth.RoleAdmin, status: 200, check: review(all3, "", 3, 0)},
		{name: "a chosen period", path: "/me/due?plan={P1}&period={2025-Q2}", as: auth.RoleCoordinator, status: 200, check: review(all3, "", 3, 0)},
		{name: "leader: nothing to do", path: "/me/due", as: auth.RoleLeader, status: 200, check: func(t *testing.T, _ *env, r *response) {
			for _, k := range []string{"reports", "tasks", "review"} {
				if len(r.JSON[k].([]any)) != 0 {
					t.Errorf("%s = %v", k, r.JSON[k])
				}
			}
		}},
		{name: "an empty report cannot be sent", method: "POST", path: "/reports/{R.KHCN}/submit", as: auth.RoleHead, status: 422, code: "invalid"},
	})
	e.flow(t, "R.KHCN", entries{"T1": `{"status":"in_progress","percent":40}`, "T4": done("2025-04-10"), "T7": done("2025-04-15")}, "submit")
	play(t, e, []scenario{
		{name: "head: waiting, late", path: "/me/due", as: auth.RoleOfficer, status: 200,
			check: all(onlyReport("submitted", false, false), counts(map[string]int64{"due": 0, "late": 0, "waiting": 1}))},
		{name: "coordinator: one to review", path: "/me/due", as: auth.RoleCoordinator, status: 200,
			check: all(review("Sở Nội vụ,Sở Tài chính", "Sở Khoa học và Công nghệ", 3, 1), counts(map[string]int64{"missing": 2, "to_review": 1}),
				func(t *testing.T, _ *env, r *response) {
					w := get(r.JSON["review"].([]any)[0], "waiting").([]any)[0].(map[string]any)
					if w["on_time"] != false || w["state"] != "submitted" || num(w["report_id"]) != e.ids["R.KHCN"] {
						t.Errorf("waiting = %v", w)
					}
					if got := get(r.JSON["review"].([]any)[0], "totals", "late"); num(got) != 1 {
						t.Errorf("totals.late = %v", got)
					}
				})},
		{name: "returned", method: "POST", path: "/reports/{R.KHCN}/return", as: auth.RoleCoordinator, body: `{"reason":"Bổ sung kết quả T1."}`, status: 200},
		{name: "head: returned, with the reason", path: "/me/due", as: auth.RoleHead, status: 200,
			check: all(counts(map[string]int64{"returned": 1, "waiting": 0}), func(t *testing.T, _ *env, r *response) {
				d := r.JSON["reports"].([]any)[0].(map[string]any)
				if d["state"] != "returned" || d["return_reason"] != "Bổ sung kết quả T1." {
					t.Errorf("report = %v", d)
				}
			})},
		{name: "coordinator: a returned report is missing again", path: "/me/due", as: auth.RoleCoordinator, status: 200,
			check: review(all3, "", 3, 0)},
		{name: "period without plan", path: "/me/due?period={2025-Q2}", as: auth.RoleCoordinator, status: 400, code: "bad_request", check: wantField("period")},
		{name: "period of another plan", path: "/me/due?plan={P2}&period={2025-Q2}", as: auth.RoleCoordinator, status: 400, code: "bad_request", check: wantField("period")},
		{name: "unknown plan", path: "/me/due?plan=987654", as: auth.RoleHead, status: 404, code: "not_found"},
		{name: "no token", path: "/me/due", status: 401, code: "unauthorized"},
	})
}
