package api

// The reporting part of the OpenAPI document: periods, reports and their
// flow, "Việc của tôi". Schemas mirror report_view.go, me_view.go and the
// request bodies; TestOpenAPISchemasMatchJSON checks the property names.

// reportOperations describes the reporting routes, keyed like routes().
func reportOperations() map[string]obj {
	flowResponses := func(extra string) obj {
		return writeResponses(obj{"200": obj{
			"description": "Báo cáo sau bước này" + extra + ": mặc định là bản tóm tắt (Report: trạng thái, phiên bản, thời điểm gửi, đúng hạn, lý do trả lại); gửi `Prefer: return=representation` để nhận báo cáo đầy đủ (ReportDetail).",
			"headers":     obj{"ETag": ref2("headers", "ReportETag")},
			"content": jsonContent(obj{"oneOf": []any{ref("Report"), ref("ReportDetail")},
				"description": "Đúng một trong hai: Report (mặc định) hoặc ReportDetail (khi gửi `Prefer: return=representation`); không lược đồ nào nhận thêm trường của lược đồ kia."}),
		}})
	}
	flowBody := obj{"required": false, "content": jsonContent(ref("FlowBody"))}
	return map[string]obj{
		"GET /plans/{id}/periods": {
			"operationId": "listPeriods", "tags": []any{"reports"},
			"summary":     "Kỳ báo cáo của kế hoạch",
			"description": "Mọi kỳ báo cáo theo chế độ báo cáo của kế hoạch (mặc định: hằng quý, hạn ngày 10 tháng cuối quý; chốt số liệu theo Nghị định 09/2019/NĐ-CP), theo thứ tự thời gian. Ngày dạng `YYYY-MM-DD`; `cutoff` là ngày cuối của kỳ chốt số liệu, `cutoff_start` ngày đầu.",
			"parameters":  []any{param("PlanID")},
			"responses":   readResponses(ok("Danh sách kỳ báo cáo", ref("PeriodList")), true),
		},
		"GET /reports": {
			"operationId": "listReports", "tags": []any{"reports"},
			"summary":     "Danh sách báo cáo",
			"description": "Báo cáo của một kế hoạch (`plan`, hoặc suy ra từ `period`), lọc theo kỳ, cơ quan, trạng thái. Mọi báo cáo phải gửi đều có mặt từ ngày đầu kỳ (trạng thái `not_started` khi chưa ai lưu gì), kèm hạn `due`, lúc gửi `submitted_at` và `on_time` (null khi chưa gửi). Xếp theo kỳ rồi tên cơ quan.\n\nPhạm vi theo quy tắc xem báo cáo: lãnh đạo và chuyên viên cơ quan chỉ thấy báo cáo của cơ quan mình (hỏi cơ quan khác → 403); lãnh đạo tỉnh chỉ thấy báo cáo đã tiếp nhận (hỏi trạng thái khác → 403); điều phối và quản trị thấy tất cả.",
			"parameters": []any{param("PlanQuery"), param("PeriodQuery"), param("ReportAgency"), param("ReportState"),
				param("Revisions"), param("ReportLimit"), param("Offset")},
			"responses": readResponses(ok("Trang báo cáo", ref("ReportList")), true),
		},
		"GET /reports/{id}": {
			"operationId": "getReport", "tags": []any{"reports"},
			"summary":     "Một báo cáo (đầy đủ)",
			"description": "Báo cáo đầy đủ: các dòng nhiệm vụ (`entries`, mỗi dòng kèm phần đóng góp của cơ quan phối hợp), phần đóng góp của chính cơ quan (`contributions`), giá trị chỉ tiêu, các phần văn bản, tệp minh chứng (thông tin tệp), lịch sử luồng xử lý, các phiên bản, thao tác được phép. ETag là phiên bản của báo cáo (`version`). Báo cáo của cơ quan khác, hoặc (với lãnh đạo tỉnh) báo cáo chưa tiếp nhận → 403.",
			"parameters":  []any{param("ReportID")},
			"responses": readResponses(obj{"200": obj{
				"description": "Báo cáo",
				"headers":     obj{"ETag": ref2("headers", "ReportETag")},
				"content":     jsonContent(ref("ReportDetail")),
			}}, true),
		},
		"PUT /reports/{id}/entries/{task}": {
			"operationId": "saveEntry", "tags": []any{"reports"},
			"summary":     "Lưu dòng báo cáo của một nhiệm vụ",
			"description": "Lưu (thay toàn bộ) dòng báo cáo của nhiệm vụ `task` mà cơ quan chủ trì, như bản nháp: tình trạng có thể để trống, nhưng phải có trước khi gửi. `status` là mã tình trạng cơ quan tự đánh giá; `completed_on` bắt buộc khi `completed`; `reason` bắt buộc khi `paused`, `cancelled`. Báo cáo chưa lập chuyển sang `draft`.\n\nPhiên bản: `version` trong thân (hoặc If-Match) là phiên bản **của dòng** đã đọc (`entries[].version` trong GET /reports/{id}; 0 khi chưa lưu lần nào). Nếu người khác đã lưu trước → 409, không lưu gì (giữ lại nội dung đã nhập để đối chiếu). Không gửi phiên bản → người lưu sau cùng thắng.\n\nBáo cáo đã gửi, đã tiếp nhận (khóa) hoặc kỳ chưa bắt đầu → 409; báo cáo của cơ quan khác → 403; nhiệm vụ không do cơ quan chủ trì → 422 (`fields.task`); giá trị sai → 422 theo từng trường.",
			"parameters":  []any{param("ReportID"), param("TaskPath"), param("IfMatch")},
			"requestBody": body(ref("EntryPut")),
			"responses": writeResponses(obj{"200": obj{
				"description": "Dòng báo cáo đã lưu",
				"headers":     obj{"ETag": obj{"description": "Phiên bản của dòng báo cáo, dạng `\"2\"`.", "schema": obj{"type": "string"}}},
				"content":     jsonContent(ref("Entry")),
			}}),
		},
		"PUT /reports/{id}/contributions/{task}": {
			"operationId": "saveContribution", "tags": []any{"reports"},
			"summary":     "Lưu phần phối hợp của một nhiệm vụ",
			"description": "Cơ quan phối hợp ghi phần việc của mình cho nhiệm vụ `task` trong báo cáo của chính mình; cơ quan chủ trì thấy nó trong dòng của nhiệm vụ. Phiên bản như với dòng báo cáo: `version` (hoặc If-Match) là phiên bản của phần phối hợp (`contributions[].version`, 0 khi chưa lưu). Nhiệm vụ cơ quan không phối hợp → 422 (`fields.task`).",
			"parameters":  []any{param("ReportID"), param("TaskPath"), param("IfMatch")},
			"requestBody": body(ref("ContributionPut")),
			"responses": writeResponses(obj{"200": obj{
				"description": "Phần phối hợp đã lưu",
				"headers":     obj{"ETag": obj{"description": "Phiên bản của phần phối hợp.", "schema": obj{"type": "string"}}},
				"content":     jsonContent(ref("Contribution")),
			}}),
		},
		"PUT /reports/{id}/texts": {
			"operationId": "saveReportTexts", "tags": []any{"reports"},
			"summary":     "Lưu các phần văn bản của báo cáo",
			"description": "Kết quả chung, khó khăn vướng mắc, kiến nghị đề xuất, nhiệm vụ kỳ tới (PUT thay cả bốn; phần không gửi thành trống). `version` (hoặc If-Match) là phiên bản của báo cáo (ETag). Trả về báo cáo đầy đủ.",
			"parameters":  []any{param("ReportID"), param("ReportIfMatch")},
			"requestBody": body(ref("TextsPut")),
			"responses": writeResponses(obj{"200": obj{
				"description": "Báo cáo đầy đủ sau khi lưu",
				"headers":     obj{"ETag": ref2("headers", "ReportETag")},
				"content":     jsonContent(ref("ReportDetail")),
			}}),
		},
		"POST /reports/{id}/revise": {
			"operationId": "reviseReport", "tags": []any{"reports"},
			"summary":     "Điều chỉnh báo cáo đã tiếp nhận (phiên bản mới)",
			"description": "Cơ quan lập báo cáo tạo phiên bản mới (`revision` + 1, trạng thái `draft`) từ báo cáo đã tiếp nhận để điều chỉnh; phiên bản cũ giữ nguyên, vẫn xem được, không còn là hiện hành. Báo cáo chưa tiếp nhận → 409 (`not_accepted`).",
			"parameters":  []any{param("ReportID")},
			"responses": writeResponses(obj{"201": obj{
				"description": "Phiên bản mới",
				"headers": obj{
					"Location": obj{"description": "Đường dẫn của phiên bản mới", "schema": obj{"type": "string"}},
					"ETag":     ref2("headers", "ReportETag"),
				},
				"content": jsonContent(ref("ReportDetail")),
			}}),
		},
		"POST /reports/{id}/submit": {
			"operationId": "submitReport", "tags": []any{"reports"},
			"summary":     "Duyệt và gửi báo cáo",
			"description": "Lãnh đạo cơ quan duyệt và gửi báo cáo (đang soạn, chưa lập hoặc bị trả lại) sau khi kỳ đã bắt đầu. Mọi dòng nhiệm vụ phải có tình trạng, nếu không → 422 với `fields` dạng `entries.<mã nhiệm vụ>`. Gửi sau hạn vẫn được nhận và ghi là trễ (`on_time` = false). Chuyên viên gửi → 403. Thân yêu cầu không bắt buộc; `version` (hoặc If-Match: ETag của báo cáo) khác phiên bản hiện tại → 409, không thay đổi gì.",
			"parameters":  []any{param("ReportID"), param("ReportIfMatch"), param("Prefer")},
			"requestBody": flowBody,
			"responses":   flowResponses(" (`submitted`)"),
		},
		"POST /reports/{id}/accept": {
			"operationId": "acceptReport", "tags": []any{"reports"},
			"summary":     "Tiếp nhận báo cáo",
			"description": "Cơ quan điều phối tiếp nhận báo cáo đã gửi; báo cáo bị khóa, tình trạng cơ quan khai cho từng nhiệm vụ trở thành của nhiệm vụ (trạng thái tính của GET /tasks/{id} theo đó). Báo cáo chưa gửi → 409; đã tiếp nhận → 409.",
			"parameters":  []any{param("ReportID"), param("ReportIfMatch"), param("Prefer")},
			"requestBody": flowBody,
			"responses":   flowResponses(" (`accepted`)"),
		},
		"POST /reports/{id}/return": {
			"operationId": "returnReport", "tags": []any{"reports"},
			"summary":     "Trả lại báo cáo",
			"description": "Cơ quan điều phối trả lại báo cáo đã gửi, kèm lý do (bắt buộc: trống → 422 `fields.reason`). Cơ quan sửa rồi gửi lại.",
			"parameters":  []any{param("ReportID"), param("ReportIfMatch"), param("Prefer")},
			"requestBody": body(ref("ReturnBody")),
			"responses":   flowResponses(" (`returned`)"),
		},
		"GET /me/due": {
			"operationId": "getMyWork", "tags": []any{"me"},
			"summary":     "Việc của tôi",
			"description": "Theo ngày hôm nay. Lãnh đạo, chuyên viên cơ quan: các báo cáo của cơ quan phải gửi (quá hạn trước), bị trả lại, đang chờ tiếp nhận (`reports`) và nhiệm vụ quá hạn, sắp đến hạn (`tasks`). Điều phối, quản trị: với mỗi kế hoạch đang thực hiện, kỳ hiện tại — cơ quan chưa gửi, báo cáo chờ tiếp nhận, số liệu đầy đủ và đúng hạn theo cơ quan (`review`). Lãnh đạo tỉnh: các danh sách trống. `plan` chỉ lấy một kế hoạch; `period` (cùng `plan`) chọn kỳ khác cho điều phối.",
			"parameters":  []any{param("PlanQuery"), param("PeriodQuery")},
			"responses":   readResponses(ok("Việc của tôi", ref("MeDue")), true),
		},
	}
}

