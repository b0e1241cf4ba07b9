package gen_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"tiendo/internal/gen"
	"tiendo/internal/plan"
	"tiendo/internal/store"
)

// TestNational generates two provinces with the national programme: 140
// national tasks, one province task in eight linked to the national task
// of its group and subject, every link across plans and to the
// programme.
func TestNational(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "gen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := gen.Run(ctx, st, gen.Config{Provinces: 2, Agencies: 60, Tasks: 320, Quarters: 4, Seed: 1,
		Today: time.Date(2026, 6, 5, 0, 0, 0, 0, time.UTC), Password: "Mật-khẩu-thử-nghiệm-42", National: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Plans != 2 || res.Tasks != 320 || res.NationalTasks != 140 || res.Links != 40 {
		t.Fatalf("result %+v: want 2 provinces' plans of 320 tasks, a national programme of 140, 40 links", res)
	}
	national, err := st.PlanByCode(ctx, "03/NQ-CP")
	if err != nil {
		t.Fatal(err)
	}
	if national.Level != plan.LevelNational || national.ID != 3 {
		t.Errorf("the programme: %+v (the provinces keep plans 1 and 2)", national)
	}
	linked, err := st.LinkedPlans(ctx, national.ID)
	if err != nil || len(linked) != 2 {
		t.Errorf("plans linked to the programme: %v, %v", linked, err)
	}
	for _, p := range linked {
		links, err := st.PlanLinks(ctx, p, national.ID)
		if err != nil {
			t.Fatal(err)
		}
		for task, ls := range links {
			up, _ := st.Task(ctx, ls[0].UpstreamTaskID)
			own, _ := st.Task(ctx, task)
			if up.PlanID != national.ID || plan.Similarity(own.Title, up.Text) == 0 {
				t.Errorf("task %q linked to %q", own.Title, up.Text)
			}
		}
	}
}
