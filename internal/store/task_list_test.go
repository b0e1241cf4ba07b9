package store

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"tiendo/internal/plan"
)

func TestTasksFilters(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		d := seedPlan(t, s, ag)
		id := func(i int) int64 { return d.Tasks[i].ID }
		extra := []plan.Task{
			{SectionID: d.Sections[5].ID, Text: "Đạt 50% dịch vụ công trực tuyến"},
			{SectionID: d.Sections[5].ID, Text: "Đạt 500 dịch vụ công"},
			{SectionID: d.Sections[5].ID, Text: "Mã a_b trong hệ thống"},
			{SectionID: d.Sections[5].ID, Text: "Mã axb trong hệ thống"},
		}
		for i := range extra {
			must(t, s.CreateTask(ctx, 0, &extra[i]))
		}
		x := func(i int) int64 { return extra[i].ID }
		other := seedOtherPlan(t, s)

		for _, c := range []struct {
			name  string
			f     plan.TaskFilter
			want  []int64
			total int // when not len(want)
		}{
			{name: "all in order", f: plan.TaskFilter{}, want: []int64{id(0), id(1), id(2), id(3), x(0), x(1), x(2), x(3)}},
			{name: "no diacritics", f: plan.TaskFilter{Query: "chuyen doi so"}, want: []int64{id(0)}},
			{name: "dau tu", f: plan.TaskFilter{Query: "DAU TU"}, want: []int64{id(1)}},
			{name: "with diacritics", f: plan.TaskFilter{Query: "Đầu tư"}, want: []int64{id(1)}},
			{name: "words anywhere", f: plan.TaskFilter{Query: "so chuyen"}, want: []int64{id(0)}},
			{name: "product searched", f: plan.TaskFilter{Query: "hoi nghi"}, want: []int64{id(0)}},
			{name: "percent is no wildcard", f: plan.TaskFilter{Query: "50% dịch"}, want: []int64{x(0)}},
			{name: "underscore literal", f: plan.TaskFilter{Query: "a_b"}, want: []int64{x(2)}},
			{name: "whole syllables, not substrings", f: plan.TaskFilter{Query: "50 dich"}, want: []int64{x(0)}},
			{name: "no prefix match", f: plan.TaskFilter{Query: "dat 5"}, want: nil},
			{name: "no match", f: plan.TaskFilter{Query: "không có gì"}, want: nil},
			{name: "lead or coop", f: plan.TaskFilter{AgencyID: ag["khcn"]}, want: []int64{id(0), id(1), id(2)}},
			{name: "coop only", f: plan.TaskFilter{AgencyID: ag["xa"]}, want: []int64{id(1)}},
			{name: "mention is not assignment", f: plan.TaskFilter{AgencyID: ag["mttq"]}, want: nil},
			{name: "section with descendants", f: plan.TaskFilter{SectionID: d.Sections[3].ID}, want: []int64{id(2), id(3), x(0), x(1), x(2), x(3)}},
			{name: "leaf section", f: plan.TaskFilter{SectionID: d.Sections[4].ID}, want: []int64{id(2)}},
			{name: "part", f: plan.TaskFilter{SectionID: d.Sections[1].ID, Query: "ra soat"}, want: []int64{id(2)}},
			{name: "section of another plan", f: plan.TaskFilter{SectionID: other}, want: nil},
			{name: "due order, none last", f: plan.TaskFilter{Sort: "due", AgencyID: ag["khcn"]}, want: []int64{id(0), id(1), id(2)}},
			{name: "due order", f: plan.TaskFilter{Sort: "due", SectionID: d.Sections[1].ID, Limit: 4}, want: []int64{id(0), id(1), id(3), id(2)}, total: 8},
		} {
			t.Run(c.name, func(t *testing.T) {
				c.f.PlanID = d.Plan.ID
				got, total, err := s.Tasks(ctx, c.f)
				must(t, err)
				if ids := taskIDs(got); !slices.Equal(ids, c.want) {
					t.Errorf("tasks %v, want %v", ids, c.want)
				}
				if c.total == 0 {
					c.total = len(c.want)
				}
				if total != c.total {
					t.Errorf("total %d, want %d", total, c.total)
				}
			})
		}

		// The list carries cooperating agencies, in assigned order.
		got, _, err := s.Tasks(ctx, plan.TaskFilter{PlanID: d.Plan.ID, Limit: 2})
		must(t, err)
		if !reflect.DeepEqual(got[1].CooperatingAgencyIDs, []int64{ag["xa"], ag["khcn"]}) {
			t.Errorf("coop ids %v", got[1].CooperatingAgencyIDs)
		}

		_, _, err = s.Tasks(ctx, plan.TaskFilter{PlanID: d.Plan.ID, Status: "later"})
		if err == nil {
			t.Error("unknown status accepted")
		}
		_, _, err = s.Tasks(ctx, plan.TaskFilter{PlanID: d.Plan.ID, Sort: "title"})
		if err == nil {
			t.Error("unknown sort accepted")
		}
	})
}

