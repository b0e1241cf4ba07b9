package web_test

import (
	"context"
	"net/url"
	"testing"

	"tiendo/internal/plan"
)

// changeForm is the amendment form changing the overdue task ("Thu hút
// đầu tư cho khoa học", Sở KH&CN, due "30/6/2025"), filled as the form
// shows it, with the deadline and lead typed over.
func changeForm(number, deadline, lead string) func(a *app) url.Values {
	return func(a *app) url.Values {
		t := a.task(a.f.taskOverdue)
		return url.Values{"number": {number}, "issued_on": {"25/06/2025"}, "effective": {"01/07/2025"},
			"change_task_0": {ids(t.ID)}, "change_title_0": {t.Title}, "change_text_0": {t.Text},
			"change_deadline_0": {deadline}, "change_product_0": {t.Product}, "change_lead_0": {a.expand(lead)}}
	}
}

// versionScenarios change a task by an amendment on the web (today is
// 01/09/2025): decision 301/QĐ-UBND, effective 01/07/2025, moves the
// overdue task's deadline from "30/6/2025" to "Quý IV/2025" and gives it
// to the Sở Tài chính. The second quarter, ended before, still lists it
// overdue (judged against 30/06, led by the Sở KH&CN); the third does not.
// The task page lists the version. They run on an application of their
// own: the last one closes the plan.
func versionScenarios(t *testing.T) []scenario {
	return []scenario{
		{name: "amend pick a task", role: "coordinator", method: "POST", path: "/plans/{plan}/amend",
			form:   form("number", "301/QĐ-UBND", "effective", "01/07/2025", "action", "pick", "change_pick", "{task}"),
			status: 200, sel: []string{"div.amend-change-row[data-task={task}]", "input[name=change_deadline_0][value='30/6/2025']",
				"select[name=change_lead_0] option[value={khcn}][selected]"},
			none: []string{"p.field-error"},
			then: func(t *testing.T, a *app, _ *response) {
				ps, err := a.store.Periods(context.Background(), a.f.planID)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range ps {
					if p.Contains(plan.Date(2025, 5, 1)) {
						a.vars["q2"] = ids(p.ID)
					}
				}
			}},
		{name: "amend change invalid", role: "coordinator", method: "POST", path: "/plans/{plan}/amend",
			form: changeForm("301/QĐ-UBND", "sớm nhất có thể", "{tc}"), status: 422,
			sel: []string{"p.field-error[data-field='change.0.deadline_text']", "div.amend-change-row[data-task={task}]"},
			then: func(t *testing.T, a *app, _ *response) {
				if l, _ := a.store.PlanAmendments(context.Background(), a.f.planID); len(l) != 0 {
					t.Errorf("a refused amendment was recorded: %+v", l)
				}
			}},
		{name: "amend change nothing", role: "coordinator", method: "POST", path: "/plans/{plan}/amend",
			form: changeForm("301/QĐ-UBND", "30/6/2025", "{khcn}"), status: 422,
			sel: []string{"p.field-error[data-field='change.0.task_id']"}},
		{name: "amend change", role: "coordinator", method: "POST", path: "/plans/{plan}/amend",
			form: changeForm("301/QĐ-UBND", "Quý IV/2025", "{tc}"), status: 303, loc: "/plans/{plan}?amended=1"},
		{name: "plan lists the change", role: "leader", method: "GET", path: "/plans/{plan}", status: 200,
			text: map[string]string{"dd.amendments li": "Quyết định 301/QĐ-UBND ngày 25/06/2025, hiệu lực từ 01/07/2025: bổ sung 0, sửa đổi 1, bãi bỏ 0 nhiệm vụ"}},
		{name: "task history", role: "officer", method: "GET", path: "/tasks/{task}", status: 200,
			sel: []string{"section.task-versions li.version-row.changed"},
			text: map[string]string{"li.version-row .decision": "301/QĐ-UBND", "li.version-row .effective": "01/07/2025",
				"li.version-row .changes": "Thời hạn: 30/6/2025 → Quý IV/2025", "dd.deadline-cell": "Quý IV/2025",
				"li.version-row": "Cơ quan chủ trì: Sở Khoa học và Công nghệ → Sở Tài chính"}},
		{name: "Q2 judged as it was", role: "leader", method: "GET", path: "/plans/{plan}/dashboard?period={q2}", status: 200,
			sel:  []string{"table.overdue-table a[href=/tasks/{task}]"},
			text: map[string]string{"table.overdue-table tbody tr": "Sở KH&CN30/06/2025"}},
		{name: "Q3 judged as amended", role: "leader", method: "GET", path: "/plans/{plan}/dashboard", status: 200,
			none: []string{"table.overdue-table a[href=/tasks/{task}]"},
			then: func(t *testing.T, a *app, _ *response) {
				p, err := a.store.Plan(context.Background(), a.f.planID)
				if err != nil {
					t.Fatal(err)
				}
				p.Status = plan.PlanClosed
				if err := a.store.UpdatePlan(context.Background(), 0, p); err != nil {
					t.Fatal(err)
				}
			}},
		{name: "amend a closed plan", role: "coordinator", method: "POST", path: "/plans/{plan}/amend",
			form: changeForm("302/QĐ-UBND", "năm 2026", "{tc}"), status: 409},
	}
}
