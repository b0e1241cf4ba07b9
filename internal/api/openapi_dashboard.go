package api

// The dashboard part of the OpenAPI document. Schemas mirror
// dashboard_view.go; TestOpenAPIDashboardSchemas checks the property names.

// dashboardOperations describes the dashboard route, keyed like routes().
func dashboardOperations() map[string]obj {
	return map[string]obj{
		"GET /plans/{id}/dashboard": {
			"operationId": "getDashboard", "tags": []any{"dashboard"},
			"summary":     "Số liệu tổng hợp của kế hoạch",
			"description": "Các số liệu của bảng điều hành cho một kỳ báo cáo (`period`, mặc định kỳ chứa ngày xem) tại một ngày (`asof`, mặc định hôm nay): số nhiệm vụ theo từng mã tình trạng (`status_counts`, đủ mọi mã), theo nhóm nhiệm vụ (III.1…, kèm nhóm con) và theo cơ quan chủ trì; danh sách quá hạn kèm số ngày; tỷ lệ báo cáo đã nhận (`completeness`) và đúng hạn (`on_time_rate`, đúng hạn / phải gửi) của kỳ, chung và theo cơ quan; chỉ tiêu: thực hiện so với kế hoạch năm, % đạt theo chiều (chỉ tiêu giảm: càng thấp càng tốt), đèn xanh (≥ 100 %), vàng (≥ 80 %), đỏ; xu hướng tình trạng qua các kỳ; cảnh báo sớm (nhiệm vụ có tiến độ chậm hơn thời gian đã trôi qua quá 25 điểm %).\n\nChỉ số liệu của báo cáo **đã tiếp nhận** làm thay đổi tình trạng nhiệm vụ và giá trị chỉ tiêu; báo cáo đã gửi (kể cả chưa tiếp nhận) được tính là đã nhận. Đây là cùng một nguồn số liệu với trang điều hành, báo cáo tổng hợp và dữ liệu mở. Kỳ không thuộc kế hoạch → 400 (`fields.period`); kế hoạch chưa có kỳ báo cáo → 404.",
			"parameters":  []any{param("PlanID"), param("PeriodQuery"), param("AsOf")},
			"responses":   readResponses(ok("Số liệu tổng hợp", ref("Dashboard")), true),
		},
		"GET /dashboard": nationalOperation(),
	}
}

// nationalOperation describes GET /dashboard.
func nationalOperation() obj {
	return obj{
		"operationId": "getNationalDashboard", "tags": []any{"dashboard"},
		"summary":     "Tổng hợp các kế hoạch (toàn quốc, bộ, ngành)",
		"description": "Số liệu của mọi kế hoạch đang thực hiện tại một ngày (`asof`, mặc định hôm nay): mỗi kế hoạch một dòng, đúng như bảng điều hành của kế hoạch đó tính cho kỳ chứa ngày xem (`period`), và dòng tổng là tổng các dòng: số nhiệm vụ theo tình trạng, báo cáo của kỳ, số nhiệm vụ quá hạn và có cảnh báo sớm. Kế hoạch chưa có kỳ báo cáo không có số liệu và được đếm ở `plans_without_period`. Tính trực tiếp từ dữ liệu đã lưu, không có bước dựng lại.",
		"parameters":  []any{param("AsOf")},
		"responses":   readResponses(ok("Tổng hợp các kế hoạch", ref("NationalDashboard")), false),
	}
}

// dashboardParameters are the parameters only the dashboard uses.
func dashboardParameters() obj {
	return obj{
		"AsOf": obj{"name": "asof", "in": "query", "required": false,
			"description": "Ngày xem số liệu, dạng `YYYY-MM-DD`; mặc định hôm nay (giờ Việt Nam). Tình trạng được tính theo ngày này; báo cáo gửi sau ngày này chưa được tính là đã nhận.",
			"schema":      obj{"type": "string", "format": "date"}},
	}
}

// statusCounts is the schema of an object keyed by every task status code.
func statusCounts(desc string) obj {
	props := obj{}
	required := []string{}
	for _, c := range statusCodes() {
		props[c.(string)] = count("")
		required = append(required, c.(string))
	}
	s := object(required, props)
	s["additionalProperties"] = false
	s["description"] = desc
	return s
}

