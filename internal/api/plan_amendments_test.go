package api_test

import (
	"net/http"
	"testing"

	"tiendo/internal/auth"
)

// TestAmendmentsAPI amends plan P1 on 15/06/2025: one task added to
// group III.2, T2 (of III.1) removed. Today (20/06) is in the quarter holding the
// effective day, so the dashboard already counts the amended plan: seven
// tasks still (one in, one out); the list of amendments names both.
func TestAmendmentsAPI(t *testing.T) {
	e := newEnv(t)
	before := e.do("GET", "/plans/{P1}/dashboard", auth.RoleLeader, "", nil)
	body := `{"number":"215/QĐ-UBND","issued_on":"2025-06-10","effective":"2025-06-15","note":"Bổ sung, bãi bỏ",
		"add":[{"section_id":{III.2},"text":"Số hóa hồ sơ lưu trữ của tỉnh.","lead_agency_id":{TC},"deadline_text":"31/12/2025"}],
		"remove":[{T2}]}`
	r := e.do("POST", "/plans/{P1}/amendments", auth.RoleCoordinator, body, nil)
	if r.Status != http.StatusCreated || len(r.JSON["added"].([]any)) != 1 || r.JSON["effective"] != "2025-06-15" {
		t.Fatalf("amend: %d %s", r.Status, r.Raw)
	}
	added := num(r.JSON["added"].([]any)[0])
	after := e.do("GET", "/plans/{P1}/dashboard", auth.RoleLeader, "", nil)
	if num(after.JSON["total"]) != num(before.JSON["total"]) {
		t.Errorf("total %v → %v; want the same (one added, one removed)", before.JSON["total"], after.JSON["total"])
	}
	group := func(r *response, label string) int64 {
		for _, g := range r.JSON["by_group"].([]any) {
			if g := g.(map[string]any); g["label"] == label {
				return num(g["total"])
			}
		}
		return -1
	}
	if group(after, "III.1") != group(before, "III.1")-1 || group(after, "III.2") != group(before, "III.2")+1 {
		t.Errorf("groups III.1 %d → %d (T2 removed), III.2 %d → %d (one added)", group(before, "III.1"), group(after, "III.1"),
			group(before, "III.2"), group(after, "III.2"))
	}
	if g := e.do("GET", "/tasks/"+itoa(added), auth.RoleLeader, "", nil); g.Status != http.StatusOK {
		t.Errorf("the added task: %d", g.Status)
	}
	l := e.do("GET", "/plans/{P1}/amendments", auth.RoleOfficer, "", nil)
	list := items(t, l)
	if len(list) != 1 || list[0]["number"] != "215/QĐ-UBND" || num(list[0]["removed"].([]any)[0]) != e.ids["T2"] {
		t.Errorf("amendments: %s", l.Raw)
	}
	for _, c := range []struct {
		body, field string
		status      int
	}{
		{`{"number":"","effective":"2025-06-15","remove":[{T3}]}`, "number", 422},
		{`{"number":"1/QĐ","effective":"15/6/2025","remove":[{T3}]}`, "effective", 400},
		{`{"number":"1/QĐ","effective":"2025-06-15","remove":[{T2}]}`, "remove.0", 422},
		{`{"number":"1/QĐ","effective":"2025-06-15","add":[{"section_id":{III.1},"text":""}]}`, "add.0.text", 422},
		{`{"number":"1/QĐ","effective":"2025-06-15","add":[{"section_id":{P2.I},"text":"X"}]}`, "add.0.section_id", 422},
	} {
		r := e.do("POST", "/plans/{P1}/amendments", auth.RoleCoordinator, c.body, nil)
		if r.Status != c.status || field(r, c.field) == "" {
			t.Errorf("%s: %d %s; want %d with fields.%s", c.body, r.Status, r.Raw, c.status, c.field)
		}
	}
	if r := e.do("POST", "/plans/{P1}/amendments", auth.RoleHead, body, nil); r.Status != http.StatusForbidden {
		t.Errorf("a head amended the plan: %d", r.Status)
	}
	if n := len(items(t, e.do("GET", "/plans/{P1}/amendments", auth.RoleOfficer, "", nil))); n != 1 {
		t.Errorf("%d amendments after the refusals, want 1", n)
	}
}
