package web_test

import (
	"bytes"
	"context"
	"net/url"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/plan"
)

// mappingSheet is a province's mapping as an .xlsx: header, then rows of
// former agency, new agency, day, decision.
func mappingSheet(t *testing.T, rows ...[]any) []byte {
	f := excelize.NewFile()
	defer f.Close()
	all := append([][]any{{"Cơ quan cũ", "Cơ quan mới", "Ngày hiệu lực", "Số quyết định"}}, rows...)
	for i, r := range all {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// reorgScenarios go through the reorganisation page: the form, a preview
// of merging the Sở Nội vụ into the Sở Tài chính (nothing changes), the
// errors, and the application, after which the Sở Nội vụ has ended with
// its successor and leads no open task. They run on an application of
// their own, since the merge changes the seeded agencies.
func reorgScenarios(t *testing.T) []scenario {
	good := mappingSheet(t, []any{"Trung tâm Thông tin và Ứng dụng khoa học và công nghệ", "Trung tâm Đổi mới sáng tạo", "01/07/2025", "9/QĐ-UBND"})
	bad := mappingSheet(t, []any{"Sở Không Có", "Sở Tài chính", "01/07/2025", "9/QĐ-UBND"}, []any{"Sở Nội vụ", "Sở Tài chính", "31/02/2025", "9/QĐ-UBND"})
	merge := func(action string) func(a *app) url.Values {
		return form("kind", "merge", "from", "{nv}", "into", "{tc}", "effective", "15/06/2025",
			"decision", "88/QĐ-UBND", "action", action)
	}
	return []scenario{
		{name: "reorganise form", role: "coordinator", method: "GET", path: "/agencies/reorganise", status: 200,
			sel:  []string{"select#from option[value={nv}]", "input[name=kind][value=split]", "button[value=preview]"},
			none: []string{"button[value=apply]"}},
		{name: "reorganise forbidden", role: "head", method: "GET", path: "/agencies/reorganise", status: 403},
		{name: "reorganise preview", role: "coordinator", method: "POST", path: "/agencies/reorganise", form: merge("preview"),
			status: 200, sel: []string{"section.reorg-preview", "table[data-part=ended] tr[data-id={nv}]", "button[value=apply]"},
			text: map[string]string{"table[data-part=ended] tbody tr": "Sở Tài chính"},
			then: func(t *testing.T, a *app, _ *response) {
				if ag, _ := a.store.Agency(context.Background(), a.f.agencyNV); !ag.ValidTo.IsZero() {
					t.Error("the preview ended the agency")
				}
			}},
		{name: "reorganise invalid", role: "coordinator", method: "POST", path: "/agencies/reorganise",
			form:   form("kind", "merge", "from", "{nv}", "effective", "31/02/2025", "action", "preview"),
			status: 422, sel: []string{".field.invalid[data-field=effective]"}},
		{name: "reorganise refused", role: "coordinator", method: "POST", path: "/agencies/reorganise",
			form:   form("kind", "merge", "from", "{nv}", "effective", "15/06/2025", "action", "preview"),
			status: 422, sel: []string{".field.invalid[data-field=into]", ".field.invalid[data-field=decision]"}},
		{name: "mapping preview", role: "coordinator", method: "POST", path: "/agencies/reorganise/import",
			body: upload("", "sap-xep.xlsx", good), status: 200,
			sel:  []string{"table.mapping-preview tbody tr", "form[action=/agencies/reorganise/import/apply] input[name=mapping]"},
			text: map[string]string{"table.mapping-preview tbody tr": "Trung tâm Đổi mới sáng tạo (mới)"},
			then: func(t *testing.T, a *app, _ *response) {
				if ag, _ := a.store.Agency(context.Background(), a.f.agencyTT); !ag.ValidTo.IsZero() {
					t.Error("the mapping preview renamed the centre")
				}
			}},
		{name: "mapping with bad rows", role: "coordinator", method: "POST", path: "/agencies/reorganise/import",
			body: upload("", "sap-xep.xlsx", bad), status: 422,
			sel: []string{".mapping-errors li[data-row=2]", ".mapping-errors li[data-row=3]"}},
		{name: "mapping not a sheet", role: "coordinator", method: "POST", path: "/agencies/reorganise/import",
			body: upload("", "sap-xep.xlsx", []byte("không phải bảng tính")), status: 422, sel: []string{"p.form-error"}},
		{name: "mapping apply tampered", role: "coordinator", method: "POST", path: "/agencies/reorganise/import/apply",
			form: form("mapping", "{không phải json"), status: 400},
		{name: "mapping apply refused", role: "coordinator", method: "POST", path: "/agencies/reorganise/import/apply",
			form:   form("mapping", `[{"kind":"merge","from":[{ended}],"into":{tc},"effective":"2025-07-01","decision":"9/QĐ","rows":[2]}]`),
			status: 422, text: map[string]string{"p.form-error": "Dòng 2:"}},
		{name: "mapping apply", role: "coordinator", method: "POST", path: "/agencies/reorganise/import/apply",
			form:   form("mapping", `[{"kind":"rename","from":[{tt}],"new_name":"Trung tâm Đổi mới sáng tạo","effective":"2025-07-01","decision":"9/QĐ-UBND","rows":[2]}]`),
			status: 303, loc: "/agencies?reorganised=1",
			then: func(t *testing.T, a *app, _ *response) {
				ag, _ := a.store.Agency(context.Background(), a.f.agencyTT)
				if ag.SuccessorID == 0 {
					t.Fatal("the centre was not renamed")
				}
				if succ, _ := a.store.Agency(context.Background(), ag.SuccessorID); succ.Name != "Trung tâm Đổi mới sáng tạo" || succ.ParentID != a.f.agencyKHCN {
					t.Errorf("successor %q under %d, want the new name under the Sở KH&CN", succ.Name, succ.ParentID)
				}
			}},
		{name: "mapping forbidden", role: "head", method: "POST", path: "/agencies/reorganise/import/apply",
			form: form("mapping", "[]"), status: 403},
		{name: "reorganise apply", role: "coordinator", method: "POST", path: "/agencies/reorganise", form: merge("apply"),
			status: 303, loc: "/agencies?reorganised=1",
			then: func(t *testing.T, a *app, _ *response) {
				ctx := context.Background()
				ag, _ := a.store.Agency(ctx, a.f.agencyNV)
				if !ag.ValidTo.Equal(plan.Date(2025, 6, 15)) || ag.SuccessorID != a.f.agencyTC {
					t.Errorf("Sở Nội vụ: valid to %v, successor %d", ag.ValidTo, ag.SuccessorID)
				}
				tasks, _, err := a.store.Tasks(ctx, plan.TaskFilter{PlanID: a.f.planID, AgencyID: a.f.agencyNV, Status: "open", Limit: 100})
				if err != nil {
					t.Fatal(err)
				}
				for _, tk := range tasks {
					if tk.LeadAgencyID == a.f.agencyNV {
						t.Errorf("open task %d still led by the Sở Nội vụ", tk.ID)
					}
				}
				recs, err := a.store.Reorganisations(ctx)
				if err != nil || len(recs) == 0 {
					t.Fatalf("no record of the merge: %v", err)
				}
				a.vars["reorg"] = strconv.FormatInt(recs[0].ID, 10)
			}},
		// Undo: the history lists the merge (applied 01/09/2025, undoable until
		// the fourth quarter starts); the preview changes nothing; undo puts the
		// Sở Nội vụ back; the merge is then applied again for what follows.
		{name: "reorganisation history", role: "coordinator", method: "GET", path: "/agencies/reorganise/history", status: 200,
			sel:  []string{"table.reorgs tr[data-id={reorg}] a[href=/agencies/reorganise/history/{reorg}]"},
			text: map[string]string{"tr[data-id={reorg}] .undo-state": "đến hết ngày 30/09/2025"}},
		{name: "reorganisation history forbidden", role: "head", method: "GET", path: "/agencies/reorganise/history", status: 403},
		{name: "reorganisation record", role: "coordinator", method: "GET", path: "/agencies/reorganise/history/{reorg}", status: 200,
			sel: []string{"dl.reorg-record", "button[value=preview]"}, none: []string{"button[value=apply]"},
			text: map[string]string{"h1": "88/QĐ-UBND"}},
		{name: "undo preview", role: "coordinator", method: "POST", path: "/agencies/reorganise/history/{reorg}/undo",
			form: form("action", "preview"), status: 200, sel: []string{"section.undo-preview", "button[value=apply]"},
			then: func(t *testing.T, a *app, _ *response) {
				if ag, _ := a.store.Agency(context.Background(), a.f.agencyNV); ag.ValidTo.IsZero() {
					t.Error("the undo preview undid the merge")
				}
			}},
		{name: "undo", role: "coordinator", method: "POST", path: "/agencies/reorganise/history/{reorg}/undo",
			form: form("action", "apply"), status: 303, loc: "/agencies/reorganise/history?undone=1",
			then: func(t *testing.T, a *app, _ *response) {
				if ag, _ := a.store.Agency(context.Background(), a.f.agencyNV); !ag.ValidTo.IsZero() || ag.SuccessorID != 0 {
					t.Errorf("after undo the Sở Nội vụ ends %v with successor %d", ag.ValidTo, ag.SuccessorID)
				}
			}},
		{name: "history after undo", role: "coordinator", method: "GET", path: "/agencies/reorganise/history?undone=1", status: 200,
			sel: []string{"p.undone"}, text: map[string]string{"tr[data-id={reorg}] .undo-state": "Đã hoàn tác"}},
		{name: "undo twice", role: "coordinator", method: "POST", path: "/agencies/reorganise/history/{reorg}/undo",
			form: form("action", "apply"), status: 422, text: map[string]string{"p.undo-refused": "đã được hoàn tác"}},
		{name: "reorganise apply again", role: "coordinator", method: "POST", path: "/agencies/reorganise", form: merge("apply"),
			status: 303, loc: "/agencies?reorganised=1"},
		// An amendment removes the due-soon task; the plan and task pages say so.
		{name: "plan before amendment", role: "leader", method: "GET", path: "/plans/{plan}", status: 200,
			none: []string{"dd.amendments"},
			then: func(t *testing.T, a *app, _ *response) {
				am := &plan.Amendment{PlanID: a.f.planID, Number: "215/QĐ-UBND", Effective: plan.Date(2025, 6, 1)}
				if err := a.store.AmendPlan(context.Background(), 0, am, nil, []int64{a.f.taskDueSoon}); err != nil {
					t.Fatal(err)
				}
			}},
		{name: "plan amended", role: "leader", method: "GET", path: "/plans/{plan}", status: 200,
			text: map[string]string{"dd.amendments li": "Quyết định 215/QĐ-UBND, hiệu lực từ 01/06/2025: bổ sung 0, bãi bỏ 1 nhiệm vụ"}},
		{name: "removed task", role: "leader", method: "GET", path: "/tasks/{soon}", status: 200,
			text: map[string]string{"p.task-removed": "bãi bỏ từ ngày 01/06/2025"}},
		{name: "amend form", role: "coordinator", method: "GET", path: "/plans/{plan}/amend", status: 200,
			sel: []string{"textarea[name=add_text_0]", "input[name=remove][value={task}]"}, none: []string{"input[name=remove][value={soon}]"}},
		{name: "amend forbidden", role: "officer", method: "GET", path: "/plans/{plan}/amend", status: 403},
		{name: "amend invalid", role: "coordinator", method: "POST", path: "/plans/{plan}/amend",
			form:   form("number", "", "effective", "01/06/2025", "add_text_0", "Xây dựng kho dữ liệu mở."),
			status: 422, sel: []string{".field.invalid[data-field=number]", "p.field-error[data-field=add.0.section_id]"}},
		{name: "amend", role: "coordinator", method: "POST", path: "/plans/{plan}/amend",
			form: form("number", "216/QĐ-UBND", "issued_on", "25/05/2025", "effective", "01/06/2025",
				"add_text_0", "Xây dựng kho dữ liệu mở của tỉnh.", "add_section_0", "{group2}", "add_lead_0", "{tc}",
				"add_deadline_0", "31/12/2025", "remove", "{task}"),
			status: 303, loc: "/plans/{plan}?amended=1"},
		{name: "plan amended twice", role: "leader", method: "GET", path: "/plans/{plan}?amended=1", status: 200,
			sel:   []string{"p.amended"},
			count: map[string]int{"dd.amendments li": 2},
			text:  map[string]string{"dd.amendments": "Quyết định 216/QĐ-UBND ngày 25/05/2025, hiệu lực từ 01/06/2025: bổ sung 1, bãi bỏ 1 nhiệm vụ"}},
		// Plan replacement: a new plan rewording the seeded plan's "Hạ tầng số" task takes it over.
		{name: "replace form", role: "coordinator", method: "GET", path: "/plans/{plan}/replace", status: 200,
			sel: []string{"select#replaces"}, none: []string{"table.replace-tasks"},
			then: func(t *testing.T, a *app, _ *response) {
				d := &plan.Draft{Plan: plan.Plan{Code: "71/KH-UBND", Title: "Kế hoạch thay thế", Status: plan.PlanActive},
					Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "III", Label: "III",
						Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}},
					Tasks: []plan.DraftTask{{Task: plan.Task{Text: "Tiếp tục đầu tư hạ tầng số dùng chung của tỉnh đến năm 2030."}},
						{Task: plan.Task{Text: "Thành lập quỹ đổi mới sáng tạo."}}}}
				id, err := a.store.CreatePlan(context.Background(), 0, d)
				if err != nil {
					t.Fatal(err)
				}
				a.vars["newplan"], a.vars["newtask"] = strconv.FormatInt(id, 10), strconv.FormatInt(d.Tasks[0].ID, 10)
			}},
		{name: "replace suggestions", role: "coordinator", method: "GET", path: "/plans/{newplan}/replace?replaces={plan}", status: 200,
			sel: []string{"table.replace-tasks tr[data-task={later}] option[value={newtask}][selected]", "button[value=preview]"}},
		{name: "replace forbidden", role: "head", method: "GET", path: "/plans/{newplan}/replace", status: 403},
		{name: "replace without plan", role: "coordinator", method: "POST", path: "/plans/{newplan}/replace",
			form: form("replaces", "0", "action", "preview"), status: 422, sel: []string{"p.form-error"}},
		{name: "replace preview", role: "coordinator", method: "POST", path: "/plans/{newplan}/replace",
			form:   form("replaces", "{plan}", "carry_{later}", "{newtask}", "action", "preview"),
			status: 200, text: map[string]string{"section.replace-preview .carried": "1"}, sel: []string{"button[value=apply]"}},
		{name: "replace apply", role: "coordinator", method: "POST", path: "/plans/{newplan}/replace",
			form:   form("replaces", "{plan}", "carry_{later}", "{newtask}", "action", "apply"),
			status: 303, loc: "/plans/{newplan}?replaced=1"},
		{name: "replaced plan page", role: "leader", method: "GET", path: "/plans/{plan}", status: 200,
			sel: []string{"dd.replaced-by a[href=/plans/{newplan}]"}},
		{name: "carried task page", role: "leader", method: "GET", path: "/tasks/{newtask}", status: 200,
			sel: []string{"p.carried-from a[href=/tasks/{later}]"}},
		{name: "old task page", role: "coordinator", method: "GET", path: "/tasks/{later}", status: 200,
			sel: []string{"p.carried-into a[href=/tasks/{newtask}]"}, none: []string{"a[href=/tasks/{later}/edit]"}},
		{name: "old task edit refused", role: "coordinator", method: "GET", path: "/tasks/{later}/edit", status: 409},
		{name: "agency list after", role: "coordinator", method: "GET", path: "/agencies?reorganised=1", status: 200,
			sel:  []string{"p.reorganised", "a[href=/agencies/reorganise]"},
			text: map[string]string{"tr[data-id={nv}] .now-part": "nay là Sở Tài chính"}},
	}
}
