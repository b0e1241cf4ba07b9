package store

import (
	"context"
	"slices"
	"testing"

	"tiendo/internal/audit"
	"tiendo/internal/officialreport"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

func TestOfficialReport(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		planID, coord := f.d.Plan.ID, f.users["coord"].ID
		_, err := s.OfficialReport(ctx, planID, f.q2.ID)
		wantErr(t, err, ErrNotFound)

		d := &officialreport.Draft{PlanID: planID, PeriodID: f.q2.ID, Number: "12/BC-SKHCN", Place: "Cà Mau",
			Date: plan.Date(2025, 6, 20), Issuer: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", ParentIssuer: "UBND TỈNH CÀ MAU",
			Summary: "Kết quả quý II/2025", Results: []officialreport.GroupText{{SectionID: 3, Label: "III.1", Title: "Nâng cao nhận thức", Text: "Dòng 1\nDòng 2"}},
			Difficulties: "Thiếu vốn", SignPrefix: "KT. GIÁM ĐỐC", SignTitle: "PHÓ GIÁM ĐỐC", SignName: "Nguyễn Văn An",
			Recipients: []string{"UBND tỉnh (b/c);", "Lưu: VT."}}
		must(t, s.SaveOfficialReport(ctx, coord, d))
		if d.Version != 1 || d.UpdatedBy != coord || d.UpdatedAt.IsZero() {
			t.Errorf("after save: v%d by %d at %v", d.Version, d.UpdatedBy, d.UpdatedAt)
		}
		got, err := s.OfficialReport(ctx, planID, f.q2.ID)
		must(t, err)
		if got.Summary != d.Summary || !got.Date.Equal(d.Date) || !slices.Equal(got.Results, d.Results) ||
			!slices.Equal(got.Recipients, d.Recipients) || got.SignName != "Nguyễn Văn An" || got.Version != 1 ||
			got.UpdatedBy != coord || !got.UpdatedAt.Equal(d.UpdatedAt) || got.Number != "12/BC-SKHCN" {
			t.Errorf("read back %+v\nsaved %+v", got, d)
		}

		// A stale version conflicts and changes nothing; the right one saves.
		stale := *got
		stale.Version = 0
		stale.Summary = "khác"
		wantErr(t, s.SaveOfficialReport(ctx, coord, &stale), ErrConflict)
		got.Proposals = "Bổ sung kinh phí"
		must(t, s.SaveOfficialReport(ctx, coord, got))
		again, err := s.OfficialReport(ctx, planID, f.q2.ID)
		must(t, err)
		if again.Version != 2 || again.Summary != d.Summary || again.Proposals != "Bổ sung kinh phí" {
			t.Errorf("after second save %+v", again)
		}

		// Another plan's period is refused.
		other := *again
		other.PlanID, other.Version = planID+1000, 0
		wantErr(t, s.SaveOfficialReport(ctx, coord, &other), ErrReference)

		// Each save left one audit row naming what changed.
		log, err := s.AuditFor(ctx, "plan", planID)
		must(t, err)
		var saves []audit.Entry
		for _, e := range log {
			if e.Action == "official_report.save" {
				saves = append(saves, e)
			}
		}
		if len(saves) != 2 || saves[0].UserID != coord {
			t.Fatalf("audit rows %+v", saves)
		}
	})
}

func TestOfficialReportSources(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newRepFix(t, s)
		june5 := plan.Date(2025, 6, 5)
		r := f.report(t, f.q2, "khcn")
		_, err := s.SaveReportTexts(ctx, f.at("officer:khcn", june5), r.ID,
			reporting.Texts{Summary: "Đã quán triệt", Difficulties: "Thiếu người"}, r.Version)
		must(t, err)
		sub := f.submitFull(t, f.q2, "khcn", june5)
		// Not accepted yet: nothing counts.
		acc, err := s.OfficialReportSources(ctx, f.d.Plan.ID, f.q2.ID)
		must(t, err)
		if len(acc.Texts) != 0 || len(acc.Results) != 0 {
			t.Errorf("before acceptance: %+v", acc)
		}
		_, err = s.AcceptReport(ctx, f.at("coord", june5), sub.ID, sub.Version)
		must(t, err)
		acc, err = s.OfficialReportSources(ctx, f.d.Plan.ID, f.q2.ID)
		must(t, err)
		if len(acc.Texts) != 1 || acc.Texts[0].AgencyID != f.ag["khcn"] || acc.Texts[0].Summary != "Đã quán triệt" ||
			acc.Texts[0].Difficulties != "Thiếu người" {
			t.Errorf("texts %+v", acc.Texts)
		}
		if len(acc.Results) == 0 {
			t.Error("no task results")
		}
		for id, res := range acc.Results {
			if res != "Đang triển khai" {
				t.Errorf("task %d result %q", id, res)
			}
		}
	})
}
