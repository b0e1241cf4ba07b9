package vntext

import "testing"

func TestLowerFirstNames(t *testing.T) {
	for in, want := range map[string]string{
		"Thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ": "thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ",
		"Triển khai Chương trình hành động":                             "triển khai Chương trình hành động",
		"UBND tỉnh giao":           "UBND tỉnh giao",
		"KH&CN năm 2026":           "KH&CN năm 2026",
		"Sở Tài chính":             "Sở Tài chính",
		"Quý II/2026":              "quý II/2026",
		"Báo cáo":                  "báo cáo",
		"Ủy ban nhân dân":          "ủy ban nhân dân",
		"  Đẩy mạnh chuyển đổi số": "  đẩy mạnh chuyển đổi số",
		"":                         "",
		"đã có":                    "đã có",
	} {
		if got := LowerFirst(in); got != want {
			t.Errorf("LowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
