package api_test

import (
	"testing"

	"tiendo/internal/auth"
)

// TestTaskStatusAfterAcceptance: the computed status of GET /tasks/{id}
// once the reports of quarter II/2025 are accepted on 5/6/2025, at chosen
// days: every status code, overdue age, the original deadline, and the
// per-period judgement of a continuous task.
func TestTaskStatusAfterAcceptance(t *testing.T) {
	e, c := newReportEnv(t, "2025-06-05")
	e.reportIDs(t, "2025-Q2")
	play(t, e, []scenario{
		{name: "before any report", path: "/tasks/{T1}", as: auth.RoleLeader, status: 200, check: taskIs("not_started", 0, "")},
	})
	e.flow(t, "R.KHCN", entries{"T1": `{"status":"in_progress","percent":60}`, "T4": done("2025-04-10"), "T7": done("2025-04-15")}, "accept")
	e.flow(t, "R.NV", entries{"T3": `{"status":"paused","reason":"Chờ hướng dẫn của Bộ."}`, "T5": `{"status":"in_progress","percent":50}`}, "accept")
	e.flow(t, "R.TC", entries{"T2": `{"status":"cancelled","reason":"Đã gộp vào nhiệm vụ T1."}`}, "accept")
	play(t, e, []scenario{
		{name: "T1 in progress", path: "/tasks/{T1}", as: auth.RoleLeader, status: 200, check: all(taskIs("in_progress", 0, ""),
			func(t *testing.T, e *env, r *response) {
				if num(r.JSON["progress"]) != 60 || r.JSON["original_deadline_text"] != "Quý II/2025" || r.JSON["original_due_date"] != "2025-06-30" ||
					r.JSON["status_label"] != "Đang thực hiện trong hạn" {
					t.Errorf("T1 = %s", r.Raw)
				}
				ps := r.JSON["periods"].([]any)
				if len(ps) != 1 || get(ps[0], "period", "label") != "Quý II/2025" || num(get(ps[0], "report_id")) != e.ids["R.KHCN"] ||
					get(ps[0], "claim") != "in_progress" || num(get(ps[0], "percent")) != 60 {
					t.Errorf("T1 periods = %v", ps)
				}
			})},
		{name: "T2 cancelled, with the reason", path: "/tasks/{T2}", as: auth.RoleLeader, status: 200, check: taskIs("cancelled", 0, "Đã gộp vào nhiệm vụ T1.")},
		{name: "T3 paused, no longer overdue", path: "/tasks/{T3}", as: auth.RoleLeader, status: 200, check: taskIs("paused", 0, "Chờ hướng dẫn của Bộ.")},
		{name: "T4 done on time", path: "/tasks/{T4}", as: auth.RoleLeader, status: 200, check: all(taskIs("done_on_time", 0, ""), completedOn("2025-04-10"))},
		{name: "T5 continuous, in progress", path: "/tasks/{T5}", as: auth.RoleLeader, status: 200, check: taskIs("in_progress", 0, "")},
		{name: "T6 unassigned, not started", path: "/tasks/{T6}", as: auth.RoleLeader, status: 200, check: all(taskIs("not_started", 0, ""),
			func(t *testing.T, _ *env, r *response) {
				if len(r.JSON["periods"].([]any)) != 0 || r.JSON["original_due_date"] != nil {
					t.Errorf("T6 = %s", r.Raw)
				}
			})},
		{name: "T7 done late", path: "/tasks/{T7}", as: auth.RoleLeader, status: 200, check: all(taskIs("done_late", 0, ""), completedOn("2025-04-15"))},
		{name: "filter paused", path: "/plans/{P1}/tasks?status=paused", as: auth.RoleLeader, status: 200, check: listIs("T3", 1)},
		{name: "filter cancelled", path: "/plans/{P1}/tasks?status=cancelled", as: auth.RoleLeader, status: 200, check: listIs("T2", 1)},
		{name: "filter in progress", path: "/plans/{P1}/tasks?status=in_progress", as: auth.RoleLeader, status: 200, check: listIs("T1,T5", 2)},
		{name: "the list shows the same", path: "/plans/{P1}/tasks", as: auth.RoleLeader, status: 200, check: func(t *testing.T, e *env, r *response) {
			want := map[string]string{"T1": "in_progress", "T2": "cancelled", "T3": "paused", "T4": "done_on_time", "T5": "in_progress",
				"T6": "not_started", "T7": "done_late"}
			for i, k := range []string{"T1", "T2", "T3", "T4", "T5", "T6", "T7"} {
				if it := items(t, r)[i]; it["status"] != want[k] {
					t.Errorf("%s listed %v, want %s", k, it["status"], want[k])
				}
			}
		}},
	})
	c.set("2025-06-25")
	play(t, e, []scenario{
		{name: "T1 due soon", path: "/tasks/{T1}", as: auth.RoleLeader, status: 200, check: taskIs("due_soon", 0, "")},
	})
	c.set("2025-07-05")
	play(t, e, []scenario{
		{name: "T1 overdue by 5 days", path: "/tasks/{T1}", as: auth.RoleLeader, status: 200, check: taskIs("overdue", 5, "")},
		{name: "filter overdue", path: "/plans/{P1}/tasks?status=overdue", as: auth.RoleLeader, status: 200, check: listIs("T1", 1)},
	})
	c.set("2025-09-15")
	play(t, e, []scenario{
		{name: "T5 judged in the current period: overdue in quarter III", path: "/tasks/{T5}", as: auth.RoleLeader, status: 200,
			check: all(taskIs("overdue", 5, ""), func(t *testing.T, e *env, r *response) {
				if r.JSON["status_period"] != "Quý III/2025" || r.JSON["status_due"] != "2025-09-10" {
					t.Errorf("T5 judged in %v against %v", r.JSON["status_period"], r.JSON["status_due"])
				}
				ps := r.JSON["periods"].([]any)
				if len(ps) != 2 || get(ps[0], "status") != "in_progress" || get(ps[0], "claim") != "in_progress" ||
					num(get(ps[0], "report_id")) != e.ids["R.NV"] || get(ps[1], "period", "label") != "Quý III/2025" ||
					get(ps[1], "status") != "overdue" || num(get(ps[1], "overdue_days")) != 5 || get(ps[1], "claim") != nil ||
					get(ps[1], "report_id") != nil {
					t.Errorf("T5 periods = %v", ps)
				}
			})},
	})
}

// taskIs checks a task's computed status, overdue age and status reason.
func taskIs(status string, overdueDays int64, reason string) func(*testing.T, *env, *response) {
	return func(t *testing.T, _ *env, r *response) {
		t.Helper()
		if r.JSON["status"] != status || num(r.JSON["overdue_days"]) != overdueDays || r.JSON["status_reason"] != reason {
			t.Errorf("status %v overdue_days %v reason %q, want %s %d %q", r.JSON["status"], r.JSON["overdue_days"],
				r.JSON["status_reason"], status, overdueDays, reason)
		}
	}
}

// completedOn checks a task's confirmed completion day.
func completedOn(day string) func(*testing.T, *env, *response) {
	return func(t *testing.T, _ *env, r *response) {
		t.Helper()
		if r.JSON["completed_on"] != day {
			t.Errorf("completed_on %v, want %s", r.JSON["completed_on"], day)
		}
	}
}
