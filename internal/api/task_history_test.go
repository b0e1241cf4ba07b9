package api_test

import (
	"net/http"
	"reflect"
	"slices"
	"testing"

	"tiendo/internal/auth"
)

// TestAmendmentChangesTaskAPI: decision 301/QĐ-UBND, effective 01/07/2025,
// moves T3 (Sở Nội vụ, due "tháng 5/2025", overdue on 20/06) to "Quý
// IV/2025" and gives it to the Sở KH&CN, and removes T2. The plan's first
// quarter, Q2 (today), ends before: it still judges T3 against 31/05, so
// T3 is on its overdue list, led by the Sở Nội vụ; Q3 (holding the
// effective day, seen on 15/08) judges it against 31/12: not overdue. The
// amendment lists T3 as changed; T3's history shows the version.
func TestAmendmentChangesTaskAPI(t *testing.T) {
	e := newEnv(t)
	body := `{"number":"301/QĐ-UBND","effective":"2025-07-01","remove":[{T2}],
		"change":[{"task_id":{T3},"deadline_text":"Quý IV/2025","lead_agency_id":{KHCN}}]}`
	r := e.do("POST", "/plans/{P1}/amendments", auth.RoleCoordinator, body, nil)
	if r.Status != http.StatusCreated || len(r.JSON["changed"].([]any)) != 1 || num(r.JSON["changed"].([]any)[0]) != e.ids["T3"] {
		t.Fatalf("amend: %d %s", r.Status, r.Raw)
	}
	periods := items(t, e.do("GET", "/plans/{P1}/periods", auth.RoleLeader, "", nil))
	overdue := func(period any, asof string) map[int64]map[string]any {
		d := e.do("GET", "/plans/{P1}/dashboard?period="+itoa(num(period))+"&asof="+asof, auth.RoleLeader, "", nil)
		out := map[int64]map[string]any{}
		for _, o := range d.JSON["overdue"].([]any) {
			o := o.(map[string]any)
			out[num(o["task_id"])] = o
		}
		return out
	}
	q2, q3 := overdue(periods[0]["id"], "2025-06-20"), overdue(periods[1]["id"], "2025-08-15")
	if o := q2[e.ids["T3"]]; o == nil || o["due"] != "2025-05-31" || num(o["lead_agency_id"]) != e.ids["NV"] {
		t.Errorf("Q2 overdue: %v; want T3 due 2025-05-31, led by the Sở Nội vụ", q2)
	}
	if _, ok := q3[e.ids["T3"]]; ok {
		t.Errorf("Q3 overdue: %v; T3 is due 31/12/2025 from 01/07", q3)
	}
	l := items(t, e.do("GET", "/plans/{P1}/amendments", auth.RoleOfficer, "", nil))
	if len(l) != 1 || len(l[0]["changed"].([]any)) != 1 || len(l[0]["removed"].([]any)) != 1 {
		t.Errorf("amendments: %v", l)
	}
	h := e.do("GET", "/tasks/{T3}/history", auth.RoleOfficer, "", nil)
	hist := items(t, h)
	if len(hist) != 1 || hist[0]["action"] != "changed" || hist[0]["decision"] != "301/QĐ-UBND" || hist[0]["effective"] != "2025-07-01" {
		t.Fatalf("history: %s", h.Raw)
	}
	f := hist[0]["fields"].([]any)
	if len(f) != 1 || f[0].(map[string]any)["old"] != "tháng 5/2025" || f[0].(map[string]any)["new"] != "Quý IV/2025" {
		t.Errorf("history fields: %s", h.Raw)
	}
	if lead, _ := hist[0]["lead"].(map[string]any); lead == nil || num(lead["old"]) != e.ids["NV"] || num(lead["new"]) != e.ids["KHCN"] ||
		hist[0]["cooperating"] != nil {
		t.Errorf("history lead: %s", h.Raw)
	}
	if hist := items(t, e.do("GET", "/tasks/{T2}/history", auth.RoleOfficer, "", nil)); len(hist) != 1 || hist[0]["action"] != "removed" {
		t.Errorf("T2 history: %v", hist)
	}
	if r := e.do("GET", "/tasks/999999/history", auth.RoleOfficer, "", nil); r.Status != http.StatusNotFound {
		t.Errorf("history of no task: %d", r.Status)
	}
	for _, c := range []struct {
		body, field string
		status      int
	}{
		{`{"number":"2/QĐ","effective":"2025-06-15","change":[{"task_id":{P2.T1},"product":"x"}]}`, "change.0.task_id", 422},
		{`{"number":"2/QĐ","effective":"2025-06-15","change":[{"task_id":999999,"product":"x"}]}`, "change.0.task_id", 422},
		{`{"number":"2/QĐ","effective":"2025-06-15","change":[{"task_id":{T2},"product":"x"}]}`, "change.0.task_id", 422},
		{`{"number":"2/QĐ","effective":"2025-06-15","change":[{"task_id":{T1},"deadline_text":"sớm nhất"}]}`, "change.0.deadline_text", 422},
		{`{"number":"2/QĐ","effective":"2025-06-15","change":[{"task_id":{T1},"lead_agency_id":999999}]}`, "change.0.lead_agency_id", 422},
		{`{"number":"2/QĐ","effective":"2025-06-15","change":[{"task_id":{T3},"product":"x"}]}`, "change.0.task_id", 422},
	} {
		r := e.do("POST", "/plans/{P1}/amendments", auth.RoleCoordinator, c.body, nil)
		if r.Status != c.status || field(r, c.field) == "" {
			t.Errorf("%s: %d %s; want %d with fields.%s", c.body, r.Status, r.Raw, c.status, c.field)
		}
	}
	r = e.do("POST", "/plans/{P3}/amendments", auth.RoleCoordinator,
		`{"number":"2/QĐ","effective":"2025-06-15","change":[{"task_id":{P3.T1},"product":"x"}]}`, nil)
	if r.Status != http.StatusConflict {
		t.Errorf("a replaced plan amended: %d %s", r.Status, r.Raw)
	}
	if l := items(t, e.do("GET", "/plans/{P1}/amendments", auth.RoleOfficer, "", nil)); len(l) != 1 ||
		!slices.Equal(l[0]["changed"].([]any), []any{float64(e.ids["T3"])}) {
		t.Errorf("amendments after the refusals: %v", l)
	}
}

