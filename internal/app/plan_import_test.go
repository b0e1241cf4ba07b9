package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/planimport"
)

// importDoc is a small plan document: one task led by an agency of the
// register, one by an agency it does not hold (Sở Y tế).
var importDoc = []byte(strings.Join([]string{"KẾ HOẠCH", "THỬ NGHIỆM NHẬP KẾ HOẠCH", "I. NHIỆM VỤ",
	"Sở Tài chính chủ trì xây dựng đề án kinh phí chuyển đổi số.",
	"Triển khai nền tảng dữ liệu y tế.",
	"- Chủ trì: Sở Y tế.", ""}, "\n"))

func TestImportPlan(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	plans := func() int {
		t.Helper()
		list, err := f.store.Plans(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	before := plans()

	// The preview reads the document and stores nothing.
	prev, err := f.app.ImportPlan(ctx, f.coordinator, app.PlanImport{Name: "kh.txt", Data: importDoc})
	if err != nil {
		t.Fatal(err)
	}
	if len(prev.Draft.Tasks) != 2 || len(prev.UnknownAgencies) != 1 || prev.UnknownAgencies[0] != "Sở Y tế" || prev.PlanID != 0 {
		t.Fatalf("preview: %d tasks, unknown %q, plan %d", len(prev.Draft.Tasks), prev.UnknownAgencies, prev.PlanID)
	}
	if prev.Draft.Tasks[0].LeadAgencyID != f.taichinh {
		t.Errorf("task 1 led by %d, want Sở Tài chính", prev.Draft.Tasks[0].LeadAgencyID)
	}

	// Confirming with a name still unknown and no title: both said, nothing stored.
	meta := &plan.Plan{Code: "99/KH-UBND", Status: plan.PlanActive}
	res, err := f.app.ImportPlan(ctx, f.coordinator, app.PlanImport{Name: "kh.txt", Data: importDoc, Meta: meta})
	if fe := derrors.FieldsOf(err); !errors.Is(err, derrors.Invalid) || fe["title"] == "" ||
		!strings.Contains(derrors.MessageOf(err), "1 tên cơ quan") || res == nil || len(res.Draft.Tasks) != 2 {
		t.Errorf("an unfinished confirmation: %v", err)
	}

	// With the name mapped and a title, the plan is stored; a dry run would not.
	meta.Title = "Thử nghiệm nhập kế hoạch"
	in := app.PlanImport{Name: "kh.txt", Data: importDoc, Meta: meta, Mapping: map[string]int64{"Sở Y tế": f.noivu}, DryRun: true}
	if res, err := f.app.ImportPlan(ctx, f.coordinator, in); err != nil || res.PlanID != 0 {
		t.Errorf("a dry run: %v, plan %d", err, res.PlanID)
	}
	if n := plans(); n != before {
		t.Fatalf("%d plans after the preview and the refusals, want %d", n, before)
	}
	in.DryRun = false
	res, err = f.app.ImportPlan(ctx, f.coordinator, in)
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.app.Plan(ctx, res.PlanID)
	if err != nil || p.Title != meta.Title || p.Code != "99/KH-UBND" {
		t.Errorf("stored %+v (%v)", p, err)
	}
	tasks, _, _, err := f.app.PlanTaskList(ctx, f.leader, plan.TaskFilter{PlanID: res.PlanID})
	if err != nil || len(tasks) != 2 || tasks[1].LeadAgencyID != f.noivu {
		t.Errorf("stored tasks %+v (%v); want the second led by the agency mapped", tasks, err)
	}

	// The same number again is refused beside its field.
	_, err = f.app.ImportPlan(ctx, f.coordinator, in)
	if fe := derrors.FieldsOf(err); !strings.Contains(fe["code"], "đã có") {
		t.Errorf("a second plan 99/KH-UBND: %v", err)
	}
	// A document the importer refuses is its own error; only editors import.
	var ie *planimport.Error
	if _, err := f.app.ImportPlan(ctx, f.coordinator, app.PlanImport{Name: "kh.txt"}); !errors.As(err, &ie) {
		t.Errorf("an empty file: %v, want a *planimport.Error", err)
	}
	if _, err := f.app.ImportPlan(ctx, f.head, app.PlanImport{Name: "kh.txt", Data: importDoc}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a head imports: %v, want Forbidden", err)
	}
}
