package docx

import (
	"fmt"
	"time"
)

// sampleReport is a quarterly report long enough to run to about three A4
// pages, with every part of the Decree 30 layout present.
func sampleReport(extraParagraphs int) Report {
	results := []Block{
		{Paragraph: "Trong quý III năm 2026, Sở Khoa học và Công nghệ đã chủ trì, phối hợp với các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố triển khai đồng bộ các nhiệm vụ của Kế hoạch; bám sát chỉ đạo của Ủy ban nhân dân tỉnh, ưu tiên các nhiệm vụ chuyển đổi số và đổi mới sáng tạo."},
		{Table: &Table{
			Caption: "Bảng 1. Tình hình thực hiện nhiệm vụ theo nhóm",
			Header:  []string{"STT", "Nhóm nhiệm vụ", "Tổng số", "Hoàn thành", "Đang thực hiện", "Quá hạn"},
			Widths:  []int{1, 8, 2, 2, 2, 2}, // STT gets 1/17 of the width, as Bảng 1 of the official report did
			Rows: [][]string{
				{"1", "Hoàn thiện thể chế, chính sách", "12", "8", "3", "1"},
				{"2", "Phát triển hạ tầng số", "9", "4", "4", "1"},
				{"3", "Đào tạo, phát triển nguồn nhân lực", "7", "5", "2", "0"},
				{"", "Tổng cộng", "28", "17", "9", "2"},
			},
		}},
	}
	para := "Các cơ quan, đơn vị đã cập nhật tiến độ đầy đủ, đúng hạn; chất lượng báo cáo được nâng lên, số liệu thống nhất giữa các kỳ. Tuy nhiên, một số nhiệm vụ về hạ tầng số còn chậm do vướng mắc thủ tục đầu tư, kinh phí bố trí chưa kịp thời, cần tiếp tục tháo gỡ trong quý tới."
	var more []Block
	for i := 0; i < extraParagraphs; i++ {
		more = append(more, Block{Paragraph: fmt.Sprintf("%d. %s", i+1, para)})
	}
	return Report{
		ParentIssuer: "UBND TỈNH CÀ MAU",
		Issuer:       "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		Number:       "Số: 123/BC-SKHCN",
		Place:        "Cà Mau",
		Date:         time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC),
		Title:        "BÁO CÁO",
		Summary:      "Kết quả thực hiện Kế hoạch chuyển đổi số quý III năm 2026",
		Sections: []Section{
			{Heading: "I. KẾT QUẢ THỰC HIỆN", Subsections: []Section{
				{Heading: "1. Kết quả chung", Blocks: results},
				{Heading: "2. Kết quả theo nhóm nhiệm vụ", Blocks: more, Subsections: []Section{
					{Heading: "a) Nhóm hoàn thiện thể chế", Blocks: []Block{{Paragraph: para}}},
					{Heading: "b) Nhóm phát triển hạ tầng số", Blocks: []Block{{Paragraph: para}}},
				}},
			}},
			{Heading: "II. KHÓ KHĂN, VƯỚNG MẮC", Blocks: []Block{{Paragraph: para}, {Paragraph: para}}},
			{Heading: "III. ĐỀ XUẤT, KIẾN NGHỊ", Blocks: []Block{{Paragraph: para}}},
			{Heading: "IV. NHIỆM VỤ TRỌNG TÂM QUÝ TỚI", Blocks: []Block{{Paragraph: para}, {Paragraph: para}}},
		},
		Signature: Signature{Prefix: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Nguyễn Văn An"},
		Recipients: []string{
			"UBND tỉnh (b/c);",
			"Các sở, ban, ngành tỉnh;",
			"UBND các huyện, thành phố;",
			"Lưu: VT, KHTC.",
		},
	}
}
