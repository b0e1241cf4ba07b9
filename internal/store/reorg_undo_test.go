package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
	"tiendo/internal/store/dbtest"
)

// sameDigest fails t with the first rows that differ between two digests.
func sameDigest(t *testing.T, want, got map[string]string) {
	t.Helper()
	n := 0
	for k, v := range want {
		if got[k] != v && n < 5 {
			t.Errorf("row %s:\n was %s\n now %s", k, v, got[k])
			n++
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok && n < 5 {
			t.Errorf("row %s is new: %s", k, v)
			n++
		}
	}
}

// TestReorgUndo merges the Sở TT&TT and the Sở Tài chính into a new Sở
// on 15/05/2025 (applied 20/05) and undoes it on 25/05: every row the
// merge wrote — the agencies, T1's lead, the cooperation on T4, the
// accounts, TTTT's Q2 draft with its 50 % and 55, TC's sent Q2 report
// (which stays), the new agency — is as it was, column by column, and
// the Q2 dashboard gives the figures of before. The undo window closes
// when the third quarter starts; an undone merge cannot be undone twice.
func TestReorgUndo(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		w := newReorgWorld(t, s)
		day := plan.Date(2025, 5, 20)
		before, err := s.Digest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		dashBefore := w.dash(t, w.q2, day)

		r := &agency.Reorganisation{Kind: agency.ReorgMerge, From: []int64{w.tttt, w.khcn},
			New: &agency.Agency{Name: "Sở Khoa học, Công nghệ và Truyền thông"}, Effective: plan.Date(2025, 5, 15),
			Decision: "15/QĐ-UBND", Today: day}
		res, err := s.Reorganise(ctx, 0, r, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.ID == 0 || !res.UndoUntil.Equal(w.q2.End.AddDate(0, 0, 1)) {
			t.Fatalf("record %d, undo until %v; want the first day of Q3", res.ID, res.UndoUntil)
		}
		if d := w.dash(t, w.q2, day); d.Reports.Expected != 2 {
			t.Fatalf("after the merge Q2 expects %d reports, want 2 (the new Sở, TC)", d.Reports.Expected)
		}
		recs, err := s.Reorganisations(ctx)
		if err != nil || len(recs) != 1 || !recs[0].Undoable(day) || recs[0].Summary["tasks"] != 2 ||
			!strings.Contains(recs[0].Label, "→ Sở Khoa học, Công nghệ và Truyền thông") {
			t.Fatalf("records %+v, %v", recs, err)
		}

		// A dry run says what it would do and keeps the merge.
		pre, err := s.UndoReorganisation(ctx, 0, res.ID, plan.Date(2025, 5, 25), true)
		if err != nil {
			t.Fatal(err)
		}
		if pre.Removed == 0 || pre.Restored == 0 {
			t.Fatalf("dry run %+v", pre)
		}
		if a, _ := s.Agency(ctx, w.tttt); a.ValidTo.IsZero() {
			t.Fatal("the dry run undid the merge")
		}
		// Too late: the third quarter has started.
		var re *agency.ReorgError
		if _, err := s.UndoReorganisation(ctx, 0, res.ID, plan.Date(2025, 7, 1), false); !errors.As(err, &re) ||
			!strings.Contains(re.Fields()["undo"], "01/07/2025") {
			t.Fatalf("undo in Q3: %v", err)
		}

		if _, err := s.UndoReorganisation(ctx, 0, res.ID, plan.Date(2025, 5, 25), false); err != nil {
			t.Fatal(err)
		}
		after, err := s.Digest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sameDigest(t, before, after)
		if d := w.dash(t, w.q2, day); d.Reports != dashBefore.Reports || !equalCounts(d.Status, dashBefore.Status) {
			t.Errorf("Q2 after undo: reports %+v, statuses %v; were %+v, %v", d.Reports, d.Status,
				dashBefore.Reports, dashBefore.Status)
		}
		if _, err := s.Agency(ctx, res.SuccessorID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the new agency is still there: %v", err)
		}
		if _, err := s.UndoReorganisation(ctx, 0, res.ID, plan.Date(2025, 5, 26), false); !errors.As(err, &re) ||
			!strings.Contains(re.Fields()["undo"], "đã được hoàn tác") {
			t.Errorf("second undo: %v", err)
		}
		// The same decision can be applied again.
		if _, err := s.Reorganise(ctx, 0, r, false); err != nil {
			t.Errorf("applying again after undo: %v", err)
		}
	})
}

