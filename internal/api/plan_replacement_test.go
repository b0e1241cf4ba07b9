package api_test

import (
	"context"
	"net/http"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
)

// TestPlanReplacementAPI replaces the fixture plan P1 with a new plan
// whose first task rewords P1's T1: the suggestion finds it, the dry run
// changes nothing, the replacement carries T1 and leaves P1 read-only.
func TestPlanReplacementAPI(t *testing.T) {
	e := newEnv(t)
	d := &plan.Draft{
		Plan: plan.Plan{Code: "71/KH-UBND", Title: "Kế hoạch thay thế", Status: plan.PlanActive, IssuedOn: plan.Date(2025, 6, 1)},
		Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "III", Label: "III",
			Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}},
		Tasks: []plan.DraftTask{
			{Task: plan.Task{Text: "Tiếp tục đầu tư hạ tầng số cho các xã, phường, đặc khu."}},
			{Task: plan.Task{Text: "Thành lập quỹ đổi mới sáng tạo."}},
		},
	}
	id, err := e.st.CreatePlan(context.Background(), 0, d)
	if err != nil {
		t.Fatal(err)
	}
	e.ids["NEW"], e.ids["NT1"] = id, d.Tasks[0].ID

	r := e.do("GET", "/plans/{NEW}/replacement?replaces={P1}", auth.RoleLeader, "", nil)
	if r.Status != http.StatusOK {
		t.Fatalf("suggestions: %d %s", r.Status, r.Raw)
	}
	found := false
	for _, s := range r.JSON["suggestions"].([]any) {
		s := s.(map[string]any)
		if num(s["old_task_id"]) == e.task("T1").ID {
			found = s["new_task_id"] != nil && num(s["new_task_id"]) == e.ids["NT1"]
		}
	}
	if !found {
		t.Fatalf("T1 not matched to the reworded task: %s", r.Raw)
	}
	body := `{"replaces":{P1},"tasks":{"` + itoa(e.task("T1").ID) + `":{NT1}}}`
	if r := e.do("POST", "/plans/{NEW}/replacement?dry_run=1", auth.RoleCoordinator, body, nil); r.Status != http.StatusOK ||
		len(r.JSON["carried"].([]any)) != 1 {
		t.Fatalf("dry run: %d %s", r.Status, r.Raw)
	}
	if p := e.do("GET", "/plans/{P1}", auth.RoleLeader, "", nil); p.JSON["status"] != "active" {
		t.Fatalf("the dry run replaced P1: %s", p.Raw)
	}
	if r := e.do("POST", "/plans/{NEW}/replacement", auth.RoleHead, body, nil); r.Status != http.StatusForbidden {
		t.Errorf("a head replaced a plan: %d", r.Status)
	}
	r = e.do("POST", "/plans/{NEW}/replacement", auth.RoleCoordinator, body, nil)
	if r.Status != http.StatusCreated || len(r.JSON["left"].([]any)) == 0 {
		t.Fatalf("replace: %d %s", r.Status, r.Raw)
	}
	if p := e.do("GET", "/plans/{P1}", auth.RoleLeader, "", nil); p.JSON["status"] != "replaced" {
		t.Errorf("P1 after: %s", p.Raw)
	}
	if r := e.do("PATCH", "/tasks/"+itoa(e.task("T2").ID), auth.RoleCoordinator, `{"product":"x"}`, nil); r.Status != http.StatusConflict {
		t.Errorf("editing a task of the replaced plan: %d %s", r.Status, r.Raw)
	}
	for _, c := range []struct{ body, field string }{
		{`{"replaces":{P1},"tasks":{}}`, "replaces"},
		{`{"replaces":0}`, "replaces"},
		{`{"replaces":{P1},"tasks":{"abc":1}}`, "tasks"},
	} {
		if r := e.do("POST", "/plans/{NEW}/replacement", auth.RoleCoordinator, c.body, nil); field(r, c.field) == "" {
			t.Errorf("%s: %d %s, want fields.%s", c.body, r.Status, r.Raw, c.field)
		}
	}
	if r := e.do("GET", "/plans/{NEW}/replacement", auth.RoleLeader, "", nil); r.Status != http.StatusBadRequest {
		t.Errorf("no replaces=: %d", r.Status)
	}
}
