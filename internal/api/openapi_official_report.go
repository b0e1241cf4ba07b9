package api

// The official report part of the OpenAPI document.

// officialReportOperations describes the two downloads of the official
// report, keyed like routes().
func officialReportOperations() map[string]obj {
	download := func(id, summary, desc, contentType string) obj {
		return obj{
			"operationId": id, "tags": []any{"dashboard"},
			"summary":     summary,
			"description": desc + "\n\nBản báo cáo là bản cơ quan chủ trì tổng hợp đã sửa và lưu lần cuối trên trang \"Báo cáo tổng hợp\"; chưa lưu lần nào thì là bản dự thảo đầu tiên, soạn từ phần văn bản của các báo cáo **đã tiếp nhận** trong kỳ. Số liệu luôn được tính lại tại thời điểm tải (cùng nguồn với GET /plans/{id}/dashboard, ngày xem là hôm nay). Kỳ không thuộc kế hoạch → 400 (`fields.period`); kế hoạch không có, hoặc chưa có kỳ báo cáo → 404.",
			"parameters":  []any{param("PlanID"), param("PeriodQuery")},
			"responses": readResponses(obj{"200": obj{
				"description": "Tệp đính kèm",
				"headers": obj{
					"Content-Disposition": obj{"description": "`attachment; filename=…`", "schema": obj{"type": "string"}},
				},
				"content": obj{contentType: obj{"schema": obj{"type": "string", "format": "binary"}}},
			}}, true),
		}
	}
	return map[string]obj{
		"GET /plans/{id}/report.docx": download("getOfficialReportDocx", "Báo cáo tổng hợp (.docx)",
			"Báo cáo tổng hợp của kế hoạch cho một kỳ (`period`, mặc định kỳ chứa ngày hôm nay), trình bày theo Nghị định 30/2020/NĐ-CP: Quốc hiệu, tiêu ngữ, cơ quan ban hành, số, địa danh và ngày, \"BÁO CÁO\" và trích yếu; I. Kết quả thực hiện (số nhiệm vụ theo tình trạng, theo nhóm; tỷ lệ báo cáo đã nhận và đúng hạn; chỉ tiêu), II. Khó khăn, vướng mắc, III. Kiến nghị, đề xuất, IV. Nhiệm vụ trọng tâm kỳ tới; chữ ký, nơi nhận; số trang từ trang 2.",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
		"GET /plans/{id}/report.xlsx": download("getOfficialReportXlsx", "Phụ lục báo cáo tổng hợp (.xlsx)",
			"Sổ tính phụ lục của báo cáo tổng hợp, ba trang tính: `Nhiệm vụ` (STT, nhiệm vụ, chủ trì, phối hợp, thời hạn, sản phẩm, tình trạng, kết quả), `Chỉ tiêu` (chỉ tiêu, đơn vị, kế hoạch, thực hiện, % đạt), `Báo cáo` (cơ quan, phải gửi, đã nhận, đúng hạn).",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
	}
}
