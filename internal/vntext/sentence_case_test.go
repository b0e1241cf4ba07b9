package vntext

import "testing"

func TestSentenceCaseInSentences(t *testing.T) {
	for in, want := range map[string]string{
		"TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP NGÀY 01/4/2025 CỦA CHÍNH PHỦ; CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA BAN THƯỜNG VỤ TỈNH ỦY THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW": "Triển khai thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ; Chương trình hành động của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 57-NQ/TW",
		"CHUYỂN ĐỔI SỐ TRÊN ĐỊA BÀN TỈNH CÀ MAU": "Chuyển đổi số trên địa bàn tỉnh Cà Mau",
		"KẾ HOẠCH CỦA UBND TỈNH VỀ KH&CN":        "Kế hoạch của UBND tỉnh về KH&CN",
		"Thực hiện Nghị quyết số 71/NQ-CP":       "Thực hiện Nghị quyết số 71/NQ-CP",
		"2025": "2025",
		"":     "",
	} {
		if got := SentenceCase(in); got != want {
			t.Errorf("SentenceCase(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}
