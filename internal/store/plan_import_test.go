package store

import (
	"context"
	"reflect"
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
)

// TestCreatePlanWithAgencies: names the register did not know become
// agencies in the plan's transaction and the tasks naming them are
// assigned; a name nobody chose stays unassigned; a failure stores nothing.
func TestCreatePlanWithAgencies(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		d := sampleDraft(ag)
		d.Tasks[1].LeadAgencyID = 0
		d.Tasks[1].LeadName = "Sở Thông tin và Truyền thông"
		d.Tasks[2].CooperatingNames = []string{"Ban Quản lý dự án", "Cục Thống kê"}
		news := []agency.Agency{
			{Name: "Sở Thông tin và Truyền thông", Kind: agency.KindDepartment},
			{Name: "ban quản lý dự án", Kind: agency.KindBoard},
		}
		id, err := s.CreatePlanWithAgencies(ctx, 0, d, news)
		must(t, err)
		if news[0].ID == 0 || news[1].ID == 0 {
			t.Fatalf("agencies not given their IDs: %+v", news)
		}
		tasks, _, err := s.Tasks(ctx, plan.TaskFilter{PlanID: id})
		must(t, err)
		if tasks[1].LeadAgencyID != news[0].ID || !reflect.DeepEqual(tasks[2].CooperatingAgencyIDs, []int64{news[1].ID}) {
			t.Errorf("task 2 lead %d, task 3 cooperating %v; want %d and [%d] (Cục Thống kê was not created)",
				tasks[1].LeadAgencyID, tasks[2].CooperatingAgencyIDs, news[0].ID, news[1].ID)
		}
		var audits int
		must(t, s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'agency.create'").Scan(&audits))
		if audits != 4+2 {
			t.Errorf("%d agency.create audit rows, want 6 (4 seeded, 2 with the plan)", audits)
		}

		// A new agency named like one in existence: nothing at all is stored.
		d2 := sampleDraft(ag)
		d2.Plan.Code = "100/KH-UBND"
		before, _ := s.Agencies(ctx)
		_, err = s.CreatePlanWithAgencies(ctx, 0, d2, []agency.Agency{{Name: "Cục Thống kê", Kind: agency.KindSector}, {Name: "Sở Tài chính", Kind: agency.KindDepartment}})
		wantErr(t, err, ErrDuplicate)
		after, _ := s.Agencies(ctx)
		if len(after) != len(before) {
			t.Errorf("agencies %d → %d after a failed import", len(before), len(after))
		}
		if _, err := s.PlanByCode(ctx, "100/KH-UBND"); err == nil {
			t.Error("the plan of a failed import was stored")
		}
	})
}
