package store

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
)

func TestCreateTask(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		d := seedPlan(t, s, ag)
		sec := d.Sections[2].Section // III.1 holds two tasks

		nt := plan.Task{
			SectionID: sec.ID, Title: "Tuyên truyền", Text: norm.NFD.String("Đẩy mạnh tuyên truyền về chuyển đổi số"),
			LeadAgencyID: ag["mttq"], CooperatingAgencyIDs: []int64{ag["xa"], ag["xa"], 0, ag["tc"]},
			Deadline:   plan.Deadline{Kind: plan.DeadlineMonth, Text: "tháng 9/2025", Due: plan.Date(2025, 9, 30)},
			References: []plan.Reference{{Kind: "Nghị quyết", Number: "71/NQ-CP"}, {Kind: "Luật", Number: "93/2025/QH15"}},
		}
		must(t, s.CreateTask(ctx, 0, &nt))
		if nt.ID == 0 || nt.Ord != 3 || nt.Version != 1 || nt.PlanID != d.Plan.ID {
			t.Errorf("after create: id %d ord %d version %d plan %d", nt.ID, nt.Ord, nt.Version, nt.PlanID)
		}
		if want := []int64{ag["xa"], ag["tc"]}; !reflect.DeepEqual(nt.CooperatingAgencyIDs, want) {
			t.Errorf("coop ids %v, want %v", nt.CooperatingAgencyIDs, want)
		}
		got, err := s.Task(ctx, nt.ID)
		must(t, err)
		if !reflect.DeepEqual(*got, nt) {
			t.Errorf("read back\n got %+v\nwant %+v", *got, nt)
		}
		if got.Text != "Đẩy mạnh tuyên truyền về chuyển đổi số" {
			t.Errorf("text not NFC: %q", got.Text)
		}
		if got.References[0].ID != d.Tasks[0].References[0].ID {
			t.Error("a known document was stored again")
		}

		// Explicit Ord is kept.
		at := plan.Task{SectionID: sec.ID, Text: "Chen", Ord: 10}
		must(t, s.CreateTask(ctx, 0, &at))
		if at.Ord != 10 {
			t.Errorf("ord %d, want 10", at.Ord)
		}

		// Bad references.
		wantErr(t, s.CreateTask(ctx, 0, &plan.Task{SectionID: 99999, Text: "x"}), ErrReference)
		wantErr(t, s.CreateTask(ctx, 0, &plan.Task{PlanID: d.Plan.ID + 1, SectionID: sec.ID, Text: "x"}), ErrReference)
		wantErr(t, s.CreateTask(ctx, 0, &plan.Task{SectionID: sec.ID, Text: "x", LeadAgencyID: 99999}), ErrReference)

		_, err = s.Task(ctx, 99999)
		wantErr(t, err, ErrNotFound)
	})
}

