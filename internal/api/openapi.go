package api

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"

	"tiendo/internal/auth"
)

// The OpenAPI 3.1 document is built as a Go value, so its schemas sit next
// to the code and the compiler catches typos in helper names; it is encoded
// once in New. openapi_schemas.go holds the schemas and shared parts.

// obj is a JSON object in the document.
type obj = map[string]any

// openapiGet answers GET /openapi.json, which needs no sign-in so that
// integrators and code generators can read it first. It is JSON only: a
// client that accepts no JSON (a tool asking for YAML) is told so (406)
// rather than given a body it cannot read.
func (a *api) openapiGet(w http.ResponseWriter, r *http.Request, _ *auth.User) error {
	if !acceptsJSON(r.Header.Values("Accept")) {
		return &apiError{Status: http.StatusNotAcceptable, Code: codeNotAcceptable,
			Message: "Tài liệu OpenAPI chỉ có dạng JSON (application/json); hãy gửi Accept: application/json hoặc bỏ tiêu đề Accept."}
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(a.openapi)
	return nil
}

// acceptsJSON reports whether Accept values admit a JSON body: none sent,
// */*, application/*, application/json or any +json type, at a q above 0.
func acceptsJSON(values []string) bool {
	if len(values) == 0 {
		return true
	}
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil || params["q"] == "0" || strings.HasPrefix(params["q"], "0.0") && strings.Trim(params["q"], "0.") == "" {
				continue
			}
			if mt == "*/*" || mt == "application/*" || mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json") {
				return true
			}
		}
	}
	return false
}

// openapiJSON encodes the document; routes supply each operation's permission.
func openapiJSON(routes []route) []byte {
	b, err := json.MarshalIndent(openapiDoc(routes), "", "  ")
	if err != nil {
		panic("api: encoding the OpenAPI document: " + err.Error()) // a programming error, caught by tests
	}
	return b
}

// openapiDoc assembles the document from operations(). Every operation is
// included whether or not a route serves it, so that the test comparing
// the two catches drift in both directions.
func openapiDoc(routes []route) obj {
	perms := map[string]auth.Permission{}
	for _, rt := range routes {
		perms[rt.Method+" "+rt.Path] = rt.Perm
	}
	paths := obj{}
	ops := operations()
	for _, more := range []map[string]obj{agencyOperations(), reportOperations(), evidenceOperations(), extensionOperations(), dashboardOperations(),
		officialReportOperations(), rankingOperations(), reorganisationOperations(), versionOperations(), planImportOperations(), userOperations(), rollupOperations()} {
		for key, op := range more {
			ops[key] = op
		}
	}
	for key, op := range ops {
		method, path, _ := strings.Cut(key, " ")
		if perm, ok := perms[key]; ok {
			op["x-permission"] = string(perm)
			if perm == auth.Public {
				op["security"] = []any{}
			} else {
				op["description"] = op["description"].(string) + permissionNote(perm)
			}
		}
		item, _ := paths[path].(obj)
		if item == nil {
			item = obj{}
			paths[path] = item
		}
		item[strings.ToLower(method)] = op
	}
	return obj{
		"openapi": "3.1.0",
		"info": obj{
			"title":   "tiendo API",
			"version": "1",
			// Who answers for this API is the province running it: its
			// administrators issue the accounts and tokens it needs.
			"contact": obj{"name": "Quản trị viên hệ thống tiendo của đơn vị vận hành (cấp tài khoản và mã truy cập API)"},
			// No licence is granted over the API's data beyond the account's
			// rights; what is public is published at /open under CC BY 4.0.
			"license": obj{"name": "Dữ liệu nội bộ: chỉ dùng trong quyền của tài khoản. Dữ liệu mở tại /open: CC BY 4.0",
				"identifier": "LicenseRef-tiendo-internal"},
			"description": "API JSON của tiendo: kế hoạch, mục, nhiệm vụ, cơ quan, kỳ báo cáo, báo cáo định kỳ (giá trị chỉ tiêu, tệp minh chứng) và luồng gửi – tiếp nhận – trả lại, đề nghị gia hạn, điều chỉnh, \"Việc của tôi\". " +
				"Xác thực bằng tiêu đề `Authorization: Bearer <mã truy cập>` (tạo bằng `tiendo token create`) " +
				"hoặc cookie phiên đăng nhập web. Lỗi luôn có dạng `{\"error\":{\"code\",\"message\",\"fields\"}}`: " +
				"`code` bằng tiếng Anh để chương trình xử lý, `message` bằng tiếng Việt cho người đọc.",
		},
		"servers":  []any{obj{"url": Prefix}},
		"security": []any{obj{"bearerAuth": []any{}}, obj{"cookieAuth": []any{}}},
		"tags": []any{
			obj{"name": "plans", "description": "Kế hoạch và cây mục"},
			obj{"name": "tasks", "description": "Nhiệm vụ, giải pháp"},
			obj{"name": "agencies", "description": "Cơ quan, đơn vị"},
			obj{"name": "reports", "description": "Kỳ báo cáo, báo cáo định kỳ của cơ quan và luồng xử lý"},
			obj{"name": "extensions", "description": "Đề nghị gia hạn, điều chỉnh nội dung nhiệm vụ"},
			obj{"name": "me", "description": "Việc của tôi, thông báo của tôi"},
			obj{"name": "users", "description": "Tài khoản người dùng (quản trị)"},
			obj{"name": "dashboard", "description": "Số liệu tổng hợp: tình trạng, báo cáo, chỉ tiêu, cảnh báo"},
			obj{"name": "rollup", "description": "Liên kết nhiệm vụ với kế hoạch cấp trên, tổng hợp theo nhiệm vụ cấp trên, gói số liệu giữa các hệ thống"},
			obj{"name": "meta", "description": "Tài liệu API"},
		},
		"paths":      paths,
		"components": components(),
	}
}

