package docx

import (
	"slices"
	"testing"
)

func TestNameLines(t *testing.T) {
	col := 3742 // the letterhead's left column, twips
	cases := []struct {
		name string
		bold bool
		want []string
	}{
		{"ỦY BAN NHÂN DÂN TỈNH CÀ MAU", false, []string{"ỦY BAN NHÂN DÂN", "TỈNH CÀ MAU"}},
		{"UBND TỈNH CÀ MAU", false, []string{"UBND TỈNH CÀ MAU"}},
		{"SỞ KHOA HỌC VÀ CÔNG NGHỆ", true, []string{"SỞ KHOA HỌC VÀ", "CÔNG NGHỆ"}},
		{"ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", true, []string{"ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"}},
		{"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", true, []string{"SỞ VĂN HÓA,", "THỂ THAO VÀ DU LỊCH"}},
		{"TRUNG TÂM THÔNG TIN VÀ ỨNG DỤNG KHOA HỌC VÀ CÔNG NGHỆ", true, []string{"TRUNG TÂM THÔNG TIN VÀ", "ỨNG DỤNG KHOA HỌC VÀ", "CÔNG NGHỆ"}},
		{"SỞ Y TẾ", true, []string{"SỞ Y TẾ"}},
	}
	for _, c := range cases {
		got := nameLines(c.name, sizeAgency, c.bold, col)
		if !slices.Equal(got, c.want) {
			t.Errorf("nameLines(%q) = %q, want %q", c.name, got, c.want)
		}
		for _, l := range got {
			if textTwips(l, sizeAgency, c.bold) > col && len(nameUnits(l)) > 1 {
				t.Errorf("line %q wider than the column", l)
			}
		}
	}
}

func TestTextTwips(t *testing.T) {
	// "STT" bold 12 pt: (556+667+667)/1000 × 12 pt × 20 ≈ 454 twips, +4 %.
	if got := textTwips("STT", 12, true); got < 454 || got > 480 {
		t.Errorf("textTwips(STT) = %d", got)
	}
	if textTwips("Ủ", 12, false) != textTwips("U", 12, false) || textTwips("đ", 12, false) != textTwips("d", 12, false) {
		t.Error("a Vietnamese letter is not as wide as its base letter")
	}
}

func TestFitColumns(t *testing.T) {
	tb := Table{Header: []string{"STT", "Nhóm nhiệm vụ", "Tổng số"}, Widths: []int{1, 15, 1},
		Rows: [][]string{{"1", "Hoàn thiện thể chế, chính sách", "12"}}}
	widths := []int{9355 / 17, 9355 * 15 / 17, 9355 / 17}
	got := fitColumns(widths, columnMinima(tb))
	sum := 0
	for i, w := range got {
		sum += w
		if min := columnMinima(tb)[i]; w < min {
			t.Errorf("column %d: %d twips, narrower than its longest word (%d)", i, w, min)
		}
	}
	if total := widths[0] + widths[1] + widths[2]; sum > total || sum < total-3 {
		t.Errorf("table width %d, want %d", sum, total)
	}
	if got[0] <= widths[0] {
		t.Errorf("STT column not widened: %d", got[0])
	}
}
