package xlsxread

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func workbook(t *testing.T, sheets map[string][][]string, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestEachSheetInOrderUntilDone(t *testing.T) {
	data := workbook(t, map[string][][]string{
		"Hướng dẫn": {{"Điền bảng ở trang sau"}},
		"Dữ liệu":   {{"STT", "Tên"}, {"1", "Sở Tài chính"}},
		"Thêm":      {{"x"}},
	}, "Hướng dẫn", "Dữ liệu", "Thêm")
	var seen []string
	err := EachSheet(data, 1<<20, func(rows [][]string) bool {
		seen = append(seen, rows[0][0])
		return rows[0][0] == "STT"
	})
	if err != nil || strings.Join(seen, "|") != "Điền bảng ở trang sau|STT" {
		t.Errorf("sheets read %q, %v; want the first two, stopping at the one found", seen, err)
	}
}

func TestEachSheetRefuses(t *testing.T) {
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	w.Write(bytes.Repeat([]byte("<c/>"), (maxPartBytes/4)+1)) // inflates past the limit, compresses to little
	zw.Close()
	for name, c := range map[string]struct {
		data []byte
		max  int
		want string
	}{
		"too large": {workbook(t, map[string][][]string{"A": {{"1"}}}, "A"), 100, "Tệp quá lớn"},
		"not a zip": {[]byte("Tên đăng nhập;Vai trò\n"), 1 << 20, "không phải bảng tính Excel"},
		"a bomb":    {bomb.Bytes(), 1 << 20, "giải nén ra quá lớn"},
		"not xlsx": {func() []byte {
			var b bytes.Buffer
			z := zip.NewWriter(&b)
			z.Create("a.txt")
			z.Close()
			return b.Bytes()
		}(), 1 << 20, "bị hỏng"},
	} {
		called := false
		err := EachSheet(c.data, c.max, func([][]string) bool { called = true; return true })
		if err == nil || !strings.Contains(err.Error(), c.want) || called {
			t.Errorf("%s: %v (sheets read: %v), want %q", name, err, called, c.want)
		}
	}
}
