package api

// The versions of a changed task in the OpenAPI document: the change an
// amendment makes to a task, and a task's history. Schemas mirror
// plan_amendments.go and task_history.go; TestOpenAPISchemasMatchJSON
// checks the property names.

// versionOperations describes the task history route, keyed like routes().
func versionOperations() map[string]obj {
	return map[string]obj{
		"GET /tasks/{id}/history": {
			"operationId": "getTaskHistory", "tags": []any{"tasks"},
			"summary":     "Lịch sử thay đổi của nhiệm vụ theo các quyết định",
			"description": "Cũ trước: các quyết định sửa đổi, bổ sung kế hoạch đã thêm (`added`), sửa đổi (`changed`) hoặc bãi bỏ (`removed`) nhiệm vụ, và các quyết định sắp xếp tổ chức đã chuyển nhiệm vụ sang cơ quan khác (`reorganise`). Với `changed`: các trường đã đổi (`fields`: giá trị trước → giá trị áp dụng sau đó) và cơ quan chủ trì, phối hợp (`lead`, `cooperating`). Số liệu của một kỳ kết thúc trước ngày hiệu lực dùng nhiệm vụ như trước khi đổi.",
			"parameters":  []any{param("TaskID")},
			"responses":   readResponses(ok("Lịch sử", ref("TaskHistoryList")), true),
		},
	}
}

// versionSchemas are the bodies of task changes and history.
func versionSchemas() obj {
	p := taskWriteProps()
	delete(p, "section_id")
	p["task_id"] = merge(integer(), obj{"description": "Nhiệm vụ được sửa đổi; phải thuộc kế hoạch và chưa bị bãi bỏ"})
	change := object([]string{"task_id"}, p)
	change["additionalProperties"] = false
	ids := obj{"type": "array", "items": integer()}
	return obj{
		"TaskChange": change,
		"TaskHistoryEvent": closed(obj{
			"action":       obj{"type": "string", "enum": []any{"added", "changed", "removed", "reorganise"}},
			"amendment_id": merge(nullable("integer"), obj{"description": "Quyết định sửa đổi, bổ sung; null với sắp xếp tổ chức"}),
			"decision":     str("Số, ký hiệu quyết định"),
			"issued_on":    date("Ngày ban hành, nếu có"),
			"effective":    obj{"type": "string", "format": "date", "description": "Ngày có hiệu lực"},
			"fields": obj{"type": "array", "items": closed(obj{
				"field": obj{"type": "string", "enum": []any{"title", "text", "deadline_text", "product"}},
				"old":   obj{"type": "string"}, "new": obj{"type": "string"},
			})},
			"lead":        merge(closed(obj{"old": nullable("integer"), "new": nullable("integer")}), obj{"type": []any{"object", "null"}}),
			"cooperating": merge(closed(obj{"old": ids, "new": ids}), obj{"type": []any{"object", "null"}}),
		}),
		"TaskHistoryList": list("TaskHistoryEvent"),
	}
}
