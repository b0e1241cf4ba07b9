package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
)

func TestAgencyRoundTrip(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		parent := agency.Agency{Name: "Sở Khoa học và Công nghệ", Kind: agency.KindDepartment}
		must(t, s.CreateAgency(ctx, 0, &parent))
		a := agency.Agency{
			ParentID:  parent.ID,
			Name:      norm.NFD.String("Trung tâm Thông tin và Ứng dụng khoa học và công nghệ"),
			ShortName: "TT TT&ƯD KH&CN",
			Aliases:   []string{norm.NFD.String("Trung tâm Ứng dụng"), "  ", "Trung\ntâm  KHCN"},
			Kind:      agency.KindUnit,
			ValidFrom: plan.Date(2025, 7, 1),
		}
		must(t, s.CreateAgency(ctx, 0, &a))
		if a.ID == 0 || a.Version != 1 || a.CreatedAt.IsZero() {
			t.Fatalf("after create: %+v", a)
		}
		got, err := s.Agency(ctx, a.ID)
		must(t, err)
		if !reflect.DeepEqual(*got, a) {
			t.Errorf("read back\n got %+v\nwant %+v", *got, a)
		}
		if got.Name != "Trung tâm Thông tin và Ứng dụng khoa học và công nghệ" || !norm.NFC.IsNormalString(got.Aliases[0]) {
			t.Errorf("not stored in NFC: %q %q", got.Name, got.Aliases)
		}
		if want := []string{"Trung tâm Ứng dụng", "Trung tâm KHCN"}; !reflect.DeepEqual(got.Aliases, want) {
			t.Errorf("aliases = %q, want %q", got.Aliases, want)
		}
		_, err = s.Agency(ctx, a.ID+100)
		wantErr(t, err, ErrNotFound)

		bad := agency.Agency{Name: "X", Kind: agency.KindOther, ParentID: 9999}
		wantErr(t, s.CreateAgency(ctx, 0, &bad), ErrReference)
	})
}

func TestAgencyUpdate(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := agency.Agency{Name: "Sở Thông tin và Truyền thông", Kind: agency.KindDepartment}
		must(t, s.CreateAgency(ctx, 0, &a))
		b := agency.Agency{Name: "Sở Khoa học và Công nghệ", Kind: agency.KindDepartment}
		must(t, s.CreateAgency(ctx, 0, &b))

		stale := a
		a.ValidTo = plan.Date(2025, 3, 1)
		a.SuccessorID = b.ID
		must(t, s.UpdateAgency(ctx, 0, &a))
		if a.Version != 2 {
			t.Errorf("version after update = %d, want 2", a.Version)
		}
		got, err := s.Agency(ctx, a.ID)
		must(t, err)
		if !reflect.DeepEqual(*got, a) {
			t.Errorf("read back\n got %+v\nwant %+v", *got, a)
		}
		if got.ActiveOn(plan.Date(2025, 6, 1)) {
			t.Error("ended agency still active")
		}

		stale.ShortName = "Sở TT&TT"
		wantErr(t, s.UpdateAgency(ctx, 0, &stale), ErrConflict)
		missing := agency.Agency{ID: 9999, Name: "Không có", Kind: agency.KindOther, Version: 1}
		wantErr(t, s.UpdateAgency(ctx, 0, &missing), ErrNotFound)
	})
}

func TestAgencyDuplicateName(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		old := agency.Agency{Name: "Sở Tài chính", Kind: agency.KindDepartment}
		must(t, s.CreateAgency(ctx, 0, &old))
		dup := agency.Agency{Name: norm.NFD.String("Sở Tài chính"), Kind: agency.KindDepartment}
		wantErr(t, s.CreateAgency(ctx, 0, &dup), ErrDuplicate)

		// Once the old one has ended, a new agency may take the name.
		old.ValidTo = plan.Date(2025, 7, 1)
		must(t, s.UpdateAgency(ctx, 0, &old))
		must(t, s.CreateAgency(ctx, 0, &dup))

		// And the old one cannot be brought back under the same name.
		old.ValidTo = time.Time{}
		wantErr(t, s.UpdateAgency(ctx, 0, &old), ErrDuplicate)
	})
}

func TestAgenciesVietnameseOrder(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, n := range []string{"Văn phòng UBND tỉnh", "Ủy ban MTTQ Việt Nam tỉnh", "Đài Phát thanh", "Sở Y tế",
			"Ban Quản lý Khu kinh tế", "Sở Công Thương", "Sở Dân tộc và Tôn giáo", "Công an tỉnh"} {
			a := agency.Agency{Name: n, Kind: agency.KindOther}
			must(t, s.CreateAgency(ctx, 0, &a))
		}
		list, err := s.Agencies(ctx)
		must(t, err)
		var names []string
		for _, a := range list {
			names = append(names, a.Name)
		}
		want := []string{"Ban Quản lý Khu kinh tế", "Công an tỉnh", "Đài Phát thanh", "Sở Công Thương",
			"Sở Dân tộc và Tôn giáo", "Sở Y tế", "Ủy ban MTTQ Việt Nam tỉnh", "Văn phòng UBND tỉnh"}
		if !reflect.DeepEqual(names, want) {
			t.Errorf("order\n got %q\nwant %q", names, want)
		}
	})
}
