package app_test

import "strings"

// importBody and importAppendix are one plan in two files: the body points
// to its appendix, a table copied from Word (cells separated by tabs),
// which names agencies of the register and some it lacks.
var (
	importBody = []byte(strings.Join([]string{"KẾ HOẠCH", "Số hóa hồ sơ hành chính năm 2026",
		"I. MỤC ĐÍCH", "Giảm giấy tờ cho người dân.",
		"II. NHIỆM VỤ", "Các nhiệm vụ cụ thể tại Phụ lục kèm theo.",
		"III. TỔ CHỨC THỰC HIỆN", "Các cơ quan báo cáo hằng quý.", ""}, "\n"))
	importAppendix = []byte(strings.Join([]string{"PHỤ LỤC", "DANH MỤC NHIỆM VỤ",
		"STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành",
		"1\tSố hóa hồ sơ đất đai\tSở Tài chính\tBan Quản lý dự án\tQuý II/2026",
		"2\tSố hóa hồ sơ hộ tịch\tTrung tâm Lưu trữ lịch sử tỉnh\tSở Nội vụ\tQuý III/2026",
		"3\tTập huấn văn thư lưu trữ\tTrung tâm Lưu trữ lịch sử tỉnh\t\tnăm 2026",
		"4\tXây dựng kho dữ liệu thông tin\tSở Thông tin và Truyền thông tỉnh Cà Mau\tBan Quản lý dự án\tQuý IV/2026",
		"5\tTuyên truyền về dịch vụ công\tBan Quản lý dự án\tHội Nông dân tỉnh\tnăm 2026", ""}, "\n"))
)
