package api

import (
	"fmt"

	"tiendo/internal/planimport"
)

// The import part of the OpenAPI document. The answer's schemas mirror
// app.ImportSummary, the object `tiendo plan import --json` prints;
// TestOpenAPISchemasMatchJSON checks the property names.

// planImportOperations describes POST /plans/import.
func planImportOperations() map[string]obj {
	return map[string]obj{
		"POST /plans/import": {
			"operationId": "importPlan", "tags": []any{"plans"},
			"summary": "Nhập kế hoạch từ các tệp văn bản",
			"description": "Đọc các tệp của **một** kế hoạch — văn bản kế hoạch (.docx, .txt; có thể kèm quyết định ban hành) và các phụ lục (.docx, .xlsx, .txt), thứ tự tùy ý — bằng cùng bộ đọc với trang web và lệnh `tiendo plan import`, rồi lưu kế hoạch, cây mục và nhiệm vụ trong một giao dịch. Gửi `multipart/form-data`: mỗi tệp trong một trường `file` (lặp lại); tối đa 10 tệp, " +
				fmt.Sprintf("%d MB cộng lại.", maxImportFiles>>20) +
				"\n\nTên cơ quan chưa có trong danh sách **không bao giờ chặn** việc nhập. Với mỗi tên, trường `map` (lặp lại) cho biết tên đó là gì: `Tên=ID` (cơ quan có sẵn, đang hoạt động), `Tên=new` (thêm cơ quan mới cùng kế hoạch, loại đoán từ tên), `Tên=none` (không phải cơ quan). `create_agencies=true` thêm mới mọi tên không có `map`. Tên không được trả lời để lại nhiệm vụ chưa giao (tên vẫn trong nội dung) và được liệt kê trong `unmatched_agencies`. Tên so khớp không phân biệt hoa thường và dấu." +
				"\n\nCác trường `title`, `code`, `issued_on` (YYYY-MM-DD), `issuer`, `status` thay cho những gì văn bản ghi; bỏ trống = theo văn bản (trạng thái mặc định `active`). Kế hoạch cùng số, ký hiệu đã có → 422 (`fields.code`); cùng tên → chỉ là cảnh báo đầu danh sách `warnings`." +
				"\n\n`?dry_run=1`: đọc và kiểm tra như khi lưu nhưng không lưu gì; trả 200 với `plan_id` null — dùng để xem trước danh sách `unmatched_agencies` và `warnings`. Lưu thành công: 201 với `Location`." +
				"\n\nTệp bị từ chối (rỗng, hỏng, không phải văn bản, không có nhiệm vụ nào, quyết định không kèm kế hoạch, hai kế hoạch…) → 422 với thông báo của bộ đọc trong `message` và `fields.file`, mã lý do trong `rule`; tệp quá lớn hoặc bom nén → 413. Trường lạ, `map` sai dạng, ngày sai dạng → 400; `map` tới cơ quan không có hoặc đã ngừng hoạt động → 422 (`fields.map`). Không lưu gì khi có lỗi.",
			"parameters": []any{obj{"name": "dry_run", "in": "query", "required": false,
				"description": "`1`: chỉ xem trước, không lưu.", "schema": obj{"type": "string", "enum": []any{"0", "1", "true", "false"}}}},
			"requestBody": obj{"required": true, "content": obj{"multipart/form-data": obj{
				"schema":   ref("PlanImportUpload"),
				"encoding": obj{"file": obj{"contentType": "text/plain, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/octet-stream"}},
			}}},
			"responses": func() obj {
				r := writeResponses(obj{"201": obj{
					"description": "Đã lưu kế hoạch",
					"headers":     obj{"Location": obj{"description": "Đường dẫn của kế hoạch mới: /api/v1/plans/{id}", "schema": obj{"type": "string"}}},
					"content":     jsonContent(ref("PlanImportResult")),
				}})
				r["200"] = obj{"description": "Xem trước (dry_run): không lưu gì, `plan_id` null", "content": jsonContent(ref("PlanImportResult"))}
				for k, v := range planImportErrors() {
					r[k] = v
				}
				return r
			}(),
		},
	}
}

