package api

import "tiendo/internal/reporting"

// The evidence part of the OpenAPI document: indicator values and files
// of a report. Schemas mirror valueBody and fileJSON (report_view.go);
// TestOpenAPISchemasMatchJSON checks the property names.

// evidenceOperations describes the routes of indicator values and files.
func evidenceOperations() map[string]obj {
	return map[string]obj{
		"PUT /reports/{id}/values/{indicator}": {
			"operationId": "saveIndicatorValue", "tags": []any{"reports"},
			"summary":     "Lưu giá trị chỉ tiêu trong kỳ",
			"description": "Lưu (thay cả giá trị và ghi chú) giá trị trong kỳ của chỉ tiêu `indicator` mà cơ quan của báo cáo phụ trách; `value` null = chưa có số liệu. Báo cáo chưa lập chuyển sang `draft`.\n\nPhiên bản như với dòng báo cáo: `version` (hoặc If-Match) là phiên bản **của giá trị** đã đọc (`values[].version` trong GET /reports/{id}; 0 khi chưa lưu). Người khác đã lưu trước → 409, không lưu gì. Không gửi phiên bản → người lưu sau cùng thắng.\n\nChỉ tiêu cơ quan không phụ trách (hoặc không có) → 422 (`rule` `not_assigned`, `fields.indicator`); ghi chú quá dài → 422 (`fields.note`); `value` không phải số → 400. Báo cáo đã gửi, đã khóa, kỳ chưa bắt đầu → 409; báo cáo của cơ quan khác → 403.",
			"parameters":  []any{param("ReportID"), param("IndicatorPath"), param("IfMatch")},
			"requestBody": body(ref("IndicatorValuePut")),
			"responses": writeResponses(obj{"200": obj{
				"description": "Giá trị đã lưu",
				"headers":     obj{"ETag": obj{"description": "Phiên bản của giá trị, dạng `\"2\"`.", "schema": obj{"type": "string"}}},
				"content":     jsonContent(ref("IndicatorValue")),
			}}),
		},
		"POST /reports/{id}/files": {
			"operationId": "uploadReportFile", "tags": []any{"reports"},
			"summary":     "Đính kèm tệp minh chứng",
			"description": "Gửi một tệp (PDF, DOCX, XLSX, JPG, PNG; tối đa 20 MB) dạng `multipart/form-data`: tệp trong trường `file` (tên tệp phải có phần mở rộng đúng loại), mã nhiệm vụ trong trường `task` (không bắt buộc; không có = tệp của cả báo cáo). Loại tệp được xác định theo **nội dung**, không theo tên hay Content-Type của phần gửi lên: tệp rỗng, không thuộc các loại trên, hoặc nội dung không khớp phần mở rộng → 422 (`fields.file`, `rule` `file_empty`, `file_type`, `file_mismatch`); lớn hơn 20 MB → 413 (`rule` `file_too_large`). Tệp bị từ chối không được lưu. Nhiệm vụ không thuộc cơ quan → 422 (`fields.task`). Quy tắc sửa báo cáo như PUT …/entries (403, 409).",
			"parameters":  []any{param("ReportID")},
			"requestBody": obj{"required": true, "content": obj{"multipart/form-data": obj{
				"schema":   ref("FileUpload"),
				"encoding": obj{"file": obj{"contentType": "application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, image/jpeg, image/png, application/octet-stream"}},
			}}},
			"responses": uploadResponses(obj{"201": obj{
				"description": "Đã đính kèm",
				"headers":     obj{"Location": obj{"description": "Đường dẫn tải tệp: /api/v1/files/{id}", "schema": obj{"type": "string"}}},
				"content":     jsonContent(ref("File")),
			}}),
		},
		"GET /files/{id}": {
			"operationId": "downloadFile", "tags": []any{"reports"},
			"summary":     "Tải tệp minh chứng",
			"description": "Nội dung tệp, luôn là tệp đính kèm (`Content-Disposition: attachment`, tên tệp tiếng Việt mã hóa theo RFC 5987 trong `filename*`, kèm `filename` không dấu cho ứng dụng cũ), với loại tệp xác định khi tải lên và `X-Content-Type-Options: nosniff`. Chỉ người xem được báo cáo chứa tệp (như GET /reports/{id}) mới tải được: báo cáo của cơ quan khác, hoặc (với lãnh đạo tỉnh) báo cáo chưa tiếp nhận → 403.",
			"parameters":  []any{param("FileID")},
			"responses": readResponses(obj{"200": obj{
				"description": "Nội dung tệp",
				"headers": obj{
					"Content-Disposition":    obj{"description": "`attachment; filename=\"Bao cao.pdf\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.pdf`", "schema": obj{"type": "string"}},
					"X-Content-Type-Options": obj{"description": "Luôn là `nosniff`", "schema": obj{"type": "string"}},
					"ETag":                   obj{"description": "SHA-256 của nội dung (hex), trong dấu ngoặc kép", "schema": obj{"type": "string"}},
				},
				"content": fileContent(),
			}}, true),
		},
		"DELETE /files/{id}": {
			"operationId": "deleteFile", "tags": []any{"reports"},
			"summary":     "Gỡ tệp minh chứng",
			"description": "Gỡ tệp khỏi báo cáo, theo quy tắc sửa báo cáo: báo cáo của cơ quan mình, chưa gửi hoặc bị trả lại (báo cáo của cơ quan khác → 403; đã gửi, đã tiếp nhận → 409).",
			"parameters":  []any{param("FileID")},
			"responses": func() obj {
				r := readResponses(obj{"204": obj{"description": "Đã gỡ"}}, true)
				r["409"] = errRef("Conflict")
				r["429"] = errRef("RateLimited")
				return r
			}(),
		},
	}
}

