package export_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"tiendo/internal/export/docx"
	"tiendo/internal/export/xlsx"
)

// bigReport is about 20 A4 pages: 180 body paragraphs in 5 sections and a
// 40-row table.
func bigReport() docx.Report {
	para := "Các cơ quan, đơn vị đã cập nhật tiến độ đầy đủ, đúng hạn; chất lượng báo cáo được nâng lên, số liệu thống nhất giữa các kỳ. Tuy nhiên, một số nhiệm vụ về hạ tầng số còn chậm do vướng mắc thủ tục đầu tư, kinh phí bố trí chưa kịp thời, cần tiếp tục tháo gỡ trong quý tới."
	tbl := &docx.Table{Caption: "Bảng 1. Tiến độ theo cơ quan", Header: []string{"STT", "Cơ quan", "Nhiệm vụ", "Hoàn thành", "Tỷ lệ"}, Widths: []int{1, 6, 2, 2, 2}}
	for i := 1; i <= 40; i++ {
		tbl.Rows = append(tbl.Rows, []string{fmt.Sprint(i), fmt.Sprintf("Sở, ngành số %d", i), "25", "20", "80,0%"})
	}
	var secs []docx.Section
	for s := 1; s <= 5; s++ {
		sec := docx.Section{Heading: fmt.Sprintf("%d. Nhóm nhiệm vụ %d", s, s)}
		for i := 0; i < 36; i++ {
			sec.Blocks = append(sec.Blocks, docx.Block{Paragraph: para})
		}
		secs = append(secs, sec)
	}
	secs[0].Blocks = append(secs[0].Blocks, docx.Block{Table: tbl})
	return docx.Report{
		ParentIssuer: "UBND TỈNH CÀ MAU", Issuer: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", Number: "123/BC-SKHCN",
		Place: "Cà Mau", Date: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Summary: "Kết quả thực hiện Kế hoạch quý III năm 2026",
		Sections:   []docx.Section{{Heading: "I. KẾT QUẢ THỰC HIỆN", Subsections: secs}},
		Signature:  docx.Signature{Prefix: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Nguyễn Văn An"},
		Recipients: []string{"UBND tỉnh (b/c);", "Lưu: VT, KHTC."},
	}
}

// appendix is the two-sheet appendix workbook for 1,000 tasks.
func appendix() []xlsx.Sheet {
	tasks := xlsx.Sheet{Name: "Nhiệm vụ", Title: "PHỤ LỤC I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", Columns: []xlsx.Column{
		{Header: "STT", Kind: xlsx.Int, Width: 6}, {Header: "Nhiệm vụ", Width: 40}, {Header: "Chủ trì", Width: 20},
		{Header: "Phối hợp", Width: 20}, {Header: "Thời hạn", Kind: xlsx.Date}, {Header: "Sản phẩm", Width: 25},
		{Header: "Tình trạng", Width: 16}, {Header: "Kết quả", Width: 40},
	}}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= 1000; i++ {
		tasks.Rows = append(tasks.Rows, []any{i, fmt.Sprintf("Nhiệm vụ số %d: triển khai nền tảng số dùng chung", i),
			fmt.Sprintf("Sở ngành %d", i%100), "Các huyện, thành phố", base.AddDate(0, 0, i%365), "Báo cáo, phần mềm",
			"Đang thực hiện", "Đã hoàn thành 60% khối lượng, dự kiến xong đúng hạn."})
	}
	ind := xlsx.Sheet{Name: "Chỉ tiêu", Title: "PHỤ LỤC II. KẾT QUẢ THỰC HIỆN CHỈ TIÊU", Columns: []xlsx.Column{
		{Header: "STT", Kind: xlsx.Int, Width: 6}, {Header: "Chỉ tiêu", Width: 40}, {Header: "Đơn vị", Width: 10},
		{Header: "Kế hoạch", Kind: xlsx.Number}, {Header: "Thực hiện", Kind: xlsx.Number}, {Header: "% đạt", Kind: xlsx.Percent},
	}}
	for i := 1; i <= 100; i++ {
		ind.Rows = append(ind.Rows, []any{i, fmt.Sprintf("Chỉ tiêu %d", i), "%", 100.0, float64(i), float64(i) / 100})
	}
	return []xlsx.Sheet{tasks, ind}
}

// BenchmarkOfficialReport measures the whole official report: the ~20-page
// .docx plus the 1,000-task appendix workbook (target ≤ 1 s).
func BenchmarkOfficialReport(b *testing.B) {
	r, sheets := bigReport(), appendix()
	for b.Loop() {
		if _, err := docx.Bytes(r); err != nil {
			b.Fatal(err)
		}
		if err := xlsx.Write(&bytes.Buffer{}, sheets...); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDocx20Pages(b *testing.B) {
	r := bigReport()
	for b.Loop() {
		if _, err := docx.Bytes(r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendix1000Tasks(b *testing.B) {
	sheets := appendix()
	for b.Loop() {
		if err := xlsx.Write(&bytes.Buffer{}, sheets...); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLargeOfficialReport builds the benchmark's large report once, so that
// a plain test run proves the writers handle its size. Its speed is the
// benchmarks' to measure (docs/PERFORMANCE.md), never a timed test's.
func TestLargeOfficialReport(t *testing.T) {
	r, sheets := bigReport(), appendix()
	if _, err := docx.Bytes(r); err != nil {
		t.Fatal(err)
	}
	if err := xlsx.Write(&bytes.Buffer{}, sheets...); err != nil {
		t.Fatal(err)
	}
}
