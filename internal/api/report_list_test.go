package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
)

// TestPeriods: the reference regime — quarterly, due on day 10 of the
// quarter's last month, Decree 09 cut-off moved a month earlier so that a
// working day lies between cut-off and due day — over the plan's span
// (1/4/2025 to the end of 2030, as T5 is continuous).
func TestPeriods(t *testing.T) {
	e, _ := newReportEnv(t, "2025-06-05")
	play(t, e, []scenario{
		{name: "every quarter of the plan", path: "/plans/{P1}/periods", as: auth.RoleOfficer, status: 200, check: func(t *testing.T, e *env, r *response) {
			list := items(t, r)
			if len(list) != 23 || num(r.JSON["total"]) != 23 {
				t.Fatalf("%d periods, want Q2/2025 … Q4/2030 (23): %s", len(list), r.Raw)
			}
			want := []map[string]any{
				{"label": "Quý II/2025", "start": "2025-04-01", "end": "2025-06-30", "cutoff_start": "2025-02-15", "cutoff": "2025-05-14", "due": "2025-06-10"},
				{"label": "Quý III/2025", "start": "2025-07-01", "end": "2025-09-30", "cutoff_start": "2025-05-15", "cutoff": "2025-08-14", "due": "2025-09-10"},
				{"label": "Quý IV/2025", "start": "2025-10-01", "end": "2025-12-31", "cutoff_start": "2025-08-15", "cutoff": "2025-11-14", "due": "2025-12-10"},
				{"label": "Quý I/2026", "start": "2026-01-01", "end": "2026-03-31", "cutoff_start": "2025-11-15", "cutoff": "2026-02-14", "due": "2026-03-10"},
			}
			for i, w := range want {
				for k, v := range w {
					if list[i][k] != v {
						t.Errorf("period %d %s = %v, want %v", i, k, list[i][k], v)
					}
				}
			}
			if num(list[0]["id"]) != e.ids["2025-Q2"] {
				t.Errorf("first period id %v, want %d", list[0]["id"], e.ids["2025-Q2"])
			}
			for _, p := range list {
				end, _ := time.Parse("2006-01-02", p["end"].(string))
				if due := end.Format("2006-01") + "-10"; p["due"] != due {
					t.Errorf("%s due %v, want %s (day 10 of the last month)", p["label"], p["due"], due)
				}
			}
			if last := list[22]; last["label"] != "Quý IV/2030" || last["end"] != "2030-12-31" {
				t.Errorf("last period = %v", last)
			}
		}},
		{name: "unknown plan", path: "/plans/98765/periods", as: auth.RoleOfficer, status: 404, code: "not_found"},
		{name: "no token", path: "/plans/{P1}/periods", status: 401, code: "unauthorized"},
	})
}

