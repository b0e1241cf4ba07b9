package planimport

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/plan"
)

// buildXLSX writes a workbook: fill sets the cells of its first sheet,
// named "Phụ lục".
func buildXLSX(t testing.TB, fill func(f *excelize.File, sheet string)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Phụ lục"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	fill(f, sheet)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func setRows(t testing.TB, f *excelize.File, sheet string, first int, rows ...[]any) {
	t.Helper()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, first+i)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
}

func merge(t testing.TB, f *excelize.File, sheet, from, to string) {
	t.Helper()
	if err := f.MergeCell(sheet, from, to); err != nil {
		t.Fatal(err)
	}
}

// sampleAppendix is a task appendix as provinces send them: title rows, the
// header in row 3 in an unusual column order, a row of column numbers,
// Roman group rows (one merged across the table), merged cells, an
// unknown agency, an unreadable deadline, a real Excel date.
func sampleAppendix(t testing.TB) []byte {
	return buildXLSX(t, func(f *excelize.File, s string) {
		setRows(t, f, s, 1,
			[]any{"PHỤ LỤC: DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2025"},
			[]any{"(Kèm theo Kế hoạch số 60/KH-UBND ngày 25/02/2025 của UBND tỉnh Cà Mau)"},
			[]any{"Thời gian hoàn thành", "Nội dung nhiệm vụ", "STT", "Đơn vị chủ trì", "Sản phẩm dự kiến", "Phối hợp"},
			[]any{"(1)", "(2)", "(3)", "(4)", "(5)", "(6)"},
			[]any{"", "NHÓM THỂ CHẾ", "I."},
			[]any{"Quý II/2025", "Ban hành quy chế chia sẻ dữ liệu", 1, "Sở Khoa học và Công nghệ", "Quyết định của UBND tỉnh", "Sở Tài chính; Sở Tư pháp"},
			[]any{time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC), "Công bố danh mục dữ liệu mở", 2, "Sở KH&CN", "", ""},
			[]any{"II. NHÓM HẠ TẦNG SỐ"},
			[]any{"sớm nhất có thể", "Nâng cấp trung tâm dữ liệu", 1, "Sở Thông tin và Truyền thông", "", "Sở Tài chính"},
			[]any{"năm 2026", "Triển khai bệnh án điện tử", 2, "Sở Y tế", "", ""},
			[]any{"thường xuyên", "Số hóa hồ sơ bệnh nhân", 3, "", "", ""},
			[]any{"Thời gian hoàn thành", "Nội dung nhiệm vụ", "STT", "Đơn vị chủ trì", "Sản phẩm dự kiến", "Phối hợp"}, // repeated on a new page
			[]any{"", "Nhóm nhiệm vụ bổ sung"},
			[]any{"2025 - 2030", "Đào tạo nhân lực số", 1, "Sở Nội vụ, Sở Tài chính", "", ""},
			[]any{"", "", 2, "Sở Y tế"},
		)
		merge(t, f, s, "A1", "F1")
		merge(t, f, s, "A2", "F2")
		merge(t, f, s, "A8", "F8")
		merge(t, f, s, "D10", "D11") // Sở Y tế leads both rows
	})
}