// permissionNote says in the description who may call an operation.
func permissionNote(p auth.Permission) string {
	switch p {
	case auth.EditPlan:
		return "\n\nQuyền: `plan.edit` — vai trò `admin`, `coordinator`."
	case auth.ReadPlan:
		return "\n\nQuyền: `plan.read` — mọi tài khoản đang hoạt động."
	case auth.WriteReport:
		return "\n\nQuyền: `report.write` — vai trò `head`, `officer`, chỉ với báo cáo của cơ quan mình."
	case auth.SubmitReport:
		return "\n\nQuyền: `report.submit` — vai trò `head` (lãnh đạo cơ quan), chỉ với báo cáo của cơ quan mình."
	case auth.ReviewReport:
		return "\n\nQuyền: `report.review` — vai trò `coordinator`, `admin`."
	case auth.RequestExtension:
		return "\n\nQuyền: `extension.request` — vai trò `head`, `officer`, chỉ với nhiệm vụ cơ quan mình chủ trì."
	case auth.DecideExtension:
		return "\n\nQuyền: `extension.decide` — vai trò `coordinator`, `admin`."
	case auth.ManageUsers:
		return "\n\nQuyền: `user.manage` — vai trò `admin`; mã API phải có phạm vi `full`."
	}
	return "\n\nQuyền: `" + string(p) + "`."
}

