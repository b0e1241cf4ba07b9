package api

// The history and undo of reorganisations in the OpenAPI document.
// Schemas mirror agency_reorganisations.go; TestOpenAPISchemasMatchJSON
// checks the property names.

func reorganisationOperations() map[string]obj {
	return map[string]obj{
		"GET /agencies/reorganisations": {
			"operationId": "listReorganisations", "tags": []any{"agencies"},
			"summary":     "Lịch sử sắp xếp tổ chức",
			"description": "Mọi việc sắp xếp đã áp dụng, mới nhất trước, với số đã chuyển (`moved`) và trạng thái hoàn tác (`undoable`, `undo_until`: ngày bắt đầu kỳ báo cáo tiếp theo, từ ngày đó không hoàn tác được; `undone_at`).",
			"responses":   readResponses(ok("Danh sách", ref("ReorganisationRecordList")), false),
		},
		"GET /agencies/reorganisations/{id}": {
			"operationId": "getReorganisation", "tags": []any{"agencies"},
			"summary":     "Một việc sắp xếp đã áp dụng",
			"description": "Như một mục của lịch sử sắp xếp.",
			"parameters":  []any{param("ReorganisationID")},
			"responses":   readResponses(ok("Việc sắp xếp", ref("ReorganisationRecord")), true),
		},
		"POST /agencies/reorganisations/{id}/undo": {
			"operationId": "undoReorganisation", "tags": []any{"agencies"},
			"summary":     "Hoàn tác một việc sắp xếp",
			"description": "Trong một giao dịch, ghi lại như trước khi sắp xếp mọi bản ghi việc sắp xếp đã thay đổi (cơ quan, nhiệm vụ, phối hợp, chỉ tiêu, tài khoản, báo cáo chưa gửi) và bỏ những gì nó tạo ra (cơ quan mới, báo cáo gộp). Các việc sắp xếp áp dụng cùng một bảng được hoàn tác cùng nhau (`undone`). Bị từ chối (409, `fields.undo` nói lý do) khi kỳ báo cáo tiếp theo đã bắt đầu, khi đã hoàn tác, hoặc khi những gì nó ghi đã bị thay đổi sau đó (báo cáo đã nhập, nhiệm vụ đã sửa, việc sắp xếp khác) — hoàn tác khi ấy sẽ làm mất các thay đổi đó. `?dry_run=1`: chỉ xem trước.",
			"parameters": []any{param("ReorganisationID"), obj{"name": "dry_run", "in": "query", "required": false,
				"description": "`1`: chỉ xem trước.", "schema": obj{"type": "string", "enum": []any{"0", "1", "true", "false"}}}},
			"responses": writeResponses(obj{"200": obj{"description": "Đã hoàn tác, hoặc xem trước (dry_run)", "content": jsonContent(ref("UndoResult"))}}),
		},
	}
}

func reorganisationSchemas() obj {
	record := closed(obj{
		"id": integer(), "batch": merge(integer(), obj{"description": "Việc đầu tiên của những việc áp dụng cùng nhau (một bảng sắp xếp)"}),
		"kind": obj{"type": "string", "enum": []any{"merge", "split", "rename", "dissolve"}}, "decision": obj{"type": "string"},
		"effective": obj{"type": "string", "format": "date"}, "from": obj{"type": "array", "items": integer()},
		"successor_id": nullable("integer"), "label": obj{"type": "string", "description": "Cơ quan cũ → cơ quan kế thừa, theo tên lúc áp dụng"},
		"moved": obj{"type": "object", "additionalProperties": obj{"type": "integer"},
			"description": "Số nhiệm vụ (`tasks`), phối hợp (`cooperations`), chỉ tiêu, tài khoản, báo cáo đã chuyển"},
		"applied_at": obj{"type": "string", "format": "date-time"}, "applied_by": nullable("integer"),
		"undo_until": obj{"type": "string", "format": "date"}, "undoable": obj{"type": "boolean"},
		"undone_at": merge(nullable("string"), obj{"format": "date-time"}),
	})
	return obj{
		"ReorganisationRecord":     record,
		"ReorganisationRecordList": closed(obj{"reorganisations": arrayOf("ReorganisationRecord")}),
		"UndoResult": closed(obj{
			"dry_run": obj{"type": "boolean"}, "undone": obj{"type": "array", "items": integer()},
			"restored": obj{"type": "integer"}, "removed": obj{"type": "integer"},
		}),
	}
}