// reportParameters are the reporting routes' parameters.
func reportParameters() obj {
	idQuery := func(name, desc string) obj {
		return obj{"name": name, "in": "query", "required": false, "description": desc,
			"schema": obj{"type": "integer", "format": "int64", "minimum": 1}}
	}
	return obj{
		"ReportID": obj{"name": "id", "in": "path", "required": true, "description": "Mã báo cáo",
			"schema": obj{"type": "integer", "format": "int64", "minimum": 1}},
		"TaskPath": obj{"name": "task", "in": "path", "required": true, "description": "Mã nhiệm vụ (cơ quan của báo cáo chủ trì)",
			"schema": obj{"type": "integer", "format": "int64", "minimum": 1}},
		"PlanQuery":    idQuery("plan", "Mã kế hoạch. Với /reports: bắt buộc, trừ khi có `period`."),
		"PeriodQuery":  idQuery("period", "Mã kỳ báo cáo (GET /plans/{id}/periods)."),
		"ReportAgency": idQuery("agency", "Mã cơ quan lập báo cáo."),
		"ReportState": obj{"name": "state", "in": "query", "required": false, "description": "Trạng thái báo cáo.",
			"schema": obj{"type": "string", "enum": stateCodes()}},
		"Revisions": obj{"name": "revisions", "in": "query", "required": false,
			"description": "`current` (mặc định) = chỉ phiên bản hiện hành; `all` = cả các phiên bản cũ của báo cáo đã điều chỉnh.",
			"schema":      obj{"type": "string", "enum": []any{"current", "all"}, "default": "current"}},
		"ReportLimit": obj{"name": "limit", "in": "query", "required": false, "description": "Số báo cáo tối đa trong trang.",
			"schema": obj{"type": "integer", "minimum": 1, "maximum": 5000, "default": 500}},
		"Prefer": obj{"name": "Prefer", "in": "header", "required": false,
			"description": "`return=representation`: trả về báo cáo đầy đủ thay cho bản tóm tắt (RFC 7240).",
			"schema":      obj{"type": "string"}},
		"ReportIfMatch": obj{"name": "If-Match", "in": "header", "required": false,
			"description": "ETag của báo cáo đã đọc (`\"7\"`); khác phiên bản hiện tại thì trả 409 và không thay đổi gì.",
			"schema":      obj{"type": "string"}},
	}
}