// uploadResponses are the answers of an upload: those of every write, with
// the upload's own 413 and 415.
func uploadResponses(success obj) obj {
	r := writeResponses(success)
	r["413"] = errRef("UploadTooLarge")
	r["415"] = errRef("UploadMediaType")
	return r
}

// fileContent lists the content types a downloaded file may have.
func fileContent() obj {
	c := obj{}
	for _, t := range []string{reporting.TypePDF, reporting.TypeDOCX, reporting.TypeXLSX, reporting.TypeJPEG, reporting.TypePNG} {
		c[t] = obj{"schema": obj{"type": "string", "contentMediaType": t}}
	}
	return c
}

// evidenceParameters are the parameters of the value and file routes.
func evidenceParameters() obj {
	return obj{
		"IndicatorPath": obj{"name": "indicator", "in": "path", "required": true, "description": "Mã chỉ tiêu (`values[].indicator_id` trong GET /reports/{id})",
			"schema": obj{"type": "integer", "format": "int64", "minimum": 1}},
		"FileID": obj{"name": "id", "in": "path", "required": true, "description": "Mã tệp (`files[].id` trong GET /reports/{id})",
			"schema": obj{"type": "integer", "format": "int64", "minimum": 1}},
	}
}

// evidenceSchemas are the bodies of the value and file routes.
func evidenceSchemas() obj {
	return obj{
		"IndicatorValuePut": closedBody(obj{
			"value":   merge(nullable("number"), obj{"description": "Giá trị trong kỳ; null = chưa có số liệu"}),
			"note":    obj{"type": "string", "maxLength": 20000, "description": "Ghi chú (nguồn số liệu, cách tính…)"},
			"version": merge(nullable("integer"), obj{"description": "Phiên bản của giá trị đã đọc (0 khi chưa lưu); thay cho If-Match"}),
		}),
		"FileUpload": obj{"type": "object", "required": []any{"file"}, "additionalProperties": false, "properties": obj{
			"file": obj{"type": "string", "contentMediaType": "application/octet-stream",
				"description": "Tệp PDF, DOCX, XLSX, JPG hoặc PNG, tối đa 20 MB; tên tệp (filename) phải có phần mở rộng đúng loại"},
			"task": obj{"type": "integer", "format": "int64", "minimum": 1,
				"description": "Nhiệm vụ (của cơ quan, chủ trì hoặc phối hợp) mà tệp làm minh chứng; bỏ trống = tệp của cả báo cáo"},
		}},
	}
}
