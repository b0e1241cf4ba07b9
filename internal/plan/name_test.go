package plan

import "testing"

const nq71Title = "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP NGÀY 01/4/2025 CỦA CHÍNH PHỦ; CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA BAN THƯỜNG VỤ TỈNH ỦY THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW NGÀY 22/12/2024 CỦA BỘ CHÍNH TRỊ VỀ ĐỘT PHÁ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ QUỐC GIA TRÊN ĐỊA BÀN TỈNH CÀ MAU"

func TestPlanName(t *testing.T) {
	cases := []struct {
		p    Plan
		want string
	}{
		{Plan{ID: 1, Title: nq71Title}, "KH thực hiện NQ 71/NQ-CP"},
		{Plan{ID: 1, Code: "60/KH-UBND", Title: nq71Title}, "Kế hoạch 60/KH-UBND"},
		{Plan{ID: 2, Title: "Chuyển đổi số năm 2025"}, "KH chuyển đổi số năm 2025"},
		{Plan{ID: 3, Title: "Kế hoạch hành động thực hiện Chỉ thị số 05/CT-TTg về đẩy mạnh"}, "KH thực hiện CT 05/CT-TTg"},
		{Plan{ID: 4, Title: "TRIỂN KHAI QUYẾT ĐỊNH 1132/QĐ-TTG VỀ HẠ TẦNG SỐ"}, "KH triển khai QĐ 1132/QĐ-TTG"},
		{Plan{ID: 5, Title: "Ứng dụng trí tuệ nhân tạo trong quản lý nhà nước, phục vụ người dân và doanh nghiệp trên địa bàn tỉnh đến năm 2030"},
			"KH ứng dụng trí tuệ nhân tạo trong quản lý nhà nước…"},
		{Plan{ID: 6}, "Kế hoạch chưa có tên"},
	}
	for _, c := range cases {
		if got := c.p.Name(); got != c.want {
			t.Errorf("Name(%q, %q) = %q, want %q", c.p.Code, c.p.Title, got, c.want)
		}
	}
}

func TestDisplayTitle(t *testing.T) {
	p := Plan{Title: nq71Title}
	want := "Triển khai thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ; Chương trình hành động của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên địa bàn tỉnh Cà Mau"
	if got := p.DisplayTitle(); got != want {
		t.Errorf("DisplayTitle = %q", got)
	}
	p.Title = "Chuyển đổi số năm 2025"
	if got := p.DisplayTitle(); got != p.Title {
		t.Errorf("a mixed-case title changed: %q", got)
	}
}
