package api

// The agency part of the OpenAPI document beyond the list: one agency, and
// reorganisations. Schemas mirror agency_reorganise.go;
// TestOpenAPISchemasMatchJSON checks the property names.

// agencyOperations describes the agency routes, keyed like routes().
func agencyOperations() map[string]obj {
	return map[string]obj{
		"GET /agencies/{id}": {
			"operationId": "getAgency", "tags": []any{"agencies"},
			"summary":     "Một cơ quan",
			"description": "Cơ quan với thời gian tồn tại (`valid_from`, `valid_to`: ngày bắt đầu của bố trí mới, cơ quan không còn từ ngày đó) và, khi đã kết thúc do sắp xếp, cơ quan kế thừa (`successor_id`).",
			"parameters":  []any{param("AgencyID")},
			"responses":   readResponses(ok("Cơ quan", ref("Agency")), true),
		},
		"GET /plans/{id}/amendments": {
			"operationId": "listAmendments", "tags": []any{"plans"},
			"summary":     "Các quyết định sửa đổi, bổ sung kế hoạch",
			"description": "Cũ trước, mỗi quyết định với nhiệm vụ đã thêm (`added`), sửa đổi (`changed`) và bãi bỏ (`removed`).",
			"parameters":  []any{param("PlanID")},
			"responses":   readResponses(ok("Danh sách", ref("AmendmentList")), true),
		},
		"POST /plans/{id}/amendments": {
			"operationId": "amendPlan", "tags": []any{"plans"},
			"summary":     "Sửa đổi, bổ sung kế hoạch",
			"description": "Một quyết định (`number`, `issued_on`) thêm nhiệm vụ (`add`, mỗi mục như khi thêm nhiệm vụ), sửa đổi nhiệm vụ (`change`: chỉ các trường gửi được đổi — tên, nội dung, thời hạn, sản phẩm, cơ quan chủ trì, phối hợp) và bãi bỏ nhiệm vụ (`remove`) từ ngày có hiệu lực (`effective`), trong một giao dịch. Kế hoạch giữ mọi nhiệm vụ và mọi phiên bản: nhiệm vụ bị bãi bỏ vẫn còn cùng lịch sử; nhiệm vụ được sửa đổi giữ phiên bản trước (xem `GET /tasks/{id}/history`); số liệu của mỗi kỳ tính theo kế hoạch tại kỳ đó (kỳ chứa ngày hiệu lực đã theo kế hoạch sửa đổi; kỳ trước đó đánh giá nhiệm vụ theo thời hạn cũ). Lỗi của nhiệm vụ thêm → 422 với `fields.add.<thứ tự>.<trường>`; nhiệm vụ sửa đổi không thuộc kế hoạch, đã bãi bỏ, đã được thay đổi từ một ngày sau, không thay đổi gì, hoặc trường không hợp lệ → 422 `fields.change.<thứ tự>.<trường>`; nhiệm vụ bãi bỏ không thuộc kế hoạch hoặc đã bãi bỏ → 422 `fields.remove.<thứ tự>`.",
			"parameters":  []any{param("PlanID")},
			"requestBody": body(ref("AmendmentCreate")),
			"responses":   writeResponses(obj{"201": obj{"description": "Đã ghi nhận", "content": jsonContent(ref("Amendment"))}}),
		},
		"GET /plans/{id}/replacement": {
			"operationId": "suggestReplacement", "tags": []any{"plans"},
			"summary":     "Gợi ý nhiệm vụ tiếp nối khi thay thế kế hoạch",
			"description": "Mọi nhiệm vụ chưa hoàn thành của kế hoạch được thay thế (`replaces`), mỗi nhiệm vụ kèm nhiệm vụ của kế hoạch này giống nó nhất theo các cặp từ (không phân biệt dấu, hoa thường), một đối một; `new_task_id` null khi không có nhiệm vụ đủ giống (điểm dưới 0,25).",
			"parameters": []any{param("PlanID"), obj{"name": "replaces", "in": "query", "required": true,
				"description": "Mã kế hoạch được thay thế", "schema": obj{"type": "integer", "format": "int64", "minimum": 1}}},
			"responses": readResponses(ok("Gợi ý", ref("ReplacementSuggestions")), true),
		},
		"POST /plans/{id}/replacement": {
			"operationId": "replacePlan", "tags": []any{"plans"},
			"summary":     "Thay thế kế hoạch, chuyển tiếp nhiệm vụ chưa hoàn thành",
			"description": "Kế hoạch này thay thế kế hoạch `replaces`, trong một giao dịch: kế hoạch cũ chuyển sang trạng thái đã thay thế (chỉ đọc), kế hoạch mới ghi liên kết tới nó; mỗi nhiệm vụ cũ trong `tasks` (chưa hoàn thành) được chuyển tiếp sang nhiệm vụ mới (mỗi nhiệm vụ mới nhận một nhiệm vụ cũ): nhiệm vụ mới mang tình trạng và tiến độ đã được tiếp nhận của nhiệm vụ cũ, lịch sử báo cáo và minh chứng vẫn ở nhiệm vụ cũ và được liên kết. `?dry_run=1`: chỉ xem trước (200). Nhiệm vụ đã hoàn thành, không thuộc kế hoạch, hai nhiệm vụ cũ vào một nhiệm vụ mới, kế hoạch cũ đã bị thay thế → 422.",
			"parameters": []any{param("PlanID"), obj{"name": "dry_run", "in": "query", "required": false,
				"description": "`1`: chỉ xem trước.", "schema": obj{"type": "string", "enum": []any{"0", "1", "true", "false"}}}},
			"requestBody": body(ref("Replacement")),
			"responses": func() obj {
				r := writeResponses(obj{"201": obj{"description": "Đã thay thế", "content": jsonContent(ref("ReplacementResult"))}})
				r["200"] = obj{"description": "Xem trước (dry_run)", "content": jsonContent(ref("ReplacementResult"))}
				return r
			}(),
		},
		"POST /agencies/reorganisations": {
			"operationId": "reorganiseAgencies", "tags": []any{"agencies"},
			"summary":     "Sắp xếp tổ chức: hợp nhất, chia tách, đổi tên, giải thể",
			"description": "Áp dụng một quyết định sắp xếp từ ngày có hiệu lực, trong một giao dịch: các cơ quan `from` kết thúc (`valid_to` = `effective`, `successor_id`), và phần việc còn mở của chúng chuyển sang cơ quan kế thừa (`into`, hoặc cơ quan mới `new`): nhiệm vụ chưa hoàn thành (chủ trì và phối hợp), chỉ tiêu, tài khoản, báo cáo chưa gửi của các kỳ chưa kết thúc (gộp vào báo cáo cùng kỳ của cơ quan kế thừa). Báo cáo đã gửi, đã tiếp nhận và nhiệm vụ đã hoàn thành ở lại với cơ quan cũ.\n\n`merge`: một hay nhiều cơ quan vào một (có sẵn hoặc mới); `split`: một cơ quan thành nhiều, `tasks` và `indicators` giao từng nhiệm vụ, chỉ tiêu cho cơ quan kế thừa (phần còn lại cho `into`); `rename`: bản ghi mới với tên mới (`new`), lịch sử giữ tên cũ; `dissolve`: `into` nhận phần việc, hoặc không ai (nhiệm vụ thành chưa phân công).\n\n`?dry_run=1` trả về đúng những gì sẽ chuyển (200) mà không thay đổi gì; áp dụng trả 201. Cơ quan không tồn tại hoặc không hoạt động vào ngày hiệu lực, nhiệm vụ của cơ quan bị chia tách chưa được giao → 422 với `fields`.",
			"parameters": []any{obj{"name": "dry_run", "in": "query", "required": false,
				"description": "`1`: chỉ xem trước, không áp dụng.", "schema": obj{"type": "string", "enum": []any{"0", "1", "true", "false"}}}},
			"requestBody": body(ref("Reorganisation")),
			"responses": func() obj {
				r := writeResponses(obj{"201": obj{"description": "Đã áp dụng", "content": jsonContent(ref("ReorganisationResult"))}})
				r["200"] = obj{"description": "Xem trước (dry_run), không thay đổi gì", "content": jsonContent(ref("ReorganisationResult"))}
				return r
			}(),
		},
	}
}

