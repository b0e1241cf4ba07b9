package render_test

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/clock"
	"tiendo/internal/demo"
	"tiendo/internal/export/pdfcheck"
	"tiendo/internal/officialreport/render"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/store"
)

// TestOfficialReportPDF downloads the official report of the demo plan
// (Cà Mau's plan for Resolution 71/NQ-CP, its title in capitals, no
// number) for Quý III/2026 as the coordinator would on 06/12/2026, never
// edited, renders it through LibreOffice and reads the PDF as a clerk
// about to sign it would: the fonts embedded and able to write Vietnamese,
// the header block (UBND TỈNH CÀ MAU over the Sở KH&CN, no name broken
// inside, "Số:      /BC-SKHCN", "Cà Mau, ngày …"), the summary line in
// sentence case, the figures as of the quarter's last day, the STT heading
// whole, the appendix named, page numbers from page 2, and the document's
// properties.
func TestOfficialReportPDF(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	res, err := demo.Load(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	today := plan.Date(2026, 12, 6)
	if _, err := demo.LoadReports(ctx, s, res.PlanID, today); err != nil {
		t.Fatal(err)
	}
	now := today.Add(9 * time.Hour)
	a := app.New(app.Config{Store: s, Clock: clock.Fixed(now)})
	coordinator, _, err := s.UserByName(ctx, "dieuphoi")
	if err != nil {
		t.Fatal(err)
	}
	periods, err := s.Periods(ctx, res.PlanID)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(periods, func(p reporting.Period) bool { return p.Label == "Quý III/2026" })
	if i < 0 {
		t.Fatal("no Quý III/2026")
	}
	rep, err := a.OfficialReport(ctx, coordinator, res.PlanID, periods[i].ID)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := render.WriteDocx(&b, rep); err != nil {
		t.Fatal(err)
	}
	pdf := pdfcheck.Convert(t, b.Bytes())
	pdf.CheckFonts()

	info := pdf.Info()
	for _, want := range []string{"Author:          Sở Khoa học và Công nghệ", "Title:           BÁO CÁO Kết quả thực hiện Kế hoạch triển khai"} {
		if !strings.Contains(info, want) {
			t.Errorf("document properties lack %q:\n%s", want, info)
		}
	}
	if strings.Contains(info, "gomutex") || strings.Contains(info, "2013") {
		t.Errorf("document properties of the library:\n%s", info)
	}

	// The header block, as laid out on page 1.
	page1 := pdf.Lines(1)
	head := strings.Join(page1[:min(6, len(page1))], "\n")
	for _, re := range []string{
		`(?m)^UBND TỈNH CÀ MAU\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$`,
		`(?m)^SỞ KHOA HỌC VÀ\s+Độc lập - Tự do - Hạnh phúc$`,
		`(?m)^CÔNG NGHỆ$`,
		`(?m)^Số:\s+/BC-SKHCN\s+Cà Mau, ngày 06 tháng 12 năm 2026$`,
	} {
		if !regexp.MustCompile(re).MatchString(head) {
			t.Errorf("header block does not match %s:\n%s", re, head)
		}
	}
	for _, l := range page1 {
		if strings.HasSuffix(l, " CÀ") || strings.HasPrefix(l, "MAU") {
			t.Errorf("a name is broken inside: %q", l)
		}
	}
	if !slices.ContainsFunc(page1, func(l string) bool { return strings.HasPrefix(l, "STT ") }) {
		t.Errorf("the STT heading is broken:\n%s", strings.Join(page1, "\n"))
	}

	text := strings.Join(strings.Fields(pdf.Text()), " ")
	for _, want := range []string{
		"BÁO CÁO Kết quả thực hiện Kế hoạch triển khai thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ; Chương trình hành động của Ban Thường vụ Tỉnh ủy",
		"trên địa bàn tỉnh Cà Mau, quý III/2026",
		"Tính đến ngày 30/09/2026, Kế hoạch có 63 nhiệm vụ",
		"Phụ lục I", "Nơi nhận:", "UBND tỉnh (b/c);", "GIÁM ĐỐC",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	for _, bad := range []string{"tRIỂN", "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT", "06/12/2026, Kế hoạch", " 0 nhiệm vụ", "Kế hoạch #"} {
		if strings.Contains(text, bad) {
			t.Errorf("PDF text has %q", bad)
		}
	}
	if n := pdf.Pages(); n < 2 {
		t.Fatalf("%d page(s)", n)
	}
	if l := pdf.Lines(2); len(l) == 0 || l[0] != "2" {
		t.Errorf("page 2 does not start with its number: %q", l[:min(1, len(l))])
	}
}
