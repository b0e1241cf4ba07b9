package api

// The extension part of the OpenAPI document: requests for a new deadline
// (gia hạn) or changed content (điều chỉnh) and the coordinator's decision.
// Schemas mirror extensionJSON, extensionBody and decideBody;
// TestOpenAPISchemasMatchJSON checks the property names.

// extensionOperations describes the extension routes.
func extensionOperations() map[string]obj {
	return map[string]obj{
		"POST /tasks/{id}/extensions": {
			"operationId": "requestExtension", "tags": []any{"extensions"},
			"summary":     "Đề nghị gia hạn hoặc điều chỉnh nội dung nhiệm vụ",
			"description": "Lãnh đạo hoặc chuyên viên của cơ quan chủ trì nhiệm vụ đề nghị: `kind` = `deadline` (gia hạn: `deadline_text` là thời hạn mới, viết như văn bản kế hoạch — \"Quý IV/2026\", \"31/12/2026\") hoặc `content` (điều chỉnh: `title`, `text`, `product`, ít nhất một; trường để trống giữ nguyên). `reason` luôn bắt buộc. Đề nghị ở trạng thái `pending`, nhiệm vụ chưa thay đổi cho đến khi được chấp thuận.\n\nThiếu lý do, thời hạn không đọc được, loại đề nghị sai → 422 theo từng trường; nhiệm vụ cơ quan không chủ trì → 422 (`rule` `not_assigned`, `fields.task`); điều phối, quản trị, lãnh đạo tỉnh → 403 (`agency_only`).",
			"parameters":  []any{param("TaskID")},
			"requestBody": body(ref("ExtensionRequest")),
			"responses": writeResponses(obj{"201": obj{
				"description": "Đã gửi đề nghị",
				"headers":     obj{"Location": obj{"description": "Đường dẫn của đề nghị: /api/v1/extensions/{id}", "schema": obj{"type": "string"}}},
				"content":     jsonContent(ref("Extension")),
			}}),
		},
		"GET /extensions": {
			"operationId": "listExtensions", "tags": []any{"extensions"},
			"summary":     "Danh sách đề nghị gia hạn, điều chỉnh",
			"description": "Mới trước; lọc theo kế hoạch, nhiệm vụ, cơ quan đề nghị, trạng thái. Điều phối, quản trị, lãnh đạo tỉnh thấy mọi đề nghị; lãnh đạo và chuyên viên cơ quan chỉ thấy đề nghị của cơ quan mình (hỏi cơ quan khác → 403 `other_agency`).",
			"parameters":  []any{param("PlanQuery"), param("TaskQuery"), param("ExtensionAgency"), param("ExtensionState")},
			"responses":   readResponses(ok("Danh sách đề nghị", ref("ExtensionList")), false),
		},
		"GET /extensions/{id}": {
			"operationId": "getExtension", "tags": []any{"extensions"},
			"summary":     "Một đề nghị gia hạn, điều chỉnh",
			"description": "Đề nghị của cơ quan khác (với lãnh đạo, chuyên viên cơ quan) → 403 `other_agency`.",
			"parameters":  []any{param("ExtensionID")},
			"responses":   readResponses(ok("Đề nghị", ref("Extension")), true),
		},
		"POST /extensions/{id}/decide": {
			"operationId": "decideExtension", "tags": []any{"extensions"},
			"summary":     "Chấp thuận hoặc không chấp thuận đề nghị",
			"description": "Cơ quan điều phối quyết định đề nghị đang chờ: `approve` true/false (bắt buộc), `note` ghi chú — bắt buộc khi không chấp thuận (trống → 422 `rule` `note_required`, `fields.note`). Chấp thuận gia hạn đổi thời hạn hiện tại của nhiệm vụ (`deadline_text`, `due_date` trong GET /tasks/{id}) và giữ thời hạn gốc (`original_deadline_text`, `original_due_date`); chấp thuận điều chỉnh đổi tên, nội dung, sản phẩm. Đề nghị đã được quyết định → 409 (`rule` `decided`); không phải điều phối → 403 (`coordinator_only`).",
			"parameters":  []any{param("ExtensionID")},
			"requestBody": body(ref("ExtensionDecision")),
			"responses":   writeResponses(ok("Đề nghị sau khi quyết định", ref("Extension"))),
		},
	}
}

