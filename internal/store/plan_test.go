package store

import (
	"context"
	"reflect"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tiendo/internal/plan"
)

func TestCreatePlanRoundTrip(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		d := sampleDraft(ag)
		d.Plan.Title = norm.NFD.String(d.Plan.Title)
		d.Tasks[0].Text = norm.NFD.String(d.Tasks[0].Text)
		id, err := s.CreatePlan(ctx, 0, d)
		must(t, err)
		if id == 0 || d.Plan.ID != id {
			t.Fatalf("plan id %d, draft has %d", id, d.Plan.ID)
		}

		p, err := s.Plan(ctx, id)
		must(t, err)
		if !reflect.DeepEqual(*p, d.Plan) {
			t.Errorf("plan read back\n got %+v\nwant %+v", *p, d.Plan)
		}
		if p.Title != "Triển khai thực hiện Nghị quyết số 71/NQ-CP" {
			t.Errorf("title not NFC: %q", p.Title)
		}

		// Sections: document order, parents resolved, counts with descendants.
		secs, err := s.Sections(ctx, id)
		must(t, err)
		var labels []string
		var counts []int
		for i, x := range secs {
			labels = append(labels, x.Label)
			counts = append(counts, x.TaskCount)
			want := d.Sections[i].Section
			want.TaskCount = x.TaskCount
			if !reflect.DeepEqual(x, want) {
				t.Errorf("section %d\n got %+v\nwant %+v", i, x, want)
			}
		}
		if want := []string{"I", "III", "III.1", "III.2", "III.2.1", "III.2.2", "VI"}; !reflect.DeepEqual(labels, want) {
			t.Errorf("section order %q, want %q", labels, want)
		}
		if want := []int{0, 4, 2, 2, 1, 1, 0}; !reflect.DeepEqual(counts, want) {
			t.Errorf("task counts %v, want %v", counts, want)
		}
		if secs[2].ParentID != secs[1].ID || secs[4].ParentID != secs[3].ID || secs[0].ParentID != 0 {
			t.Errorf("parents not resolved: %+v", secs)
		}
		if secs[3].Ord != 2 || secs[6].Ord != 3 {
			t.Errorf("sibling ords: III.2 %d, VI %d", secs[3].Ord, secs[6].Ord)
		}
		x, err := s.Section(ctx, secs[4].ID)
		must(t, err)
		if x.Label != "III.2.1" || x.PlanID != id {
			t.Errorf("Section = %+v", x)
		}

		// Tasks: whole, with agencies and documents.
		for i, dt := range d.Tasks {
			got, err := s.Task(ctx, dt.ID)
			must(t, err)
			if !reflect.DeepEqual(*got, dt.Task) {
				t.Errorf("task %d\n got %+v\nwant %+v", i, *got, dt.Task)
			}
		}
		t0 := d.Tasks[0].Task
		if t0.Ord != 1 || d.Tasks[1].Ord != 2 || t0.Version != 1 || t0.SectionID != secs[2].ID {
			t.Errorf("task 0 placed at %+v", t0)
		}
		if !norm.NFC.IsNormalString(t0.Text) {
			t.Errorf("task text not NFC")
		}
		// 71/NQ-CP is cited by the plan and two tasks: one document.
		if d.Tasks[0].References[0].ID != d.Tasks[2].References[1].ID || d.References[0].ID != d.Tasks[0].References[0].ID {
			t.Error("71/NQ-CP stored more than once")
		}
		refs, err := s.PlanReferences(ctx, id)
		must(t, err)
		var nums []string
		for _, r := range refs {
			nums = append(nums, r.Number)
		}
		if want := []string{"71/NQ-CP", "60/KH-UBND", "57-NQ/TW", "1132/QĐ-TTg"}; !reflect.DeepEqual(nums, want) {
			t.Errorf("plan references %q, want %q", nums, want)
		}
		if refs[0].IssuedOn != plan.Date(2025, 4, 1) || refs[0].IssuerCode != "CP" {
			t.Errorf("upsert lost the details of 71/NQ-CP: %+v", refs[0])
		}

		_, err = s.Plan(ctx, id+1)
		wantErr(t, err, ErrNotFound)
		_, err = s.Section(ctx, 99999)
		wantErr(t, err, ErrNotFound)
		none, err := s.Sections(ctx, id+1)
		must(t, err)
		if len(none) != 0 {
			t.Errorf("sections of a missing plan: %v", none)
		}
	})
}

