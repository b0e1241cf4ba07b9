package web_test

import (
	"context"
	"net/url"
	"testing"

	"tiendo/internal/plan"
)

// reorgScenarios go through the reorganisation page: the form, a preview
// of merging the Sở Nội vụ into the Sở Tài chính (nothing changes), the
// errors, and the application, after which the Sở Nội vụ has ended with
// its successor and leads no open task. They run on an application of
// their own, since the merge changes the seeded agencies.
func reorgScenarios() []scenario {
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
			}},
		{name: "agency list after", role: "coordinator", method: "GET", path: "/agencies?reorganised=1", status: 200,
			sel:  []string{"p.reorganised", "a[href=/agencies/reorganise]"},
			text: map[string]string{"tr[data-id={nv}] .now-part": "nay là Sở Tài chính"}},
	}
}