// TestReportList: every expected report is listed from its period's start,
// filters combine, and each role sees what the view rule lets it see.
func TestReportList(t *testing.T) {
	e, c := newReportEnv(t, "2025-06-05")
	e.reportIDs(t, "2025-Q2")
	// The Sở KH&CN's report is accepted, the Sở Nội vụ's is a draft.
	ctx := context.Background()
	e.flow(t, "R.KHCN", entries{"T1": `{"status":"in_progress","percent":40}`, "T4": done("2025-04-10"), "T7": done("2025-04-15")}, "accept")
	e.flow(t, "R.NV", entries{"T3": `{"status":"in_progress","percent":10}`}, "")
	// A report of quarter III made ahead (as the demo loader does) is not
	// listed before its period starts.
	q3, err := e.st.ReportFor(ctx, e.ids["2025-Q3"], e.ids["KHCN"])
	if err != nil {
		t.Fatal(err)
	}
	e.ids["R3.KHCN"] = q3.ID
	listed := func(want string, total int) func(*testing.T, *env, *response) {
		return func(t *testing.T, e *env, r *response) {
			t.Helper()
			var got []string
			for _, it := range items(t, r) {
				for _, k := range []string{"R.KHCN", "R.NV", "R.TC", "R3.KHCN"} {
					if num(it["id"]) == e.ids[k] {
						got = append(got, k+":"+it["state"].(string))
					}
				}
			}
			if strings.Join(got, ",") != want || num(r.JSON["total"]) != int64(total) {
				t.Errorf("listed %v (total %v), want %s (%d)", got, r.JSON["total"], want, total)
			}
		}
	}
	play(t, e, []scenario{
		{name: "coordinator: all, by agency name", path: "/reports?plan={P1}", as: auth.RoleCoordinator, status: 200,
			check: listed("R.KHCN:accepted,R.NV:draft,R.TC:not_started", 3)},
		{name: "list item shape", path: "/reports?plan={P1}&agency={KHCN}", as: auth.RoleAdmin, status: 200, check: func(t *testing.T, e *env, r *response) {
			it := items(t, r)[0]
			if it["due"] != "2025-06-10" || it["on_time"] != true || it["submitted_at"] != "2025-06-05T10:00:00+07:00" ||
				it["period_label"] != "Quý II/2025" || num(it["period_id"]) != e.ids["2025-Q2"] || it["agency_name"] != "Sở Khoa học và Công nghệ" ||
				it["current"] != true || num(it["revision"]) != 1 || it["state_label"] != "Đã tiếp nhận" {
				t.Errorf("item = %v", it)
			}
			if _, whole := it["entries"]; whole {
				t.Error("lists carry entries")
			}
		}},
		{name: "not sent: on_time is null", path: "/reports?plan={P1}&agency={TC}", as: auth.RoleCoordinator, status: 200, check: func(t *testing.T, e *env, r *response) {
			if it := items(t, r)[0]; it["on_time"] != nil || it["submitted_at"] != nil {
				t.Errorf("item = %v", it)
			}
		}},
		{name: "state filter", path: "/reports?plan={P1}&state=draft", as: auth.RoleCoordinator, status: 200, check: listed("R.NV:draft", 1)},
		{name: "period implies the plan", path: "/reports?period={2025-Q2}&state=not_started", as: auth.RoleCoordinator, status: 200,
			check: listed("R.TC:not_started", 1)},
		{name: "a period not begun lists nothing", path: "/reports?plan={P1}&period={2025-Q3}", as: auth.RoleCoordinator, status: 200, check: listed("", 0)},
		{name: "paging keeps the total", path: "/reports?plan={P1}&limit=1&offset=1", as: auth.RoleCoordinator, status: 200, check: listed("R.NV:draft", 3)},
		{name: "head: own agency only", path: "/reports?plan={P1}", as: headNV, status: 200, check: listed("R.NV:draft", 1)},
		{name: "officer: own agency only", path: "/reports?plan={P1}", as: officerTC, status: 200, check: listed("R.TC:not_started", 1)},
		{name: "head asking for another agency", path: "/reports?plan={P1}&agency={KHCN}", as: headTC, status: 403, code: "forbidden", check: ruleIs("other_agency")},
		{name: "head naming their own agency", path: "/reports?plan={P1}&agency={TC}", as: headTC, status: 200, check: listed("R.TC:not_started", 1)},
		{name: "leader: accepted only", path: "/reports?plan={P1}", as: auth.RoleLeader, status: 200, check: listed("R.KHCN:accepted", 1)},
		{name: "leader asking for drafts", path: "/reports?plan={P1}&state=draft", as: auth.RoleLeader, status: 403, code: "forbidden", check: ruleIs("accepted_only")},
		{name: "no plan", path: "/reports", as: auth.RoleCoordinator, status: 400, code: "bad_request", check: wantField("plan")},
		{name: "unknown state", path: "/reports?plan={P1}&state=late", as: auth.RoleCoordinator, status: 400, code: "bad_request", check: wantField("state")},
		{name: "limit too big", path: "/reports?plan={P1}&limit=5001", as: auth.RoleCoordinator, status: 400, code: "bad_request", check: wantField("limit")},
		{name: "unknown plan", path: "/reports?plan=987654", as: auth.RoleCoordinator, status: 404, code: "not_found"},
		{name: "unknown period", path: "/reports?period=987654", as: auth.RoleCoordinator, status: 404, code: "not_found"},
		{name: "period of another plan", path: "/reports?plan={P2}&period={2025-Q2}", as: auth.RoleCoordinator, status: 400, code: "bad_request", check: wantField("period")},
		{name: "no token", path: "/reports?plan={P1}", status: 401, code: "unauthorized"},
		{name: "unknown report", path: "/reports/987654", as: auth.RoleCoordinator, status: 404, code: "not_found"},
		{name: "report id not a number", path: "/reports/abc", as: auth.RoleCoordinator, status: 400, code: "bad_request"},
		{name: "saving into an unknown report", method: "PUT", path: "/reports/987654/entries/{T1}", as: auth.RoleOfficer, body: `{}`, status: 404, code: "not_found"},
		{name: "task id not a number", method: "PUT", path: "/reports/{R.KHCN}/entries/x", as: auth.RoleOfficer, body: `{}`, status: 400, code: "bad_request", check: wantField("task")},
		{name: "submitting an unknown report", method: "POST", path: "/reports/987654/submit", as: auth.RoleHead, status: 404, code: "not_found"},
		{name: "a period not begun cannot be written", method: "PUT", path: "/reports/{R3.KHCN}/entries/{T1}", as: auth.RoleOfficer,
			body: `{"status":"in_progress"}`, status: 409, code: "conflict", check: ruleIs("period_not_started")},
		{name: "nor submitted", method: "POST", path: "/reports/{R3.KHCN}/submit", as: auth.RoleHead, status: 409, code: "conflict", check: ruleIs("period_not_started")},
		{name: "an incomplete report cannot be sent", method: "POST", path: "/reports/{R.NV}/submit", as: headNV, status: 422, code: "invalid",
			check: all(ruleIs("incomplete"), func(t *testing.T, e *env, r *response) {
				if field(r, "entries."+itoa(e.ids["T5"])) == "" || field(r, "entries."+itoa(e.ids["T3"])) != "" {
					t.Errorf("fields: %s", r.Raw)
				}
			}, stateIs("R.NV", "draft", 2))},
	})
	// Once quarter III begins its report is listed, and the coordinator's
	// list grows by the three reports of the new quarter.
	c.set("2025-07-01")
	play(t, e, []scenario{
		{name: "from its period's first day", path: "/reports?plan={P1}&period={2025-Q3}", as: auth.RoleCoordinator, status: 200,
			check: func(t *testing.T, e *env, r *response) {
				if num(r.JSON["total"]) != 3 || num(items(t, r)[0]["id"]) != e.ids["R3.KHCN"] {
					t.Errorf("quarter III: %s", r.Raw)
				}
			}},
		{name: "two quarters", path: "/reports?plan={P1}", as: auth.RoleCoordinator, status: 200, check: func(t *testing.T, e *env, r *response) {
			if num(r.JSON["total"]) != 6 {
				t.Errorf("total %v, want 6", r.JSON["total"])
			}
		}},
	})
}