// stateCodes lists the report states for enums.
func stateCodes() []any {
	return []any{"not_started", "draft", "submitted", "returned", "accepted"}
}

// claimCodes lists the statuses an agency may claim in an entry.
func claimCodes() []any {
	return []any{"not_started", "in_progress", "completed", "paused", "cancelled"}
}

// Schema helpers for the reporting part.
func boolean(desc string) obj { return obj{"type": "boolean", "description": desc} }
func count(desc string) obj   { return obj{"type": "integer", "minimum": 0, "description": desc} }
func calendarDay(desc string) obj {
	return obj{"type": "string", "format": "date", "description": desc}
}
func instant(desc string) obj {
	return obj{"type": []any{"string", "null"}, "format": "date-time", "description": desc}
}
func userRef(desc string) obj { return merge(nullable("integer"), obj{"description": desc}) }
func arrayOf(item string) obj { return obj{"type": "array", "items": ref(item)} }
func closed(p obj) obj        { return object(sortedKeys(p), p) }

// exact is closed with no other properties: the two shapes a flow step
// answers with (Report, and ReportDetail, which has more) are then the two
// exclusive branches of a oneOf.
func exact(p obj) obj {
	s := closed(p)
	s["additionalProperties"] = false
	return s
}
func stateProp(desc string) obj {
	return obj{"type": "string", "enum": stateCodes(), "description": desc}
}

