package api_test

import (
	"slices"
	"strings"
	"testing"

	"tiendo/internal/auth"
)

// TestReportFlow is the reporting flow through the API, on 5/6/2025 (quarter
// II/2025 began on 1/4, its reports are due on 10/6): the officer drafts,
// cannot submit; the head submits; the coordinator cannot return without a
// reason, returns with one; the agency fixes and resubmits; the coordinator
// accepts, which locks the report. Version conflicts and other agencies are
// refused with nothing changed.
func TestReportFlow(t *testing.T) {
	e, _ := newReportEnv(t, "2025-06-05")
	e.reportIDs(t, "2025-Q2")
	const R = "/reports/{R.KHCN}"
	put := func(name string, as auth.Role, task, body string, status int, code string, check func(*testing.T, *env, *response)) scenario {
		return scenario{name: name, method: "PUT", path: R + "/entries/{" + task + "}", as: as, body: body, status: status, code: code, check: check}
	}
	post := func(name string, as auth.Role, step, body string, header map[string]string, status int, code string, check func(*testing.T, *env, *response)) scenario {
		return scenario{name: name, method: "POST", path: R + "/" + step, as: as, body: body, header: header, status: status, code: code, check: check}
	}
	play(t, e, []scenario{
		{name: "the officer reads the new report", path: R, as: auth.RoleOfficer, status: 200, check: func(t *testing.T, e *env, r *response) {
			if r.Header.Get("ETag") != `"1"` || r.JSON["state"] != "not_started" || r.JSON["period_label"] != "Quý II/2025" ||
				r.JSON["due"] != "2025-06-10" || r.JSON["submitted_at"] != nil || r.JSON["on_time"] != nil ||
				r.JSON["agency_name"] != "Sở Khoa học và Công nghệ" || r.JSON["locked"] != false {
				t.Errorf("report = %s", r.Raw)
			}
			var tasks []int64
			for _, v := range r.JSON["entries"].([]any) {
				en := v.(map[string]any)
				tasks = append(tasks, num(en["task_id"]))
				if num(en["version"]) != 0 || en["status"] != nil || en["id"] != nil {
					t.Errorf("unsaved entry = %v", en)
				}
			}
			if want := []int64{e.ids["T1"], e.ids["T4"], e.ids["T7"]}; !slices.Equal(tasks, want) {
				t.Errorf("entries for tasks %v, want T1, T4, T7 %v", tasks, want)
			}
			if en := entryOf(t, e, r, "T1"); en["task_title"] != "Đầu tư hạ tầng số" {
				t.Errorf("T1 entry = %v", en)
			}
			if acts := get(r.JSON, "allowed_actions").([]any); !slices.Equal(acts, []any{"view", "edit"}) {
				t.Errorf("officer's allowed actions %v", acts)
			}
			if p := get(r.JSON, "period").(map[string]any); p["start"] != "2025-04-01" || p["cutoff"] != "2025-05-14" {
				t.Errorf("period = %v", p)
			}
		}},
		put("the officer saves T1", auth.RoleOfficer, "T1",
			`{"status":"in_progress","percent":40,"result":"Đã khảo sát 20 xã","difficulties":"Thiếu kinh phí","proposals":"Bổ sung vốn","completed_on":null,"version":0}`,
			200, "", func(t *testing.T, e *env, r *response) {
				if r.Header.Get("ETag") != `"1"` || num(r.JSON["version"]) != 1 || r.JSON["status"] != "in_progress" ||
					num(r.JSON["percent"]) != 40 || r.JSON["result"] != "Đã khảo sát 20 xã" || r.JSON["task_title"] != "Đầu tư hạ tầng số" ||
					num(r.JSON["updated_by"]) != e.ids["user:officer"] {
					t.Errorf("entry = %s %s", r.Header.Get("ETag"), r.Raw)
				}
				stateIs("R.KHCN", "draft", 2)(t, e, r)
			}),
		put("T4 completed, If-Match", auth.RoleOfficer, "T4", `{"status":"completed","completed_on":"2025-04-10","result":"Cổng đã nâng cấp"}`,
			200, "", func(t *testing.T, e *env, r *response) {
				if r.JSON["completed_on"] != "2025-04-10" || num(r.JSON["percent"]) != 100 {
					t.Errorf("entry = %s", r.Raw)
				}
			}),
		put("T7 completed, no version: last writer wins", auth.RoleHead, "T7", `{"status":"completed","completed_on":"2025-04-15"}`, 200, "", nil),
		put("a second writer with the old version loses, nothing changes", auth.RoleHead, "T1",
			`{"status":"completed","completed_on":"2025-06-01","version":0}`, 409, "conflict",
			func(t *testing.T, e *env, r *response) {
				if msg := get(r.JSON, "error", "message").(string); !strings.Contains(msg, "người khác") {
					t.Errorf("message %q does not say someone else saved", msg)
				}
				en := entryOf(t, e, e.report(t, "R.KHCN"), "T1")
				if en["status"] != "in_progress" || num(en["percent"]) != 40 || num(en["version"]) != 1 {
					t.Errorf("T1 changed by a refused save: %v", en)
				}
			}),
		{name: "a stale If-Match loses too", method: "PUT", path: R + "/entries/{T1}", as: auth.RoleHead, header: map[string]string{"If-Match": `"7"`},
			body: `{"status":"in_progress","percent":90}`, status: 409, code: "conflict"},
		put("completed needs its date", auth.RoleOfficer, "T1", `{"status":"completed","version":1}`, 422, "invalid",
			all(wantField("completed_on"), ruleIs("invalid"))),
		put("a date that is not a date, and a bad percent", auth.RoleOfficer, "T1", `{"status":"in_progress","completed_on":"1/6/2025","percent":150,"version":1}`,
			422, "invalid", all(wantField("completed_on"), wantField("percent"))),
		put("an unknown status code", auth.RoleOfficer, "T1", `{"status":"done","version":1}`, 422, "invalid", wantField("status")),
		put("paused needs a reason", auth.RoleOfficer, "T1", `{"status":"paused","version":1}`, 422, "invalid", wantField("reason")),
		put("a task the agency does not lead", auth.RoleOfficer, "T2", `{"status":"in_progress"}`, 422, "invalid",
			all(wantField("task"), ruleIs("not_assigned"))),
		put("an unknown field", auth.RoleOfficer, "T1", `{"state":"in_progress"}`, 400, "bad_request", wantField("state")),
		put("another agency's head may not write", headTC, "T1", `{"status":"in_progress"}`, 403, "forbidden", ruleIs("other_agency")),
		put("the coordinator does not write agencies' reports", auth.RoleCoordinator, "T1", `{"status":"in_progress"}`, 403, "forbidden", ruleIs("agency_only")),
		{name: "another agency's head may not read it", path: R, as: headTC, status: 403, code: "forbidden", check: ruleIs("other_agency")},
		{name: "nor its officer", path: R, as: officerTC, status: 403, code: "forbidden"},
		{name: "the leader does not see drafts", path: R, as: auth.RoleLeader, status: 403, code: "forbidden", check: ruleIs("accepted_only")},
		post("the officer may not submit", auth.RoleOfficer, "submit", "", nil, 403, "forbidden",
			all(ruleIs("head_only"), stateIs("R.KHCN", "draft", 4))),
		post("submit with a stale version", auth.RoleHead, "submit", `{"version":3}`, nil, 409, "conflict", stateIs("R.KHCN", "draft", 4)),
		post("submit with a stale If-Match", auth.RoleHead, "submit", "", map[string]string{"If-Match": `"2"`}, 409, "conflict", stateIs("R.KHCN", "draft", 4)),
		post("the head submits", auth.RoleHead, "submit", "", map[string]string{"If-Match": `"4"`, "Prefer": "return=representation"}, 200, "", func(t *testing.T, e *env, r *response) {
			if r.Header.Get("Preference-Applied") != "return=representation" {
				t.Errorf("Preference-Applied %q", r.Header.Get("Preference-Applied"))
			}
			if r.JSON["state"] != "submitted" || r.JSON["on_time"] != true || r.JSON["submitted_at"] != "2025-06-05T10:00:00+07:00" ||
				num(r.JSON["submitted_by"]) != e.ids["user:head"] || r.Header.Get("ETag") != `"5"` || r.JSON["locked"] != false {
				t.Errorf("submitted = %s", r.Raw)
			}
			h := get(r.JSON, "history").([]any)
			if len(h) != 1 || get(h[0], "action") != "submit" || get(h[0], "state") != "submitted" ||
				get(h[0], "at") != "2025-06-05T10:00:00+07:00" || get(h[0], "by_name") != auth.RoleHead.Label() {
				t.Errorf("history = %v", h)
			}
		}),
		put("a submitted report cannot be edited", auth.RoleOfficer, "T1", `{"status":"in_progress","percent":50,"version":1}`, 409, "conflict",
			ruleIs("submitted")),
		post("submitting twice", auth.RoleHead, "submit", "", nil, 409, "conflict", ruleIs("submitted")),
		post("the head cannot return", auth.RoleHead, "return", `{"reason":"x"}`, nil, 403, "forbidden", ruleIs("coordinator_only")),
		post("return needs a reason", auth.RoleCoordinator, "return", `{}`, nil, 422, "invalid",
			all(wantField("reason"), ruleIs("reason_required"), stateIs("R.KHCN", "submitted", 5))),
		post("a blank reason is no reason", auth.RoleCoordinator, "return", `{"reason":"   "}`, nil, 422, "invalid",
			all(wantField("reason"), stateIs("R.KHCN", "submitted", 5))),
		post("return without a body", auth.RoleCoordinator, "return", "", nil, 422, "invalid", wantField("reason")),
		post("the coordinator returns it with a reason", auth.RoleCoordinator, "return",
			`{"reason":"Thiếu số liệu giải ngân của nhiệm vụ T1.","version":5}`, nil, 200, "", func(t *testing.T, e *env, r *response) {
				// The answer is the summary by default: what the step changed.
				if r.JSON["state"] != "returned" || r.JSON["return_reason"] != "Thiếu số liệu giải ngân của nhiệm vụ T1." ||
					r.JSON["returned_at"] != "2025-06-05T10:00:00+07:00" || r.Header.Get("ETag") != `"6"` || num(r.JSON["version"]) != 6 ||
					r.JSON["agency_name"] != "Sở Khoa học và Công nghệ" {
					t.Errorf("returned = %s", r.Raw)
				}
				if _, whole := r.JSON["entries"]; whole {
					t.Errorf("the summary carries entries: %s", r.Raw)
				}
				if h := get(e.report(t, "R.KHCN").JSON, "history").([]any); len(h) != 2 ||
					num(get(h[1], "by")) != e.ids["user:coordinator"] || get(h[1], "reason") != "Thiếu số liệu giải ngân của nhiệm vụ T1." {
					t.Errorf("history = %v", h)
				}
			}),
		post("a returned report cannot be accepted", auth.RoleCoordinator, "accept", "", nil, 409, "conflict", ruleIs("not_submitted")),
		put("the agency fixes it", auth.RoleOfficer, "T1", `{"status":"in_progress","percent":60,"result":"Giải ngân 3 tỷ đồng","version":1}`, 200, "",
			func(t *testing.T, e *env, r *response) {
				if num(r.JSON["version"]) != 2 {
					t.Errorf("entry = %s", r.Raw)
				}
				stateIs("R.KHCN", "returned", 7)(t, e, r)
			}),
		post("the head resubmits", auth.RoleHead, "submit", `{"version":7}`, nil, 200, "", func(t *testing.T, e *env, r *response) {
			if r.JSON["state"] != "submitted" || r.JSON["on_time"] != true {
				t.Errorf("resubmitted = %s", r.Raw)
			}
		}),
		post("accept with a stale If-Match", auth.RoleCoordinator, "accept", "", map[string]string{"If-Match": `"7"`}, 409, "conflict",
			stateIs("R.KHCN", "submitted", 8)),
		post("the coordinator accepts", auth.RoleCoordinator, "accept", "", map[string]string{"If-Match": `"8"`, "Prefer": "return=representation"}, 200, "", func(t *testing.T, e *env, r *response) {
			if r.JSON["state"] != "accepted" || r.JSON["locked"] != true || r.JSON["accepted_at"] != "2025-06-05T10:00:00+07:00" {
				t.Errorf("accepted = %s", r.Raw)
			}
			var steps []string
			for _, h := range get(r.JSON, "history").([]any) {
				steps = append(steps, get(h, "action").(string))
			}
			if strings.Join(steps, ",") != "submit,return,submit,accept" {
				t.Errorf("history %v", steps)
			}
			if get(r.JSON, "history").([]any)[1].(map[string]any)["reason"] != "Thiếu số liệu giải ngân của nhiệm vụ T1." {
				t.Errorf("return step without its reason: %s", r.Raw)
			}
			if revs := get(r.JSON, "revisions").([]any); len(revs) != 1 || get(revs[0], "current") != true {
				t.Errorf("revisions %v", revs)
			}
		}),
		put("an accepted report is locked", auth.RoleOfficer, "T1", `{"status":"completed","completed_on":"2025-06-05","version":2}`, 409, "conflict",
			all(ruleIs("locked"), func(t *testing.T, e *env, r *response) {
				if en := entryOf(t, e, e.report(t, "R.KHCN"), "T1"); num(en["percent"]) != 60 {
					t.Errorf("locked entry changed: %v", en)
				}
			})),
		post("accepting twice", auth.RoleCoordinator, "accept", "", nil, 409, "conflict", ruleIs("locked")),
		post("returning an accepted report", auth.RoleCoordinator, "return", `{"reason":"x"}`, nil, 409, "conflict", ruleIs("locked")),
		{name: "the leader reads accepted reports", path: R, as: auth.RoleLeader, status: 200, check: func(t *testing.T, e *env, r *response) {
			if acts := get(r.JSON, "allowed_actions").([]any); !slices.Equal(acts, []any{"view"}) {
				t.Errorf("leader's allowed actions %v", acts)
			}
		}},
		{name: "another agency still may not", path: R, as: headTC, status: 403, code: "forbidden"},
	})
}
