package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/derrors"
)

func TestCreateAgency(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	if err := f.app.CreateAgency(ctx, f.head, &agency.Agency{Name: "Sở Y tế", Kind: agency.KindDepartment}); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a head adds an agency: %v, want Forbidden", err)
	}
	err := f.app.CreateAgency(ctx, f.admin, &agency.Agency{Name: " ", Kind: "la"})
	if fe := derrors.FieldsOf(err); !errors.Is(err, derrors.Invalid) || fe["name"] == "" || fe["kind"] == "" {
		t.Errorf("blank name, unknown kind: %v", err)
	}
	err = f.app.CreateAgency(ctx, f.coordinator, &agency.Agency{Name: "sở tài chính", Kind: agency.KindDepartment})
	if fe := derrors.FieldsOf(err); fe["name"] != agency.NameTakenMessage {
		t.Errorf("a name taken: %v", err)
	}
	a := &agency.Agency{Name: " Sở  Y tế ", Aliases: []string{"SYT", "syt"}, Kind: agency.KindDepartment, ParentID: f.ubnd}
	if err := f.app.CreateAgency(ctx, f.coordinator, a); err != nil {
		t.Fatal(err)
	}
	stored, err := f.app.Agency(ctx, a.ID)
	if err != nil || stored.Name != "Sở Y tế" || len(stored.Aliases) != 1 || stored.ParentID != f.ubnd {
		t.Errorf("stored %+v, %v", stored, err)
	}
}

func TestUpdateAgency(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ended, err := f.app.Agency(ctx, f.ended)
	if err != nil {
		t.Fatal(err)
	}

	// A correction keeps what a reorganisation set (the successor).
	ed := &agency.Agency{ID: f.ended, Version: ended.Version, Name: ended.Name, ShortName: "Sở TT&TT",
		Kind: ended.Kind, ValidTo: ended.ValidTo}
	got, err := f.app.UpdateAgency(ctx, f.coordinator, ed)
	if err != nil {
		t.Fatal(err)
	}
	if got.ShortName != "Sở TT&TT" || got.SuccessorID != f.khcn || got.Version != ended.Version+1 {
		t.Errorf("updated %+v", got)
	}

	// The version read is stale now.
	_, err = f.app.UpdateAgency(ctx, f.coordinator, ed)
	if !errors.Is(err, derrors.Conflict) || !strings.Contains(derrors.MessageOf(err), "người khác sửa") {
		t.Errorf("stale version: %v", err)
	}
	// A parent under the agency itself would make a cycle.
	khcn, _ := f.app.Agency(ctx, f.khcn)
	child := &agency.Agency{Name: "Trung tâm", Kind: agency.KindUnit, ParentID: f.khcn}
	if err := f.app.CreateAgency(ctx, f.admin, child); err != nil {
		t.Fatal(err)
	}
	ed = &agency.Agency{ID: f.khcn, Version: khcn.Version, Name: khcn.Name, Kind: khcn.Kind, ParentID: child.ID}
	_, err = f.app.UpdateAgency(ctx, f.coordinator, ed)
	if fe := derrors.FieldsOf(err); !strings.Contains(fe["parent_id"], "vòng lặp") {
		t.Errorf("parent cycle: %v", err)
	}
	if fe, err := f.app.CheckAgency(ctx, f.coordinator, ed); err != nil || fe["parent_id"] == "" {
		t.Errorf("CheckAgency: %v, %v", fe, err)
	}
	if _, err := f.app.UpdateAgency(ctx, f.coordinator, &agency.Agency{ID: 999999, Name: "X", Kind: agency.KindOther}); !errors.Is(err, derrors.NotFound) {
		t.Errorf("unknown agency: %v", err)
	}
	if _, err := f.app.UpdateAgency(ctx, f.officer, ed); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("an officer edits: %v", err)
	}
}