// TestReorgUndoRefusedAfterWork refuses to undo a merge once the successor
// has written in the Q2 report the merge gave it: undo would lose that
// entry. Nothing changes.
func TestReorgUndoRefusedAfterWork(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		w := newReorgWorld(t, s)
		r := &agency.Reorganisation{Kind: agency.ReorgMerge, From: []int64{w.tttt}, Into: w.khcn,
			Effective: plan.Date(2025, 5, 15), Decision: "16/QĐ-UBND", Today: plan.Date(2025, 5, 20)}
		res, err := s.Reorganise(ctx, 0, r, false)
		if err != nil {
			t.Fatal(err)
		}
		k, err := s.ReportFor(ctx, w.q2.ID, w.khcn)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range k.Entries {
			if e.TaskID == w.t1 {
				e.Percent = 70
				if err := s.SaveEntry(ctx, reporting.Actor{User: w.heads[w.khcn], Now: plan.Date(2025, 5, 22)}, k.ID, &e); err != nil {
					t.Fatal(err)
				}
			}
		}
		mid, err := s.Digest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var re *agency.ReorgError
		if _, err := s.UndoReorganisation(ctx, 0, res.ID, plan.Date(2025, 5, 25), false); !errors.As(err, &re) ||
			!strings.Contains(re.Fields()["undo"], "báo cáo mã") {
			t.Fatalf("undo after the successor wrote: %v", err)
		}
		now, err := s.Digest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sameDigest(t, mid, now)
	})
}

// TestReorgUndoBatchAndLater: two reorganisations applied together (a
// mapping: TTTT into KHCN, TC renamed) are undone together, whichever is
// named; and a merge followed by another reorganisation that moves the
// same task (KHCN renamed) cannot be undone while the later one stands —
// undoing the later one first makes it possible.
func TestReorgUndoBatchAndLater(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, db *dbtest.DB) {
		ctx := context.Background()
		s := db.Open(t)
		w := newReorgWorld(t, s)
		day := plan.Date(2025, 5, 20)
		start, err := s.Digest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.ReorganiseAll(ctx, 0, []*agency.Reorganisation{
			{Kind: agency.ReorgMerge, From: []int64{w.tttt}, Into: w.khcn, Effective: plan.Date(2025, 5, 15), Decision: "20/QĐ", Today: day},
			{Kind: agency.ReorgRename, From: []int64{w.tc}, New: &agency.Agency{Name: "Sở Tài chính và Kế hoạch"},
				Effective: plan.Date(2025, 5, 15), Decision: "20/QĐ", Today: day},
		}, false)
		if err != nil {
			t.Fatal(err)
		}
		undo, err := s.UndoReorganisation(ctx, 0, res[0].ID, day, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(undo.IDs) != 2 || undo.IDs[0] != res[1].ID {
			t.Errorf("undone %v, want both, the last applied first (%d, %d)", undo.IDs, res[1].ID, res[0].ID)
		}
		now, err := s.Digest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sameDigest(t, start, now)

		first, err := s.Reorganise(ctx, 0, &agency.Reorganisation{Kind: agency.ReorgMerge, From: []int64{w.tttt}, Into: w.khcn,
			Effective: plan.Date(2025, 5, 15), Decision: "21/QĐ", Today: day}, false)
		if err != nil {
			t.Fatal(err)
		}
		mid, err := s.Digest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		later, err := s.Reorganise(ctx, 0, &agency.Reorganisation{Kind: agency.ReorgRename, From: []int64{w.khcn},
			New:       &agency.Agency{Name: "Sở Khoa học, Công nghệ và Chuyển đổi số"},
			Effective: plan.Date(2025, 5, 16), Decision: "22/QĐ", Today: day}, false)
		if err != nil {
			t.Fatal(err)
		}
		var re *agency.ReorgError
		if _, err := s.UndoReorganisation(ctx, 0, first.ID, day, false); !errors.As(err, &re) ||
			!strings.Contains(re.Fields()["undo"], "nhiệm vụ mã") {
			t.Fatalf("undoing the first merge under the later one: %v", err)
		}
		if _, err := s.UndoReorganisation(ctx, 0, later.ID, day, false); err != nil {
			t.Fatal(err)
		}
		now, err = s.Digest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sameDigest(t, mid, now)
		if _, err := s.UndoReorganisation(ctx, 0, first.ID, day, false); err != nil {
			t.Fatalf("undoing the first merge once the later one is undone: %v", err)
		}
		now, err = s.Digest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sameDigest(t, start, now)
	})
}
