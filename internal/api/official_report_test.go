package api_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/auth"
	"tiendo/internal/officialreport"
	"tiendo/internal/officialreport/render"
	"tiendo/internal/plan"
)

// TestOfficialReportDownloads: a leader downloads the first draft of
// quarter II/2025 (the Sở KH&CN's accepted report in it), then the
// coordinator's saved edit; the workbook has the three sheets.
func TestOfficialReportDownloads(t *testing.T) {
	e := dashboardEnv(t)
	docxXML := func() string {
		t.Helper()
		r := e.do("GET", "/plans/{P1}/report.docx?period={2025-Q2}", auth.RoleLeader, "", nil)
		if r.Status != 200 || r.Header.Get("Content-Type") != render.DocxType ||
			!strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment;") {
			t.Fatalf("docx: %d %v %s", r.Status, r.Header, r.Raw)
		}
		zr, err := zip.NewReader(bytes.NewReader(r.Raw), int64(len(r.Raw)))
		if err != nil {
			t.Fatal(err)
		}
		f, err := zr.Open("word/document.xml")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		return string(b)
	}
	xml := docxXML()
	for _, want := range []string{"BÁO CÁO", "quý II/2025", render.HeadingResults, "Tổng cộng"} {
		if !strings.Contains(xml, want) {
			t.Errorf("first draft lacks %q", want)
		}
	}
	d := &officialreport.Draft{PlanID: e.ids["P1"], PeriodID: e.ids["2025-Q2"], Issuer: "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		Summary: "Báo cáo đã sửa của quý II", Date: plan.Date(2025, 6, 20), Proposals: "Đề nghị bổ sung kinh phí"}
	if err := e.st.SaveOfficialReport(context.Background(), 0, d); err != nil {
		t.Fatal(err)
	}
	xml = docxXML()
	for _, want := range []string{"Báo cáo đã sửa của quý II", "Đề nghị bổ sung kinh phí"} {
		if !strings.Contains(xml, want) {
			t.Errorf("saved edit lacks %q", want)
		}
	}

	r := e.do("GET", "/plans/{P1}/report.xlsx?period={2025-Q2}", auth.RoleLeader, "", nil)
	if r.Status != 200 || r.Header.Get("Content-Type") != render.XLSXType {
		t.Fatalf("xlsx: %d %s", r.Status, r.Raw)
	}
	wb, err := excelize.OpenReader(bytes.NewReader(r.Raw))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got := wb.GetSheetList(); !slices.Equal(got, []string{render.SheetTasks, render.SheetIndicators, render.SheetReports}) {
		t.Errorf("sheets %q", got)
	}

	if r := e.do("GET", "/plans/{P1}/report.docx?period=999999", auth.RoleLeader, "", nil); r.Status != 400 {
		t.Errorf("foreign period: %d", r.Status)
	}
	if r := e.do("GET", "/plans/999999/report.xlsx", auth.RoleLeader, "", nil); r.Status != 404 {
		t.Errorf("unknown plan: %d", r.Status)
	}
	if r := e.do("GET", "/plans/{P1}/report.docx", "", "", nil); r.Status != 401 {
		t.Errorf("anonymous: %d", r.Status)
	}
}