func TestXLSXAppendix(t *testing.T) {
	res, err := Parse("phu-luc.xlsx", sampleAppendix(t), Options{Agencies: testAgencies()})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Draft
	if res.Format != "xlsx" || d.Plan.Title != "PHỤ LỤC: DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2025" || d.Plan.Code != "60/KH-UBND" ||
		!d.Plan.IssuedOn.Equal(time.Date(2025, 2, 25, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("format %q, plan %+v", res.Format, d.Plan)
	}
	var tree []string
	for _, s := range d.Sections {
		tree = append(tree, s.Label+" "+string(s.Kind)+" "+s.Title)
	}
	wantTree := []string{"I part NHÓM THỂ CHẾ", "II part NHÓM HẠ TẦNG SỐ", "II.1 group Nhóm nhiệm vụ bổ sung"}
	if !reflect.DeepEqual(tree, wantTree) {
		t.Errorf("tree = %q\nwant %q", tree, wantTree)
	}
	khcn, tc, tp, yt, nv := agencyID(t, "Sở Khoa học và Công nghệ"), agencyID(t, "Sở Tài chính"), agencyID(t, "Sở Tư pháp"), agencyID(t, "Sở Y tế"), agencyID(t, "Sở Nội vụ")
	type row struct {
		label, text string
		lead        int64
		coop        []int64
		kind        plan.DeadlineKind
		due, words  string
		product     string
	}
	var got []row
	for _, tk := range d.Tasks {
		got = append(got, row{d.Sections[tk.Section].Label, taskCell(tk.Text), tk.LeadAgencyID, tk.CooperatingAgencyIDs, tk.Deadline.Kind,
			tk.Deadline.Due.Format("2006-01-02"), tk.Deadline.Text, tk.Product})
	}
	none := time.Time{}.Format("2006-01-02")
	want := []row{
		{"I", "Ban hành quy chế chia sẻ dữ liệu", khcn, []int64{tc, tp}, plan.DeadlineQuarter, "2025-06-30", "Quý II/2025", "Quyết định của UBND tỉnh"},
		{"I", "Công bố danh mục dữ liệu mở", khcn, nil, plan.DeadlineDate, "2025-06-30", "30/06/2025", ""},
		{"II", "Nâng cấp trung tâm dữ liệu", 0, []int64{tc}, plan.DeadlineNone, none, "sớm nhất có thể", ""},
		{"II", "Triển khai bệnh án điện tử", yt, nil, plan.DeadlineYear, "2026-12-31", "năm 2026", ""},
		{"II", "Số hóa hồ sơ bệnh nhân", yt, nil, plan.DeadlineContinuous, none, "thường xuyên", ""},
		{"II.1", "Đào tạo nhân lực số", nv, []int64{tc}, plan.DeadlineRange, "2030-12-31", "2025 - 2030", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tasks:\n%+v\nwant\n%+v", got, want)
	}
	// The row is kept whole in the task's text, each cell on a labelled line.
	if text := d.Tasks[0].Text; text != "Ban hành quy chế chia sẻ dữ liệu\n- Cơ quan chủ trì: Sở Khoa học và Công nghệ\n- Cơ quan phối hợp: Sở Tài chính; Sở Tư pháp\n- Thời gian hoàn thành: Quý II/2025\n- Sản phẩm: Quyết định của UBND tỉnh" {
		t.Errorf("text = %q", text)
	}
	wantWarn := "9: không đọc được thời hạn “sớm nhất có thể”: đã giữ nguyên chữ, hãy nhập lại thời hạn cho nhiệm vụ này\n" +
		"14: ô Cơ quan chủ trì ghi nhiều cơ quan: cơ quan đầu tiên được lấy làm chủ trì, các cơ quan còn lại là phối hợp\n" +
		"15: dòng có thông tin nhưng ô Nhiệm vụ để trống: dòng bị bỏ qua\n"
	if w := warningTexts(res.Warnings); w != wantWarn {
		t.Errorf("warnings:\n%s\nwant\n%s", w, wantWarn)
	}
	if !reflect.DeepEqual(res.UnknownAgencies, []string{"Sở Thông tin và Truyền thông"}) {
		t.Errorf("unknown = %q", res.UnknownAgencies)
	}
	if len(d.References) != 1 || d.References[0].Number != "60/KH-UBND" {
		t.Errorf("references = %+v", d.References)
	}
	if d.Sections[0].TaskCount != 2 || d.Sections[1].TaskCount != 4 {
		t.Errorf("task counts %d %d", d.Sections[0].TaskCount, d.Sections[1].TaskCount)
	}

	// The user maps the unknown name; parsing again resolves it.
	mapped, err := Parse("phu-luc.xlsx", sampleAppendix(t), Options{Agencies: testAgencies(), Mapping: map[string]int64{"Sở Thông tin và Truyền thông": khcn}})
	if err != nil {
		t.Fatal(err)
	}
	if len(mapped.UnknownAgencies) != 0 || mapped.Draft.Tasks[2].LeadAgencyID != khcn {
		t.Errorf("after mapping: unknown %q, lead %d", mapped.UnknownAgencies, mapped.Draft.Tasks[2].LeadAgencyID)
	}
}

// TestXLSXTwoRowHeader: "Cơ quan thực hiện" merged over "Chủ trì | Phối
// hợp", STT and Nhiệm vụ merged down; numbered group rows ("1" then "1.1").
func TestXLSXTwoRowHeader(t *testing.T) {
	data := buildXLSX(t, func(f *excelize.File, s string) {
		setRows(t, f, s, 1,
			[]any{"DANH MỤC NHIỆM VỤ"},
			[]any{"STT", "Nhiệm vụ", "Cơ quan thực hiện", "", "Tiến độ"},
			[]any{"", "", "Chủ trì", "Phối hợp", ""},
			[]any{"1", "Hoàn thiện thể chế"},
			[]any{"1.1", "Rà soát văn bản", "Sở Tư pháp", "Sở Nội vụ", "Quý III/2025"},
			[]any{"1.2", "Ban hành quy chế", "Sở Tư pháp", "", "Quý IV/2025"},
			[]any{"2", "Tổ chức hội nghị sơ kết", "Sở Khoa học và Công nghệ", "", "tháng 12/2025"},
		)
		merge(t, f, s, "A2", "A3")
		merge(t, f, s, "B2", "B3")
		merge(t, f, s, "C2", "D2")
		merge(t, f, s, "E2", "E3")
	})
	res, err := Parse("pl.xlsx", data, Options{Agencies: testAgencies()})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Draft
	var tree []string
	for _, s := range d.Sections {
		tree = append(tree, s.Label+" "+s.Title)
	}
	if !reflect.DeepEqual(tree, []string{"1 Hoàn thiện thể chế", "PL Phụ lục"}) {
		t.Errorf("tree = %q", tree)
	}
	if len(d.Tasks) != 3 || d.Tasks[0].LeadAgencyID != agencyID(t, "Sở Tư pháp") || !reflect.DeepEqual(d.Tasks[0].CooperatingAgencyIDs, []int64{agencyID(t, "Sở Nội vụ")}) {
		t.Errorf("tasks = %+v", d.Tasks)
	}
	// "2" is not part of group "1": it goes to the appendix's own part.
	if got := d.Sections[d.Tasks[2].Section].Label; got != "PL" {
		t.Errorf("task 3 in %s", got)
	}
}

// TestXLSXSecondSheet: the first sheet with the headers is read, wherever it is.
func TestXLSXSecondSheet(t *testing.T) {
	data := buildXLSX(t, func(f *excelize.File, s string) {
		setRows(t, f, s, 1, []any{"Hướng dẫn điền biểu mẫu"}, []any{"Ghi tên cơ quan đầy đủ."})
		if _, err := f.NewSheet("Nhiệm vụ"); err != nil {
			t.Fatal(err)
		}
		setRows(t, f, "Nhiệm vụ", 1,
			[]any{"TT", "Tên nhiệm vụ", "Chủ trì", "Thời hạn", "Sản phẩm"},
			[]any{1, "Xây dựng kho dữ liệu", "Sở Khoa học và Công nghệ", "Quý I/2026", "Hệ thống"},
		)
	})
	res, err := Parse("pl.xlsx", data, Options{Agencies: testAgencies()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Draft.Tasks) != 1 || res.Draft.Tasks[0].Product != "Hệ thống" {
		t.Errorf("tasks = %+v", res.Draft.Tasks)
	}
	if w := warningTexts(res.Warnings); !strings.Contains(w, "1: bảng không có cột Cơ quan phối hợp") {
		t.Errorf("warnings:\n%s", w)
	}
}

func TestXLSXMissingColumns(t *testing.T) {
	data := buildXLSX(t, func(f *excelize.File, s string) {
		setRows(t, f, s, 3,
			[]any{"STT", "Nhiệm vụ", "Thời gian hoàn thành"},
			[]any{1, "Việc một", "Quý II/2025"},
		)
	})
	_, err := Parse("pl.xlsx", data, Options{})
	e := importErr(t, err, CodeMissingColumns)
	for _, s := range []string{"thiếu cột cần thiết: Cơ quan chủ trì.", "Đã thấy các cột: STT, Nhiệm vụ, Thời gian hoàn thành (trang tính “Phụ lục”, dòng 3)"} {
		if !strings.Contains(e.Message, s) {
			t.Errorf("message %q lacks %q", e.Message, s)
		}
	}

	data = buildXLSX(t, func(f *excelize.File, s string) {
		setRows(t, f, s, 1, []any{"Số liệu", 12, 15})
	})
	_, err = Parse("pl.xlsx", data, Options{})
	e = importErr(t, err, CodeMissingColumns)
	if !strings.Contains(e.Message, "Nhiệm vụ, Cơ quan chủ trì") || !strings.Contains(e.Message, "Không thấy cột nào") {
		t.Errorf("message = %q", e.Message)
	}
}

func TestXLSXNoTaskRows(t *testing.T) {
	data := buildXLSX(t, func(f *excelize.File, s string) {
		setRows(t, f, s, 1, []any{"STT", "Nhiệm vụ", "Cơ quan chủ trì"})
	})
	_, err := Parse("pl.xlsx", data, Options{})
	importErr(t, err, CodeNoTasks)
}

func TestHeaderRole(t *testing.T) {
	for cell, want := range map[string]column{
		"STT": colSTT, "Số TT": colSTT, "Nội dung nhiệm vụ": colTask, "Tên nhiệm vụ": colTask, "Nhiệm vụ, giải pháp": colTask,
		"Cơ quan chủ trì": colLead, "Chủ trì": colLead, "Đơn vị chủ trì thực hiện": colLead, "Co quan chu tri": colLead, "CHỦTRÌ": colLead,
		"Cơ quan phối hợp": colCoop, "Phối hợp": colCoop, "Thời gian hoàn thành": colDeadline, "Thời hạn": colDeadline,
		"Tiến độ": colDeadline, "Sản phẩm": colProduct, "Sản phẩm dự kiến": colProduct,
		"Kết quả": colProduct, "Kết quả dự kiến": colProduct, "Nhiệm vụ, đề án, dự án": colTask, "Tên đề án": colTask,
		"Cơ quan thực hiện": colLead, "Đơn vị thực hiện": colLead, "Thời gian trình": colDeadline, "Cấp trình": colLevel,
		"Kinh phí": colFunding, "Nguồn kinh phí": colFunding, "Ghi chú": colNote, "Chỉ tiêu": colIndicator,
	} {
		if got, ok := headerRole(cell); !ok || got != want {
			t.Errorf("headerRole(%q) = %v, %v; want %v", cell, got, ok, want)
		}
	}
	for _, cell := range []string{"Đơn vị tính", "", "Xây dựng kế hoạch triển khai thực hiện nhiệm vụ chuyển đổi số của tỉnh giai đoạn 2025 - 2030"} {
		if c, ok := headerRole(cell); ok {
			t.Errorf("headerRole(%q) = %v", cell, c)
		}
	}
}
