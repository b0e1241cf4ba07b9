package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
)

// TestReorganise merges the Sở Nội vụ into the Sở Tài chính: refused to
// a head, refused when malformed or when the data says no, previewed
// without change, applied, listed, and undone once.
func TestReorganise(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	merge := func() *agency.Reorganisation {
		return &agency.Reorganisation{Kind: agency.ReorgMerge, From: []int64{f.noivu}, Into: f.taichinh,
			Effective: plan.Date(2025, 9, 1), Decision: "88/QĐ-UBND"}
	}
	active := func() bool {
		t.Helper()
		a, err := f.app.Agency(ctx, f.noivu)
		if err != nil {
			t.Fatal(err)
		}
		return a.ValidTo.IsZero()
	}

	if _, err := f.app.Reorganise(ctx, f.head, merge(), false); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a head reorganises: %v, want Forbidden", err)
	}
	bad := merge()
	bad.Decision = ""
	if _, err := f.app.Reorganise(ctx, f.coordinator, bad, false); derrors.FieldsOf(err)["decision"] == "" {
		t.Errorf("no decision: %v", err)
	}
	ended := merge()
	ended.From = []int64{f.ended}
	if _, err := f.app.Reorganise(ctx, f.coordinator, ended, true); !errors.Is(err, derrors.Invalid) ||
		!strings.Contains(derrors.FieldsOf(err)["from"], "không còn hoạt động") {
		t.Errorf("merging an ended agency: %v", err)
	}
	split := &agency.Reorganisation{Kind: agency.ReorgSplit, From: []int64{f.taichinh}, Into: f.noivu,
		Tasks: map[int64]int64{f.task1: f.khcn}, Effective: plan.Date(2025, 9, 1), Decision: "89/QĐ-UBND"}
	if _, err := f.app.Reorganise(ctx, f.coordinator, split, true); !strings.Contains(derrors.FieldsOf(err)["tasks"], "không phải nhiệm vụ") {
		t.Errorf("a split assigning another agency's task: %v", err)
	}

	pre, err := f.app.Reorganise(ctx, f.coordinator, merge(), true)
	if err != nil {
		t.Fatal(err)
	}
	if pre.ID != 0 || len(pre.Ended) != 1 || pre.Ended[0].To != f.taichinh || !active() {
		t.Errorf("dry run %+v; the Sở Nội vụ active: %v", pre, active())
	}
	res, err := f.app.Reorganise(ctx, f.coordinator, merge(), false)
	if err != nil {
		t.Fatal(err)
	}
	if res.ID == 0 || res.SuccessorID != f.taichinh || !res.UndoUntil.After(plan.Date(2025, 9, 1)) || active() {
		t.Errorf("applied %+v; the Sở Nội vụ active: %v", res, active())
	}

	if _, err := f.app.Reorganisations(ctx, f.officer); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("an officer reads the history: %v", err)
	}
	list, err := f.app.Reorganisations(ctx, f.coordinator)
	if err != nil || len(list) != 1 || list[0].ID != res.ID || !list[0].Undoable(f.app.Today()) ||
		list[0].Label != "Sở Nội vụ → Sở Tài chính" {
		t.Fatalf("history %+v, %v", list, err)
	}
	if _, err := f.app.Reorganisation(ctx, f.coordinator, 999999); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unknown record: %v", err)
	}

	if _, err := f.app.UndoReorganisation(ctx, f.head, res.ID, true); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a head undoes: %v", err)
	}
	if u, err := f.app.UndoReorganisation(ctx, f.coordinator, res.ID, true); err != nil || u.Restored == 0 || active() {
		t.Errorf("undo preview %+v, %v; active: %v", u, err, active())
	}
	if _, err := f.app.UndoReorganisation(ctx, f.coordinator, res.ID, false); err != nil || !active() {
		t.Errorf("undo: %v; active: %v", err, active())
	}
	_, err = f.app.UndoReorganisation(ctx, f.coordinator, res.ID, false)
	if !errors.Is(err, derrors.Conflict) || !strings.Contains(derrors.MessageOf(err), "đã được hoàn tác") ||
		derrors.FieldsOf(err)["undo"] == "" {
		t.Errorf("second undo: %v", err)
	}
}

// TestReorganiseAll refuses a whole mapping for one bad reorganisation,
// naming it by position, and applies nothing of it.
func TestReorganiseAll(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	day := plan.Date(2025, 9, 1)
	list := []*agency.Reorganisation{
		{Kind: agency.ReorgMerge, From: []int64{f.noivu}, Into: f.taichinh, Effective: day, Decision: "9/QĐ"},
		{Kind: agency.ReorgMerge, From: []int64{f.ended}, Into: f.khcn, Effective: day, Decision: "9/QĐ"},
	}
	if _, err := f.app.ReorganiseAll(ctx, f.coordinator, list, false); derrors.FieldsOf(err)["1.from"] == "" {
		t.Errorf("an ended agency in the mapping: %v", err)
	}
	if a, _ := f.app.Agency(ctx, f.noivu); !a.ValidTo.IsZero() {
		t.Error("the refused mapping merged the Sở Nội vụ")
	}
	list[1].Decision = ""
	if _, err := f.app.ReorganiseAll(ctx, f.coordinator, list, true); derrors.FieldsOf(err)["1.decision"] == "" {
		t.Errorf("a malformed reorganisation in the mapping: %v", err)
	}
	res, err := f.app.ReorganiseAll(ctx, f.coordinator, list[:1], false)
	if err != nil || len(res) != 1 || res[0].ID == 0 {
		t.Fatalf("applied %+v, %v", res, err)
	}
	if _, err := f.app.ReadReorgMapping(ctx, f.coordinator, []byte("không phải bảng tính")); !errors.Is(err, derrors.Invalid) ||
		derrors.MessageOf(err) == "" {
		t.Errorf("a file that is no sheet: %v", err)
	}
	if _, err := f.app.ReadReorgMapping(ctx, f.head, nil); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a head reads a mapping: %v", err)
	}
}