// seedOtherPlan stores a second plan with one section and returns that section's ID.
func seedOtherPlan(t *testing.T, s *Store) int64 {
	d := &plan.Draft{Plan: plan.Plan{Title: "Kế hoạch khác"},
		Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Label: "I", HoldsTasks: true}, Parent: -1}},
		Tasks:    []plan.DraftTask{{Section: 0, Task: plan.Task{Text: "Chuyển đổi số ở nơi khác"}}},
	}
	_, err := s.CreatePlan(context.Background(), 0, d)
	must(t, err)
	return d.Sections[0].ID
}

func TestTasksPaging(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		d := bigDraft(620, plan.Date(2025, 1, 1))
		planID, err := s.CreatePlan(ctx, 0, d)
		must(t, err)
		all := make([]int64, len(d.Tasks))
		for i := range d.Tasks {
			all[i] = d.Tasks[i].ID
		}
		for _, c := range []struct {
			limit, offset int
			wantLen       int
			wantFirst     int
		}{
			{0, 0, 50, 0}, // default limit
			{10, 0, 10, 0},
			{10, 615, 5, 615}, // last, short page: total without a count
			{1000, 0, 500, 0}, // max limit
			{10, 620, 0, 0},   // past the end: total still right
			{10, -5, 10, 0},
		} {
			got, total, err := s.Tasks(ctx, plan.TaskFilter{PlanID: planID, Limit: c.limit, Offset: c.offset})
			must(t, err)
			if len(got) != c.wantLen || total != 620 {
				t.Errorf("limit %d offset %d: %d tasks, total %d", c.limit, c.offset, len(got), total)
				continue
			}
			if len(got) > 0 && !slices.Equal(taskIDs(got), all[c.wantFirst:c.wantFirst+c.wantLen]) {
				t.Errorf("limit %d offset %d: wrong page", c.limit, c.offset)
			}
		}
		// Due order is total: pages do not overlap or skip.
		var seen []int64
		for off := 0; off < 620; off += 100 {
			got, _, err := s.Tasks(ctx, plan.TaskFilter{PlanID: planID, Sort: "due", Limit: 100, Offset: off})
			must(t, err)
			seen = append(seen, taskIDs(got)...)
		}
		slices.Sort(seen)
		if !slices.Equal(slices.Compact(seen), all) {
			t.Errorf("due-order pages cover %d distinct tasks of %d", len(slices.Compact(seen)), len(all))
		}
	})
}