// extensionParameters are the extension routes' parameters.
func extensionParameters() obj {
	return obj{
		"ExtensionID": obj{"name": "id", "in": "path", "required": true, "description": "Mã đề nghị",
			"schema": obj{"type": "integer", "format": "int64", "minimum": 1}},
		"TaskQuery": obj{"name": "task", "in": "query", "required": false, "description": "Mã nhiệm vụ.",
			"schema": obj{"type": "integer", "format": "int64", "minimum": 1}},
		"ExtensionAgency": obj{"name": "agency", "in": "query", "required": false, "description": "Mã cơ quan đề nghị (cơ quan chủ trì nhiệm vụ).",
			"schema": obj{"type": "integer", "format": "int64", "minimum": 1}},
		"ExtensionState": obj{"name": "state", "in": "query", "required": false, "description": "Trạng thái đề nghị.",
			"schema": obj{"type": "string", "enum": extensionStates()}},
	}
}

// extensionStates lists the states of a request for enums.
func extensionStates() []any { return []any{"pending", "approved", "refused"} }

// extensionSchemas are the extension bodies.
func extensionSchemas() obj {
	return obj{
		"Extension":     extensionSchema(),
		"ExtensionList": list("Extension"),
		"ExtensionRequest": func() obj {
			s := object([]string{"kind", "reason"}, obj{
				"kind":          obj{"type": "string", "enum": []any{"deadline", "content"}, "description": "`deadline` = gia hạn, `content` = điều chỉnh nội dung"},
				"deadline_text": obj{"type": "string", "description": "Với `deadline`: thời hạn mới đề nghị, viết như văn bản (\"Quý IV/2026\", \"31/12/2026\", \"tháng 9/2026\"); không đọc được → 422"},
				"title":         obj{"type": "string", "maxLength": 500, "description": "Với `content`: tên ngắn mới; trống = giữ nguyên"},
				"text":          obj{"type": "string", "maxLength": 20000, "description": "Với `content`: nội dung mới; trống = giữ nguyên"},
				"product":       obj{"type": "string", "maxLength": 2000, "description": "Với `content`: sản phẩm mới; trống = giữ nguyên"},
				"reason":        obj{"type": "string", "minLength": 1, "maxLength": 20000, "description": "Lý do đề nghị (bắt buộc)"},
			})
			s["additionalProperties"] = false
			return s
		}(),
		"ExtensionDecision": func() obj {
			s := object([]string{"approve"}, obj{
				"approve": obj{"type": "boolean", "description": "true = chấp thuận, false = không chấp thuận"},
				"note":    obj{"type": "string", "description": "Ghi chú của cơ quan điều phối; bắt buộc khi không chấp thuận"},
			})
			s["additionalProperties"] = false
			return s
		}(),
	}
}

func extensionSchema() obj {
	return closed(obj{
		"id":                integer(),
		"plan_id":           integer(),
		"task_id":           integer(),
		"agency_id":         merge(integer(), obj{"description": "Cơ quan đề nghị (chủ trì nhiệm vụ)"}),
		"agency_name":       str("Tên cơ quan đề nghị"),
		"kind":              obj{"type": "string", "enum": []any{"deadline", "content"}, "description": "`deadline` = gia hạn, `content` = điều chỉnh nội dung"},
		"reason":            str("Lý do đề nghị"),
		"deadline_text":     str("Gia hạn: thời hạn mới đề nghị, như văn bản ghi; rỗng với điều chỉnh"),
		"due_date":          date("Gia hạn: hạn cuối đọc từ thời hạn mới"),
		"title":             str("Điều chỉnh: tên ngắn đề nghị; rỗng = giữ nguyên"),
		"text":              str("Điều chỉnh: nội dung đề nghị; rỗng = giữ nguyên"),
		"product":           str("Điều chỉnh: sản phẩm đề nghị; rỗng = giữ nguyên"),
		"old_deadline_text": str("Thời hạn của nhiệm vụ lúc đề nghị"),
		"old_due_date":      date("Hạn cuối của nhiệm vụ lúc đề nghị"),
		"old_title":         str("Tên ngắn của nhiệm vụ lúc đề nghị"),
		"old_text":          str("Nội dung của nhiệm vụ lúc đề nghị"),
		"old_product":       str("Sản phẩm của nhiệm vụ lúc đề nghị"),
		"state":             obj{"type": "string", "enum": extensionStates(), "description": "`pending` chờ xử lý, `approved` đã chấp thuận (đã áp dụng vào nhiệm vụ), `refused` không chấp thuận"},
		"state_label":       str("Tên trạng thái bằng tiếng Việt"),
		"note":              str("Ghi chú của cơ quan điều phối khi quyết định"),
		"requested_at":      instant("Lúc đề nghị"),
		"requested_by":      userRef("Người đề nghị"),
		"decided_at":        instant("Lúc quyết định; null khi đang chờ"),
		"decided_by":        userRef("Người quyết định; null khi đang chờ"),
		"version":           obj{"type": "integer", "minimum": 1, "description": "Phiên bản; tăng khi được quyết định"},
	})
}
