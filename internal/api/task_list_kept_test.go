package api_test

import (
	"bytes"
	"strings"
	"testing"

	"tiendo/internal/auth"
)

// TestTaskListKeptUntilWrite checks the kept pages of the task list
// (task_list.go): the same page read twice is the same body, and a write
// to one of its tasks is in the next reading — the plan's facts version
// moved, so the page is read afresh, not served as kept.
func TestTaskListKeptUntilWrite(t *testing.T) {
	e := newEnv(t)
	const page = "/plans/{P1}/tasks?status=open&sort=due&limit=50"
	first := e.do("GET", page, auth.RoleLeader, "", nil)
	again := e.do("GET", page, auth.RoleOfficer, "", nil)
	if first.Status != 200 || again.Status != 200 {
		t.Fatalf("status %d, %d", first.Status, again.Status)
	}
	if !bytes.Equal(first.Raw, again.Raw) {
		t.Errorf("the same page at the same version differs:\n%s\n%s", first.Raw, again.Raw)
	}
	const product = "Báo cáo sau khi sửa: danh sách đọc lại"
	if r := e.do("PATCH", "/tasks/{T1}", auth.RoleCoordinator, `{"product": "`+product+`"}`, nil); r.Status != 200 {
		t.Fatalf("PATCH: %d %s", r.Status, r.Raw)
	}
	after := e.do("GET", page, auth.RoleLeader, "", nil)
	if !strings.Contains(string(after.Raw), product) {
		t.Errorf("the page after the write does not show it:\n%s", after.Raw)
	}
	// Another filter of the same plan is its own page.
	if r := e.do("GET", "/plans/{P1}/tasks?status=open&sort=due&limit=2", auth.RoleLeader, "", nil); len(items(t, r)) != 2 {
		t.Errorf("limit=2 listed %d", len(items(t, r)))
	}
	// A plan that does not exist is still 404, kept pages or not.
	if r := e.do("GET", "/plans/999999/tasks", auth.RoleLeader, "", nil); r.Status != 404 {
		t.Errorf("missing plan: %d", r.Status)
	}
}