// required lists the properties a request body must have: the server
// answers 422 with fields.<name> without them.
func required(s obj, names ...string) obj {
	r := make([]any, len(names))
	for i, n := range names {
		r[i] = n
	}
	s["required"] = r
	return s
}

// closedBody is a request body of optional properties and no others.
func closedBody(p obj) obj {
	s := object(nil, p)
	s["additionalProperties"] = false
	return s
}

// reportSchemas are the reporting bodies.
func reportSchemas() obj {
	return obj{
		"Period":       periodSchema(),
		"PeriodList":   list("Period"),
		"Report":       exact(reportProps()),
		"ReportDetail": exact(reportDetailProps()),
		"ReportList":   list("Report"),
		"Texts":        textsSchema(),
		"Entry":        entrySchema(),
		"EntryPut":     entryPutSchema(),
		"EntryPrevious": closed(obj{
			"period":       ref("Period"),
			"report_id":    integer(),
			"revision":     integer(),
			"status":       obj{"type": "string", "enum": claimCodes(), "description": "Tình trạng đã được tiếp nhận"},
			"status_label": str("Tên tình trạng bằng tiếng Việt"),
			"percent":      obj{"type": "integer", "minimum": 0, "maximum": 100, "description": "% tiến độ đã được tiếp nhận"},
			"completed_on": date("Ngày hoàn thành (khi `completed`)"),
			"result":       str("Kết quả đạt được đã báo cáo"),
			"accepted_at":  instant("Lúc được tiếp nhận"),
		}),
		"EntryWarning": closed(obj{
			"code":    obj{"type": "string", "enum": []any{"progress_down", "reopened"}, "description": "`progress_down`: tiến độ giảm; `reopened`: đã hoàn thành nay báo cáo chưa hoàn thành"},
			"message": str("Lời nhắc giải trình bằng tiếng Việt"),
		}),
		"Contribution":   contributionSchema(),
		"IndicatorValue": valueSchema(),
		"File":           fileSchema(),
		"FlowEvent":      flowEventSchema(),
		"Revision":       revisionSchema(),
		"FlowBody":       flowBodySchema(),
		"ReturnBody":     returnBodySchema(),
		"ContributionPut": closedBody(obj{
			"text":    obj{"type": "string", "maxLength": 20000, "description": "Nội dung phối hợp"},
			"version": merge(nullable("integer"), obj{"description": "Phiên bản của phần phối hợp đã đọc (0 khi chưa lưu); thay cho If-Match"}),
		}),
		"TextsPut": closedBody(obj{
			"summary":      obj{"type": "string", "maxLength": 20000, "description": "Kết quả chung"},
			"difficulties": obj{"type": "string", "maxLength": 20000, "description": "Khó khăn, vướng mắc"},
			"proposals":    obj{"type": "string", "maxLength": 20000, "description": "Kiến nghị, đề xuất"},
			"next_tasks":   obj{"type": "string", "maxLength": 20000, "description": "Nhiệm vụ kỳ tới"},
			"version":      merge(nullable("integer"), obj{"description": "Phiên bản báo cáo đã đọc (ETag), thay cho If-Match"}),
		}),
		"TaskPeriod":    taskPeriodSchema(),
		"MeDue":         meDueSchema(),
		"MeCounts":      meCountsSchema(),
		"DueReport":     dueReportSchema(),
		"TaskAlert":     taskAlertSchema(),
		"Review":        reviewSchema(),
		"AgencyReport":  agencyReportSchema(),
		"AgencyFigures": agencyFiguresSchema(),
		"Figures":       figuresSchema(),
	}
}

