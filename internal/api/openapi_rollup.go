package api

// Plans linked across levels, the roll-up of an upstream plan and the
// packages between instances, in the OpenAPI document. Schemas mirror
// task_links.go, rollup_get.go, link_sheet.go and rollup_package.go;
// TestOpenAPIRollupSchemasMatchJSON checks their property names.

// qparam is an optional query parameter.
func qparam(name, desc string, schema obj) obj {
	return obj{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
}

func rollupOperations() map[string]obj {
	id := obj{"type": "integer", "format": "int64", "minimum": 1}
	senderID := obj{"name": "id", "in": "path", "required": true, "description": "Mã hệ thống gửi", "schema": id}
	// The official report takes the optional part on the tasks assigned
	// from above (upstream=1): its operation, with the parameter added.
	docx := merge(officialReportOperations()["GET /plans/{id}/report.docx"], obj{})
	docx["parameters"] = append(append([]any{}, docx["parameters"].([]any)...), qparam("upstream",
		"`1`: thêm mục \"Kết quả thực hiện các nhiệm vụ cấp trên giao\" (cuối phần I): với mỗi kế hoạch cấp trên mà nhiệm vụ của kế hoạch này liên kết tới, từng nhiệm vụ cấp trên với các nhiệm vụ của kế hoạch thực hiện nó — tình trạng, tiến độ, kết quả trong kỳ (phần của kế hoạch này trong GET /plans/{id}/rollup).",
		obj{"type": "string", "enum": []any{"0", "1"}}))
	return map[string]obj{
		"GET /plans/{id}/report.docx": docx,
		"PUT /plans/{id}/level": {
			"operationId": "setPlanLevel", "tags": []any{"plans"},
			"summary":     "Cấp và cơ quan ban hành của kế hoạch",
			"description": "Cấp của kế hoạch (`national` Trung ương, `ministry` Bộ ngành, `province` tỉnh, `commune` xã) và cơ quan ban hành (giữ nguyên khi không gửi). Kế hoạch mới nhận cấp đoán từ cơ quan ban hành (Chính phủ → `national`, Bộ … → `ministry`, UBND xã … → `commune`, còn lại `province`). Nhiệm vụ chỉ liên kết lên kế hoạch cùng cấp hoặc cấp trên.",
			"parameters":  []any{param("PlanID")},
			"requestBody": body(ref("PlanLevelPut")),
			"responses":   writeResponses(ok("Kế hoạch", ref("Plan"))),
		},
		"GET /tasks/{id}/links": {
			"operationId": "getTaskLinks", "tags": []any{"rollup"},
			"summary":     "Liên kết của nhiệm vụ với nhiệm vụ cấp trên",
			"description": "Các nhiệm vụ cấp trên mà nhiệm vụ này thực hiện (`items`, `upstream_task_ids`), các nhiệm vụ cấp dưới thực hiện nhiệm vụ này (`downstream`), và lịch sử liên kết (ai, khi nào, cách nào: `how` = `manual` chọn trực tiếp, `suggestion` xác nhận gợi ý, `sheet` từ bảng liên kết, `carry` tiếp nối khi thay thế kế hoạch, `gen` dữ liệu sinh). `number` là số thứ tự (STT) của nhiệm vụ trong kế hoạch của nó.",
			"parameters":  []any{param("TaskID")},
			"responses":   readResponses(ok("Liên kết", ref("TaskLinks")), true),
		},
		"PUT /tasks/{id}/links": {
			"operationId": "setTaskLinks", "tags": []any{"rollup"},
			"summary":     "Đặt liên kết của nhiệm vụ",
			"description": "Nhiệm vụ thực hiện đúng các nhiệm vụ cấp trên `upstream_task_ids` (nhiều – nhiều; danh sách rỗng bỏ mọi liên kết). Liên kết mới phải tới nhiệm vụ của kế hoạch khác, cùng cấp hoặc cấp trên, đang có hiệu lực, chưa bị bãi bỏ, và hai kế hoạch không thực hiện lẫn nhau; một liên kết bị từ chối thì không lưu gì (422, `fields.upstream_task_ids` nói lý do). Liên kết bỏ đi vẫn còn trong lịch sử. Nhiệm vụ của kế hoạch đã thay thế hoặc kết thúc: 409.",
			"parameters":  []any{param("TaskID")},
			"requestBody": body(ref("TaskLinksPut")),
			"responses":   writeResponses(ok("Liên kết sau khi lưu", ref("TaskLinks"))),
		},
		"GET /tasks/{id}/links/suggestions": {
			"operationId": "suggestTaskLinks", "tags": []any{"rollup"},
			"summary":     "Gợi ý nhiệm vụ cấp trên",
			"description": "Các nhiệm vụ của kế hoạch cấp trên `plan` giống nhiệm vụ này nhất theo từ ngữ (không phân biệt dấu, so từng cặp từ liền nhau), tốt nhất trước, với độ giống `score` (0–1); người điều phối xác nhận bằng PUT /tasks/{id}/links.",
			"parameters": []any{param("TaskID"), obj{"name": "plan", "in": "query", "required": true,
				"description": "Mã kế hoạch cấp trên", "schema": id}},
			"responses": readResponses(ok("Gợi ý", ref("LinkCandidateList")), true),
		},
		"POST /plans/{id}/links/sheet": {
			"operationId": "importLinkSheet", "tags": []any{"rollup"},
			"summary":     "Liên kết hàng loạt từ bảng (.xlsx)",
			"description": "Bảng có hai cột `STT` (số thứ tự nhiệm vụ trong kế hoạch này) và `STT nhiệm vụ cấp trên` (một hoặc nhiều số, cách nhau bằng dấu phẩy hoặc chấm phẩy) — mẫu tải ở trang Liên kết nhiệm vụ. Mỗi nhiệm vụ bảng nêu có đúng các liên kết đó tới kế hoạch `upstream` (ô trống: bỏ liên kết); nhiệm vụ bảng không nêu giữ nguyên. `dry_run=1`: chỉ xem trước, kể cả lỗi (200). Không có `dry_run`: lưu tất cả (200, `applied`) hoặc, nếu có một dòng lỗi hay một liên kết bị từ chối, không lưu gì (422, mỗi dòng lỗi một trường `line.N`).",
			"parameters": []any{param("PlanID"), obj{"name": "upstream", "in": "query", "required": true,
				"description": "Mã kế hoạch cấp trên", "schema": id},
				qparam("dry_run", "`1`: chỉ xem trước.", obj{"type": "string", "enum": []any{"0", "1", "true", "false"}})},
			"requestBody": obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": object([]string{"file"}, obj{
				"file": obj{"type": "string", "format": "binary", "description": "Bảng liên kết .xlsx, tối đa 4 MB"},
			})}}},
			"responses": writeResponses(ok("Kết quả (hoặc xem trước)", ref("LinkSheetResult"))),
		},
		"GET /plans/{id}/rollup": {
			"operationId": "getRollup", "tags": []any{"rollup"},
			"summary":     "Tổng hợp theo nhiệm vụ cấp trên",
			"description": "Với kế hoạch cấp trên {id} (chương trình quốc gia, kế hoạch của Bộ): mỗi nhiệm vụ của nó trong kỳ (`items`, theo thứ tự trong kế hoạch) với mọi nhiệm vụ liên kết (`linked`): trên hệ thống này (`source` null; tình trạng tính như bảng số liệu của kế hoạch đó, trong kỳ báo cáo của chính kế hoạch đó chứa ngày cuối kỳ cấp trên — kỳ chưa kết thúc tính theo hôm nay, kỳ đã kết thúc tính tại ngày cuối kỳ theo các báo cáo đã tiếp nhận đến kỳ đó), hoặc nhận qua gói số liệu (`source`; `plan_id` null, `task_id` và `agency_id` là mã của hệ thống gửi). `result` là kết quả đã được tiếp nhận gần nhất đến kỳ. Tình trạng của nhiệm vụ cấp trên (`status`) theo quy tắc: chưa có liên kết → `not_linked`; mọi nhiệm vụ liên kết không thực hiện → `cancelled` (các nhiệm vụ không thực hiện không tính tiếp); có nhiệm vụ quá hạn → `overdue`; mọi nhiệm vụ đã hoàn thành → `done_late` nếu có nhiệm vụ hoàn thành quá hạn, không thì `done_on_time`; có nhiệm vụ sắp đến hạn → `due_soon`; mọi nhiệm vụ chưa xong đều tạm dừng → `paused`; chưa nhiệm vụ nào xong và mọi nhiệm vụ chưa xong chưa triển khai (hoặc tạm dừng) → `not_started`; còn lại `in_progress`. Kế hoạch đã thay thế chỉ tính nhiệm vụ đã hoàn thành (nhiệm vụ dở dang được tiếp nối, cùng liên kết, ở kế hoạch mới); kế hoạch dự thảo không tính. Bộ lọc `plan` (phần của một tỉnh), `package`, `agency` (cơ quan chủ trì), `upstream_task` thu hẹp `linked` và tính lại `status` của từng nhiệm vụ cấp trên trên phần còn lại.",
			"parameters": []any{param("PlanID"),
				qparam("period", "Mã kỳ báo cáo của kế hoạch cấp trên; mặc định kỳ bảng số liệu của nó hiển thị hôm nay", id),
				qparam("plan", "Chỉ nhiệm vụ của kế hoạch này (phần của một tỉnh)", id),
				qparam("package", "Chỉ nhiệm vụ của gói số liệu này", id),
				qparam("agency", "Chỉ nhiệm vụ do cơ quan này chủ trì (trong kỳ)", id),
				qparam("upstream_task", "Chỉ nhiệm vụ cấp trên này", id),
				qparam("status", "Chỉ nhiệm vụ cấp trên có tình trạng này (sau các bộ lọc khác); `status_counts` vẫn đếm mọi tình trạng",
					obj{"type": "string", "enum": append(statusCodes(), "not_linked")}),
				qparam("limit", "Số nhiệm vụ cấp trên mỗi trang (1–1000); mặc định tất cả", obj{"type": "integer", "minimum": 1, "maximum": 1000}),
				param("Offset"),
				obj{"name": "If-None-Match", "in": "header", "required": false, "schema": obj{"type": "string"},
					"description": "ETag của lần đọc trước: 304 khi câu trả lời chưa đổi"}},
			"responses": readResponses(obj{
				"200": obj{"description": "Tổng hợp", "headers": obj{"ETag": obj{
					"description": "Phiên bản của câu trả lời; gửi lại trong If-None-Match để nhận 304 khi chưa có gì thay đổi.",
					"schema":      obj{"type": "string"}}}, "content": jsonContent(ref("Rollup"))},
				"304": obj{"description": "Không thay đổi từ lần đọc có ETag trong If-None-Match"},
			}, true),
		},
		"GET /plans/{id}/rollup/package": {
			"operationId": "exportRollupPackage", "tags": []any{"rollup"},
			"summary":     "Xuất gói số liệu gửi hệ thống cấp trên",
			"description": "Phần của hệ thống này trong tổng hợp kế hoạch cấp trên {id} cho kỳ `period`: mỗi nhiệm vụ cấp trên có nhiệm vụ liên kết trên hệ thống này, mỗi nhiệm vụ liên kết với tình trạng, tiến độ, kết quả đã tiếp nhận và minh chứng (văn bản, tệp: tên, dung lượng, SHA-256), ký bằng khóa Ed25519 của hệ thống. Tệp JSON `{\"format\":\"tiendo-rollup-package/1\",\"payload\":{…},\"signature\":{\"algorithm\":\"Ed25519\",\"public_key\",\"value\"}}`; chữ ký trên đúng các byte của `payload` trong tệp (xem docs/ROLLUP.md). Nhiệm vụ nhận từ hệ thống khác không được gửi tiếp.",
			"parameters":  []any{param("PlanID"), qparam("period", "Mã kỳ báo cáo của kế hoạch cấp trên; mặc định kỳ hiện tại", id)},
			"responses": readResponses(obj{"200": obj{"description": "Gói số liệu đã ký (tải về)",
				"content": obj{"application/json": obj{"schema": ref("RollupPackageFile")}}}, "422": errRef("Invalid")}, true),
		},
		"POST /rollup/packages": {
			"operationId": "importRollupPackage", "tags": []any{"rollup"},
			"summary":     "Nhập gói số liệu của hệ thống cấp dưới",
			"description": "Thân yêu cầu là tệp gói số liệu đúng như khi xuất. Nhận khi chữ ký đúng, khóa là của một hệ thống gửi đã được quản trị đăng ký, kế hoạch cấp trên có trên hệ thống này (theo số, ký hiệu), có kỳ tương ứng (cùng khóa kỳ, hoặc kỳ chứa ngày cuối) và mọi nhiệm vụ cấp trên gói nêu đều tìm thấy (theo STT và tên); nếu không: 422, `fields.file` nói lý do, không lưu gì. Gói mới: 201 `new`; gói mới hơn của cùng hệ thống, kế hoạch và kỳ thay gói cũ: 201 `replaced`; cùng gói nhập lại: 200 `unchanged`; gói cũ hơn gói đang giữ: 409.",
			"requestBody": body(ref("RollupPackageFile")),
			"responses": writeResponses(obj{
				"201": obj{"description": "Đã nhập", "content": jsonContent(ref("RollupImport"))},
				"200": obj{"description": "Đã nhập trước đó; không thay đổi", "content": jsonContent(ref("RollupImport"))},
			}),
		},
		"GET /rollup/packages": {
			"operationId": "listRollupPackages", "tags": []any{"rollup"},
			"summary":     "Gói số liệu đã nhận",
			"description": "100 gói gần nhất, mới nhất trước, kể cả gói đã được thay (`replaced_at`).",
			"responses":   readResponses(ok("Danh sách", ref("RollupPackageList")), false),
		},
		"GET /rollup/identity": {
			"operationId": "getRollupIdentity", "tags": []any{"rollup"},
			"summary":     "Khóa công khai của hệ thống này",
			"description": "Tên hệ thống gửi và khóa công khai Ed25519 (base64, 44 ký tự) mà quản trị của hệ thống nhận cần đăng ký; khóa được tạo ở lần dùng đầu.",
			"responses":   readResponses(ok("Khóa", ref("RollupIdentity")), false),
		},
		"GET /rollup/senders": {
			"operationId": "listRollupSenders", "tags": []any{"rollup"},
			"summary":     "Hệ thống gửi đã đăng ký",
			"description": "Các khóa công khai được nhận gói, kể cả khóa đã thu hồi (`revoked_at`).",
			"responses":   readResponses(ok("Danh sách", ref("RollupSenderList")), false),
		},
		"POST /rollup/senders": {
			"operationId": "addRollupSender", "tags": []any{"rollup"},
			"summary":     "Đăng ký hệ thống gửi",
			"description": "Tên và khóa công khai (như trang Khóa của hệ thống gửi hiển thị). Khóa sai dạng: 422; khóa đã đăng ký: 409.",
			"requestBody": body(ref("RollupSenderPost")),
			"responses": writeResponses(obj{"201": obj{"description": "Đã đăng ký",
				"headers": obj{"Location": obj{"description": "Đường dẫn của hệ thống gửi", "schema": obj{"type": "string"}}},
				"content": jsonContent(ref("RollupSender"))}}),
		},
		"DELETE /rollup/senders/{id}": {
			"operationId": "revokeRollupSender", "tags": []any{"rollup"},
			"summary":     "Thu hồi khóa của hệ thống gửi",
			"description": "Từ nay gói ký bằng khóa này bị từ chối; các gói đã nhận vẫn giữ.",
			"parameters":  []any{senderID},
			"responses":   writeResponses(obj{"204": obj{"description": "Đã thu hồi"}}),
		},
	}
}

