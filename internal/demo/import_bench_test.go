package demo

import (
	"context"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/planimport"
)

// appendix140 is a task appendix of 140 rows in 7 Roman groups, leads from
// the demo register and one it does not know, as provinces send them.
func appendix140(b *testing.B) []byte {
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	set := func(row int, vals ...any) {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(s, cell, &vals); err != nil {
			b.Fatal(err)
		}
	}
	set(1, "PHỤ LỤC: DANH MỤC NHIỆM VỤ")
	set(2, "STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm")
	leads := []string{"Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo",
		"Công an tỉnh", "Văn phòng UBND tỉnh", "Sở Công Thương", "Sở Xây dựng", "Ban Quản lý dự án số tỉnh"}
	deadlines := []string{"Quý II/2025", "Quý IV/2025", "tháng 9/2025", "năm 2026", "2025 - 2030", "Thường xuyên", "30/6/2026"}
	row := 3
	for g := range 7 {
		set(row, []string{"I", "II", "III", "IV", "V", "VI", "VII"}[g], fmt.Sprintf("NHÓM NHIỆM VỤ %d", g+1))
		row++
		for k := range 20 {
			n := g*20 + k
			set(row, k+1, fmt.Sprintf("Triển khai nhiệm vụ số %d về chuyển đổi số, bảo đảm kết nối, chia sẻ dữ liệu với các hệ thống thông tin của tỉnh", n+1),
				leads[n%len(leads)], leads[(n+3)%len(leads)]+"; UBND các xã, phường", deadlines[n%len(deadlines)], "Báo cáo kết quả")
			row++
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkImportAppendix140 is issue 16's "importing a 140-row appendix ≤
// 100 ms": read the register, parse the appendix, store the plan with its
// 140 tasks, as `tiendo plan import` does.
func BenchmarkImportAppendix140(b *testing.B) {
	ctx := context.Background()
	s := openStore(b)
	for _, pa := range provinceAgencies {
		a := pa.Agency
		if err := s.CreateAgency(ctx, 0, &a); err != nil {
			b.Fatal(err)
		}
	}
	data := appendix140(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		list, err := s.Agencies(ctx)
		if err != nil {
			b.Fatal(err)
		}
		res, err := planimport.Parse("phu-luc.xlsx", data, planimport.Options{Agencies: list})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Draft.Tasks) != 140 {
			b.Fatalf("%d tasks", len(res.Draft.Tasks))
		}
		res.Draft.Plan.Code = ""
		res.Draft.Plan.Status = plan.PlanActive
		if _, err := s.CreatePlan(ctx, 0, &res.Draft); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportPlanAppendix140 is the same 140-row appendix through the
// use case every edge now calls (app.ImportPlan, as `tiendo plan import`
// and POST /api/v1/plans/import do): "create" creates the name the
// register lacks with the plan (one reading), "map" maps it to an agency
// of the register (the importer reads the files a second time with the
// mapping); "UBND các xã, phường" is dismissed as not an agency. Each
// iteration stores a new plan.
func BenchmarkImportPlanAppendix140(b *testing.B) {
	ctx := context.Background()
	s := openStore(b)
	for _, pa := range provinceAgencies {
		a := pa.Agency
		if err := s.CreateAgency(ctx, 0, &a); err != nil {
			b.Fatal(err)
		}
	}
	list, err := s.Agencies(ctx)
	if err != nil {
		b.Fatal(err)
	}
	uc := app.New(app.Config{Store: s})
	admin := &auth.User{Username: "bench", Role: auth.RoleAdmin}
	files := []planimport.File{{Name: "phu-luc.xlsx", Data: appendix140(b)}}
	for _, c := range []struct {
		name   string
		choice app.AgencyChoice
	}{{"create", app.AgencyChoice{New: true}}, {"map", app.AgencyChoice{AgencyID: list[0].ID}}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(files[0].Data)))
			b.ReportAllocs()
			for b.Loop() {
				res, err := uc.ImportPlan(ctx, admin, app.PlanImport{Files: files, Meta: &plan.Plan{}, Unattended: true,
					Choices: map[string]app.AgencyChoice{"Ban Quản lý dự án số tỉnh": c.choice, "UBND các xã, phường": {NotAgency: true}}})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Draft.Tasks) != 140 || res.PlanID == 0 || len(res.Left) != 0 {
					b.Fatalf("%d tasks, plan %d, left %q", len(res.Draft.Tasks), res.PlanID, res.Left)
				}
				if c.choice.New {
					// The name is now in the register: rename the agency made so
					// that the next import creates it again.
					a := res.Created[0]
					a.Name = fmt.Sprintf("Ban đã đổi tên %d", a.ID)
					if err := s.UpdateAgency(ctx, 0, &a); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