func periodSchema() obj {
	return closed(obj{
		"id":           integer(),
		"label":        str("Tên kỳ: \"Quý II/2026\", \"6 tháng đầu năm 2026\", \"Năm 2026\""),
		"start":        calendarDay("Ngày đầu kỳ"),
		"end":          calendarDay("Ngày cuối kỳ"),
		"cutoff_start": calendarDay("Ngày đầu kỳ chốt số liệu"),
		"cutoff":       calendarDay("Ngày chốt số liệu (ngày cuối của kỳ chốt số liệu)"),
		"due":          calendarDay("Hạn gửi báo cáo; gửi trong hoặc trước ngày này là đúng hạn"),
	})
}

func reportProps() obj {
	return obj{
		"id":            integer(),
		"plan_id":       integer(),
		"period_id":     integer(),
		"period_label":  str("Tên kỳ"),
		"agency_id":     integer(),
		"agency_name":   str("Tên cơ quan lập báo cáo"),
		"revision":      obj{"type": "integer", "minimum": 1, "description": "Phiên bản điều chỉnh: 1, 2, … (điều chỉnh sau khi tiếp nhận là phiên bản mới)"},
		"current":       boolean("Là phiên bản mới nhất của báo cáo (kỳ, cơ quan)"),
		"state":         stateProp("Trạng thái trong luồng xử lý"),
		"state_label":   str("Tên trạng thái bằng tiếng Việt"),
		"due":           calendarDay("Hạn gửi (của kỳ)"),
		"submitted_at":  instant("Lần gửi gần nhất; null khi chưa gửi"),
		"on_time":       merge(nullable("boolean"), obj{"description": "Lần gửi gần nhất đúng hạn; null khi chưa gửi"}),
		"accepted_at":   instant("Lúc tiếp nhận; null khi chưa"),
		"returned_at":   instant("Lần trả lại gần nhất; null khi chưa"),
		"return_reason": str("Lý do trả lại gần nhất"),
		"sample":        boolean("Dữ liệu mẫu (serve --demo)"),
		"version":       obj{"type": "integer", "description": "Phiên bản khóa lạc quan của báo cáo; tăng sau mọi thay đổi (cả các dòng). Là ETag."},
	}
}

func reportDetailProps() obj {
	p := reportProps()
	detail := obj{
		"period":          ref("Period"),
		"locked":          boolean("Đã khóa (đã tiếp nhận, hoặc là phiên bản cũ)"),
		"created_at":      instant(""),
		"updated_at":      instant(""),
		"updated_by":      userRef("Người sửa gần nhất"),
		"submitted_by":    userRef("Người gửi gần nhất"),
		"accepted_by":     userRef("Người tiếp nhận"),
		"returned_by":     userRef("Người trả lại gần nhất"),
		"texts":           ref("Texts"),
		"entries":         merge(arrayOf("Entry"), obj{"description": "Một dòng cho mỗi nhiệm vụ cơ quan chủ trì còn mở trong kỳ, theo thứ tự trong kế hoạch"}),
		"contributions":   merge(arrayOf("Contribution"), obj{"description": "Phần đóng góp của cơ quan cho các nhiệm vụ cơ quan phối hợp"}),
		"values":          merge(arrayOf("IndicatorValue"), obj{"description": "Giá trị các chỉ tiêu cơ quan phụ trách, trong kỳ"}),
		"files":           arrayOf("File"),
		"history":         merge(arrayOf("FlowEvent"), obj{"description": "Các bước gửi, trả lại, tiếp nhận, điều chỉnh; cũ trước"}),
		"revisions":       merge(arrayOf("Revision"), obj{"description": "Mọi phiên bản của báo cáo (kỳ, cơ quan), mới trước"}),
		"allowed_actions": obj{"type": "array", "items": obj{"type": "string", "enum": []any{"view", "edit", "submit", "accept", "return", "revise"}}, "description": "Thao tác người gọi được làm với báo cáo lúc này"},
	}
	for k, v := range detail {
		p[k] = v
	}
	return p
}

