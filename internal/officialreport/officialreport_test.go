package officialreport_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/agency"
	"tiendo/internal/export/docx"
	"tiendo/internal/export/xlsx"
	"tiendo/internal/figures"
	"tiendo/internal/officialreport"
	"tiendo/internal/officialreport/render"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

const (
	agA, agB       = 101, 102
	q3             = 11
	secIII         = 1
	sec1, sec2     = 2, 3
	task1, task2   = 21, 22
	task3          = 23
	planIssuer     = "UBND tỉnh Cà Mau"
	wantSummary    = "Kết quả thực hiện Kế hoạch số 99/KH-UBND chuyển đổi số năm 2025, quý III/2025"
	wantTaskFigure = "Tính đến ngày 20/08/2025, Kế hoạch có 3 nhiệm vụ; trong đó: đã hoàn thành 1 nhiệm vụ (33,3%), gồm 1 đúng hạn và 0 quá hạn; đang thực hiện 0 nhiệm vụ, trong đó 0 sắp đến hạn; quá hạn chưa hoàn thành 1 nhiệm vụ; chưa triển khai 1 nhiệm vụ; tạm dừng 0 nhiệm vụ; không thực hiện 0 nhiệm vụ."
)

// fixture: a plan with two groups and three tasks, judged on 20/8/2025 in
// quarter III (due 10/9):
//
//	T1 III.1 lead A, coop B, due 30/6/2025, completed 20/6 → done_on_time
//	T2 III.1 lead A,         due 30/7/2025                 → overdue (21 days)
//	T3 III.2 lead B,         "năm 2025" (31/12/2025)       → not_started
//
// A submitted its Q3 report on 15/8 (on time) and it was accepted; B has
// not reported. Both are expected (they lead tasks open in the quarter).
func fixture() (*figures.Facts, officialreport.Accepted) {
	d := plan.Date
	f := &figures.Facts{
		Plan:     plan.Plan{ID: 1, Code: "99/KH-UBND", Title: "Chuyển đổi số năm 2025", Issuer: planIssuer, Status: plan.PlanActive, IssuedOn: d(2025, 4, 1)},
		DueSoon:  7,
		Agencies: []agency.Agency{{ID: agA, Name: "Sở A"}, {ID: agB, Name: "Sở B"}},
		Periods: []reporting.Period{{ID: q3, Year: 2025, No: 3, Label: "Quý III/2025", Start: d(2025, 7, 1),
			End: d(2025, 9, 30), Due: d(2025, 9, 10)}},
		Sections: []plan.Section{
			{ID: secIII, Kind: plan.KindPart, Label: "III", Title: "Nhiệm vụ", HoldsTasks: true},
			{ID: sec1, ParentID: secIII, Kind: plan.KindGroup, Label: "III.1", Title: "Hạ tầng", HoldsTasks: true},
			{ID: sec2, ParentID: secIII, Kind: plan.KindGroup, Label: "III.2", Title: "Nhân lực", HoldsTasks: true},
		},
		Tasks: []plan.Task{
			{ID: task1, SectionID: sec1, Title: "T1", LeadAgencyID: agA, CooperatingAgencyIDs: []int64{agB},
				Deadline: plan.Deadline{Kind: plan.DeadlineDate, Due: d(2025, 6, 30)}, CompletedOn: d(2025, 6, 20), Product: "Hệ thống"},
			{ID: task2, SectionID: sec1, Title: "T2", LeadAgencyID: agA, Deadline: plan.Deadline{Kind: plan.DeadlineDate, Due: d(2025, 7, 30)}},
			{ID: task3, SectionID: sec2, Title: "T3", LeadAgencyID: agB, Deadline: plan.Deadline{Kind: plan.DeadlineYear, Text: "năm 2025", Due: d(2025, 12, 31)}},
		},
		Reports: []figures.Report{{PeriodID: q3, AgencyID: agA, Revision: 1, State: reporting.StateAccepted, OnTime: true,
			SubmittedAt: time.Date(2025, 8, 15, 3, 0, 0, 0, time.UTC)}},
	}
	acc := officialreport.Accepted{
		Texts: []officialreport.AgencyTexts{
			{AgencyID: agA, Texts: reporting.Texts{Summary: "Hoàn thành hạ tầng.", Difficulties: "Thiếu vốn."}},
			{AgencyID: agB, Texts: reporting.Texts{Summary: "Đang đào tạo.", NextTasks: "Mở lớp."}},
		},
		Results: map[int64]string{task1: "Đã lắp đặt"},
	}
	return f, acc
}

