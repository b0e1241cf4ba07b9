package api_test

import (
	"encoding/json"
	"testing"

	"tiendo/internal/auth"
)

func TestReadRoutes(t *testing.T) {
	run(t, []scenario{
		{name: "plans", path: "/plans", as: auth.RoleLeader, status: 200, check: func(t *testing.T, e *env, r *response) {
			list := items(t, r)
			if num(r.JSON["total"]) != 4 || len(list) != 4 {
				t.Fatalf("want 4 plans: %s", r.Raw)
			}
			for _, p := range list {
				if num(p["id"]) == e.ids["P1"] {
					if p["code"] != "99/KH-UBND" || p["status"] != "active" || p["issued_on"] != "2025-04-01" || p["replaces_id"] != nil {
						t.Errorf("P1 = %v", p)
					}
					return
				}
			}
			t.Error("P1 not listed")
		}},
		{name: "one plan", path: "/plans/{P1}", as: auth.RoleOfficer, status: 200, check: func(t *testing.T, e *env, r *response) {
			if num(r.JSON["id"]) != e.ids["P1"] || r.JSON["title"] != "Kế hoạch thử nghiệm chuyển đổi số" || r.JSON["issuer"] != "UBND tỉnh Cà Mau" {
				t.Errorf("plan = %s", r.Raw)
			}
		}},
		{name: "plan not found", path: "/plans/424242", as: auth.RoleLeader, status: 404, code: "not_found"},
		{name: "plan id not a number", path: "/plans/x", as: auth.RoleLeader, status: 400, code: "bad_request"},
		{name: "plan id zero", path: "/plans/0", as: auth.RoleLeader, status: 400, code: "bad_request"},
		{name: "plan without token", path: "/plans/{P1}", status: 401, code: "unauthorized"},

		{name: "sections in document order with counts", path: "/plans/{P1}/sections", as: auth.RoleHead, status: 200,
			check: func(t *testing.T, e *env, r *response) {
				list := items(t, r)
				if len(list) != 3 || num(r.JSON["total"]) != 3 {
					t.Fatalf("sections: %s", r.Raw)
				}
				wantLabel := []string{"III", "III.1", "III.2"}
				wantCount := []int64{7, 4, 3}
				for i, s := range list {
					if s["label"] != wantLabel[i] || num(s["task_count"]) != wantCount[i] {
						t.Errorf("section %d = %v", i, s)
					}
				}
				if list[0]["parent_id"] != nil || num(list[1]["parent_id"]) != e.ids["III"] {
					t.Errorf("parents: %v %v", list[0]["parent_id"], list[1]["parent_id"])
				}
			}},
		{name: "sections of an empty plan", path: "/plans/{P4}/sections", as: auth.RoleLeader, status: 200,
			check: func(t *testing.T, e *env, r *response) {
				if len(items(t, r)) != 0 || num(r.JSON["total"]) != 0 {
					t.Errorf("%s", r.Raw)
				}
			}},
		{name: "sections of an unknown plan", path: "/plans/999/sections", as: auth.RoleLeader, status: 404, code: "not_found"},
		{name: "sections without token", path: "/plans/{P1}/sections", status: 401, code: "unauthorized"},

		{name: "agencies", path: "/agencies", as: auth.RoleOfficer, status: 200, check: func(t *testing.T, e *env, r *response) {
			list := items(t, r)
			if len(list) != 4 || num(r.JSON["total"]) != 4 {
				t.Fatalf("agencies: %s", r.Raw)
			}
			for _, a := range list {
				switch num(a["id"]) {
				case e.ids["KHCN"]:
					if a["short_name"] != "Sở KH&CN" || a["active"] != true || a["valid_to"] != nil {
						t.Errorf("KHCN = %v", a)
					}
				case e.ids["TTTT"]:
					if a["active"] != false || a["valid_to"] != "2025-03-01" {
						t.Errorf("TTTT = %v", a)
					}
				}
				if _, ok := a["aliases"].([]any); !ok {
					t.Errorf("aliases not an array: %v", a)
				}
			}
		}},
		{name: "agencies without token", path: "/agencies", status: 401, code: "unauthorized"},

		{name: "one task with its ETag", path: "/tasks/{T1}", as: auth.RoleLeader, status: 200, check: func(t *testing.T, e *env, r *response) {
			if r.Header.Get("ETag") != `"1"` {
				t.Errorf("ETag %q, want \"1\"", r.Header.Get("ETag"))
			}
			if num(r.JSON["id"]) != e.ids["T1"] || r.JSON["status"] != "not_started" || r.JSON["due_date"] != "2025-06-30" ||
				num(r.JSON["section_id"]) != e.ids["III.1"] || num(r.JSON["version"]) != 1 {
				t.Errorf("task = %s", r.Raw)
			}
			if _, ok := r.JSON["references"].([]any); !ok {
				t.Errorf("references not an array: %s", r.Raw)
			}
		}},
		{name: "completed task", path: "/tasks/{T7}", as: auth.RoleLeader, status: 200, check: func(t *testing.T, e *env, r *response) {
			if r.JSON["status"] != "done_late" || r.JSON["completed_on"] != "2025-04-15" {
				t.Errorf("task = %s", r.Raw)
			}
		}},
		{name: "task not found", path: "/tasks/987654", as: auth.RoleLeader, status: 404, code: "not_found"},
		{name: "task id not a number", path: "/tasks/abc", as: auth.RoleLeader, status: 400, code: "bad_request"},
		{name: "task id too big", path: "/tasks/99999999999999999999", as: auth.RoleLeader, status: 400, code: "bad_request"},
		{name: "task without token", path: "/tasks/{T1}", status: 401, code: "unauthorized"},

		{name: "openapi needs no token", path: "/openapi.json", status: 200, check: func(t *testing.T, e *env, r *response) {
			if r.JSON["openapi"] != "3.1.0" {
				t.Errorf("openapi = %v", r.JSON["openapi"])
			}
			var doc struct {
				Paths map[string]map[string]json.RawMessage `json:"paths"`
			}
			if err := json.Unmarshal(r.Raw, &doc); err != nil {
				t.Fatal(err)
			}
			if _, ok := doc.Paths["/plans/{id}/tasks"]["post"]; !ok {
				t.Error("POST /plans/{id}/tasks not documented")
			}
		}},

		{name: "openapi as the OpenAPI media type", path: "/openapi.json", status: 200,
			header: map[string]string{"Accept": "application/vnd.oai.openapi+json;version=3.1, application/json;q=0.5"}},
		{name: "openapi asked as YAML only is a JSON 406", path: "/openapi.json", status: 406, code: "not_acceptable",
			header: map[string]string{"Accept": "application/yaml"}},
		{name: "openapi refused as JSON (q=0) is a 406", path: "/openapi.json", status: 406, code: "not_acceptable",
			header: map[string]string{"Accept": "text/html, application/json;q=0"}},

		{name: "unknown path is a JSON 404", path: "/nothing-here", as: auth.RoleLeader, status: 404, code: "not_found"},
		{name: "wrong method is a JSON 405", method: "DELETE", path: "/tasks/{T1}", as: auth.RoleAdmin, status: 405, code: "method_not_allowed",
			check: func(t *testing.T, e *env, r *response) {
				if r.Header.Get("Allow") == "" {
					t.Error("no Allow header")
				}
			}},
	})
}