// entries are entry bodies by task key.
type entries map[string]string

// done is the body of an entry claiming completion on day.
func done(day string) string { return fmt.Sprintf(`{"status":"completed","completed_on":%q}`, day) }

// flow saves the entries of report key as its agency's officer (the head
// for agencies without one) and takes it through the flow up to step:
// "" (a draft), "submit", "return" or "accept".
func (e *env) flow(t *testing.T, key string, es entries, step string) {
	t.Helper()
	agency := strings.TrimPrefix(key, "R.")
	writer, head := map[string]auth.Role{"KHCN": auth.RoleOfficer, "TC": officerTC, "NV": headNV}[agency],
		map[string]auth.Role{"KHCN": auth.RoleHead, "TC": headTC, "NV": headNV}[agency]
	for task, body := range es {
		if r := e.do("PUT", "/reports/{"+key+"}/entries/{"+task+"}", writer, body, nil); r.Status != 200 {
			t.Fatalf("saving %s of %s: %d %s", task, key, r.Status, r.Raw)
		}
	}
	steps := map[string][]string{"": nil, "submit": {"submit"}, "return": {"submit", "return"}, "accept": {"submit", "accept"}}[step]
	for _, s := range steps {
		as, body := head, ""
		if s != "submit" {
			as = auth.RoleCoordinator
		}
		if s == "return" {
			body = `{"reason":"Bổ sung số liệu."}`
		}
		if r := e.do("POST", "/reports/{"+key+"}/"+s, as, body, nil); r.Status != 200 {
			t.Fatalf("%s %s: %d %s", s, key, r.Status, r.Raw)
		}
	}
}