// TestHistoryIsNeverRewritten: a PATCH (a correction, not a decision)
// after an amendment and after a reorganisation changes the task, not its
// history: the amendment's "new" values and the reorganisation's new lead
// stay what those decisions set.
func TestHistoryIsNeverRewritten(t *testing.T) {
	e := newEnv(t)
	body := `{"number":"301/QĐ-UBND","effective":"2025-07-01",
		"change":[{"task_id":{T3},"deadline_text":"Quý IV/2025","product":"Cơ sở dữ liệu","lead_agency_id":{KHCN}}]}`
	if r := e.do("POST", "/plans/{P1}/amendments", auth.RoleCoordinator, body, nil); r.Status != http.StatusCreated {
		t.Fatalf("amend: %d %s", r.Status, r.Raw)
	}
	// T5 (Sở Nội vụ) goes to the Sở Tài chính when the Sở Nội vụ merges into it.
	reorg := `{"kind":"merge","from":[{NV}],"into":{TC},"effective":"2025-07-01","decision":"125/QĐ-UBND"}`
	if r := e.do("POST", "/agencies/reorganisations", auth.RoleCoordinator, reorg, nil); r.Status != http.StatusCreated {
		t.Fatalf("reorganise: %d %s", r.Status, r.Raw)
	}
	history := func(task string) []map[string]any {
		t.Helper()
		return items(t, e.do("GET", "/tasks/{"+task+"}/history", auth.RoleOfficer, "", nil))
	}
	before3, before5 := history("T3"), history("T5")
	for task, patch := range map[string]string{
		"T3": `{"deadline_text":"31/12/2025","product":"Kho dữ liệu dùng chung","lead_agency_id":{TC}}`,
		"T5": `{"lead_agency_id":{KHCN}}`,
	} {
		if r := e.do("PATCH", "/tasks/{"+task+"}", auth.RoleCoordinator, patch, nil); r.Status != http.StatusOK {
			t.Fatalf("PATCH %s: %d %s", task, r.Status, r.Raw)
		}
	}
	after3, after5 := history("T3"), history("T5")
	if !reflect.DeepEqual(before3, after3) {
		t.Errorf("T3's history changed with a PATCH:\n before %v\n after  %v", before3, after3)
	}
	if !reflect.DeepEqual(before5, after5) {
		t.Errorf("T5's history changed with a PATCH:\n before %v\n after  %v", before5, after5)
	}
	// And it says what the decisions set.
	if len(after3) != 1 {
		t.Fatalf("T3 history: %v", after3)
	}
	news := map[string]any{}
	for _, f := range after3[0]["fields"].([]any) {
		news[f.(map[string]any)["field"].(string)] = f.(map[string]any)["new"]
	}
	if news["deadline_text"] != "Quý IV/2025" || news["product"] != "Cơ sở dữ liệu" {
		t.Errorf("T3's amendment set %v", news)
	}
	if lead := after3[0]["lead"].(map[string]any); num(lead["new"]) != e.ids["KHCN"] {
		t.Errorf("T3's amendment gave the lead to %v", lead["new"])
	}
	var moved map[string]any
	for _, h := range after5 {
		if h["action"] == "reorganise" {
			moved = h
		}
	}
	if moved == nil || num(moved["lead"].(map[string]any)["new"]) != e.ids["TC"] {
		t.Errorf("T5's reorganisation: %v", after5)
	}
}