func TestUpdateTask(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		d := seedPlan(t, s, ag)
		tk, err := s.Task(ctx, d.Tasks[0].ID)
		must(t, err)
		stale := *tk

		tk.LeadAgencyID = ag["tc"]
		tk.CooperatingAgencyIDs = []int64{ag["khcn"], ag["xa"]}
		tk.Deadline = plan.Deadline{Kind: plan.DeadlineDate, Text: "30/9/2025", Due: plan.Date(2025, 9, 30)}
		tk.Product = norm.NFD.String("Báo cáo kết quả")
		tk.Progress = 40
		tk.ReportedAt = time.Date(2025, 7, 10, 8, 30, 0, 123456000, time.UTC)
		tk.SectionID = d.Sections[5].ID // move to III.2.2, at its end
		tk.Ord = 0
		actor := auth.User{Username: "dieuphoi", Role: auth.RoleCoordinator}
		must(t, s.CreateUser(ctx, 0, &actor, "hash"))
		must(t, s.UpdateTask(ctx, actor.ID, tk))
		if tk.Version != 2 || tk.Ord != 2 {
			t.Errorf("after update: version %d ord %d", tk.Version, tk.Ord)
		}
		got, err := s.Task(ctx, tk.ID)
		must(t, err)
		if !reflect.DeepEqual(*got, *tk) {
			t.Errorf("read back\n got %+v\nwant %+v", *got, *tk)
		}
		if got.Product != "Báo cáo kết quả" {
			t.Errorf("product not NFC: %q", got.Product)
		}
		// The move shows in the section filter and counts.
		list, _, err := s.Tasks(ctx, plan.TaskFilter{PlanID: d.Plan.ID, SectionID: d.Sections[5].ID})
		must(t, err)
		if want := []int64{d.Tasks[3].ID, tk.ID}; !reflect.DeepEqual(taskIDs(list), want) {
			t.Errorf("III.2.2 tasks %v, want %v", taskIDs(list), want)
		}

		// The audit row says what changed.
		entries, err := s.AuditEntries(ctx, 1)
		must(t, err)
		e := entries[0]
		if e.Action != "task.update" || e.Object != "task" || e.ObjectID != tk.ID || e.UserID != actor.ID {
			t.Errorf("audit entry %+v", e)
		}
		var detail map[string]change
		must(t, json.Unmarshal([]byte(e.Detail), &detail))
		for _, f := range []string{"lead_agency_id", "cooperating_agency_ids", "due_date", "product", "progress", "section_id"} {
			if _, ok := detail[f]; !ok {
				t.Errorf("audit detail lacks %s: %s", f, e.Detail)
			}
		}
		if _, ok := detail["text"]; ok {
			t.Errorf("audit detail has unchanged text: %s", e.Detail)
		}

		// Stale version, missing task.
		stale.Title = "Sửa muộn"
		wantErr(t, s.UpdateTask(ctx, 0, &stale), ErrConflict)
		missing := plan.Task{ID: 99999, SectionID: tk.SectionID, Text: "x", Version: 1}
		wantErr(t, s.UpdateTask(ctx, 0, &missing), ErrNotFound)
		// A section of another plan.
		other, err := s.CreatePlan(ctx, 0, &plan.Draft{Plan: plan.Plan{Title: "Khác"},
			Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Label: "I"}, Parent: -1}}})
		must(t, err)
		osecs, err := s.Sections(ctx, other)
		must(t, err)
		tk.SectionID = osecs[0].ID
		wantErr(t, s.UpdateTask(ctx, 0, tk), ErrReference)
		wantErr(t, s.UpdateTask(ctx, 0, &plan.Task{ID: tk.ID, SectionID: 99999, Text: "x", Version: tk.Version}), ErrReference)

		// A closed plan refuses first, whatever the section (the plan's
		// state and the section's place are read together).
		p, err := s.Plan(ctx, d.Plan.ID)
		must(t, err)
		p.Status = plan.PlanClosed
		must(t, s.UpdatePlan(ctx, 0, p))
		wantErr(t, s.UpdateTask(ctx, 0, tk), ErrReadOnly)
		tk.SectionID = d.Sections[5].ID
		wantErr(t, s.UpdateTask(ctx, 0, tk), ErrReadOnly)
		wantErr(t, s.CreateTask(ctx, 0, &plan.Task{SectionID: d.Sections[5].ID, Text: "x"}), ErrReadOnly)
		wantErr(t, s.CreateTask(ctx, 0, &plan.Task{SectionID: 99999, Text: "x"}), ErrReference)
	})
}

func TestUpdateTaskKeepsLinks(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		d := seedPlan(t, s, ag)
		tk, err := s.Task(ctx, d.Tasks[0].ID)
		must(t, err)
		tk.Title = "Chỉ đổi tên"
		must(t, s.UpdateTask(ctx, 0, tk))
		got, err := s.Task(ctx, tk.ID)
		must(t, err)
		if !reflect.DeepEqual(got.References, d.Tasks[0].References) ||
			!reflect.DeepEqual(got.MentionedAgencyIDs, d.Tasks[0].MentionedAgencyIDs) ||
			!reflect.DeepEqual(got.CooperatingAgencyIDs, d.Tasks[0].CooperatingAgencyIDs) {
			t.Errorf("links changed: %+v", got)
		}
		// Completion and dropping every link.
		got.CompletedOn = plan.Date(2025, 6, 20)
		got.Progress = 100
		got.References = nil
		got.CooperatingAgencyIDs = nil
		got.MentionedAgencyIDs = nil
		must(t, s.UpdateTask(ctx, 0, got))
		again, err := s.Task(ctx, tk.ID)
		must(t, err)
		if again.References != nil || again.CooperatingAgencyIDs != nil || again.MentionedAgencyIDs != nil ||
			again.CompletedOn != plan.Date(2025, 6, 20) {
			t.Errorf("after clearing: %+v", again)
		}
	})
}

