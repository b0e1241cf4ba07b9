package api

import (
	"maps"
	"slices"

	"tiendo/internal/auth"
)

// components holds the reusable parts of the OpenAPI document. The schemas
// mirror the *JSON structs in the *_view.go and task_input.go files;
// TestOpenAPISchemasMatchJSON checks that their property names agree.
func components() obj {
	return obj{
		"securitySchemes": obj{
			"bearerAuth": obj{"type": "http", "scheme": "bearer",
				"description": "Mã truy cập tạo bằng `tiendo token create --user TÊN`."},
			"cookieAuth": obj{"type": "apiKey", "in": "cookie", "name": auth.SessionCookie,
				"description": "Phiên đăng nhập của giao diện web."},
		},
		"schemas":    schemas(),
		"parameters": parameters(),
		"headers": obj{
			"ETag": obj{"description": "Phiên bản của nhiệm vụ, dạng `\"3\"`; gửi lại trong If-Match khi sửa.",
				"schema": obj{"type": "string"}},
			"ReportETag": obj{"description": "Phiên bản của báo cáo, dạng `\"7\"`; gửi lại trong If-Match khi gửi, tiếp nhận, trả lại.",
				"schema": obj{"type": "string"}},
		},
		"responses": obj{
			"BadRequest":           errorResponse("Yêu cầu sai dạng: JSON hỏng, trường lạ, sai kiểu, mã hoặc tham số không phải số (code `bad_request`)."),
			"Unauthorized":         errorResponse("Chưa xác thực hoặc mã truy cập không đúng (code `unauthorized`); có tiêu đề WWW-Authenticate: Bearer."),
			"Forbidden":            errorResponse("Vai trò của tài khoản không có quyền này, hoặc (báo cáo, tệp, đề nghị) đây là của cơ quan khác (code `forbidden`; `rule` nêu quy tắc: `other_agency`, `head_only`, `agency_only`, `coordinator_only`, `accepted_only`)."),
			"NotFound":             errorResponse("Không có kế hoạch/nhiệm vụ/báo cáo/kỳ báo cáo/tệp/đề nghị với mã này (code `not_found`)."),
			"Conflict":             errorResponse("Dữ liệu đã bị sửa sau phiên bản bạn gửi (không có `rule`), kế hoạch đã khóa, hoặc trạng thái không cho phép bước này: `rule` = `locked`, `old_revision`, `submitted`, `not_submitted`, `not_accepted`, `period_not_started`, `decided` (đề nghị đã được quyết định) (code `conflict`). Không có gì thay đổi."),
			"TooLarge":             errorResponse("Thân yêu cầu lớn hơn 1 MiB (code `too_large`)."),
			"UnsupportedMediaType": errorResponse("Thiếu `Content-Type: application/json` (code `unsupported_media_type`)."),
			"UploadTooLarge":       errorResponse("Tệp lớn hơn 20 MB (code `too_large`, `rule` `file_too_large`, `fields.file`). Không lưu gì."),
			"UploadMediaType":      errorResponse("Thân yêu cầu không phải `multipart/form-data` (code `unsupported_media_type`)."),
			"Invalid":              errorResponse("Giá trị chưa hợp lệ; `fields` nêu lỗi của từng trường (code `invalid`; với báo cáo `rule` = `invalid`, `incomplete` — fields `entries.<mã nhiệm vụ>`, `reason_required`, `note_required` — fields `note`, `not_assigned` — fields `task` hoặc `indicator`, `file_empty`, `file_type`, `file_mismatch` — fields `file`)."),
			"Internal":             errorResponse("Lỗi máy chủ (code `internal`)."),
			"RateLimited": obj{"description": "Quá nhiều yêu cầu ghi của tài khoản trong thời gian ngắn (code `rate_limited`; `serve --write-rate`, mặc định 10 yêu cầu/giây, tối đa 60 liền nhau). Không có gì thay đổi; gửi lại sau số giây trong Retry-After.",
				"headers": obj{"Retry-After": obj{"required": true, "description": "Số giây phải đợi trước khi gửi lại.",
					"schema": obj{"type": "integer", "minimum": 1}}},
				"content": jsonContent(ref("Error"))},
			"NotAcceptable": errorResponse("Tiêu đề Accept không nhận JSON (code `not_acceptable`)."),
		},
	}
}