// statusCases is a table of tasks around today = 15/6/2025 covering every
// branch of plan.ComputeStatus (claims of accepted reports included) and
// the edges of the due-soon window.
func statusCases(today time.Time) []plan.Task {
	var tasks []plan.Task
	dues := []time.Time{{}}
	for _, off := range []int{-30, -1, 0, 1, 3, 6, 7, 8, 60} {
		dues = append(dues, today.AddDate(0, 0, off))
	}
	for _, due := range dues {
		completions := []time.Time{{}, today.AddDate(0, 0, -3)}
		if !due.IsZero() {
			completions = append(completions, due.AddDate(0, 0, -1), due, due.AddDate(0, 0, 1))
		}
		for _, done := range completions {
			for _, progress := range []int{0, 40} {
				for _, reported := range []time.Time{{}, time.Date(2025, 6, 1, 3, 0, 0, 0, time.UTC)} {
					kind := plan.DeadlineDate
					if due.IsZero() {
						kind = plan.DeadlineContinuous
					}
					// An accepted report carries a claim; without one there is none.
					claims := []plan.Claim{plan.ClaimNone}
					if !reported.IsZero() {
						claims = []plan.Claim{plan.ClaimInProgress, plan.ClaimNotStarted, plan.ClaimPaused, plan.ClaimCancelled}
					}
					for _, claim := range claims {
						tasks = append(tasks, plan.Task{
							Text: fmt.Sprintf("due %s done %s progress %d reported %t claim %s",
								dateArg(due), dateArg(done), progress, !reported.IsZero(), claim),
							Deadline:    plan.Deadline{Kind: kind, Due: due},
							CompletedOn: done, Progress: progress, ReportedAt: reported, Claim: claim,
						})
					}
				}
			}
		}
	}
	return tasks
}

// perPeriodCases are recurring and continuous tasks carrying every kind
// of claim, of the period starting on cur, of the one before (prev), or
// none, for plan.StatusInPeriod's branches.
func perPeriodCases(prev, cur, due time.Time) []plan.Task {
	var tasks []plan.Task
	reported := time.Date(2025, 3, 20, 3, 0, 0, 0, time.UTC)
	for _, kind := range []plan.DeadlineKind{plan.DeadlineContinuous, plan.DeadlineRecurring} {
		for _, period := range []time.Time{{}, prev, cur} {
			claims := []plan.Claim{plan.ClaimNone}
			if !period.IsZero() {
				claims = plan.Claims
			}
			for _, claim := range claims {
				dones := []time.Time{{}}
				if claim == plan.ClaimCompleted {
					dones = []time.Time{due.AddDate(0, 0, -5), due, due.AddDate(0, 0, 3)}
				}
				for _, done := range dones {
					for _, progress := range []int{0, 40} {
						t := plan.Task{Deadline: plan.Deadline{Kind: kind, Every: "quarter"}, Progress: progress,
							Claim: claim, ClaimPeriod: period, CompletedOn: done}
						if claim == plan.ClaimCompleted {
							t.Progress = 100
						}
						if !period.IsZero() {
							t.ReportedAt = reported
						}
						t.Text = fmt.Sprintf("%s claim %s of %s done %s progress %d", kind, claim, dateArg(period), dateArg(done), t.Progress)
						tasks = append(tasks, t)
					}
				}
			}
		}
	}
	return tasks
}

// TestStatusFilterMatchesStatusNow checks the list's SQL status filters
// against plan.StatusNow, the one status every surface shows: tasks with a
// fixed due day around the day, and recurring and continuous tasks with
// claims of the current period, the previous one or none, judged on days
// before, in, near the end of and after the current period's report due
// day, and with no period at all.
func TestStatusFilterMatchesStatusNow(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		today := plan.Date(2025, 6, 15)
		prev, cur, due := plan.Date(2025, 1, 1), plan.Date(2025, 4, 1), plan.Date(2025, 6, 10)
		for _, cases := range [][]plan.Task{statusCases(today), perPeriodCases(prev, cur, due)} {
			statusFilterCheck(t, s, cases, today, plan.PeriodSpan{Start: cur, Due: due, Label: "Quý II/2025"})
		}
	})
}