func compute(t testing.TB, f *figures.Facts) *figures.Dashboard {
	t.Helper()
	dash, err := figures.Compute(f, figures.Options{PeriodID: q3, AsOf: plan.Date(2025, 8, 20)})
	if err != nil {
		t.Fatal(err)
	}
	return dash
}

func TestDraftFrom(t *testing.T) {
	f, acc := fixture()
	d := officialreport.DraftFrom(f, compute(t, f), acc)
	want := []officialreport.GroupText{
		{SectionID: sec1, Label: "III.1", Title: "Hạ tầng", Text: "Sở A: Hoàn thành hạ tầng."}, // B only cooperates in III.1
		{SectionID: sec2, Label: "III.2", Title: "Nhân lực", Text: "Sở B: Đang đào tạo."},
	}
	if !slices.Equal(d.Results, want) {
		t.Errorf("Results = %+v, want %+v", d.Results, want)
	}
	for _, c := range []struct{ name, got, want string }{
		{"Summary", d.Summary, wantSummary},
		{"Issuer", d.Issuer, "UBND TỈNH CÀ MAU"},
		{"ParentIssuer", d.ParentIssuer, ""},
		{"Difficulties", d.Difficulties, "- Sở A: Thiếu vốn."},
		{"Proposals", d.Proposals, ""},
		{"NextTasks", d.NextTasks, "- Sở B: Mở lớp."},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if d.PlanID != 1 || d.PeriodID != q3 || !d.Date.Equal(plan.Date(2025, 8, 20)) || d.Version != 0 {
		t.Errorf("draft keys = %d %d %v v%d", d.PlanID, d.PeriodID, d.Date, d.Version)
	}
}

func TestValidate(t *testing.T) {
	d := &officialreport.Draft{Summary: "  ", Recipients: []string{" ", "Lưu: VT."}, Difficulties: strings.Repeat("x", officialreport.MaxText+1)}
	err := d.Validate()
	var ie *officialreport.InvalidError
	if !errors.As(err, &ie) || !errors.Is(err, officialreport.ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	for _, k := range []string{"issuer", "summary", "date", "difficulties"} {
		if ie.Fields[k] == "" {
			t.Errorf("no error for %s: %v", k, ie.Fields)
		}
	}
	if !slices.Equal(d.Recipients, []string{"Lưu: VT."}) {
		t.Errorf("Recipients = %q", d.Recipients)
	}
	ok := &officialreport.Draft{Issuer: "SỞ KH&CN", Summary: "Báo cáo", Date: plan.Date(2025, 8, 20)}
	if err := ok.Validate(); err != nil {
		t.Error(err)
	}
}

func TestReport(t *testing.T) {
	f, acc := fixture()
	dash := compute(t, f)
	d := officialreport.DraftFrom(f, dash, acc)
	d.Issuer, d.Number, d.Place = "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "12/BC-SKHCN", "Cà Mau"
	d.SignPrefix, d.SignTitle, d.SignName = "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"
	r := render.Document(d, dash)
	var heads []string
	for _, s := range r.Sections {
		heads = append(heads, s.Heading)
	}
	if !slices.Equal(heads, []string{render.HeadingResults, render.HeadingDifficulties, render.HeadingProposals, render.HeadingNextTasks}) {
		t.Errorf("headings = %q", heads)
	}
	res := r.Sections[0]
	if len(res.Subsections) != 2 || res.Subsections[0].Heading != "1. Kết quả chung" {
		t.Fatalf("results = %+v", res.Subsections)
	}
	general := res.Subsections[0].Blocks
	if general[0].Paragraph != wantTaskFigure {
		t.Errorf("task figures:\n got %q\nwant %q", general[0].Paragraph, wantTaskFigure)
	}
	wantReports := "Về chế độ báo cáo quý III/2025: 1/2 cơ quan, đơn vị đã gửi báo cáo (đạt 50%), trong đó 1 báo cáo đúng hạn (tỷ lệ đúng hạn 50%); 1 cơ quan, đơn vị chưa gửi báo cáo."
	if general[1].Paragraph != wantReports {
		t.Errorf("report figures:\n got %q\nwant %q", general[1].Paragraph, wantReports)
	}
	wantRows := [][]string{
		{"1", "III.1. Hạ tầng", "2", "1", "0", "1", "0", "0"},
		{"2", "III.2. Nhân lực", "1", "0", "0", "0", "1", "0"},
		{"", "Tổng cộng", "3", "1", "0", "1", "1", "0"},
	}
	if got := general[2].Table.Rows; !slices.EqualFunc(got, wantRows, slices.Equal) {
		t.Errorf("table rows = %q", got)
	}
	groups := res.Subsections[1].Subsections
	if len(groups) != 2 || groups[0].Heading != "a) III.1. Hạ tầng" || groups[1].Heading != "b) III.2. Nhân lực" ||
		groups[0].Blocks[0].Paragraph != "Sở A: Hoàn thành hạ tầng." {
		t.Errorf("groups = %+v", groups)
	}
	if p := r.Sections[2].Blocks[0].Paragraph; p != "Không có." {
		t.Errorf("empty proposals = %q", p)
	}
	if r.Summary != wantSummary || r.Signature.Name != "Nguyễn Văn An" || r.Number != "12/BC-SKHCN" {
		t.Errorf("letterhead = %+v", r)
	}
}

func TestAppendix(t *testing.T) {
	f, acc := fixture()
	sheets := render.Appendix(f, compute(t, f), acc)
	if len(sheets) != 3 || sheets[0].Name != render.SheetTasks || sheets[1].Name != render.SheetIndicators || sheets[2].Name != render.SheetReports {
		t.Fatalf("sheets = %v", sheets)
	}
	wantTasks := [][]any{
		{1, "T1", "Sở A", "Sở B", "30/06/2025", "Hệ thống", "Đã hoàn thành đúng hạn", "Đã lắp đặt"},
		{2, "T2", "Sở A", "", "30/07/2025", "", "Quá hạn (chưa hoàn thành)", ""},
		{3, "T3", "Sở B", "", "năm 2025", "", "Chưa triển khai", ""},
	}
	if !slices.EqualFunc(sheets[0].Rows, wantTasks, slices.Equal) {
		t.Errorf("tasks = %v", sheets[0].Rows)
	}
	wantReports := [][]any{
		{1, "Sở A", 1, 1, 1, "Đúng hạn"},
		{2, "Sở B", 1, 0, 0, "Chưa gửi"},
		{nil, "Tổng cộng", 2, 1, 1, ""},
	}
	if !slices.EqualFunc(sheets[2].Rows, wantReports, slices.Equal) {
		t.Errorf("reports = %v", sheets[2].Rows)
	}
}

// TestDocumentsOpen writes both files and reads them back: the .docx is a
// zip whose word/document.xml holds the title and a figure; the workbook
// opens with excelize and has the three sheets.
func TestDocumentsOpen(t *testing.T) {
	f, acc := fixture()
	dash := compute(t, f)
	d := officialreport.DraftFrom(f, dash, acc)
	d.Issuer = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
	b, err := docx.Bytes(render.Document(d, dash))
	if err != nil {
		t.Fatal(err)
	}
	xml := documentXML(t, b)
	for _, want := range []string{"BÁO CÁO", "quý III/2025", "33,3%", "III.1. Hạ tầng"} {
		if !strings.Contains(xml, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, render.Appendix(f, dash, acc)...); err != nil {
		t.Fatal(err)
	}
	CheckWorkbook(t, buf.Bytes())
}

// documentXML unzips word/document.xml of a .docx.
func documentXML(t testing.TB, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	x, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(x)
}

// CheckWorkbook fails t unless b opens with excelize and has the three
// appendix sheets with their headers.
func CheckWorkbook(t testing.TB, b []byte) {
	t.Helper()
	wb, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got := wb.GetSheetList(); !slices.Equal(got, []string{render.SheetTasks, render.SheetIndicators, render.SheetReports}) {
		t.Errorf("sheets = %q", got)
	}
	if v, _ := wb.GetCellValue(render.SheetTasks, "B2"); v != "Nhiệm vụ" {
		t.Errorf("tasks B2 = %q", v)
	}
}