func rollupSchemas() obj {
	statuses := append(statusCodes(), "not_linked")
	status := obj{"type": "string", "enum": statuses}
	linkedStatus := obj{"type": "string", "enum": statusCodes()}
	dateTime := obj{"type": "string", "format": "date-time"}
	how := obj{"type": "string", "enum": []any{"manual", "suggestion", "sheet", "carry", "gen"}}
	counts := func(codes []any) obj {
		p := obj{}
		for _, c := range codes {
			p[c.(string)] = obj{"type": "integer"}
		}
		return closed(p)
	}
	return obj{
		"PlanLevelPut": closedBody(obj{
			"level":  obj{"type": "string", "enum": []any{"national", "ministry", "province", "commune"}},
			"issuer": str("Cơ quan ban hành"),
		}),
		"TaskLinksPut": merge(closedBody(obj{"upstream_task_ids": ids("Mã các nhiệm vụ cấp trên (tối đa 50)")}),
			obj{"required": []any{"upstream_task_ids"}}),
		"TaskLink": closed(obj{
			"upstream_task_id": integer(), "upstream_plan_id": integer(), "plan_code": str("Số, ký hiệu của kế hoạch cấp trên"),
			"number": obj{"type": "integer", "description": "STT của nhiệm vụ cấp trên trong kế hoạch của nó"},
			"title":  str("Tên nhiệm vụ cấp trên"), "how": how, "linked_at": dateTime,
			"linked_by": merge(nullable("integer"), obj{"description": "Người liên kết; null: hệ thống"}),
		}),
		"DownstreamLink": closed(obj{
			"task_id": integer(), "plan_id": integer(), "plan_code": obj{"type": "string"}, "number": obj{"type": "integer"},
			"title": obj{"type": "string"}, "how": how, "linked_at": dateTime,
		}),
		"TaskLinkEvent": closed(obj{
			"action": obj{"type": "string", "enum": []any{"link", "unlink"}}, "at": dateTime, "by": str("Tên người thực hiện; rỗng: hệ thống"),
			"how": how, "upstream_task_id": integer(), "title": obj{"type": "string"}, "plan_code": obj{"type": "string"},
		}),
		"TaskLinks": closed(obj{
			"task_id": integer(), "upstream_task_ids": ids("Các nhiệm vụ cấp trên nhiệm vụ này thực hiện"),
			"items": arrayOf("TaskLink"), "total": obj{"type": "integer"},
			"downstream": arrayOf("DownstreamLink"), "history": arrayOf("TaskLinkEvent"),
		}),
		"LinkCandidate": closed(obj{
			"upstream_task_id": integer(), "number": obj{"type": "integer"}, "title": obj{"type": "string"},
			"score": obj{"type": "number", "minimum": 0, "maximum": 1, "description": "Độ giống theo từ ngữ"},
		}),
		"LinkCandidateList": list("LinkCandidate"),
		"LinkSheetResult": closed(obj{
			"dry_run": obj{"type": "boolean"}, "applied": obj{"type": "boolean"},
			"named":     obj{"type": "integer", "description": "Số nhiệm vụ bảng nêu"},
			"unchanged": obj{"type": "integer", "description": "Số nhiệm vụ bảng nêu mà liên kết không đổi"},
			"changes": obj{"type": "array", "items": closed(obj{
				"task_id": integer(), "number": obj{"type": "integer"},
				"added": ids("Nhiệm vụ cấp trên được liên kết thêm"), "removed": ids("Nhiệm vụ cấp trên bị bỏ liên kết"),
			})},
			"errors": obj{"type": "array", "items": closed(obj{"line": obj{"type": "integer"}, "message": obj{"type": "string"}})},
		}),
		"RollupLinked": closed(obj{
			"plan_id":       merge(nullable("integer"), obj{"description": "Kế hoạch trên hệ thống này; null với nhiệm vụ nhận qua gói"}),
			"task_id":       integer(),
			"agency_id":     merge(nullable("integer"), obj{"description": "Cơ quan chủ trì trong kỳ; null khi chưa giao"}),
			"status":        linkedStatus,
			"progress":      obj{"type": "integer", "minimum": 0, "maximum": 100},
			"result":        str("Kết quả đã được tiếp nhận gần nhất đến kỳ"),
			"result_period": str("Kỳ của kết quả đó"),
			"number":        obj{"type": "integer", "description": "STT trong kế hoạch của nó"},
			"title":         obj{"type": "string"},
			"plan_code":     obj{"type": "string"},
			"agency":        str("Tên cơ quan chủ trì"),
			"overdue_days":  obj{"type": "integer"},
			"source": merge(obj{"oneOf": []any{obj{"type": "null"}, closed(obj{
				"package_id": integer(), "sender": obj{"type": "string"}, "asof": obj{"type": "string", "format": "date"},
			})}}, obj{"description": "Gói số liệu đã mang nhiệm vụ này; null với nhiệm vụ trên hệ thống này"}),
		}),
		"RollupItem": closed(obj{
			"upstream_task_id": integer(), "number": obj{"type": "integer", "description": "STT trong kế hoạch cấp trên; 0 khi đã bãi bỏ"},
			"title": obj{"type": "string"}, "status": status, "status_label": obj{"type": "string"},
			"progress": obj{"type": "integer", "description": "Trung bình tiến độ các nhiệm vụ liên kết (hoàn thành tính 100, không thực hiện không tính)"},
			"linked":   arrayOf("RollupLinked"),
		}),
		"Rollup": closed(obj{
			"plan_id": integer(), "period": ref("Period"), "asof": obj{"type": "string", "format": "date"},
			"items": arrayOf("RollupItem"), "total": obj{"type": "integer", "description": "Số nhiệm vụ cấp trên (trước phân trang)"},
			"status_counts": counts(statuses), "linked_counts": counts(statusCodes()),
			"plans": obj{"type": "array", "items": closed(obj{
				"plan_id": integer(), "code": obj{"type": "string"}, "title": obj{"type": "string"}, "issuer": obj{"type": "string"},
				"level": obj{"type": "string"}, "period": ref("Period"), "linked": obj{"type": "integer"},
			})},
			"senders": obj{"type": "array", "items": closed(obj{
				"package_id": integer(), "sender": obj{"type": "string"}, "asof": obj{"type": "string", "format": "date"},
				"created_at": dateTime, "linked": obj{"type": "integer"},
			})},
		}),
		"RollupPackageFile": merge(object([]string{"format", "payload", "signature"}, obj{
			"format":  obj{"type": "string", "const": "tiendo-rollup-package/1"},
			"payload": obj{"type": "object", "description": "Gói: sender, created_at, as_of, upstream_plan, period, items (xem docs/ROLLUP.md)"},
			"signature": object([]string{"algorithm", "public_key", "value"}, obj{
				"algorithm": obj{"type": "string", "const": "Ed25519"}, "public_key": obj{"type": "string"}, "value": obj{"type": "string"},
			}),
		}), obj{"description": "Tệp gói số liệu đã ký"}),
		"RollupImport": closed(obj{
			"outcome": obj{"type": "string", "enum": []any{"new", "replaced", "unchanged"}}, "message": obj{"type": "string"},
			"package_id": integer(), "plan_id": integer(), "period_id": integer(), "sender": obj{"type": "string"},
			"upstream": obj{"type": "integer"}, "linked": obj{"type": "integer"},
		}),
		"RollupPackage": closed(obj{
			"id": integer(), "sender_id": integer(), "sender": obj{"type": "string"}, "plan_id": integer(), "period_id": integer(),
			"period_key": obj{"type": "string"}, "created_at": dateTime, "asof": obj{"type": "string", "format": "date"},
			"digest": str("SHA-256 (hex) của payload đã ký"), "imported_at": dateTime,
			"replaced_at": merge(nullable("string"), obj{"format": "date-time"}),
		}),
		"RollupPackageList": list("RollupPackage"),
		"RollupIdentity": closed(obj{
			"name": obj{"type": "string"}, "public_key": str("Khóa công khai Ed25519, base64"), "fingerprint": str("Dấu vân tay để so bằng mắt"),
		}),
		"RollupSender": closed(obj{
			"id": integer(), "name": obj{"type": "string"}, "public_key": obj{"type": "string"}, "fingerprint": obj{"type": "string"},
			"note": obj{"type": "string"}, "added_at": dateTime, "revoked_at": merge(nullable("string"), obj{"format": "date-time"}),
		}),
		"RollupSenderList": list("RollupSender"),
		"RollupSenderPost": merge(closedBody(obj{
			"name": obj{"type": "string"}, "public_key": obj{"type": "string"}, "note": obj{"type": "string"},
		}), obj{"required": []any{"name", "public_key"}}),
	}
}