func errorResponse(desc string) obj {
	return obj{"description": desc, "content": jsonContent(ref("Error"))}
}

// parameters are the path, query and header parameters, shared by operations.
func parameters() obj {
	p := taskParameters()
	for _, more := range []obj{reportParameters(), evidenceParameters(), extensionParameters(), dashboardParameters(), rankingParameters(), userParameters()} {
		for k, v := range more {
			p[k] = v
		}
	}
	return p
}

// taskParameters are the parameters of the plan and task routes.
func taskParameters() obj {
	id := func(what string) obj {
		return obj{"name": "id", "in": "path", "required": true, "description": "Mã " + what,
			"schema": obj{"type": "integer", "format": "int64", "minimum": 1}}
	}
	query := func(name, desc string, schema obj) obj {
		return obj{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
	}
	return obj{
		"PlanID":           id("kế hoạch"),
		"TaskID":           id("nhiệm vụ"),
		"AgencyID":         id("cơ quan"),
		"ReorganisationID": id("việc sắp xếp"),
		"Query": query("q", "Tìm trong tên và nội dung, không phân biệt hoa thường và dấu.",
			obj{"type": "string", "maxLength": maxQueryLen}),
		"Agency": query("agency", "Mã cơ quan chủ trì hoặc phối hợp.",
			obj{"type": "integer", "format": "int64", "minimum": 1}),
		"Section": query("section", "Mã mục; gồm cả các mục con.",
			obj{"type": "integer", "format": "int64", "minimum": 1}),
		"Status": query("status", "`open` = chưa hoàn thành hôm nay (không phải `done_on_time`, `done_late`; nhiệm vụ thường xuyên, định kỳ: chưa hoàn thành trong kỳ hiện tại), hoặc một mã tình trạng — lọc đúng như trường `status` của từng nhiệm vụ và như số liệu tổng hợp của kỳ hiện tại.",
			obj{"type": "string", "enum": append([]any{"open"}, statusCodes()...)}),
		"Sort": query("sort", "`order` = theo thứ tự trong kế hoạch (mặc định), `due` = theo thời hạn (không có thời hạn xếp cuối).",
			obj{"type": "string", "enum": []any{"order", "due"}, "default": "order"}),
		"Limit": query("limit", "Số nhiệm vụ tối đa trong trang.",
			obj{"type": "integer", "minimum": 1, "maximum": MaxLimit, "default": DefaultLimit}),
		"Offset": query("offset", "Bỏ qua bao nhiêu nhiệm vụ đầu.",
			obj{"type": "integer", "minimum": 0, "default": 0}),
		"IfMatch": obj{"name": "If-Match", "in": "header", "required": false,
			"description": "ETag đã đọc (`\"3\"` hoặc `W/\"3\"`); khác phiên bản hiện tại thì trả 409.",
			"schema":      obj{"type": "string"}},
	}
}

// statusCodes lists the task status codes for enums (plan.Statuses).
func statusCodes() []any {
	return []any{"done_on_time", "done_late", "in_progress", "due_soon", "overdue", "not_started", "paused", "cancelled"}
}

// Schema helpers: JSON Schema 2020-12 as OpenAPI 3.1 uses it.
func str(desc string) obj   { return obj{"type": "string", "description": desc} }
func integer() obj          { return obj{"type": "integer", "format": "int64"} }
func nullable(t string) obj { return obj{"type": []any{t, "null"}} }
func date(desc string) obj {
	return obj{"type": []any{"string", "null"}, "format": "date", "description": desc}
}
func ids(desc string) obj {
	return obj{"type": "array", "items": integer(), "description": desc}
}
func object(required []string, props obj) obj {
	r := make([]any, len(required))
	for i, s := range required {
		r[i] = s
	}
	return obj{"type": "object", "required": r, "properties": props}
}
func list(item string) obj {
	return object([]string{"items", "total"}, obj{
		"items": obj{"type": "array", "items": ref(item)},
		"total": obj{"type": "integer", "description": "Tổng số mục khớp (không chỉ trang này)"},
	})
}

// schemas are the bodies the API reads and writes.
func schemas() obj {
	s := taskSchemas()
	for _, more := range []obj{agencySchemas(), reportSchemas(), evidenceSchemas(), extensionSchemas(), dashboardSchemas(), rankingSchemas(),
		reorganisationSchemas(), versionSchemas(), planImportSchemas(), userSchemas(), rollupSchemas()} {
		for k, v := range more {
			s[k] = v
		}
	}
	return s
}

// taskSchemas are the bodies of the plan, task and agency routes.
func taskSchemas() obj {
	return obj{
		"Task":        taskSchema(),
		"TaskDetail":  taskDetailSchema(),
		"TaskCreate":  taskWriteSchema([]string{"section_id", "text"}),
		"TaskPatch":   taskPatchSchema(),
		"Reference":   referenceSchema(),
		"Plan":        planSchema(),
		"Section":     sectionSchema(),
		"Agency":      agencySchema(),
		"Error":       errorSchema(),
		"TaskList":    list("Task"),
		"PlanList":    list("Plan"),
		"SectionList": list("Section"),
		"AgencyList":  list("Agency"),
	}
}

func taskProps() obj {
	return obj{
		"id":                     integer(),
		"plan_id":                integer(),
		"section_id":             integer(),
		"title":                  str("Tên ngắn"),
		"text":                   str("Nội dung đầy đủ như trong kế hoạch"),
		"lead_agency_id":         merge(nullable("integer"), obj{"description": "Cơ quan chủ trì; null khi chưa giao"}),
		"cooperating_agency_ids": ids("Cơ quan phối hợp"),
		"deadline_text":          str("Thời hạn như văn bản ghi (\"Quý II/2025\", \"thường xuyên\"…); rỗng khi không có"),
		"due_date":               date("Hạn cuối đọc từ thời hạn; null với thời hạn thường xuyên, hằng năm hoặc không có"),
		"product":                str("Sản phẩm dự kiến"),
		"status":                 obj{"type": "string", "enum": statusCodes(), "description": "Tình trạng hôm nay (QĐ 42/2014/QĐ-TTg) — cùng một cách tính trên mọi trang, danh sách, tệp xuất và bảng điều khiển: từ thời hạn hiện tại (sau gia hạn) và tình trạng khai trong báo cáo đã tiếp nhận gần nhất; nhiệm vụ thường xuyên, định kỳ (`deadline_kind` recurring, continuous) tính trong kỳ báo cáo hiện tại (`status_period`): hoàn thành là hoàn thành trong kỳ, quá hạn là quá hạn báo cáo kỳ mà chưa có báo cáo được tiếp nhận"},
		"status_label":           str("Tên tình trạng bằng tiếng Việt"),
		"status_reason":          str("Lý do tạm dừng / không thực hiện trong báo cáo đã tiếp nhận; rỗng với tình trạng khác"),
		"overdue_days":           obj{"type": "integer", "minimum": 0, "description": "Số ngày quá hạn tính từ `status_due` (0 khi không quá hạn)"},
		"status_due":             date("Ngày làm mốc cho `status`: hạn hoàn thành của nhiệm vụ, hoặc hạn báo cáo của kỳ hiện tại với nhiệm vụ thường xuyên, định kỳ; null khi không có"),
		"status_period":          merge(nullable("string"), obj{"description": "Kỳ báo cáo hiện tại mà `status` nói tới (\"Quý II/2026\") với nhiệm vụ thường xuyên, định kỳ; null với nhiệm vụ có hạn cố định"}),
		"original_deadline_text": str("Thời hạn gốc như kế hoạch ghi lần đầu (trước gia hạn); đánh giá năm dùng thời hạn này"),
		"original_due_date":      date("Hạn gốc; null khi không có"),
		"deadline_kind": obj{"type": []any{"string", "null"}, "description": "Dạng thời hạn",
			"enum": []any{"date", "month", "quarter", "half", "year", "range", "recurring", "continuous", nil}},
		"order":        obj{"type": "integer", "description": "Thứ tự trong mục, từ 1"},
		"progress":     obj{"type": "integer", "minimum": 0, "maximum": 100, "description": "% tiến độ báo cáo"},
		"completed_on": date("Ngày hoàn thành đã xác nhận; null khi chưa hoàn thành"),
		"version":      obj{"type": "integer", "description": "Phiên bản; tăng sau mỗi lần sửa"},
	}
}

func taskSchema() obj {
	p := taskProps()
	return object(sortedKeys(p), p)
}

func taskDetailSchema() obj {
	p := taskProps()
	p["mentioned_agency_ids"] = ids("Cơ quan được nhắc đến trong nội dung (gợi ý giao việc)")
	p["references"] = obj{"type": "array", "items": ref("Reference")}
	p["periods"] = merge(arrayOf("TaskPeriod"), obj{"description": "Tình trạng trong từng kỳ báo cáo đã bắt đầu mà nhiệm vụ còn mở (nhiệm vụ thường xuyên, hằng năm được đánh giá theo kỳ)"})
	return object(sortedKeys(p), p)
}

func taskWriteProps() obj {
	return obj{
		"section_id":             merge(integer(), obj{"description": "Mục chứa nhiệm vụ; phải thuộc kế hoạch"}),
		"title":                  merge(nullable("string"), obj{"maxLength": 500, "description": "Tên ngắn; bỏ trống thì lấy từ nội dung"}),
		"text":                   merge(obj{"type": "string", "minLength": 1, "maxLength": 20000}, obj{"description": "Nội dung nhiệm vụ"}),
		"lead_agency_id":         merge(nullable("integer"), obj{"description": "Cơ quan chủ trì (mã trong /agencies)"}),
		"cooperating_agency_ids": obj{"type": []any{"array", "null"}, "items": integer(), "description": "Cơ quan phối hợp"},
		"deadline_text":          merge(nullable("string"), obj{"description": "Thời hạn bằng lời: \"30/6/2025\", \"tháng 5/2025\", \"Quý II/2025\", \"năm 2026\", \"hằng năm\", \"thường xuyên\", \"2025-2030\"…; không đọc được thì trả 422"}),
		"product":                merge(nullable("string"), obj{"maxLength": 2000, "description": "Sản phẩm dự kiến"}),
	}
}

func taskWriteSchema(required []string) obj {
	s := object(required, taskWriteProps())
	s["additionalProperties"] = false
	return s
}

func taskPatchSchema() obj {
	p := taskWriteProps()
	p["version"] = merge(nullable("integer"), obj{"description": "Phiên bản đã đọc (thay cho If-Match)"})
	s := object(nil, p)
	s["additionalProperties"] = false
	return s
}

func referenceSchema() obj {
	p := obj{
		"kind":        str("Loại văn bản: Quyết định, Nghị quyết, Kế hoạch…"),
		"number":      str("Số, ký hiệu: 1132/QĐ-TTg"),
		"issuer_code": str("Phần cơ quan ban hành của ký hiệu: TTg"),
		"issued_on":   date("Ngày ban hành; null khi trích dẫn không ghi"),
		"text":        str("Trích dẫn như trong văn bản"),
	}
	return object(sortedKeys(p), p)
}

func planSchema() obj {
	p := obj{
		"id":             integer(),
		"code":           str("Số, ký hiệu: 60/KH-UBND; có thể rỗng"),
		"issued_on":      date("Ngày ban hành"),
		"issuer":         str("Cơ quan ban hành"),
		"level":          obj{"type": "string", "enum": []any{"national", "ministry", "province", "commune"}, "description": "Cấp của kế hoạch: Trung ương, Bộ ngành, tỉnh, xã"},
		"title":          str("Trích yếu, như văn bản ghi (có thể viết hoa toàn bộ)"),
		"display_name":   str("Tên gọi ngắn để hiển thị: \"Kế hoạch 60/KH-UBND\", hoặc khi chưa có số, điều kế hoạch thực hiện (\"KH thực hiện NQ 71/NQ-CP\")"),
		"display_title":  str("Trích yếu để hiển thị: viết thường theo câu khi văn bản viết hoa toàn bộ, giữ chữ viết tắt, số hiệu văn bản và tên riêng"),
		"status":         obj{"type": "string", "enum": []any{"draft", "active", "replaced", "closed"}},
		"replaces_id":    merge(nullable("integer"), obj{"description": "Kế hoạch được thay thế, nếu có trong hệ thống"}),
		"replaces":       str("Số, ký hiệu của kế hoạch được thay thế như văn bản ghi"),
		"reporting_rule": str("Câu quy định chế độ báo cáo trong kế hoạch"),
		"created_at":     merge(nullable("string"), obj{"format": "date-time"}),
		"updated_at":     merge(nullable("string"), obj{"format": "date-time"}),
	}
	return object(sortedKeys(p), p)
}

func sectionSchema() obj {
	p := obj{
		"id":          integer(),
		"plan_id":     integer(),
		"parent_id":   merge(nullable("integer"), obj{"description": "Mục cha; null với phần La Mã"}),
		"kind":        obj{"type": "string", "enum": []any{"part", "group", "subgroup", "item"}},
		"number":      str("Số ở cấp của mục: III, 4.2, a"),
		"label":       str("Nhãn đầy đủ: III.4.2"),
		"title":       str("Tiêu đề"),
		"body":        str("Các đoạn văn không phải nhiệm vụ, mỗi đoạn một dòng"),
		"order":       obj{"type": "integer"},
		"holds_tasks": obj{"type": "boolean", "description": "Các đoạn trong mục là nhiệm vụ"},
		"task_count":  obj{"type": "integer", "description": "Số nhiệm vụ của mục và các mục con"},
	}
	return object(sortedKeys(p), p)
}

func agencySchema() obj {
	p := obj{
		"id":           integer(),
		"parent_id":    merge(nullable("integer"), obj{"description": "Cơ quan cấp trên"}),
		"name":         str("Tên đầy đủ"),
		"short_name":   str("Tên viết tắt: Sở KH&CN"),
		"aliases":      obj{"type": "array", "items": obj{"type": "string"}, "description": "Tên khác trong văn bản"},
		"kind":         obj{"type": "string", "enum": []any{"ubnd_tinh", "so", "ban", "nganh", "ubnd_xa", "don_vi", "to_chuc", "khac"}},
		"valid_from":   date("Ngày bắt đầu hoạt động"),
		"valid_to":     date("Ngày kết thúc (sáp nhập, giải thể); null khi còn hoạt động"),
		"successor_id": merge(nullable("integer"), obj{"description": "Cơ quan kế nhiệm"}),
		"active":       obj{"type": "boolean", "description": "Còn hoạt động hôm nay"},
	}
	return object(sortedKeys(p), p)
}

func errorSchema() obj {
	var codes []any
	for _, c := range errorCodes() {
		codes = append(codes, c)
	}
	return object([]string{"error"}, obj{
		"error": object([]string{"code", "message", "fields"}, obj{
			"code":    obj{"type": "string", "enum": codes},
			"message": str("Thông báo bằng tiếng Việt"),
			"fields": obj{"type": "object", "additionalProperties": obj{"type": "string"},
				"description": "Lỗi của từng trường (tên trường JSON → thông báo)"},
			"rule": str("Chỉ khi quy tắc báo cáo từ chối: mã quy tắc (`head_only`, `other_agency`, `locked`, `submitted`, `not_submitted`, `period_not_started`, `reason_required`, `incomplete`, `not_assigned`, `decided`, `note_required`, `file_type`, …)"),
		}),
	})
}

// merge returns a copy of a with b's keys added.
func merge(a, b obj) obj {
	m := obj{}
	for k, v := range a {
		m[k] = v
	}
	for k, v := range b {
		m[k] = v
	}
	return m
}

// sortedKeys lists an object's keys in order: every listed property is
// always present in responses, and the encoded "required" list stays stable.
func sortedKeys(m obj) []string { return slices.Sorted(maps.Keys(m)) }