func textsSchema() obj {
	return closed(obj{
		"summary":      str("Kết quả chung"),
		"difficulties": str("Khó khăn, vướng mắc"),
		"proposals":    str("Kiến nghị, đề xuất"),
		"next_tasks":   str("Nhiệm vụ kỳ tới"),
	})
}

func entrySchema() obj {
	return closed(obj{
		"id":         userRef("Mã dòng; null khi chưa lưu lần nào"),
		"task_id":    integer(),
		"task_title": str("Tên nhiệm vụ"),
		"status": obj{"type": []any{"string", "null"}, "enum": append(claimCodes(), nil),
			"description": "Tình trạng cơ quan tự đánh giá; null khi chưa khai"},
		"status_label": str("Tên tình trạng bằng tiếng Việt"),
		"percent":      obj{"type": "integer", "minimum": 0, "maximum": 100, "description": "% tiến độ"},
		"result":       str("Kết quả đạt được"),
		"evidence":     str("Văn bản minh chứng (số, ngày), mỗi dòng một văn bản"),
		"difficulties": str("Khó khăn, vướng mắc"),
		"proposals":    str("Kiến nghị, đề xuất"),
		"completed_on": date("Ngày hoàn thành (khi `completed`)"),
		"reason":       str("Lý do (khi `paused`, `cancelled`)"),
		"explanation":  str("Giải trình khi tiến độ giảm so với báo cáo được tiếp nhận trước, hoặc nhiệm vụ đã báo cáo hoàn thành nay chưa hoàn thành"),
		"previous": obj{"oneOf": []any{ref("EntryPrevious"), obj{"type": "null"}},
			"description": "Dòng của nhiệm vụ trong báo cáo được tiếp nhận gần nhất trước báo cáo này (kỳ trước, hoặc bản trước của cùng kỳ); null khi chưa có"},
		"warnings":      merge(arrayOf("EntryWarning"), obj{"description": "Cảnh báo, không chặn việc lưu hay gửi: dòng đi ngược báo cáo được tiếp nhận trước (`progress_down`: tiến độ giảm; `reopened`: đã báo cáo hoàn thành nay chưa hoàn thành) mà chưa có `explanation`. Với nhiệm vụ thường xuyên, định kỳ chỉ so với bản trước của cùng kỳ. Rỗng khi không có."}),
		"version":       obj{"type": "integer", "minimum": 0, "description": "Phiên bản của dòng; 0 khi chưa lưu. Gửi lại khi PUT."},
		"updated_at":    instant(""),
		"updated_by":    userRef(""),
		"contributions": merge(arrayOf("Contribution"), obj{"description": "Phần đóng góp của các cơ quan phối hợp cho nhiệm vụ trong kỳ"}),
	})
}

func entryPutSchema() obj {
	s := object(nil, obj{
		"status": obj{"type": []any{"string", "null"}, "enum": append(claimCodes(), "", nil),
			"description": "Tình trạng: not_started (chưa triển khai), in_progress (đang thực hiện), completed (đã hoàn thành), paused (tạm dừng), cancelled (không thực hiện); trống/null = chưa khai (bản nháp)"},
		"percent":      obj{"type": "integer", "minimum": 0, "maximum": 100, "description": "% tiến độ; completed luôn là 100"},
		"result":       obj{"type": "string", "maxLength": 20000, "description": "Kết quả đạt được"},
		"evidence":     obj{"type": "string", "maxLength": 20000, "description": "Văn bản minh chứng (số, ngày), mỗi dòng một văn bản"},
		"difficulties": obj{"type": "string", "maxLength": 20000, "description": "Khó khăn, vướng mắc"},
		"proposals":    obj{"type": "string", "maxLength": 20000, "description": "Kiến nghị, đề xuất"},
		"completed_on": date("Ngày hoàn thành YYYY-MM-DD, bắt buộc khi completed, không sau hôm nay; null khi khác"),
		"reason":       obj{"type": "string", "maxLength": 20000, "description": "Lý do, bắt buộc khi paused hoặc cancelled"},
		"explanation":  obj{"type": "string", "maxLength": 20000, "description": "Giải trình (không bắt buộc): được hỏi qua `warnings` khi tiến độ giảm hoặc nhiệm vụ đã hoàn thành nay báo cáo chưa hoàn thành"},
		"version":      merge(nullable("integer"), obj{"description": "Phiên bản của dòng đã đọc (0 khi chưa lưu); thay cho If-Match"}),
	})
	s["additionalProperties"] = false
	return s
}