func TestPlansNewestFirstAndReplaces(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		old := &plan.Draft{Plan: plan.Plan{Code: "60/KH-UBND", Title: "Kế hoạch cũ"}}
		oldID, err := s.CreatePlan(ctx, 0, old)
		must(t, err)
		if old.Plan.Status != plan.PlanDraft {
			t.Errorf("default status %q", old.Plan.Status)
		}
		d := seedPlan(t, s, ag)
		if d.Plan.ReplacesID != oldID {
			t.Errorf("ReplacesID = %d, want %d (by code %q)", d.Plan.ReplacesID, oldID, d.Plan.Replaces)
		}
		plans, err := s.Plans(ctx)
		must(t, err)
		if len(plans) != 2 || plans[0].ID != d.Plan.ID || plans[1].ID != oldID {
			t.Errorf("Plans = %+v", plans)
		}
		p, err := s.PlanByCode(ctx, "60/KH-UBND")
		must(t, err)
		if p.ID != oldID {
			t.Errorf("PlanByCode = %d", p.ID)
		}
		_, err = s.PlanByCode(ctx, "1/KH")
		wantErr(t, err, ErrNotFound)

		// Update: replaced.
		p.Status = plan.PlanReplaced
		must(t, s.UpdatePlan(ctx, 0, p))
		got, err := s.Plan(ctx, oldID)
		must(t, err)
		if got.Status != plan.PlanReplaced || !got.UpdatedAt.Equal(p.UpdatedAt) {
			t.Errorf("after UpdatePlan: %+v", got)
		}
		missing := plan.Plan{ID: 9999, Title: "x"}
		wantErr(t, s.UpdatePlan(ctx, 0, &missing), ErrNotFound)
	})
}

func TestCreatePlanDuplicateCode(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		seedPlan(t, s, ag)
		_, err := s.CreatePlan(ctx, 0, sampleDraft(ag))
		wantErr(t, err, ErrDuplicate)
		// Plans without a code do not collide.
		for range 2 {
			_, err := s.CreatePlan(ctx, 0, &plan.Draft{Plan: plan.Plan{Title: "Chưa có số"}})
			must(t, err)
		}
	})
}

func TestCreatePlanRollsBack(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		d := sampleDraft(ag)
		d.Tasks[3].LeadAgencyID = 987654 // no such agency: the last task's insert fails
		before := *sampleDraft(ag)
		before.Tasks[3].LeadAgencyID = 987654
		_, err := s.CreatePlan(ctx, 0, d)
		wantErr(t, err, ErrReference)
		if !reflect.DeepEqual(*d, before) {
			t.Error("a failed CreatePlan changed the draft")
		}
		plans, err := s.Plans(ctx)
		must(t, err)
		if len(plans) != 0 {
			t.Errorf("plans after rollback: %+v", plans)
		}
		for _, table := range []string{"sections", "tasks", "task_agencies", "documents", "task_documents", "plan_documents"} {
			var n int
			must(t, s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n))
			if n != 0 {
				t.Errorf("%s has %d rows after rollback", table, n)
			}
		}
		var audits int
		must(t, s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'plan.create'").Scan(&audits))
		if audits != 0 {
			t.Errorf("audit row of a rolled-back plan")
		}
	})
}

func TestCreatePlanBadDraft(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	for name, d := range map[string]*plan.Draft{
		"forward parent": {Plan: plan.Plan{Title: "x"}, Sections: []plan.DraftSection{{Parent: 1}, {Parent: -1}}},
		"self parent":    {Plan: plan.Plan{Title: "x"}, Sections: []plan.DraftSection{{Parent: 0}}},
		"task section":   {Plan: plan.Plan{Title: "x"}, Sections: []plan.DraftSection{{Parent: -1}}, Tasks: []plan.DraftTask{{Section: 1}}},
		"no sections":    {Plan: plan.Plan{Title: "x"}, Tasks: []plan.DraftTask{{Section: 0}}},
	} {
		if _, err := s.CreatePlan(ctx, 0, d); err == nil {
			t.Errorf("%s: CreatePlan accepted a bad draft", name)
		}
	}
}
