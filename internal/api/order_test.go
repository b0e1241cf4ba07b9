package api_test

import (
	"testing"

	"tiendo/internal/auth"
)

// TestStateBeforeBody: the one order of refusals (docs/API.md, "Which
// refusal comes first"): when a write is refused both for the state of
// what it writes to (409: locked, submitted, not submitted, decided, a
// replaced plan, a stale version) and for what its body says (422), the
// answer is the 409 — whichever operation it is. The body is judged
// against the record as it is only once the record may take the step.
func TestStateBeforeBody(t *testing.T) {
	e, _ := newReportEnv(t, "2025-06-05")
	e.reportIDs(t, "2025-Q2")
	// R.KHCN submitted; R.TC a draft; one extension request decided.
	e.flow(t, "R.KHCN", entries{"T1": `{"status":"in_progress","percent":40}`, "T4": done("2025-04-10"), "T7": done("2025-04-15")}, "submit")
	e.flow(t, "R.TC", entries{"T2": `{"status":"in_progress","percent":10}`}, "")
	r := e.do("POST", "/tasks/{T1}/extensions", auth.RoleOfficer, `{"kind":"deadline","deadline_text":"Quý IV/2025","reason":"Vốn giao chậm."}`, nil)
	if r.Status != 201 {
		t.Fatalf("extension request: %d %s", r.Status, r.Raw)
	}
	e.ids["X1"] = num(r.JSON["id"])
	if r := e.do("POST", "/extensions/{X1}/decide", auth.RoleCoordinator, `{"approve":true}`, nil); r.Status != 200 {
		t.Fatalf("decide: %d %s", r.Status, r.Raw)
	}
	stale := map[string]string{"If-Match": `"999"`}
	play(t, e, []scenario{
		{name: "decide a decided request, saying neither yes nor no", method: "POST", path: "/extensions/{X1}/decide",
			as: auth.RoleCoordinator, body: `{"note":""}`, status: 409, code: "conflict", check: ruleIs("decided")},
		{name: "decide a decided request, refusing without a note", method: "POST", path: "/extensions/{X1}/decide",
			as: auth.RoleCoordinator, body: `{"approve":false}`, status: 409, code: "conflict", check: ruleIs("decided")},
		{name: "return a draft without a reason", method: "POST", path: "/reports/{R.TC}/return",
			as: auth.RoleCoordinator, body: `{"reason":""}`, status: 409, code: "conflict", check: ruleIs("not_submitted")},
		{name: "return with a stale version and no reason", method: "POST", path: "/reports/{R.KHCN}/return",
			as: auth.RoleCoordinator, body: `{"reason":""}`, header: stale, status: 409, code: "conflict"},
		{name: "write a submitted report's entry out of range", method: "PUT", path: "/reports/{R.KHCN}/entries/{T1}",
			as: auth.RoleOfficer, body: `{"status":"in_progress","percent":150}`, status: 409, code: "conflict", check: ruleIs("submitted")},
		{name: "write an entry over a stale version, out of range", method: "PUT", path: "/reports/{R.TC}/entries/{T2}",
			as: officerTC, body: `{"status":"in_progress","percent":150}`, header: stale, status: 409, code: "conflict"},
		uploadTo("send a submitted report a file without a file", "R.KHCN", auth.RoleOfficer, 409, "conflict", ruleIs("submitted"),
			part{field: "task", data: []byte("1")}),
		{name: "patch a task of a replaced plan with no text", method: "PATCH", path: "/tasks/{P3.T1}",
			as: auth.RoleCoordinator, body: `{"text":""}`, status: 409, code: "conflict"},
		{name: "patch a task over a stale version with no text", method: "PATCH", path: "/tasks/{T2}",
			as: auth.RoleCoordinator, body: `{"text":""}`, header: stale, status: 409, code: "conflict"},
		{name: "add a task to a replaced plan with nothing", method: "POST", path: "/plans/{P3}/tasks",
			as: auth.RoleCoordinator, body: `{}`, status: 409, code: "conflict"},
		{name: "amend a replaced plan with nothing", method: "POST", path: "/plans/{P3}/amendments",
			as: auth.RoleCoordinator, body: `{}`, status: 409, code: "conflict"},
	})
}