func contributionSchema() obj {
	return closed(obj{
		"id":          userRef("Mã; null khi chưa lưu"),
		"task_id":     integer(),
		"task_title":  str("Tên nhiệm vụ"),
		"agency_id":   integer(),
		"agency_name": str("Cơ quan phối hợp"),
		"text":        str("Nội dung đóng góp"),
		"state":       obj{"type": "string", "enum": append(stateCodes(), ""), "description": "Trạng thái báo cáo chứa phần đóng góp (khi hiển thị trong dòng của cơ quan chủ trì)"},
		"version":     obj{"type": "integer", "minimum": 0},
		"updated_at":  instant(""),
		"updated_by":  userRef(""),
	})
}

func valueSchema() obj {
	return closed(obj{
		"id":           userRef("Mã; null khi chưa lưu"),
		"indicator_id": integer(),
		"value":        merge(nullable("number"), obj{"description": "Giá trị trong kỳ; null khi chưa nhập"}),
		"note":         str("Ghi chú"),
		"version":      obj{"type": "integer", "minimum": 0},
		"updated_at":   instant(""),
		"updated_by":   userRef(""),
	})
}

func fileSchema() obj {
	return closed(obj{
		"id":           integer(),
		"task_id":      userRef("Nhiệm vụ của tệp; null khi là tệp của cả báo cáo"),
		"name":         str("Tên tệp khi tải lên"),
		"content_type": str("Loại tệp xác định theo nội dung"),
		"size":         obj{"type": "integer", "description": "Số byte"},
		"sha256":       str("SHA-256 (hex)"),
		"uploaded_at":  instant(""),
		"uploaded_by":  userRef(""),
	})
}

func flowEventSchema() obj {
	return closed(obj{
		"action":  obj{"type": "string", "enum": []any{"submit", "return", "accept", "revise"}},
		"state":   stateProp("Trạng thái sau bước này"),
		"at":      instant("Thời điểm"),
		"by":      userRef("Người thực hiện"),
		"by_name": str("Họ tên người thực hiện"),
		"reason":  str("Lý do (khi trả lại)"),
	})
}

func revisionSchema() obj {
	return closed(obj{
		"id":       integer(),
		"revision": obj{"type": "integer", "minimum": 1},
		"current":  boolean("Phiên bản hiện hành"),
		"state":    stateProp(""),
	})
}

func flowBodySchema() obj {
	return closedBody(obj{"version": merge(nullable("integer"), obj{"description": "Phiên bản báo cáo đã đọc (ETag), thay cho If-Match"})})
}

func returnBodySchema() obj {
	s := object([]string{"reason"}, obj{
		"reason":  obj{"type": "string", "minLength": 1, "description": "Lý do trả lại, để cơ quan biết cần sửa gì (bắt buộc)"},
		"version": merge(nullable("integer"), obj{"description": "Phiên bản báo cáo đã đọc (ETag), thay cho If-Match"}),
	})
	s["additionalProperties"] = false
	return s
}

func taskPeriodSchema() obj {
	return closed(obj{
		"period":       ref("Period"),
		"status":       obj{"type": "string", "enum": statusCodes(), "description": "Tình trạng của nhiệm vụ trong kỳ"},
		"status_label": str(""),
		"overdue_days": count("Số ngày quá hạn trong kỳ"),
		"report_id":    userRef("Báo cáo đã tiếp nhận của cơ quan chủ trì trong kỳ; null khi chưa có"),
		"claim":        obj{"type": []any{"string", "null"}, "enum": append(claimCodes(), nil), "description": "Tình trạng khai trong báo cáo đó"},
		"percent":      merge(nullable("integer"), obj{"description": "% tiến độ khai trong báo cáo đó"}),
		"completed_on": date("Ngày hoàn thành khai trong báo cáo đó"),
	})
}

func meDueSchema() obj {
	return closed(obj{
		"today":     calendarDay("Ngày tính (theo đồng hồ của máy chủ)"),
		"role":      obj{"type": "string", "enum": []any{"admin", "coordinator", "head", "officer", "leader"}},
		"agency_id": userRef("Cơ quan của người gọi; null với điều phối, quản trị, lãnh đạo tỉnh"),
		"counts":    ref("MeCounts"),
		"reports":   merge(arrayOf("DueReport"), obj{"description": "Báo cáo của cơ quan: phải gửi (quá hạn trước, rồi hạn gần trước), bị trả lại, chờ tiếp nhận"}),
		"tasks":     merge(arrayOf("TaskAlert"), obj{"description": "Nhiệm vụ của cơ quan quá hạn hoặc sắp đến hạn, quá hạn lâu nhất trước"}),
		"review":    merge(arrayOf("Review"), obj{"description": "Điều phối: mỗi kế hoạch đang thực hiện, kỳ hiện tại"}),
	})
}