// operations describes every route, keyed like routes() registers them.
func operations() map[string]obj {
	return map[string]obj{
		"GET /plans": {
			"operationId": "listPlans", "tags": []any{"plans"},
			"summary":     "Danh sách kế hoạch",
			"description": "Mọi kế hoạch, mới nhất trước.",
			"responses":   readResponses(ok("Danh sách kế hoạch", ref("PlanList")), false),
		},
		"GET /plans/{id}": {
			"operationId": "getPlan", "tags": []any{"plans"},
			"summary":     "Một kế hoạch",
			"description": "Thông tin của một kế hoạch.",
			"parameters":  []any{param("PlanID")},
			"responses":   readResponses(ok("Kế hoạch", ref("Plan")), true),
		},
		"GET /plans/{id}/sections": {
			"operationId": "listSections", "tags": []any{"plans"},
			"summary":     "Cây mục của kế hoạch",
			"description": "Các mục theo thứ tự trong văn bản (mục cha trước mục con), kèm số nhiệm vụ của mục và các mục con.",
			"parameters":  []any{param("PlanID")},
			"responses":   readResponses(ok("Danh sách mục", ref("SectionList")), true),
		},
		"GET /plans/{id}/tasks": {
			"operationId": "listTasks", "tags": []any{"tasks"},
			"summary":     "Nhiệm vụ của kế hoạch",
			"description": "Một trang nhiệm vụ, lọc và sắp xếp; `total` là số nhiệm vụ khớp bộ lọc. Tìm kiếm `q` không phân biệt dấu (\"dau tu\" tìm được \"đầu tư\").",
			"parameters": []any{param("PlanID"), param("Query"), param("Agency"), param("Section"),
				param("Status"), param("Sort"), param("Limit"), param("Offset")},
			"responses": readResponses(ok("Trang nhiệm vụ", ref("TaskList")), true),
		},
		"POST /plans/{id}/tasks": {
			"operationId": "createTask", "tags": []any{"tasks"},
			"summary":     "Thêm nhiệm vụ",
			"description": "Thêm nhiệm vụ vào cuối mục `section_id` (mục phải thuộc kế hoạch). `section_id` và `text` là bắt buộc. Không lưu gì nếu có lỗi.",
			"parameters":  []any{param("PlanID")},
			"requestBody": body(ref("TaskCreate")),
			"responses": writeResponses(obj{
				"201": obj{
					"description": "Đã thêm",
					"headers": obj{
						"Location": obj{"description": "Đường dẫn của nhiệm vụ mới", "schema": obj{"type": "string"}},
						"ETag":     ref2("headers", "ETag"),
					},
					"content": jsonContent(ref("TaskDetail")),
				},
			}),
		},
		"GET /tasks/{id}": {
			"operationId": "getTask", "tags": []any{"tasks"},
			"summary":     "Một nhiệm vụ",
			"description": "Nhiệm vụ kèm văn bản được trích dẫn, tình trạng tính theo ngày hôm nay (`status`, `overdue_days`), thời hạn gốc và tình trạng theo từng kỳ báo cáo (`periods`); ETag là phiên bản, gửi lại trong If-Match khi sửa.",
			"parameters":  []any{param("TaskID")},
			"responses": readResponses(obj{"200": obj{
				"description": "Nhiệm vụ",
				"headers":     obj{"ETag": ref2("headers", "ETag")},
				"content":     jsonContent(ref("TaskDetail")),
			}}, true),
		},
		"PATCH /tasks/{id}": {
			"operationId": "updateTask", "tags": []any{"tasks"},
			"summary":     "Sửa nhiệm vụ (một phần)",
			"description": "JSON Merge Patch: trường không gửi giữ nguyên, `null` xóa giá trị. Gửi phiên bản đã đọc qua If-Match (`\"3\"`) hoặc trường `version`; nếu nhiệm vụ đã bị sửa sau đó, trả 409 và không lưu gì.",
			"parameters":  []any{param("TaskID"), param("IfMatch")},
			"requestBody": obj{"required": true, "content": obj{
				"application/json":             obj{"schema": ref("TaskPatch")},
				"application/merge-patch+json": obj{"schema": ref("TaskPatch")},
			}},
			"responses": writeResponses(obj{"200": obj{
				"description": "Đã sửa",
				"headers":     obj{"ETag": ref2("headers", "ETag")},
				"content":     jsonContent(ref("TaskDetail")),
			}}),
		},
		"GET /agencies": {
			"operationId": "listAgencies", "tags": []any{"agencies"},
			"summary":     "Danh sách cơ quan",
			"description": "Mọi cơ quan, kể cả cơ quan đã giải thể hoặc sáp nhập (`active` = false), xếp theo tên tiếng Việt.",
			"responses":   readResponses(ok("Danh sách cơ quan", ref("AgencyList")), false),
		},
		"GET /openapi.json": {
			"operationId": "getOpenAPI", "tags": []any{"meta"},
			"summary":     "Tài liệu OpenAPI này",
			"description": "Không cần xác thực. Chỉ có dạng JSON: yêu cầu có `Accept` không nhận JSON (chẳng hạn chỉ `application/yaml`) được trả 406.",
			"responses": obj{
				"200": obj{"description": "Tài liệu OpenAPI 3.1", "content": obj{
					"application/json":                 obj{"schema": obj{"type": "object"}},
					"application/vnd.oai.openapi+json": obj{"schema": obj{"type": "object"}},
				}},
				"406": errRef("NotAcceptable"),
			},
		},
	}
}

// readResponses adds the errors every authenticated GET can answer.
func readResponses(success obj, hasID bool) obj {
	r := obj{"400": errRef("BadRequest"), "401": errRef("Unauthorized"), "403": errRef("Forbidden"), "500": errRef("Internal")}
	if hasID {
		r["404"] = errRef("NotFound")
	}
	for k, v := range success {
		r[k] = v
	}
	return r
}

// writeResponses adds the errors every write can answer.
func writeResponses(success obj) obj {
	r := readResponses(success, true)
	r["409"] = errRef("Conflict")
	r["413"] = errRef("TooLarge")
	r["415"] = errRef("UnsupportedMediaType")
	r["422"] = errRef("Invalid")
	r["429"] = errRef("RateLimited")
	return r
}

// Small builders for the recurring shapes of the document: a 200 with a
// JSON body, a required JSON request body, and $refs into components.

func ok(desc string, schema obj) obj {
	return obj{"200": obj{"description": desc, "content": jsonContent(schema)}}
}

func body(schema obj) obj {
	return obj{"required": true, "content": jsonContent(schema)}
}

func jsonContent(schema obj) obj { return obj{"application/json": obj{"schema": schema}} }

func ref(schema string) obj { return ref2("schemas", schema) }

func ref2(kind, name string) obj { return obj{"$ref": "#/components/" + kind + "/" + name} }

func param(name string) obj { return ref2("parameters", name) }

func errRef(name string) obj { return ref2("responses", name) }