// dashboardSchemas are the bodies of the dashboard route.
func dashboardSchemas() obj {
	pct := func(desc string) obj { return merge(nullable("number"), obj{"description": desc}) }
	rate := func(desc string) obj { return obj{"type": "number", "minimum": 0, "maximum": 1, "description": desc} }
	return obj{
		"NationalDashboard": closed(obj{
			"asof":                 calendarDay("Ngày xem số liệu"),
			"plans":                arrayOf("NationalDashboardPlan"),
			"status_counts":        statusCounts("Số nhiệm vụ của mọi kế hoạch theo mã tình trạng"),
			"total":                count("Tổng số nhiệm vụ"),
			"reports":              ref("Figures"),
			"overdue":              count("Số nhiệm vụ quá hạn"),
			"early_warning":        count("Số nhiệm vụ có cảnh báo sớm"),
			"plans_without_period": count("Số kế hoạch chưa có kỳ báo cáo (không có số liệu)"),
		}),
		"NationalDashboardPlan": closed(obj{
			"plan_id":       integer(),
			"code":          obj{"type": "string", "description": "Số, ký hiệu của kế hoạch"},
			"issuer":        obj{"type": "string", "description": "Cơ quan ban hành"},
			"title":         obj{"type": "string"},
			"period":        ref("Period"),
			"status_counts": statusCounts("Số nhiệm vụ của kế hoạch theo mã tình trạng"),
			"total":         count("Tổng số nhiệm vụ"),
			"reports":       ref("Figures"),
			"overdue":       count("Số nhiệm vụ quá hạn"),
			"early_warning": count("Số nhiệm vụ có cảnh báo sớm"),
		}),
		"Dashboard": closed(obj{
			"plan_id":       integer(),
			"period":        ref("Period"),
			"asof":          calendarDay("Ngày xem số liệu"),
			"status_counts": statusCounts("Số nhiệm vụ của kế hoạch theo mã tình trạng"),
			"total":         count("Tổng số nhiệm vụ"),
			"by_group":      arrayOf("DashboardGroup"),
			"by_agency":     arrayOf("DashboardAgency"),
			"completeness": closed(obj{
				"received": count("Báo cáo đã nhận (đã gửi hoặc đã tiếp nhận) đến ngày xem"),
				"expected": count("Báo cáo phải gửi trong kỳ"),
				"rate":     rate("Đã nhận / phải gửi (0 khi không phải gửi gì)"),
			}),
			"on_time_rate":  rate("Đúng hạn / phải gửi: báo cáo chưa nhận là không đúng hạn"),
			"reports":       ref("Figures"),
			"indicators":    arrayOf("DashboardIndicator"),
			"trend":         arrayOf("DashboardTrend"),
			"overdue":       arrayOf("DashboardOverdue"),
			"early_warning": arrayOf("DashboardWarning"),
		}),
		"DashboardGroup": closed(obj{
			"section_id":    integer(),
			"label":         str("Số hiệu của nhóm: \"III.4\""),
			"title":         str(""),
			"status_counts": statusCounts("Nhiệm vụ của nhóm (kể cả nhóm con) theo tình trạng"),
			"total":         count(""),
			"subgroups":     arrayOf("DashboardGroup"),
		}),
		"DashboardAgency": closed(obj{
			"agency_id":     merge(nullable("integer"), obj{"description": "null: nhiệm vụ chưa có cơ quan chủ trì"}),
			"name":          str(""),
			"status_counts": statusCounts("Nhiệm vụ cơ quan chủ trì theo tình trạng"),
			"total":         count(""),
			"reports":       ref("Figures"),
		}),
		"DashboardIndicator": closed(obj{
			"id":               integer(),
			"code":             str("\"CT01\""),
			"name":             str(""),
			"unit":             str(""),
			"direction":        obj{"type": "string", "enum": []any{"increase", "decrease"}},
			"year":             obj{"type": "integer", "description": "Năm của kỳ đang xem"},
			"target":           pct("Kế hoạch của năm; null khi không đặt"),
			"actual":           pct("Giá trị thực hiện: của kỳ gần nhất trong năm (đến kỳ đang xem) có báo cáo đã tiếp nhận; nhiều cơ quan gộp theo quy tắc của chỉ tiêu"),
			"actual_period_id": merge(nullable("integer"), obj{"description": "Kỳ của giá trị thực hiện"}),
			"achieved_pct":     pct("% đạt, làm tròn 0,1: thực hiện / kế hoạch; chỉ tiêu giảm: kế hoạch / thực hiện"),
			"light":            obj{"type": "string", "enum": []any{"green", "amber", "red", "none"}},
		}),
		"DashboardTrend": closed(obj{
			"period_id":     integer(),
			"label":         str(""),
			"day":           calendarDay("Ngày tính: ngày cuối kỳ, hoặc ngày xem với kỳ đang xem"),
			"status_counts": statusCounts("Số nhiệm vụ theo tình trạng tại ngày đó"),
		}),
		"DashboardOverdue": closed(obj{
			"task_id":        integer(),
			"title":          str(""),
			"section":        str("Số hiệu mục"),
			"lead_agency_id": nullable("integer"),
			"due":            calendarDay("Hạn (với nhiệm vụ thường xuyên, định kỳ: hạn báo cáo của kỳ)"),
			"days_overdue":   count("Số ngày quá hạn tại ngày xem"),
		}),
		"DashboardWarning": closed(obj{
			"task_id":        integer(),
			"title":          str(""),
			"section":        str(""),
			"lead_agency_id": nullable("integer"),
			"start":          calendarDay("Tính thời gian từ ngày này"),
			"due":            calendarDay(""),
			"elapsed_pct":    obj{"type": "number", "description": "% thời gian đã trôi qua"},
			"progress":       count("% tiến độ của báo cáo đã tiếp nhận gần nhất"),
			"lag_points":     obj{"type": "number", "description": "Chậm bao nhiêu điểm %"},
		}),
	}
}