func meCountsSchema() obj {
	return closed(obj{
		"due":            count("Báo cáo phải gửi (chưa lập, đang soạn)"),
		"late":           count("Trong đó đã quá hạn"),
		"returned":       count("Báo cáo bị trả lại"),
		"waiting":        count("Báo cáo đã gửi, chờ tiếp nhận"),
		"overdue_tasks":  count("Nhiệm vụ quá hạn"),
		"due_soon_tasks": count("Nhiệm vụ sắp đến hạn"),
		"missing":        count("Điều phối: báo cáo chưa nhận được"),
		"to_review":      count("Điều phối: báo cáo chờ tiếp nhận"),
	})
}

func dueReportSchema() obj {
	return closed(obj{
		"report_id":     integer(),
		"plan_id":       integer(),
		"plan_code":     str("Số, ký hiệu kế hoạch"),
		"plan_title":    str("Trích yếu kế hoạch"),
		"period":        ref("Period"),
		"due":           calendarDay("Hạn gửi"),
		"days_to_due":   obj{"type": "integer", "description": "Số ngày còn lại đến hạn; âm khi đã quá hạn"},
		"late":          boolean("Quá hạn mà chưa gửi"),
		"state":         stateProp(""),
		"state_label":   str(""),
		"revision":      obj{"type": "integer", "minimum": 1},
		"submitted_at":  instant(""),
		"on_time":       merge(nullable("boolean"), obj{"description": "Lần gửi gần nhất đúng hạn; null khi chưa gửi"}),
		"returned_at":   instant(""),
		"return_reason": str("Lý do trả lại"),
	})
}

func taskAlertSchema() obj {
	return closed(obj{
		"task_id":       integer(),
		"plan_id":       integer(),
		"plan_code":     str(""),
		"title":         str("Tên nhiệm vụ"),
		"deadline_text": str("Thời hạn như văn bản ghi"),
		"due_date":      date("Hạn hiện tại"),
		"status":        obj{"type": "string", "enum": []any{"overdue", "due_soon"}},
		"status_label":  str(""),
		"overdue_days":  count("Số ngày quá hạn"),
		"days_to_due":   obj{"type": "integer", "description": "Số ngày còn lại đến `status_due`; âm khi quá hạn"},
		"status_due":    date("Ngày làm mốc: hạn hoàn thành, hoặc hạn báo cáo kỳ hiện tại với nhiệm vụ thường xuyên, định kỳ"),
		"status_period": merge(nullable("string"), obj{"description": "Kỳ báo cáo hiện tại (\"Quý II/2026\") với nhiệm vụ thường xuyên, định kỳ; null với nhiệm vụ có hạn cố định"}),
		"lead":          boolean("Cơ quan chủ trì (false: phối hợp)"),
	})
}

func reviewSchema() obj {
	return closed(obj{
		"plan_id":    integer(),
		"plan_code":  str(""),
		"plan_title": str(""),
		"period":     ref("Period"),
		"missing":    merge(arrayOf("AgencyReport"), obj{"description": "Cơ quan chưa gửi (chưa lập, đang soạn, bị trả lại), theo tên"}),
		"waiting":    merge(arrayOf("AgencyReport"), obj{"description": "Báo cáo đã gửi chờ tiếp nhận, gửi sớm trước"}),
		"agencies":   arrayOf("AgencyFigures"),
		"totals":     ref("Figures"),
		"to_date":    ref("Figures"),
	})
}

func agencyReportSchema() obj {
	return closed(obj{
		"agency_id":    integer(),
		"agency_name":  str(""),
		"report_id":    userRef("Mã báo cáo"),
		"state":        stateProp(""),
		"state_label":  str(""),
		"revision":     obj{"type": "integer"},
		"submitted_at": instant(""),
		"on_time":      merge(nullable("boolean"), obj{"description": "null khi chưa gửi"}),
		"days_to_due":  obj{"type": "integer", "description": "Âm khi đã quá hạn"},
	})
}

func agencyFiguresSchema() obj {
	return closed(obj{
		"agency_id":   integer(),
		"agency_name": str(""),
		"period":      ref("Figures"),
		"to_date":     ref("Figures"),
	})
}

func figuresSchema() obj {
	return closed(obj{
		"expected":     count("Số báo cáo phải gửi"),
		"received":     count("Đã nhận (đã gửi hoặc đã tiếp nhận)"),
		"on_time":      count("Đã nhận, đúng hạn"),
		"late":         count("Đã nhận, gửi muộn"),
		"missing":      count("Chưa nhận"),
		"accepted":     count("Đã tiếp nhận"),
		"completeness": obj{"type": "number", "minimum": 0, "maximum": 1, "description": "Đã nhận / phải gửi"},
		"on_time_rate": obj{"type": "number", "minimum": 0, "maximum": 1, "description": "Đúng hạn / phải gửi"},
	})
}
