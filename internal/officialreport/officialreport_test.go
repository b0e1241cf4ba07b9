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
	wantSummary    = "Kết quả thực hiện Kế hoạch số 99/KH-UBND chuyển đổi số năm 2025 trên địa bàn tỉnh Cà Mau, quý III/2025"
	wantTaskFigure = "Tính đến ngày 20/08/2025, Kế hoạch có 3 nhiệm vụ; trong đó: đã hoàn thành 1 nhiệm vụ (33,3%), đúng hạn; quá hạn chưa hoàn thành 1 nhiệm vụ; chưa triển khai 1 nhiệm vụ."
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
		Plan:     plan.Plan{ID: 1, Code: "99/KH-UBND", Title: "CHUYỂN ĐỔI SỐ NĂM 2025 TRÊN ĐỊA BÀN TỈNH CÀ MAU", Issuer: planIssuer, Status: plan.PlanActive, IssuedOn: d(2025, 4, 1)},
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

// issuing is the coordinator's agency, the Sở KH&CN, under the UBND tỉnh.
func issuing() officialreport.Issuing {
	return officialreport.Issuing{
		Agency: &agency.Agency{ID: 7, Name: "Sở Khoa học và Công nghệ", ShortName: "Sở KH&CN", Kind: agency.KindDepartment, ParentID: 1},
		Parent: &agency.Agency{ID: 1, Name: "Ủy ban nhân dân tỉnh Cà Mau", ShortName: "UBND tỉnh", Kind: agency.KindProvince},
		Signer: "Nguyễn Văn An", Today: plan.Date(2025, 10, 6),
	}
}

func TestDraftFrom(t *testing.T) {
	f, acc := fixture()
	d := officialreport.DraftFrom(f, compute(t, f), acc, issuing())
	want := []officialreport.GroupText{ // the narratives are the coordinator's; the figures are the report's
		{SectionID: sec1, Label: "III.1", Title: "Hạ tầng"},
		{SectionID: sec2, Label: "III.2", Title: "Nhân lực"},
	}
	if !slices.Equal(d.Results, want) {
		t.Errorf("Results = %+v, want %+v", d.Results, want)
	}
	for _, c := range []struct{ name, got, want string }{
		{"Summary", d.Summary, wantSummary},
		{"Issuer", d.Issuer, "SỞ KHOA HỌC VÀ CÔNG NGHỆ"},
		{"ParentIssuer", d.ParentIssuer, "UBND TỈNH CÀ MAU"},
		{"Number", d.Number, "/BC-SKHCN"},
		{"Place", d.Place, "Cà Mau"},
		{"Signature", d.SignPrefix + "|" + d.SignTitle + "|" + d.SignName, "|GIÁM ĐỐC|Nguyễn Văn An"},
		{"General", d.General, "- Sở A: Hoàn thành hạ tầng.\n- Sở B: Đang đào tạo."}, // once each
		{"Difficulties", d.Difficulties, "- Sở A: Thiếu vốn."},
		{"Proposals", d.Proposals, ""},
		{"NextTasks", d.NextTasks, "- Sở B: Mở lớp."},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if !slices.Equal(d.Recipients, []string{"UBND tỉnh (b/c);", "Các sở, ban, ngành tỉnh;", "Lưu: VT."}) {
		t.Errorf("Recipients = %q", d.Recipients)
	}
	if d.PlanID != 1 || d.PeriodID != q3 || !d.Date.Equal(plan.Date(2025, 10, 6)) || d.Version != 0 {
		t.Errorf("draft keys = %d %d %v v%d", d.PlanID, d.PeriodID, d.Date, d.Version)
	}

	// No coordinator's agency: the plan's issuer issues it, and does not
	// send it to itself.
	d = officialreport.DraftFrom(f, compute(t, f), acc, officialreport.Issuing{})
	if d.Issuer != "UBND TỈNH CÀ MAU" || d.ParentIssuer != "" || d.Number != "/BC-UBND" || d.Place != "Cà Mau" ||
		d.SignPrefix != "TM. ỦY BAN NHÂN DÂN" || d.SignTitle != "CHỦ TỊCH" {
		t.Errorf("issued by the plan's issuer: %+v", d)
	}
	for _, r := range d.Recipients {
		if strings.Contains(r, "UBND") {
			t.Errorf("the UBND sends its report to itself: %q", d.Recipients)
		}
	}
}

func TestRecipientsOf(t *testing.T) {
	d := &officialreport.Draft{Issuer: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", Recipients: []string{"UBND tỉnh (b/c);", "- Sở KH&CN (để biết);",
		"Sở Khoa học và Công nghệ;", "Các sở, ban, ngành tỉnh;", "Lưu: VT, KHTC."}}
	if got := officialreport.RecipientsOf(d, "Sở KH&CN"); !slices.Equal(got, []string{"UBND tỉnh (b/c);", "Các sở, ban, ngành tỉnh;", "Lưu: VT, KHTC."}) {
		t.Errorf("RecipientsOf = %q", got)
	}
	d = &officialreport.Draft{Issuer: "ỦY BAN NHÂN DÂN TỈNH CÀ MAU", Recipients: []string{"UBND tỉnh (b/c);", "Bộ Khoa học và Công nghệ (b/c);", "Lưu: VT."}}
	if got := officialreport.RecipientsOf(d); !slices.Equal(got, []string{"Bộ Khoa học và Công nghệ (b/c);", "Lưu: VT."}) {
		t.Errorf("RecipientsOf = %q", got)
	}
}

