package api_test

import (
	"context"
	"strings"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/indicator"
)

// indicators adds to plan P1 the indicators CT01 and CT02, which the Sở
// KH&CN answers for, and CT03, the Sở Tài chính's, as I.CT01 … in e.ids.
func (e *env) indicators(t *testing.T) {
	t.Helper()
	for _, ind := range []struct{ code, agency string }{{"CT01", "KHCN"}, {"CT02", "KHCN"}, {"CT03", "TC"}} {
		v := indicator.Indicator{PlanID: e.ids["P1"], Code: ind.code, Name: "Chỉ tiêu " + ind.code, Unit: "%",
			Direction: indicator.Increase, Aggregation: indicator.Average, AgencyID: e.ids[ind.agency]}
		if err := e.st.CreateIndicator(context.Background(), 0, &v); err != nil {
			t.Fatal(err)
		}
		e.ids["I."+ind.code] = v.ID
	}
}

// valueOf returns the report's value of an indicator key.
func valueOf(t *testing.T, e *env, r *response, ind string) map[string]any {
	t.Helper()
	for _, v := range r.JSON["values"].([]any) {
		if num(get(v, "indicator_id")) == e.ids[ind] {
			return v.(map[string]any)
		}
	}
	t.Fatalf("no value for %s: %s", ind, r.Raw)
	return nil
}

// valueIs checks the value of CT01 in the Sở KH&CN's report, as saved.
func valueIs(value any, note string, version int64) func(*testing.T, *env, *response) {
	return func(t *testing.T, e *env, _ *response) {
		t.Helper()
		v := valueOf(t, e, e.report(t, "R.KHCN"), "I.CT01")
		if v["value"] != value || v["note"] != note || num(v["version"]) != version {
			t.Errorf("CT01 = %v, want %v %q version %d", v, value, note, version)
		}
	}
}

// TestReportValues: an agency gives the period's values of the indicators
// it answers for; versions as for entries; other agencies' indicators,
// other agencies' reports and a submitted report are refused, with nothing
// changed.
func TestReportValues(t *testing.T) {
	e, _ := newReportEnv(t, "2025-06-05")
	e.indicators(t)
	e.reportIDs(t, "2025-Q2")
	const V = "/reports/{R.KHCN}/values/"
	put := func(name string, as auth.Role, ind, body string, status int, code string, check func(*testing.T, *env, *response)) scenario {
		return scenario{name: name, method: "PUT", path: V + "{" + ind + "}", as: as, body: body, status: status, code: code, check: check}
	}
	long := strings.Repeat("x", 20001)
	play(t, e, []scenario{
		{name: "the report lists the agency's indicators, blank", path: "/reports/{R.KHCN}", as: auth.RoleOfficer, status: 200,
			check: func(t *testing.T, e *env, r *response) {
				vs := r.JSON["values"].([]any)
				if len(vs) != 2 || num(get(vs[0], "indicator_id")) != e.ids["I.CT01"] || num(get(vs[1], "indicator_id")) != e.ids["I.CT02"] ||
					get(vs[0], "value") != nil || get(vs[0], "id") != nil || num(get(vs[0], "version")) != 0 {
					t.Errorf("values = %v", vs)
				}
			}},
		put("the officer gives CT01", auth.RoleOfficer, "I.CT01", `{"value":72.5,"note":"Số liệu của Cổng DVC","version":0}`, 200, "",
			func(t *testing.T, e *env, r *response) {
				if r.Header.Get("ETag") != `"1"` || r.JSON["value"] != 72.5 || r.JSON["note"] != "Số liệu của Cổng DVC" ||
					num(r.JSON["version"]) != 1 || num(r.JSON["indicator_id"]) != e.ids["I.CT01"] || r.JSON["id"] == nil ||
					num(r.JSON["updated_by"]) != e.ids["user:officer"] {
					t.Errorf("value = %s %s", r.Header.Get("ETag"), r.Raw)
				}
				valueIs(72.5, "Số liệu của Cổng DVC", 1)(t, e, r)
				stateIs("R.KHCN", "draft", 2)(t, e, r)
			}),
		put("a second writer with the old version loses, nothing changes", auth.RoleHead, "I.CT01", `{"value":80,"version":0}`, 409, "conflict",
			all(messageHas("người khác"), valueIs(72.5, "Số liệu của Cổng DVC", 1))),
		{name: "a stale If-Match loses too", method: "PUT", path: V + "{I.CT01}", as: auth.RoleHead, header: map[string]string{"If-Match": `"3"`},
			body: `{"value":80}`, status: 409, code: "conflict", check: valueIs(72.5, "Số liệu của Cổng DVC", 1)},
		{name: "the current If-Match wins", method: "PUT", path: V + "{I.CT01}", as: auth.RoleHead, header: map[string]string{"If-Match": `"1"`},
			body: `{"value":0,"note":"Chưa có số liệu mới"}`, status: 200, check: valueIs(0.0, "Chưa có số liệu mới", 2)},
		put("null: not known yet; no version, last writer wins", auth.RoleOfficer, "I.CT01", `{"value":null,"note":""}`, 200, "",
			all(valueIs(nil, "", 3), func(t *testing.T, _ *env, r *response) {
				if v, ok := r.JSON["value"]; !ok || v != nil {
					t.Errorf("value = %s", r.Raw)
				}
			})),
		put("a note too long", auth.RoleOfficer, "I.CT01", `{"value":1,"note":"`+long+`","version":3}`, 422, "invalid",
			all(wantField("note"), ruleIs("invalid"), valueIs(nil, "", 3))),
		put("a value that is not a number", auth.RoleOfficer, "I.CT01", `{"value":"72,5","version":3}`, 400, "bad_request",
			all(wantField("value"), valueIs(nil, "", 3))),
		put("an unknown field", auth.RoleOfficer, "I.CT01", `{"val":1}`, 400, "bad_request", wantField("val")),
		put("another agency's indicator", auth.RoleOfficer, "I.CT03", `{"value":1}`, 422, "invalid",
			all(wantField("indicator"), ruleIs("not_assigned"))),
		{name: "an indicator that does not exist", method: "PUT", path: V + "999999", as: auth.RoleOfficer, body: `{"value":1}`,
			status: 422, code: "invalid", check: ruleIs("not_assigned")},
		{name: "a path that is not an indicator ID", method: "PUT", path: V + "abc", as: auth.RoleOfficer, body: `{"value":1}`,
			status: 400, code: "bad_request", check: wantField("indicator")},
		put("another agency may not write it", headTC, "I.CT01", `{"value":1}`, 403, "forbidden", ruleIs("other_agency")),
		put("nor the coordinator", auth.RoleCoordinator, "I.CT01", `{"value":1}`, 403, "forbidden", ruleIs("agency_only")),
		{name: "a report that does not exist", method: "PUT", path: "/reports/999999/values/{I.CT01}", as: auth.RoleOfficer,
			body: `{"value":1}`, status: 404, code: "not_found"},
		{name: "the Sở Tài chính gives its own", method: "PUT", path: "/reports/{R.TC}/values/{I.CT03}", as: officerTC,
			body: `{"value":3}`, status: 200},
	})
	e.flow(t, "R.KHCN", entries{"T1": `{"status":"in_progress","percent":60}`, "T4": done("2025-04-10"), "T7": done("2025-04-15")}, "submit")
	play(t, e, []scenario{
		put("a submitted report's values are fixed", auth.RoleOfficer, "I.CT02", `{"value":5}`, 409, "conflict", ruleIs("submitted")),
	})
}
