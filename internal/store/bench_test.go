package store

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// Benchmarks run on SQLite and, when TIENDO_TEST_POSTGRES is set, on PostgreSQL:
//
//	go test -run '^$' -bench . -benchtime 2s ./internal/store/

func benchEachDB(b *testing.B, fn func(b *testing.B, s *Store)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, newTestStore(b)) })
	b.Run("postgres", func(b *testing.B) { fn(b, newPGStore(b)) })
}

func benchAgencies(b testing.TB, s *Store, n int) []int64 {
	var ids []int64
	for i := range n {
		a := agency.Agency{Name: fmt.Sprintf("Sở số %d", i+1), Kind: agency.KindDepartment}
		must(b, s.CreateAgency(context.Background(), 0, &a))
		ids = append(ids, a.ID)
	}
	return ids
}

// BenchmarkTasksOpenByDue is the API's hot path: a plan of 10,000 tasks, a
// third of them completed; the first page of open tasks by due date.
func BenchmarkTasksOpenByDue(b *testing.B) {
	benchEachDB(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		ag := benchAgencies(b, s, 20)
		d := bigDraft(10000, plan.Date(2025, 1, 1), ag...)
		for i := range d.Tasks {
			if i%3 == 0 && d.Tasks[i].Deadline.HasDue() {
				d.Tasks[i].CompletedOn = d.Tasks[i].Deadline.Due
			}
		}
		planID, err := s.CreatePlan(ctx, 0, d)
		must(b, err)
		f := plan.TaskFilter{PlanID: planID, Status: "open", Sort: "due", Limit: 50, Now: benchNow(b, s, planID, plan.Date(2025, 6, 15))}
		list, total, err := s.Tasks(ctx, f)
		must(b, err)
		if len(list) != 50 || total < 6000 || len(list[0].CooperatingAgencyIDs) != 2 {
			b.Fatalf("page of %d, total %d", len(list), total)
		}
		b.ResetTimer()
		for b.Loop() {
			if _, _, err := s.Tasks(ctx, f); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCreateTask stores tasks one by one, each in its own transaction
// with its audit row (the API's POST).
func BenchmarkCreateTask(b *testing.B) {
	benchEachDB(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		ag := benchAgencies(b, s, 5)
		d := bigDraft(0, plan.Date(2025, 1, 1))
		_, err := s.CreatePlan(ctx, 0, d)
		must(b, err)
		section := d.Sections[1].ID
		i := 0
		for b.Loop() {
			i++
			t := plan.Task{SectionID: section, Title: "Nhiệm vụ mới", Text: fmt.Sprintf("Nhiệm vụ mới số %d về chuyển đổi số", i),
				LeadAgencyID: ag[i%5], CooperatingAgencyIDs: []int64{ag[(i+1)%5]},
				Deadline: plan.Deadline{Kind: plan.DeadlineDate, Text: "31/12/2025", Due: plan.Date(2025, 12, 31)}}
			if err := s.CreateTask(ctx, 0, &t); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tasks/s")
	})
}

// BenchmarkUpdateTaskParallel reads and saves tasks from many goroutines
// at once (the API's PATCH at 16 connections). A version conflict between
// two goroutines on the same task is retried; any other error fails.
func BenchmarkUpdateTaskParallel(b *testing.B) {
	benchEachDB(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		d := bigDraft(1000, plan.Date(2025, 1, 1))
		_, err := s.CreatePlan(ctx, 0, d)
		must(b, err)
		var next, conflicts atomic.Int64
		b.SetParallelism(8) // 16 goroutines on 2 cores
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				id := d.Tasks[next.Add(1)%int64(len(d.Tasks))].ID
				for {
					t, err := s.Task(ctx, id)
					if err != nil {
						b.Error(err)
						return
					}
					t.Progress = (t.Progress + 1) % 100
					err = s.UpdateTask(ctx, 0, t)
					if errors.Is(err, ErrConflict) {
						conflicts.Add(1)
						continue
					}
					if err != nil {
						b.Error(err)
						return
					}
					break
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
		b.ReportMetric(float64(conflicts.Load()), "conflicts")
	})
}

// BenchmarkCreatePlanReference imports a plan of the reference plan's
// shape: 63 tasks in 7 groups (two with sub-groups), each with a lead, two
// cooperating and one mentioned agency and two citations.
func BenchmarkCreatePlanReference(b *testing.B) {
	benchEachDB(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		ag := benchAgencies(b, s, 20)
		for b.Loop() {
			d := referenceShapedDraft(ag)
			if _, err := s.CreatePlan(ctx, 0, d); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func referenceShapedDraft(ag []int64) *plan.Draft {
	d := &plan.Draft{Plan: plan.Plan{Title: "Triển khai Nghị quyết số 71/NQ-CP", Issuer: "UBND tỉnh Cà Mau"}}
	add := func(x plan.Section, parent int) int {
		d.Sections = append(d.Sections, plan.DraftSection{Section: x, Parent: parent})
		return len(d.Sections) - 1
	}
	add(plan.Section{Kind: plan.KindPart, Number: "I", Label: "I", Title: "MỤC ĐÍCH, YÊU CẦU", Body: "Quán triệt…\nTriển khai…"}, -1)
	add(plan.Section{Kind: plan.KindPart, Number: "II", Label: "II", Title: "MỤC TIÊU", Body: "Đến năm 2030…"}, -1)
	iii := add(plan.Section{Kind: plan.KindPart, Number: "III", Label: "III", Title: "NHIỆM VỤ VÀ GIẢI PHÁP", HoldsTasks: true}, -1)
	var holders []int
	for g := 1; g <= 7; g++ {
		gi := add(plan.Section{Kind: plan.KindGroup, Number: fmt.Sprint(g), Label: fmt.Sprintf("III.%d", g), HoldsTasks: true}, iii)
		subs := map[int]int{4: 6, 7: 2}[g]
		if subs == 0 {
			holders = append(holders, gi)
		}
		for k := 1; k <= subs; k++ {
			holders = append(holders, add(plan.Section{Kind: plan.KindSubgroup, Number: fmt.Sprintf("%d.%d", g, k),
				Label: fmt.Sprintf("III.%d.%d", g, k), HoldsTasks: true}, gi))
		}
	}
	add(plan.Section{Kind: plan.KindPart, Number: "V", Label: "V", Title: "KINH PHÍ THỰC HIỆN", Body: "…"}, -1)
	add(plan.Section{Kind: plan.KindPart, Number: "VI", Label: "VI", Title: "TỔ CHỨC THỰC HIỆN", Body: "…"}, -1)
	docs := []plan.Reference{
		{Kind: "Nghị quyết", Number: "71/NQ-CP", IssuerCode: "CP", IssuedOn: plan.Date(2025, 4, 1), Text: "Nghị quyết số 71/NQ-CP ngày 01/4/2025"},
		{Kind: "Nghị quyết", Number: "57-NQ/TW", IssuerCode: "TW", IssuedOn: plan.Date(2024, 12, 22), Text: "Nghị quyết số 57-NQ/TW ngày 22/12/2024"},
		{Kind: "Quyết định", Number: "1132/QĐ-TTg", IssuerCode: "TTg", IssuedOn: plan.Date(2024, 10, 9), Text: "Quyết định số 1132/QĐ-TTg ngày 09/10/2024"},
		{Kind: "Kế hoạch", Number: "60/KH-UBND", IssuerCode: "UBND", IssuedOn: plan.Date(2025, 2, 25), Text: "Kế hoạch số 60/KH-UBND ngày 25/02/2025"},
	}
	for i := range 63 {
		d.Tasks = append(d.Tasks, plan.DraftTask{Section: holders[i*len(holders)/63], Task: plan.Task{
			Title:        fmt.Sprintf("Nhiệm vụ %d", i+1),
			Text:         fmt.Sprintf("Nhiệm vụ %d: triển khai %s và %s về chuyển đổi số, khoa học, công nghệ.", i+1, docs[i%4].Text, docs[(i+1)%4].Text),
			LeadAgencyID: ag[i%len(ag)], CooperatingAgencyIDs: []int64{ag[(i+1)%len(ag)], ag[(i+2)%len(ag)]},
			MentionedAgencyIDs: []int64{ag[(i+3)%len(ag)]},
			Deadline:           plan.Deadline{Kind: plan.DeadlineYear, Text: "năm 2026", Due: plan.Date(2026, 12, 31)},
			References:         []plan.Reference{docs[i%4], docs[(i+1)%4]},
		}})
	}
	d.References = docs[:2]
	return d
}

// BenchmarkTasksFiltered measures the other filters of the list on the
// 10,000-task plan: one agency's tasks (lead or cooperating), a word search
// without diacritics, and a computed status; each with its total.
func BenchmarkTasksFiltered(b *testing.B) {
	benchEachDB(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		ag := benchAgencies(b, s, 20)
		d := bigDraft(10000, plan.Date(2025, 1, 1), ag...)
		planID, err := s.CreatePlan(ctx, 0, d)
		must(b, err)
		now := benchNow(b, s, planID, plan.Date(2025, 6, 15))
		for _, c := range []struct {
			name string
			f    plan.TaskFilter
		}{
			{"agency", plan.TaskFilter{AgencyID: ag[3], Sort: "due"}},
			{"search", plan.TaskFilter{Query: "chuyen doi so", Sort: "due"}},
			{"overdue", plan.TaskFilter{Status: "overdue", Sort: "due"}},
			{"section", plan.TaskFilter{SectionID: d.Sections[3].ID}},
		} {
			c.f.PlanID, c.f.Now, c.f.Limit = planID, now, 50
			b.Run(c.name, func(b *testing.B) {
				for b.Loop() {
					if _, _, err := s.Tasks(ctx, c.f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}

// benchNow is what task statuses of plan planID are judged on, on day, as
// the application reads it (the plan's periods generated first).
func benchNow(b *testing.B, s *Store, planID int64, day time.Time) plan.Now {
	ctx := context.Background()
	_, err := s.Periods(ctx, planID)
	must(b, err)
	around, soon, err := s.PeriodsAround(ctx, planID, day)
	must(b, err)
	return reporting.NowOf(around, day, soon)
}
