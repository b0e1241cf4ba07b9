package xlsx

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func sampleSheets() []Sheet {
	d := time.Date(2026, 11, 25, 0, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	return []Sheet{
		{Name: "Nhiệm vụ", Title: "PHỤ LỤC I. DANH MỤC NHIỆM VỤ", Columns: []Column{
			{Header: "STT", Kind: Int, Width: 6}, {Header: "Nhiệm vụ", Kind: Text, Width: 40},
			{Header: "Thời hạn", Kind: Date}, {Header: "Tiến độ", Kind: Percent},
		}, Rows: [][]any{
			{1, "Xây dựng cơ sở dữ liệu đất đai", d, 0.5},
			{2, "Đào tạo kỹ năng số", nil, 1.0},
		}},
		{Name: "Chỉ tiêu", Title: "PHỤ LỤC II. CHỈ TIÊU", Columns: []Column{
			{Header: "Chỉ tiêu", Kind: Text}, {Header: "Kế hoạch", Kind: Number}, {Header: "Thực hiện", Kind: Number},
		}, Rows: [][]any{{"Tỷ lệ hồ sơ trực tuyến", 1234.5, 1000.0}}},
	}
}

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sampleSheets()...); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Nhiệm vụ" || got[1] != "Chỉ tiêu" {
		t.Fatalf("sheets %v", got)
	}
	const s = "Nhiệm vụ"
	get := func(cell string, raw bool) string {
		v, err := f.GetCellValue(s, cell, excelize.Options{RawCellValue: raw})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if get("A1", false) != "PHỤ LỤC I. DANH MỤC NHIỆM VỤ" || get("B2", false) != "Nhiệm vụ" || get("B3", false) != "Xây dựng cơ sở dữ liệu đất đai" {
		t.Error("title/header/text not round-tripped")
	}
	// Integers and percents stay numbers.
	if get("A3", true) != "1" || get("D3", true) != "0.5" {
		t.Errorf("raw values A3=%q D3=%q", get("A3", true), get("D3", true))
	}
	if typ, _ := f.GetCellType(s, "B3"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("B3 type %v", typ)
	}
	// The date is a real date serial shown as dd/mm/yyyy.
	serial, err := strconv.ParseFloat(get("C3", true), 64)
	if err != nil {
		t.Fatalf("date cell is not numeric: %q", get("C3", true))
	}
	if d, _ := excelize.ExcelDateToTime(serial, false); d.Format("2006-01-02") != "2026-11-25" {
		t.Errorf("date serial %v is %v", serial, d)
	}
	if get("C3", false) != "25/11/2026" {
		t.Errorf("date shown as %q", get("C3", false))
	}
	if get("C4", true) != "" {
		t.Error("nil date must leave the cell empty")
	}
	// Styles: bold wrapped header, number formats, Times New Roman.
	id, _ := f.GetCellStyle(s, "A2")
	hs, _ := f.GetStyle(id)
	if !hs.Font.Bold || !hs.Alignment.WrapText || hs.Font.Family != "Times New Roman" {
		t.Errorf("header style %+v %+v", hs.Font, hs.Alignment)
	}
	for cell, want := range map[string]string{"A3": "#,##0", "C3": "dd/mm/yyyy", "D3": "0.0%"} {
		id, _ := f.GetCellStyle(s, cell)
		st, _ := f.GetStyle(id)
		if st.CustomNumFmt == nil || *st.CustomNumFmt != want {
			t.Errorf("%s number format %v, want %s", cell, st.CustomNumFmt, want)
		}
	}
	if v, _ := f.GetCellValue("Chỉ tiêu", "B3", excelize.Options{RawCellValue: true}); v != "1234.5" {
		t.Errorf("number raw %q", v)
	}
	// Frozen header, autofilter, print settings.
	panes, _ := f.GetPanes(s)
	if !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("panes %+v", panes)
	}
	pl, _ := f.GetPageLayout(s)
	if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" {
		t.Errorf("page layout %+v", pl)
	}
	var filter bool
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == s && strings.Contains(dn.RefersTo, "$A$2:$D$4") {
			filter = true
		}
	}
	if !filter {
		t.Errorf("no autofilter on A2:D4: %+v", f.GetDefinedName())
	}
	if w, _ := f.GetColWidth(s, "B"); w != 40 {
		t.Errorf("column B width %v", w)
	}
}

func TestWrongKindFails(t *testing.T) {
	s := sampleSheets()[:1]
	s[0].Rows = [][]any{{"một", "x", nil, nil}}
	if err := Write(&bytes.Buffer{}, s...); err == nil {
		t.Fatal("want an error for a string in an Int column")
	}
}

func TestSubtitleAndProperties(t *testing.T) {
	at := time.Date(2026, 10, 6, 9, 0, 0, 0, time.UTC)
	s := Sheet{Name: "Nhiệm vụ", Title: "PHỤ LỤC I", Subtitle: "(Kèm theo Báo cáo số      /BC-SKHCN)",
		Columns: []Column{{Header: "STT", Kind: Int}, {Header: "Nhiệm vụ"}}, Rows: [][]any{{1, "T1"}}}
	var buf bytes.Buffer
	if err := WriteWith(&buf, Properties{Title: "Phụ lục", Creator: "Sở Khoa học và Công nghệ", Created: at}, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"A1": "PHỤ LỤC I", "A2": s.Subtitle, "A3": "STT", "B4": "T1"} {
		if v, _ := f.GetCellValue("Nhiệm vụ", cell); v != want {
			t.Errorf("%s = %q, want %q", cell, v, want)
		}
	}
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Creator != "Sở Khoa học và Công nghệ" || p.Created != "2026-10-06T09:00:00Z" || p.Title != "Phụ lục" {
		t.Errorf("properties = %+v", p)
	}
	app, err := f.GetAppProps()
	if err != nil || app.Application != "tiendo" {
		t.Errorf("application = %+v, %v", app, err)
	}
}
