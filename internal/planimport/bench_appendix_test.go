package planimport

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// appendixRows is the number of task rows of the benchmark appendix: the
// size of the Government's action programmes' appendices (issue 16).
const appendixRows = 140

// appendix140 writes a task appendix as provinces send them: a title, a
// two-row header, 7 Roman groups merged across the table, 140 task rows
// with a lead (some the register does not know), cooperating agencies, a
// deadline and a product.
func appendix140(t testing.TB) []byte {
	leads := []string{"Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo",
		"Sở Nông nghiệp và Môi trường", "Công an tỉnh", "Văn phòng UBND tỉnh", "Sở Công Thương", "Ban Quản lý dự án số tỉnh"}
	deadlines := []string{"Quý II/2025", "Quý IV/2025", "tháng 9/2025", "năm 2026", "2025 - 2030", "Thường xuyên", "30/6/2026", "Hằng năm"}
	return buildXLSX(t, func(f *excelize.File, s string) {
		setRows(t, f, s, 1,
			[]any{"PHỤ LỤC"},
			[]any{"DANH MỤC NHIỆM VỤ THỰC HIỆN CHƯƠNG TRÌNH HÀNH ĐỘNG"},
			[]any{"(Kèm theo Kế hoạch số 88/KH-UBND ngày 20/5/2025 của UBND tỉnh)"},
			[]any{"STT", "Nhiệm vụ", "Cơ quan thực hiện", "", "Thời gian hoàn thành", "Sản phẩm"},
			[]any{"", "", "Chủ trì", "Phối hợp", "", ""},
		)
		merge(t, f, s, "C4", "D4")
		row := 6
		for g := range appendixRows / 20 {
			setRows(t, f, s, row, []any{toRoman(g + 1), fmt.Sprintf("NHÓM NHIỆM VỤ %d", g+1)})
			merge(t, f, s, fmt.Sprintf("B%d", row), fmt.Sprintf("F%d", row))
			row++
			for k := range 20 {
				n := g*20 + k
				setRows(t, f, s, row, []any{k + 1,
					fmt.Sprintf("Triển khai nhiệm vụ số %d về chuyển đổi số, bảo đảm kết nối, chia sẻ dữ liệu với các hệ thống thông tin của tỉnh và của Trung ương", n+1),
					leads[n%len(leads)], leads[(n+3)%len(leads)] + "; UBND các xã, phường",
					deadlines[n%len(deadlines)], "Báo cáo kết quả thực hiện"})
				row++
			}
		}
	})
}

// BenchmarkParseAppendix140: the importer's share of "importing a 140-row
// appendix ≤ 100 ms" (issue 16): the Excel appendix alone, and given with
// the plan's text, against the 40-agency register.
func BenchmarkParseAppendix140(b *testing.B) {
	xlsx := appendix140(b)
	body := txt("KẾ HOẠCH", "Thực hiện Chương trình hành động", "I. MỤC TIÊU", "Văn bản.",
		"II. NHIỆM VỤ", "Các nhiệm vụ cụ thể tại Phụ lục kèm theo.", "III. TỔ CHỨC THỰC HIỆN", "Định kỳ hằng quý báo cáo trước ngày 10 tháng cuối quý.")
	opts := Options{Agencies: testAgencies()}
	for _, bc := range []struct {
		name  string
		files []File
	}{
		{"xlsx", []File{{"phu-luc.xlsx", xlsx}}},
		{"txt+xlsx", []File{{"ke-hoach.txt", body}, {"phu-luc.xlsx", xlsx}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := ParseFiles(bc.files, opts)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Draft.Tasks) != appendixRows {
					b.Fatalf("%d tasks", len(res.Draft.Tasks))
				}
			}
		})
	}
}

// TestAppendix140: the benchmark's appendix reads as written: 140 tasks in
// 7 groups, every row's lead, the unknown one listed once.
func TestAppendix140(t *testing.T) {
	res, err := Parse("phu-luc.xlsx", appendix140(t), Options{Agencies: testAgencies()})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Draft
	if len(d.Tasks) != appendixRows || len(d.Sections) != 7 {
		t.Fatalf("%d tasks in %d sections", len(d.Tasks), len(d.Sections))
	}
	for i, tk := range d.Tasks {
		if (tk.LeadAgencyID == 0) != (i%10 == 9) || tk.Deadline.Text == "" || tk.Product == "" {
			t.Errorf("task %d: lead %d %q, deadline %+v, product %q", i+1, tk.LeadAgencyID, tk.LeadName, tk.Deadline, tk.Product)
		}
	}
	if !strings.Contains(strings.Join(res.UnknownAgencies, ";"), "Ban Quản lý dự án số tỉnh") || len(res.UnknownAgencies) != 2 {
		t.Errorf("unknown = %q", res.UnknownAgencies)
	}
}
