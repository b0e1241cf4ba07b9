package api

// The ranking part of the OpenAPI document. Schemas mirror ranking_view.go;
// TestOpenAPIRankingSchemas checks the property names.

// rankingOperations describes the ranking route, keyed like routes().
func rankingOperations() map[string]obj {
	return map[string]obj{
		"GET /plans/{id}/ranking": {
			"operationId": "getRanking", "tags": []any{"dashboard"},
			"summary":     "Xếp hạng cơ quan theo năm (khen thưởng)",
			"description": "Điểm của từng cơ quan trong năm (`year`, mặc định năm nay), tốt nhất trước, kèm số liệu của từng thành phần để bảo vệ kết quả: nhiệm vụ chủ trì hoàn thành đúng thời hạn ban đầu (`tasks_on_time`), báo cáo gửi đúng hạn (`timeliness`), đạt chỉ tiêu (`indicators`: mỗi chỉ tiêu tối đa 100 điểm). `pct` = `num` ÷ `den` × 100, null khi thành phần không áp dụng (trọng số của nó chia cho các thành phần còn lại). Điểm = Σ trọng số × tỷ lệ của các thành phần áp dụng ÷ tổng trọng số của chúng, thang 100, làm tròn 0,1; bằng điểm cùng hạng. Tính đến ngày cuối năm với năm đã qua, hôm nay với năm nay (`asof`). Cùng số liệu với trang xếp hạng và tệp tải về. Năm không hợp lệ → 400 (`fields.year`).",
			"parameters":  []any{param("PlanID"), param("Year")},
			"responses":   readResponses(ok("Bảng xếp hạng", ref("Ranking")), true),
		},
	}
}

// rankingParameters are the parameters only the ranking uses.
func rankingParameters() obj {
	return obj{
		"Year": obj{"name": "year", "in": "query", "required": false,
			"description": "Năm xếp hạng, từ 2000 đến 2100; mặc định năm nay (giờ Việt Nam).",
			"schema":      obj{"type": "integer", "minimum": minRankingYear, "maximum": maxRankingYear}},
	}
}

// rankingSchemas are the bodies of the ranking route.
func rankingSchemas() obj {
	num := func(desc string) obj { return obj{"type": "number", "minimum": 0, "description": desc} }
	return obj{
		"Ranking": closed(obj{
			"plan_id": integer(),
			"year":    obj{"type": "integer"},
			"asof":    calendarDay("Ngày tính: ngày cuối năm với năm đã qua, hôm nay với năm nay"),
			"weights": closed(obj{
				"tasks_on_time": num("Trọng số nhiệm vụ hoàn thành đúng hạn"),
				"timeliness":    num("Trọng số báo cáo đúng hạn"),
				"indicators":    num("Trọng số đạt chỉ tiêu"),
				"version":       count("Lần lưu của trọng số; 0: mặc định (50, 30, 20)"),
			}),
			"items": arrayOf("RankingItem"),
		}),
		"RankingItem": closed(obj{
			"rank":          obj{"type": "integer", "minimum": 1, "description": "1 là tốt nhất; bằng điểm cùng hạng (1, 1, 3)"},
			"agency_id":     integer(),
			"agency":        str("Tên cơ quan"),
			"score":         num("Điểm thang 100, làm tròn 0,1"),
			"tasks_on_time": ref("RankingComponent"),
			"timeliness":    ref("RankingComponent"),
			"indicators":    ref("RankingComponent"),
		}),
		"RankingComponent": closed(obj{
			"num": num("Đạt (với chỉ tiêu: tổng điểm, mỗi chỉ tiêu tối đa 100)"),
			"den": num("Tổng phải tính (với chỉ tiêu: 100 × số chỉ tiêu)"),
			"pct": merge(nullable("number"), obj{"description": "num ÷ den × 100; null khi den = 0 (không áp dụng)"}),
		}),
	}
}
