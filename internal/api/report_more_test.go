package api_test

import (
	"strings"
	"testing"

	"tiendo/internal/auth"
)

// TestReportContributionsTextsRevise: a cooperating agency's part of a task
// shows inside the lead's entry; the free-text sections; a correction after
// acceptance is a new revision and the accepted one stays.
func TestReportContributionsTextsRevise(t *testing.T) {
	e, _ := newReportEnv(t, "2025-06-05")
	e.reportIDs(t, "2025-Q2")
	play(t, e, []scenario{
		{name: "the Sở Tài chính writes its part of T1", method: "PUT", path: "/reports/{R.TC}/contributions/{T1}", as: officerTC,
			body: `{"text":"Đã bố trí 2 tỷ đồng.","version":0}`, status: 200, check: func(t *testing.T, e *env, r *response) {
				if r.JSON["text"] != "Đã bố trí 2 tỷ đồng." || num(r.JSON["version"]) != 1 || r.JSON["agency_name"] != "Sở Tài chính" ||
					r.Header.Get("ETag") != `"1"` || r.JSON["task_title"] != "Đầu tư hạ tầng số" {
					t.Errorf("contribution = %s", r.Raw)
				}
			}},
		{name: "the lead sees it in its entry", path: "/reports/{R.KHCN}", as: auth.RoleOfficer, status: 200, check: func(t *testing.T, e *env, r *response) {
			cs := entryOf(t, e, r, "T1")["contributions"].([]any)
			if len(cs) != 1 || get(cs[0], "text") != "Đã bố trí 2 tỷ đồng." || get(cs[0], "state") != "draft" ||
				num(get(cs[0], "agency_id")) != e.ids["TC"] {
				t.Errorf("contributions in T1's entry = %v", cs)
			}
		}},
		{name: "its own report lists it", path: "/reports/{R.TC}", as: headTC, status: 200, check: func(t *testing.T, e *env, r *response) {
			cs := r.JSON["contributions"].([]any)
			if len(cs) != 1 || num(get(cs[0], "task_id")) != e.ids["T1"] || num(get(cs[0], "version")) != 1 {
				t.Errorf("contributions = %v", cs)
			}
		}},
		{name: "a stale contribution", method: "PUT", path: "/reports/{R.TC}/contributions/{T1}", as: headTC,
			body: `{"text":"Khác","version":0}`, status: 409, code: "conflict"},
		{name: "a task it does not cooperate on", method: "PUT", path: "/reports/{R.TC}/contributions/{T2}", as: headTC,
			body: `{"text":"x"}`, status: 422, code: "invalid", check: ruleIs("not_assigned")},
		{name: "texts", method: "PUT", path: "/reports/{R.KHCN}/texts", as: auth.RoleHead,
			body:   `{"summary":"Hoàn thành 2/3 nhiệm vụ.","difficulties":"Kinh phí chậm.","proposals":"","next_tasks":"Triển khai T1.","version":1}`,
			status: 200, check: func(t *testing.T, e *env, r *response) {
				if get(r.JSON, "texts", "summary") != "Hoàn thành 2/3 nhiệm vụ." || get(r.JSON, "texts", "next_tasks") != "Triển khai T1." ||
					r.JSON["state"] != "draft" || r.Header.Get("ETag") != `"2"` {
					t.Errorf("report = %s", r.Raw)
				}
			}},
		{name: "stale texts", method: "PUT", path: "/reports/{R.KHCN}/texts", as: auth.RoleHead, body: `{"summary":"x","version":1}`,
			status: 409, code: "conflict", check: func(t *testing.T, e *env, r *response) {
				if s := get(e.report(t, "R.KHCN").JSON, "texts", "summary"); s != "Hoàn thành 2/3 nhiệm vụ." {
					t.Errorf("summary %v after a refused save", s)
				}
			}},
		{name: "only accepted reports are revised", method: "POST", path: "/reports/{R.KHCN}/revise", as: auth.RoleHead,
			status: 409, code: "conflict", check: ruleIs("not_accepted")},
	})
	e.flow(t, "R.KHCN", entries{"T1": `{"status":"in_progress","percent":60}`, "T4": done("2025-04-10"), "T7": done("2025-04-15")}, "accept")
	play(t, e, []scenario{
		{name: "the coordinator does not revise", method: "POST", path: "/reports/{R.KHCN}/revise", as: auth.RoleCoordinator,
			status: 403, code: "forbidden", check: ruleIs("agency_only")},
		{name: "the officer starts a correction", method: "POST", path: "/reports/{R.KHCN}/revise", as: auth.RoleOfficer,
			status: 201, check: func(t *testing.T, e *env, r *response) {
				e.ids["R2.KHCN"] = num(r.JSON["id"])
				if r.Header.Get("Location") != "/api/v1/reports/"+itoa(e.ids["R2.KHCN"]) || num(r.JSON["revision"]) != 2 ||
					r.JSON["state"] != "draft" || r.JSON["current"] != true || e.ids["R2.KHCN"] == e.ids["R.KHCN"] {
					t.Errorf("new revision = %s %s", r.Header.Get("Location"), r.Raw)
				}
				if en := entryOf(t, e, r, "T1"); num(en["percent"]) != 60 || en["status"] != "in_progress" {
					t.Errorf("copied entry = %v", en)
				}
				if revs := r.JSON["revisions"].([]any); len(revs) != 2 || num(get(revs[0], "revision")) != 2 {
					t.Errorf("revisions = %v", revs)
				}
			}},
		{name: "the accepted one stays, viewable and locked", path: "/reports/{R.KHCN}", as: auth.RoleHead, status: 200,
			check: func(t *testing.T, e *env, r *response) {
				if r.JSON["state"] != "accepted" || r.JSON["current"] != false || r.JSON["locked"] != true {
					t.Errorf("old revision = %s", r.Raw)
				}
				var steps []string
				for _, h := range r.JSON["history"].([]any) {
					steps = append(steps, get(h, "action").(string))
				}
				if strings.Join(steps, ",") != "submit,accept,revise" {
					t.Errorf("history %v", steps)
				}
			}},
		{name: "an old revision cannot be written", method: "PUT", path: "/reports/{R.KHCN}/entries/{T1}", as: auth.RoleOfficer,
			body: `{"status":"in_progress","percent":70}`, status: 409, code: "conflict", check: ruleIs("old_revision")},
		{name: "the new one can", method: "PUT", path: "/reports/{R2.KHCN}/entries/{T1}", as: auth.RoleOfficer,
			body: `{"status":"in_progress","percent":70,"version":1}`, status: 200},
		{name: "lists show the current revision", path: "/reports?plan={P1}&agency={KHCN}", as: auth.RoleHead, status: 200,
			check: func(t *testing.T, e *env, r *response) {
				if list := items(t, r); len(list) != 1 || num(list[0]["id"]) != e.ids["R2.KHCN"] {
					t.Errorf("list = %s", r.Raw)
				}
			}},
		{name: "or every revision", path: "/reports?plan={P1}&agency={KHCN}&revisions=all", as: auth.RoleHead, status: 200,
			check: func(t *testing.T, e *env, r *response) {
				if list := items(t, r); len(list) != 2 || num(list[0]["revision"]) != 2 || num(list[1]["revision"]) != 1 {
					t.Errorf("list = %s", r.Raw)
				}
			}},
	})
}
