package reorgimport

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/agency"
)

// sheetOf makes an .xlsx with a title row, the header and rows.
func sheetOf(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	all := append([][]any{{"PHỤ LỤC: SẮP XẾP CƠ QUAN"}, {"STT", "Cơ quan cũ", "Cơ quan mới (kế thừa)", "Ngày hiệu lực", "Số quyết định"}}, rows...)
	for i, r := range all {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestParse(t *testing.T) {
	names := []string{"Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ", "Sở Giao thông vận tải", "Sở Xây dựng",
		"UBND huyện Cái Nước", "UBND xã An Xuyên", "UBND xã Tắc Vân", "Sở Nông nghiệp và Phát triển nông thôn"}
	var agencies []agency.Agency
	id := map[string]int64{}
	for i, n := range names {
		agencies = append(agencies, agency.Agency{ID: int64(i + 1), Name: n, Kind: agency.KindDepartment})
		id[n] = int64(i + 1)
	}
	agencies[0].ShortName = "Sở TT&TT"
	// An ended agency of the same name as a live one is not matched.
	agencies = append(agencies, agency.Agency{ID: 99, Name: "Sở Xây dựng", ValidTo: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
	data := sheetOf(t, [][]any{
		{1, "Sở TT&TT", "Sở Khoa học và Công nghệ", "01/03/2025", "1/QĐ-UBND"},
		{2, "Sở Giao thông vận tải", "so xay dung", "01/03/2025", "2/QĐ-UBND"},
		{3, "UBND huyện Cái Nước", "", "2025-07-01", "4/QĐ-UBND"},
		{4, "ubnd xa an xuyen", "UBND phường An Xuyên", "01/07/2025", "5/QĐ-UBND"},
		{5, "UBND xã Tắc Vân", "UBND phường An Xuyên", "1/7/2025", "5/QĐ-UBND"},
		{6, "Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường", "01/03/2025", "6/QĐ-UBND"},
		{},
		{8, "Sở Không Có", "Sở Xây dựng", "01/03/2025", "7/QĐ-UBND"},
		{9, "Sở Xây dựng", "Sở Khoa học và Công nghệ", "32/13/2025", "8/QĐ-UBND"},
		{10, "Sở Xây dựng", "Sở Khoa học và Công nghệ", "01/03/2025", ""},
	})
	m, err := Parse(data, agencies)
	if err != nil {
		t.Fatal(err)
	}
	day := func(d, mo int) time.Time { return time.Date(2025, time.Month(mo), d, 0, 0, 0, 0, time.UTC) }
	want := []struct {
		kind agency.ReorgKind
		from []int64
		into int64
		new  string
		day  time.Time
		rows string
	}{
		{agency.ReorgMerge, []int64{id["Sở Thông tin và Truyền thông"]}, id["Sở Khoa học và Công nghệ"], "", day(1, 3), "[3]"},
		{agency.ReorgMerge, []int64{id["Sở Giao thông vận tải"]}, id["Sở Xây dựng"], "", day(1, 3), "[4]"},
		{agency.ReorgDissolve, []int64{id["UBND huyện Cái Nước"]}, 0, "", day(1, 7), "[5]"},
		{agency.ReorgMerge, []int64{id["UBND xã An Xuyên"], id["UBND xã Tắc Vân"]}, 0, "UBND phường An Xuyên", day(1, 7), "[6 7]"},
		{agency.ReorgRename, []int64{id["Sở Nông nghiệp và Phát triển nông thôn"]}, 0, "Sở Nông nghiệp và Môi trường", day(1, 3), "[8]"},
	}
	if len(m.Groups) != len(want) {
		t.Fatalf("%d groups, want %d: %+v", len(m.Groups), len(want), m.Groups)
	}
	for i, w := range want {
		g := m.Groups[i]
		newName := ""
		if g.New != nil {
			newName = g.New.Name
		}
		if g.Kind != w.kind || fmt.Sprint(g.From) != fmt.Sprint(w.from) || g.Into != w.into || newName != w.new ||
			!g.Effective.Equal(w.day) || fmt.Sprint(g.Rows) != w.rows {
			t.Errorf("group %d: %s from %v into %d new %q on %v rows %v; want %+v", i, g.Kind, g.From, g.Into, newName, g.Effective, g.Rows, w)
		}
		if fe := g.Validate(); len(fe) > 0 {
			t.Errorf("group %d does not validate: %v", i, fe)
		}
	}
	rows := map[int]bool{}
	for _, e := range m.Errors {
		rows[e.Row] = true
	}
	if len(m.Errors) != 3 || !rows[10] || !rows[11] || !rows[12] {
		t.Errorf("errors %+v; want rows 10 (unknown agency), 11 (bad day), 12 (no decision)", m.Errors)
	}
}

func TestParseRefuses(t *testing.T) {
	for name, data := range map[string][]byte{
		"not a zip": []byte("Cơ quan cũ;Cơ quan mới\n"),
		"no header": sheetOf(t, nil)[:0],
		"too big":   make([]byte, MaxBytes+1),
	} {
		if _, err := Parse(data, nil); !errors.Is(err, ErrFile) {
			t.Errorf("%s: %v", name, err)
		}
	}
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Tên")
	var b bytes.Buffer
	f.Write(&b)
	if _, err := Parse(b.Bytes(), nil); !errors.Is(err, ErrFile) {
		t.Errorf("a sheet without the columns: %v", err)
	}
}