// someOf says that at least one of the array properties names must be
// there and not empty (the server answers 422 under the first otherwise).
func someOf(s obj, names ...string) obj {
	var branches []any
	for _, n := range names {
		branches = append(branches, obj{"required": []any{n}, "properties": obj{n: obj{"minItems": 1}}})
	}
	s["anyOf"] = branches
	return s
}

// agencySchemas are the bodies of the reorganisation route.
func agencySchemas() obj {
	idMap := func(desc string) obj {
		return obj{"type": "object", "description": desc, "additionalProperties": integer(),
			"propertyNames": obj{"pattern": "^[1-9][0-9]*$"}}
	}
	move := closed(obj{
		"id":    integer(),
		"label": obj{"type": "string", "description": "Tên nhiệm vụ, mã và tên chỉ tiêu, tên đăng nhập, hoặc kỳ báo cáo"},
		"from":  integer(),
		"to":    merge(nullable("integer"), obj{"description": "Cơ quan nhận; null khi không ai nhận (giải thể không kế thừa), hoặc, khi xem trước một việc tạo cơ quan mới, là cơ quan mới đó (chưa có mã)"}),
	})
	return obj{
		"Amendment": closed(obj{
			"id": integer(), "number": obj{"type": "string"}, "issued_on": merge(nullable("string"), obj{"format": "date"}),
			"effective": obj{"type": "string", "format": "date"}, "note": obj{"type": "string"},
			"added": obj{"type": "array", "items": integer()}, "changed": obj{"type": "array", "items": integer()},
			"removed": obj{"type": "array", "items": integer()},
		}),
		"AmendmentList": list("Amendment"),
		"AmendmentCreate": someOf(required(closedBody(obj{
			"number":    obj{"type": "string", "minLength": 1, "description": "Số, ký hiệu quyết định sửa đổi, bổ sung"},
			"issued_on": obj{"type": "string", "format": "date"},
			"effective": obj{"type": "string", "format": "date", "description": "Ngày có hiệu lực"}, "note": obj{"type": "string"},
			"add": obj{"type": "array", "items": ref("TaskCreate")}, "change": obj{"type": "array", "items": ref("TaskChange")},
			"remove": obj{"type": "array", "items": integer()},
		}), "number", "effective"), "add", "change", "remove"),
		"ReplacementSuggestions": closed(obj{
			"replaces": integer(),
			"suggestions": obj{"type": "array", "items": closed(obj{
				"old_task_id": integer(), "old_title": obj{"type": "string"},
				"new_task_id": nullable("integer"), "new_title": nullable("string"), "score": nullable("number"),
			})},
		}),
		"Replacement": required(closedBody(obj{
			"replaces": merge(integer(), obj{"minimum": 1, "description": "Mã kế hoạch được thay thế"}),
			"tasks":    idMap("Mã nhiệm vụ cũ → mã nhiệm vụ mới tiếp nối nó"),
		}), "replaces"),
		"ReplacementResult": closed(obj{
			"dry_run": obj{"type": "boolean"},
			"carried": obj{"type": "array", "items": closed(obj{
				"old_task_id": integer(), "new_task_id": integer(), "old_title": obj{"type": "string"},
				"new_title": obj{"type": "string"}, "claim": obj{"type": "string"}, "progress": obj{"type": "integer"},
			})},
			"left": obj{"type": "array", "items": integer(), "description": "Nhiệm vụ chưa hoàn thành không được chuyển tiếp: kết thúc cùng kế hoạch cũ"},
		}),
		"Reorganisation": required(closedBody(obj{
			"kind":       obj{"type": "string", "enum": []any{"merge", "split", "rename", "dissolve"}},
			"from":       obj{"type": "array", "items": integer(), "minItems": 1, "description": "Các cơ quan kết thúc"},
			"into":       integer(),
			"new":        closedBody(obj{"name": obj{"type": "string"}, "short_name": obj{"type": "string"}, "kind": obj{"type": "string"}}),
			"effective":  obj{"type": "string", "format": "date", "description": "Ngày có hiệu lực (ngày đầu của bố trí mới)"},
			"decision":   obj{"type": "string", "minLength": 1, "description": "Số, ký hiệu quyết định, ví dụ 125/QĐ-UBND"},
			"tasks":      idMap("Chia tách: mã nhiệm vụ → mã cơ quan kế thừa"),
			"indicators": idMap("Chia tách: mã chỉ tiêu → mã cơ quan kế thừa"),
		}), "kind", "from", "effective", "decision"),
		"ReorganisationMove": move,
		"ReorganisationResult": closed(obj{
			"dry_run":      obj{"type": "boolean"},
			"id":           merge(nullable("integer"), obj{"description": "Mã việc sắp xếp (lịch sử, hoàn tác); null khi xem trước"}),
			"undo_until":   merge(nullable("string"), obj{"format": "date", "description": "Từ ngày này (kỳ báo cáo tiếp theo) không hoàn tác được nữa; null khi xem trước"}),
			"successor_id": merge(nullable("integer"), obj{"description": "Cơ quan kế thừa; null khi xem trước việc tạo cơ quan mới, hoặc giải thể không kế thừa"}),
			"ended":        arrayOf("ReorganisationMove"),
			"tasks":        arrayOf("ReorganisationMove"),
			"cooperations": arrayOf("ReorganisationMove"),
			"indicators":   arrayOf("ReorganisationMove"),
			"users":        arrayOf("ReorganisationMove"),
			"reports":      arrayOf("ReorganisationMove"),
		}),
	}
}