// statusFilterCheck stores a plan of tasks (at most MaxTaskLimit) and
// compares every status filter with plan.StatusNow on days around today
// and around period's due day, with and without the period.
func statusFilterCheck(t *testing.T, s *Store, tasks []plan.Task, today time.Time, period plan.PeriodSpan) {
	t.Helper()
	ctx := context.Background()
	d := &plan.Draft{Plan: plan.Plan{Title: "Trạng thái"},
		Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Label: "III"}, Parent: -1}}}
	for _, tk := range tasks {
		d.Tasks = append(d.Tasks, plan.DraftTask{Task: tk})
	}
	planID, err := s.CreatePlan(ctx, 0, d)
	must(t, err)
	// Claims are kept by AcceptReport; set them directly here.
	for _, tk := range d.Tasks {
		if tk.Claim != plan.ClaimNone {
			_, err := s.exec(ctx, s.w, `UPDATE tasks SET claim_status = ?, claim_period_start = ? WHERE id = ?`,
				string(tk.Claim), dateArg(tk.ClaimPeriod), tk.ID)
			must(t, err)
		}
	}
	stored, total, err := s.Tasks(ctx, plan.TaskFilter{PlanID: planID, Limit: MaxTaskLimit})
	must(t, err)
	if total != len(d.Tasks) || total > MaxTaskLimit {
		t.Fatalf("%d tasks stored, %d read", len(d.Tasks), total)
	}
	{
		var nows []plan.Now
		for _, dueSoon := range []int{0, 3, 7, 30} {
			// The day may come with a time of day; only its date counts.
			for _, day := range []time.Time{today, today.Add(23 * time.Hour)} {
				nows = append(nows, plan.Now{Day: day, DueSoon: dueSoon}, plan.Now{Day: day, DueSoon: dueSoon, Period: period})
			}
		}
		for _, day := range []time.Time{period.Start.AddDate(0, 0, -10), period.Start.AddDate(0, 0, 14),
			period.Due.AddDate(0, 0, -5), period.Due, period.Due.AddDate(0, 0, 1)} {
			nows = append(nows, plan.Now{Day: day, Period: period})
		}
		for _, now := range nows {
			covered := 0
			for _, st := range append(plan.Statuses, "open") {
				var want []int64
				for i := range stored {
					got := plan.StatusNow(&stored[i], now).Status
					if got == st || st == "open" && got.Open() {
						want = append(want, stored[i].ID)
					}
				}
				for _, limit := range []int{MaxTaskLimit, 5} {
					list, n, err := s.Tasks(ctx, plan.TaskFilter{PlanID: planID, Status: string(st), Now: now, Limit: limit})
					must(t, err)
					got := taskIDs(list)
					if limit < len(want) { // a first page: the total is counted (or kept, for "open")
						if !slices.Equal(got, want[:limit]) || n != len(want) {
							t.Errorf("status %s on %s (period %t): first page %v, total %d; StatusNow %v…, %d in all",
								st, dateArg(now.Day), !now.Period.IsZero(), got, n, want[:limit], len(want))
						}
						continue
					}
					if !slices.Equal(got, want) || n != len(want) {
						t.Errorf("status %s on %s, due soon %d (period %t): SQL gives %d tasks (total %d), StatusNow %d",
							st, dateArg(now.Day), now.DueSoon, !now.Period.IsZero(), len(got), n, len(want))
						for _, tk := range list {
							if !slices.Contains(want, tk.ID) {
								t.Logf("  SQL only: %s → %s", tk.Text, plan.StatusNow(&tk, now).Status)
							}
						}
						for _, tk := range stored {
							if slices.Contains(want, tk.ID) && !slices.Contains(got, tk.ID) {
								t.Logf("  StatusNow only: %s → %s", tk.Text, plan.StatusNow(&tk, now).Status)
							}
						}
					}
				}
				if st != "open" {
					covered += len(want)
				}
			}
			if covered != len(stored) {
				t.Errorf("statuses cover %d of %d tasks", covered, len(stored))
			}
		}
	}
}