// planImportErrors are the import's own answers of 413, 415 and 422.
func planImportErrors() obj {
	return obj{
		"413": errorResponse(fmt.Sprintf("Các tệp lớn hơn %d MB cộng lại, một tệp giải nén quá lớn (bom nén) (code `too_large`, `rule` `%s` hoặc `%s`, `fields.file`). Không lưu gì.",
			maxImportFiles>>20, planimport.CodeTooLarge, planimport.CodeZipBomb)),
		"415": errRef("UploadMediaType"),
		"422": errorResponse("Bộ đọc từ chối tệp (code `invalid`, `fields.file` và `message` là thông báo của bộ đọc, `rule` = " + importCodes() +
			"), hoặc thông tin chưa hợp lệ (code `invalid`, `fields.title`, `fields.code` — số, ký hiệu đã có —, `fields.map`). Không lưu gì."),
	}
}

// importCodes lists the importer's refusal codes for the document.
func importCodes() string {
	s := ""
	for i, c := range []string{planimport.CodeEmpty, planimport.CodeNotText, planimport.CodeCorrupt, planimport.CodeUnsupported,
		planimport.CodeNoTasks, planimport.CodeMissingColumns, planimport.CodeCoverOnly, planimport.CodeManyPlans} {
		if i > 0 {
			s += ", "
		}
		s += "`" + c + "`"
	}
	return s
}

// planImportSchemas are the import's form and answer.
func planImportSchemas() obj {
	return obj{
		"PlanImportUpload": obj{"type": "object", "required": []any{"file"}, "additionalProperties": false, "properties": obj{
			"file": obj{"type": "array", "minItems": 1, "maxItems": 10, "items": obj{"type": "string", "contentMediaType": "application/octet-stream"},
				"description": "Các tệp của kế hoạch (.docx, .txt, .xlsx), mỗi tệp một trường `file`"},
			"map": obj{"type": "array", "items": obj{"type": "string", "pattern": "^[^=]+=([0-9]+|new|none)$"},
				"description": "Mỗi tên cơ quan chưa có trong danh sách: `Tên=ID`, `Tên=new` hoặc `Tên=none`"},
			"create_agencies": obj{"type": "boolean", "description": "Thêm mới mọi tên không có `map`"},
			"title":           str("Tên kế hoạch; bỏ trống = theo văn bản"),
			"code":            str("Số, ký hiệu; bỏ trống = theo văn bản"),
			"issued_on":       obj{"type": "string", "format": "date", "description": "Ngày ban hành; bỏ trống = theo văn bản"},
			"issuer":          str("Cơ quan ban hành; bỏ trống = theo văn bản"),
			"status":          obj{"type": "string", "enum": []any{"draft", "active", "replaced", "closed"}, "default": "active"},
		}},
		"PlanImportResult": object([]string{"plan_id", "title", "sections", "tasks", "references", "warnings", "unmatched_agencies"}, obj{
			"plan_id":    merge(nullable("integer"), obj{"description": "Mã kế hoạch đã lưu; null khi dry_run"}),
			"title":      str("Tên kế hoạch (đã lưu, hoặc sẽ lưu)"),
			"sections":   obj{"type": "integer", "description": "Số mục, nhóm"},
			"tasks":      obj{"type": "integer", "description": "Số nhiệm vụ"},
			"references": obj{"type": "array", "items": ref("PlanImportReference"), "description": "Văn bản được dẫn chiếu, mỗi văn bản một lần"},
			"warnings": obj{"type": "array", "items": ref("PlanImportWarning"),
				"description": "Những điều cần kiểm tra: kế hoạch cùng số hoặc cùng tên đã có (trước tiên), số thứ tự nhảy hoặc lặp, thời hạn không đọc được, thiếu số hoặc ngày…"},
			"unmatched_agencies": obj{"type": "array", "items": obj{"type": "string"},
				"description": "Tên cơ quan không có trong danh sách và không được trả lời bằng `map` hay `create_agencies`: nhiệm vụ của các tên này chưa giao"},
		}),
		"PlanImportReference": object([]string{"kind", "number", "text"}, obj{
			"kind":        str("Loại văn bản: Nghị quyết, Quyết định, Kế hoạch…"),
			"number":      str("Số, ký hiệu: 71/NQ-CP"),
			"issuer_code": str("Cơ quan ban hành theo ký hiệu: CP, TTg…"),
			"issued_on":   obj{"type": "string", "format": "date", "description": "Ngày ban hành, khi văn bản ghi"},
			"text":        str("Trích dẫn như trong văn bản"),
		}),
		"PlanImportWarning": object([]string{"message"}, obj{
			"file":    str("Tên tệp, khi nhập nhiều tệp"),
			"line":    obj{"type": "integer", "description": "Dòng (đoạn, hàng Excel) trong tệp; không có khi cảnh báo về cả kế hoạch"},
			"message": str("Cảnh báo bằng tiếng Việt"),
		}),
	}
}