func TestAsOf(t *testing.T) {
	q := reporting.Period{Start: plan.Date(2026, 7, 1), End: plan.Date(2026, 9, 30)}
	d := plan.Date
	for _, c := range []struct{ today, dated, want time.Time }{
		{d(2026, 8, 20), time.Time{}, d(2026, 8, 20)},    // the period runs: today
		{d(2026, 12, 6), time.Time{}, d(2026, 9, 30)},    // ended: its last day, not today
		{d(2026, 12, 6), d(2026, 10, 6), d(2026, 9, 30)}, // dated after it ended: still its last day
		{d(2026, 9, 20), d(2026, 9, 15), d(2026, 9, 15)}, // dated in the period: never after the report's date
		{d(2026, 9, 20), d(2026, 6, 1), d(2026, 9, 20)},  // a date before the period is not a cap
	} {
		if got := officialreport.AsOf(q, c.today, c.dated); !got.Equal(c.want) {
			t.Errorf("AsOf(today %v, dated %v) = %v, want %v", c.today, c.dated, got, c.want)
		}
	}
}

func TestPlaceAndAbbreviation(t *testing.T) {
	for in, want := range map[string]string{"Ủy ban nhân dân tỉnh Cà Mau": "Cà Mau", "UBND TỈNH CÀ MAU": "Cà Mau",
		"UBND thành phố Cần Thơ": "Cần Thơ", "Văn phòng Ủy ban nhân dân tỉnh": "", "Sở Khoa học và Công nghệ": ""} {
		if got := officialreport.Place(in); got != want {
			t.Errorf("Place(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"Sở Khoa học và Công nghệ": "SKHCN", "SỞ GIÁO DỤC VÀ ĐÀO TẠO": "SGDĐT",
		"Ủy ban nhân dân tỉnh Cà Mau": "UBND", "UBND TỈNH CÀ MAU": "UBND", "Sở Văn hóa, Thể thao và Du lịch": "SVHTTDL"} {
		if got := officialreport.Abbreviation(in); got != want {
			t.Errorf("Abbreviation(%q) = %q, want %q", in, got, want)
		}
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
	d := officialreport.DraftFrom(f, dash, acc, issuing())
	d.Number = ""
	d.Recipients = append(d.Recipients, "- Sở KH&CN (để biết);")
	d.SignPrefix, d.SignTitle = "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"
	d.Results[0].Text = "Đã lắp đặt hạ tầng."
	at := time.Date(2025, 10, 6, 2, 0, 0, 0, time.UTC)
	r := render.Document(&officialreport.Report{Facts: f, Figures: dash, Accepted: acc, Draft: d, IssuerNames: []string{"Sở KH&CN"}, Created: at})
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
	// No column for a status no task has (đang thực hiện, tạm dừng).
	tb := general[2].Table
	if !slices.Equal(tb.Header, []string{"STT", "Nhóm nhiệm vụ", "Tổng số", "Đã hoàn thành", "Quá hạn", "Chưa triển khai"}) {
		t.Errorf("table header = %q", tb.Header)
	}
	wantRows := [][]string{
		{"1", "III.1. Hạ tầng", "2", "1", "1", "0"},
		{"2", "III.2. Nhân lực", "1", "0", "0", "1"},
		{"", "Tổng cộng", "3", "1", "1", "1"},
	}
	if got := tb.Rows; !slices.EqualFunc(got, wantRows, slices.Equal) {
		t.Errorf("table rows = %q", got)
	}
	if p := general[3].Paragraph; !strings.Contains(p, render.AppendixTasks) || !strings.Contains(p, render.AppendixReports) {
		t.Errorf("the appendix is not named: %q", p)
	}
	if general[4].Paragraph != "- Sở A: Hoàn thành hạ tầng." || general[5].Paragraph != "- Sở B: Đang đào tạo." || len(general) != 6 {
		t.Errorf("general texts = %+v", general[4:])
	}
	groups := res.Subsections[1].Subsections
	if len(groups) != 2 || groups[0].Heading != "a) III.1. Hạ tầng" || groups[1].Heading != "b) III.2. Nhân lực" {
		t.Fatalf("groups = %+v", groups)
	}
	if got := groups[0].Blocks; len(got) != 2 || got[0].Paragraph != "Nhóm có 2 nhiệm vụ; trong đó: đã hoàn thành 1 nhiệm vụ (50%), đúng hạn; quá hạn chưa hoàn thành 1 nhiệm vụ." ||
		got[1].Paragraph != "Đã lắp đặt hạ tầng." {
		t.Errorf("group III.1 = %+v", got)
	}
	if got := groups[1].Blocks; len(got) != 1 || got[0].Paragraph != "Nhóm có 1 nhiệm vụ; trong đó: chưa triển khai 1 nhiệm vụ." {
		t.Errorf("group III.2 (no text: its figures alone) = %+v", got)
	}
	if p := r.Sections[2].Blocks[0].Paragraph; p != "Không có." {
		t.Errorf("empty proposals = %q", p)
	}
	if r.Summary != wantSummary || r.Signature.Name != "Nguyễn Văn An" || r.Number != "/BC-SKHCN" || r.Place != "Cà Mau" ||
		r.ParentIssuer != "UBND TỈNH CÀ MAU" || r.Author != "Sở Khoa học và Công nghệ" || !r.Created.Equal(at) {
		t.Errorf("letterhead = %+v", r)
	}
	if !slices.Equal(r.Recipients, []string{"UBND tỉnh (b/c);", "Các sở, ban, ngành tỉnh;", "Lưu: VT."}) {
		t.Errorf("recipients = %q (never the issuer itself)", r.Recipients)
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
	d := officialreport.DraftFrom(f, dash, acc, issuing())
	rep := &officialreport.Report{Facts: f, Figures: dash, Accepted: acc, Draft: d}
	b, err := docx.Bytes(render.Document(rep))
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
	if err := render.WriteXLSX(&buf, rep); err != nil {
		t.Fatal(err)
	}
	CheckWorkbook(t, buf.Bytes())
	wb, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	want := "(Kèm theo Báo cáo số      /BC-SKHCN ngày 06 tháng 10 năm 2025 của Sở Khoa học và Công nghệ)"
	for _, sh := range wb.GetSheetList() {
		if v, _ := wb.GetCellValue(sh, "A2"); v != want {
			t.Errorf("%s A2 = %q, want %q", sh, v, want)
		}
	}
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
	if v, _ := wb.GetCellValue(render.SheetTasks, "B3"); v != "Nhiệm vụ" {
		t.Errorf("tasks B3 = %q", v)
	}
}
