package vntext

import "testing"

func TestSentenceCase(t *testing.T) {
	cases := []struct{ in, want string }{
		{"TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP NGÀY 01/4/2025 CỦA CHÍNH PHỦ; CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA BAN THƯỜNG VỤ TỈNH ỦY THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW NGÀY 22/12/2024 CỦA BỘ CHÍNH TRỊ VỀ ĐỘT PHÁ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ QUỐC GIA TRÊN ĐỊA BÀN TỈNH CÀ MAU",
			"Triển khai thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ; Chương trình hành động của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên địa bàn tỉnh Cà Mau"},
		{"ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "Ủy ban nhân dân tỉnh Cà Mau"},
		{"UBND TỈNH BÀ RỊA - VŨNG TÀU", "UBND tỉnh Bà Rịa - Vũng Tàu"},
		{"KẾ HOẠCH PHÁT TRIỂN KH&CN VÀ CHUYỂN ĐỔI SỐ CỦA SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Kế hoạch phát triển KH&CN và chuyển đổi số của Sở Khoa học và Công nghệ"},
		{"BÁO CÁO KẾT QUẢ QUÝ IV NĂM 2026 (GRDP, CNTT, AI, IOT, 5G)", "Báo cáo kết quả quý IV năm 2026 (GRDP, CNTT, AI, IoT, 5G)"},
		{"THỰC HIỆN QUYẾT ĐỊNH 1132/QĐ-TTG VỀ HẠ TẦNG SỐ TẠI THÀNH PHỐ HỒ CHÍ MINH", "Thực hiện Quyết định 1132/QĐ-TTG về hạ tầng số tại thành phố Hồ Chí Minh"},
		{"PHẠM VI ÁP DỤNG GIAI ĐOẠN II", "Phạm vi áp dụng giai đoạn II"},
		{"KẾ HOẠCH VỀ VIỆC THỰC HIỆN", "Kế hoạch về việc thực hiện"}, // no number: not a citation
		// Mixed case is the writer's: unchanged.
		{"Chuyển đổi số năm 2025", "Chuyển đổi số năm 2025"},
		{"Kế hoạch KH&CN", "Kế hoạch KH&CN"},
		{"UBND", "UBND"},
		{"", ""},
	}
	for _, c := range cases {
		if got := SentenceCase(c.in); got != c.want {
			t.Errorf("SentenceCase(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestShouting(t *testing.T) {
	for s, want := range map[string]bool{
		"KẾ HOẠCH CHUYỂN ĐỔI SỐ": true, "UBND TỈNH CÀ MAU": true, "UBND TỈNH": false, "UBND": false, "UBND, HĐND": false,
		"Kế hoạch chuyển đổi số": false, "KẾ HOẠCH chuyển đổi số năm nay": false,
	} {
		if got := Shouting(s); got != want {
			t.Errorf("Shouting(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{"Quý II/2025": "quý II/2025", "UBND tỉnh": "UBND tỉnh", "Năm 2026": "năm 2026", "": "", "5G": "5G"} {
		if got := LowerFirst(in); got != want {
			t.Errorf("LowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsSyllable(t *testing.T) {
	for w, want := range map[string]bool{"nghiêng": true, "khuyến": true, "giữa": true, "ươu": true, "UBND": false,
		"KH": false, "GRDP": false, "II": false, "IV": false, "VI": true, "quốc": true, "ICT": false, "oda": false} {
		if got := isSyllable(w); got != want {
			t.Errorf("isSyllable(%q) = %v, want %v", w, got, want)
		}
	}
}