// TestTaskCountsFollowWrites checks the plan's kept counts (read for the
// totals of the plain and open lists) against a real count after each
// kind of write.
func TestTaskCountsFollowWrites(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		d := seedPlan(t, s, ag)
		seedOtherPlan(t, s)
		// The current period, for the open list judged per period: its
		// first day is that of the claims set below.
		now := plan.Now{Day: plan.Date(2025, 5, 1), Period: plan.PeriodSpan{Start: plan.Date(2025, 4, 1), Due: plan.Date(2025, 6, 10)}}
		check := func(step string) {
			t.Helper()
			for _, st := range []string{"", "open", "open now"} {
				f := plan.TaskFilter{PlanID: d.Plan.ID, Status: st, Limit: 1}
				if st == "open now" {
					f.Status, f.Now = "open", now
				}
				_, total, err := s.Tasks(ctx, f)
				must(t, err)
				var want int
				switch st {
				case "open now": // recounted by StatusNow
					all, _, err := s.Tasks(ctx, plan.TaskFilter{PlanID: d.Plan.ID, Limit: MaxTaskLimit})
					must(t, err)
					for i := range all {
						if plan.StatusNow(&all[i], now).Status.Open() {
							want++
						}
					}
				case "open":
					must(t, s.queryRow(ctx, s.r, `SELECT COUNT(*) FROM tasks WHERE plan_id = ? AND completed_on IS NULL`, d.Plan.ID).Scan(&want))
				default:
					must(t, s.queryRow(ctx, s.r, `SELECT COUNT(*) FROM tasks WHERE plan_id = ?`, d.Plan.ID).Scan(&want))
				}
				if total != want {
					t.Errorf("%s: status %q total %d, counted %d", step, st, total, want)
				}
			}
		}
		check("created")
		tk := plan.Task{SectionID: d.Sections[2].ID, Text: "Thêm", CompletedOn: plan.Date(2025, 1, 2)}
		must(t, s.CreateTask(ctx, 0, &tk))
		check("completed task added")
		got, err := s.Task(ctx, d.Tasks[0].ID)
		must(t, err)
		got.CompletedOn = plan.Date(2025, 6, 1)
		must(t, s.UpdateTask(ctx, 0, got))
		check("task completed")
		got.Progress = 50
		must(t, s.UpdateTask(ctx, 0, got))
		check("progress only")
		got.CompletedOn = time.Time{}
		must(t, s.UpdateTask(ctx, 0, got))
		check("completion withdrawn")
		// Tasks judged per period: completed in an earlier period (open
		// again now), completed in this one (done), and one turned into a
		// task with a fixed due day.
		cont := plan.Deadline{Kind: plan.DeadlineContinuous, Text: "Thường xuyên"}
		var per []int64
		for _, p := range []struct {
			period time.Time
			done   bool
		}{{plan.Date(2025, 1, 1), true}, {plan.Date(2025, 4, 1), true}, {plan.Date(2025, 4, 1), false}, {time.Time{}, false}} {
			tk := plan.Task{SectionID: d.Sections[2].ID, Text: "Thường xuyên", Deadline: cont}
			if p.done {
				tk.CompletedOn = p.period.AddDate(0, 1, 0)
			}
			must(t, s.CreateTask(ctx, 0, &tk))
			if !p.period.IsZero() {
				claim := plan.ClaimInProgress
				if p.done {
					claim = plan.ClaimCompleted
				}
				_, err := s.exec(ctx, s.w, `UPDATE tasks SET claim_status = ?, claim_period_start = ? WHERE id = ?`,
					string(claim), dateArg(p.period), tk.ID)
				must(t, err)
			}
			per = append(per, tk.ID)
		}
		check("tasks judged per period added")
		_, err = s.exec(ctx, s.w, `UPDATE tasks SET completed_on = NULL, claim_status = 'in_progress' WHERE id = ?`, per[1])
		must(t, err)
		check("a period's completion withdrawn")
		_, err = s.exec(ctx, s.w, `UPDATE tasks SET deadline_kind = 'date', due_date = '2025-12-31' WHERE id = ?`, per[0])
		must(t, err)
		check("per-period task given a fixed due day")
		_, err = s.exec(ctx, s.w, `UPDATE tasks SET completed_on = '2025-04-20', claim_status = 'completed' WHERE id = ?`, per[2])
		must(t, err)
		check("per-period task completed in the period")
	})
}