// TestConcurrentWrites saves tasks from 16 goroutines while others read:
// on SQLite the single write connection queues writers, so none fails with
// "database is locked"; version conflicts are retried.
func TestConcurrentWrites(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		d := bigDraft(40, plan.Date(2025, 1, 1))
		planID, err := s.CreatePlan(ctx, 0, d)
		must(t, err)
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for g := range 16 {
			wg.Go(func() {
				for i := range 10 {
					id := d.Tasks[(g*7+i)%len(d.Tasks)].ID
					for {
						tk, err := s.Task(ctx, id)
						if err != nil {
							errs <- err
							return
						}
						tk.Progress = (tk.Progress + 1) % 100
						if err = s.UpdateTask(ctx, 0, tk); errors.Is(err, ErrConflict) {
							continue
						}
						if err != nil {
							errs <- err
							return
						}
						break
					}
					if _, _, err := s.Tasks(ctx, plan.TaskFilter{PlanID: planID, Status: "open", Sort: "due"}); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		var sum int
		must(t, s.queryRow(ctx, s.r, `SELECT SUM(progress) FROM tasks WHERE plan_id = ?`, planID).Scan(&sum))
		if sum != 160 {
			t.Errorf("sum of progress %d, want 160 (one step per update)", sum)
		}
	})
}

// TestUpdateTaskSetsWhatChanged edits one task field group at a time —
// UpdateTask's UPDATE sets the indexed columns (place, lead, deadline
// kind and due day, completion) only when they change — and checks after
// each edit that the whole task reads back as saved, that its
// section_seq is its section's, and that the plan's counts kept by
// triggers equal a recount: an edit whose change was left out of the SET
// list would fail one of them.
func TestUpdateTaskSetsWhatChanged(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		d := seedPlan(t, s, ag)
		id := d.Tasks[0].ID
		edits := []struct {
			name string
			edit func(tk *plan.Task)
		}{
			{"product only", func(tk *plan.Task) { tk.Product = "Sản phẩm mới" }},
			{"place in its section", func(tk *plan.Task) { tk.Ord = 7 }},
			{"same place, named", func(tk *plan.Task) { tk.Title = "Cùng chỗ" }},
			{"another section, at its end", func(tk *plan.Task) { tk.SectionID, tk.Ord = d.Sections[5].ID, 0 }},
			{"another section, placed", func(tk *plan.Task) { tk.SectionID, tk.Ord = d.Sections[2].ID, 4 }},
			{"lead", func(tk *plan.Task) { tk.LeadAgencyID = ag["tc"] }},
			{"no lead", func(tk *plan.Task) { tk.LeadAgencyID = 0 }},
			{"due day", func(tk *plan.Task) {
				tk.Deadline = plan.Deadline{Kind: plan.DeadlineDate, Text: "30/9/2026", Due: plan.Date(2026, 9, 30)}
			}},
			{"another due day", func(tk *plan.Task) {
				tk.Deadline = plan.Deadline{Kind: plan.DeadlineDate, Text: "31/10/2026", Due: plan.Date(2026, 10, 31)}
			}},
			{"same due day, other words", func(tk *plan.Task) {
				tk.Deadline = plan.Deadline{Kind: plan.DeadlineMonth, Text: "tháng 10/2026", Due: plan.Date(2026, 10, 31)}
			}},
			{"completed", func(tk *plan.Task) { tk.CompletedOn, tk.Progress = plan.Date(2025, 6, 20), 100 }},
			{"recurring, completed", func(tk *plan.Task) {
				tk.Deadline = plan.Deadline{Kind: plan.DeadlineRecurring, Text: "hằng quý", Every: "quarter"}
			}},
			{"open again", func(tk *plan.Task) { tk.CompletedOn, tk.Progress = time.Time{}, 50 }},
			{"no deadline", func(tk *plan.Task) { tk.Deadline = plan.Deadline{} }},
			{"everything", func(tk *plan.Task) {
				tk.SectionID, tk.Ord, tk.LeadAgencyID = d.Sections[5].ID, 0, ag["mttq"]
				tk.Deadline = plan.Deadline{Kind: plan.DeadlineContinuous, Text: "thường xuyên"}
				tk.CompletedOn, tk.Progress = plan.Date(2025, 7, 1), 100
			}},
		}
		for _, e := range edits {
			tk, err := s.Task(ctx, id)
			must(t, err)
			e.edit(tk)
			must(t, s.UpdateTask(ctx, 0, tk))
			got, err := s.Task(ctx, id)
			must(t, err)
			if !reflect.DeepEqual(*got, *tk) {
				t.Errorf("%s: read back\n got %+v\nwant %+v", e.name, *got, *tk)
			}
			var seq, secSeq int
			must(t, s.queryRow(ctx, s.r, `SELECT t.section_seq, s.seq FROM tasks t JOIN sections s ON s.id = t.section_id
				WHERE t.id = ?`, id).Scan(&seq, &secSeq))
			if seq != secSeq {
				t.Errorf("%s: section_seq %d, the section's seq %d", e.name, seq, secSeq)
			}
			var kept, counted [3]int
			must(t, s.queryRow(ctx, s.r, `SELECT task_count, open_task_count, per_period_completed FROM plans WHERE id = ?`,
				d.Plan.ID).Scan(&kept[0], &kept[1], &kept[2]))
			must(t, s.queryRow(ctx, s.r, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN completed_on IS NULL THEN 1 ELSE 0 END), 0),
				COALESCE(SUM(CASE WHEN completed_on IS NOT NULL AND deadline_kind IN ('recurring', 'continuous') THEN 1 ELSE 0 END), 0)
				FROM tasks WHERE plan_id = ?`, d.Plan.ID).Scan(&counted[0], &counted[1], &counted[2]))
			if kept != counted {
				t.Errorf("%s: kept counts %v, recounted %v", e.name, kept, counted)
			}
		}
	})
}

// TestReadTaskLinks: readTask reads a task's agencies and its cited
// documents only when its row says it has some (taskLinkCols); a task
// with either, both or neither reads back as saved, by Task and inside
// UpdateTask (whose audit detail names only what changed).
func TestReadTaskLinks(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		d := seedPlan(t, s, ag)
		tk := plan.Task{SectionID: d.Sections[2].ID, Text: "Không liên kết"}
		must(t, s.CreateTask(ctx, 0, &tk))
		refs := []plan.Reference{{Kind: "Nghị quyết", Number: "71/NQ-CP"}}
		steps := []struct {
			name           string
			coop, mentions []int64
			refs           []plan.Reference
			changed        []string
		}{
			{"neither", nil, nil, nil, nil},
			{"cooperating only", []int64{ag["xa"]}, nil, nil, []string{"cooperating_agency_ids"}},
			{"mentioned only", nil, []int64{ag["tc"]}, nil, []string{"cooperating_agency_ids", "mentioned_agency_ids"}},
			{"documents only", nil, nil, refs, []string{"mentioned_agency_ids", "references"}},
			{"both", []int64{ag["xa"], ag["tc"]}, nil, refs, []string{"cooperating_agency_ids"}},
			{"both again, product", []int64{ag["xa"], ag["tc"]}, nil, refs, []string{"product"}},
			{"neither again", nil, nil, nil, []string{"cooperating_agency_ids", "references"}},
		}
		for i, st := range steps {
			cur, err := s.Task(ctx, tk.ID)
			must(t, err)
			cur.CooperatingAgencyIDs, cur.MentionedAgencyIDs, cur.References = st.coop, st.mentions, st.refs
			if st.name == "both again, product" {
				cur.Product = "Sản phẩm"
			}
			if i > 0 {
				must(t, s.UpdateTask(ctx, 0, cur))
				entries, err := s.AuditEntries(ctx, 1)
				must(t, err)
				var detail map[string]change
				must(t, json.Unmarshal([]byte(entries[0].Detail), &detail))
				var got []string
				for f := range detail {
					got = append(got, f)
				}
				slices.Sort(got)
				if !slices.Equal(got, st.changed) {
					t.Errorf("%s: audit detail names %v, want %v", st.name, got, st.changed)
				}
			}
			back, err := s.Task(ctx, tk.ID)
			must(t, err)
			if !slices.Equal(back.CooperatingAgencyIDs, st.coop) || !slices.Equal(back.MentionedAgencyIDs, st.mentions) ||
				len(back.References) != len(st.refs) || len(st.refs) > 0 && back.References[0].Number != st.refs[0].Number {
				t.Errorf("%s: read back coop %v mentions %v references %+v", st.name,
					back.CooperatingAgencyIDs, back.MentionedAgencyIDs, back.References)
			}
		}
	})
}
