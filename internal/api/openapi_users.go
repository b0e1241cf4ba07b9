package api

import "tiendo/internal/notify"

// The accounts and notices part of the OpenAPI document: administrators'
// accounts (/users) and each caller's own in-app notices (/me/notices).
// Schemas mirror userJSON, userCreatedJSON, userCreateBody,
// userPatchBody, passwordResetJSON and noticeJSON;
// TestOpenAPISchemasMatchJSON checks the property names.

// userOperations describes the account and notice routes.
func userOperations() map[string]obj {
	return map[string]obj{
		"GET /users": {
			"operationId": "listUsers", "tags": []any{"users"},
			"summary":     "Danh sách tài khoản",
			"description": "Mọi tài khoản, xếp theo tên đăng nhập: vai trò, cơ quan, trạng thái, lần đăng nhập gần nhất, xác thực hai lớp, số mã API còn hiệu lực, hạn của đường dẫn đặt mật khẩu chưa dùng. Không bao giờ có mật khẩu hay mã.",
			"responses":   readResponses(ok("Danh sách tài khoản", ref("UserList")), false),
		},
		"POST /users": {
			"operationId": "createUser", "tags": []any{"users"},
			"summary":     "Tạo tài khoản",
			"description": "Tạo tài khoản chưa có mật khẩu. Câu trả lời (201) mang `setup_url` — đường dẫn một lần, dùng được 24 giờ (`setup_expires_at`) — thay cho mật khẩu: người dùng mở nó để đặt mật khẩu và, nếu vai trò bắt buộc, bật xác thực hai lớp. Đường dẫn chỉ trả về một lần (máy chủ chỉ lưu mã băm của nó); khi máy chủ cấu hình e-mail và tài khoản có địa chỉ, đường dẫn cũng được gửi tới đó.\n\n`username` (2–64 ký tự: chữ không dấu, chữ số, `. _ - @`, chưa ai dùng, không phân biệt hoa thường) và `role` là bắt buộc; `agency_id` bắt buộc với `head`, `officer` và phải trống với vai trò khác; cơ quan phải đang hoạt động. Lỗi → 422 theo từng trường, không lưu gì.",
			"requestBody": body(ref("UserCreate")),
			"responses": writeResponses(obj{"201": obj{
				"description": "Đã tạo",
				"headers":     obj{"Location": obj{"description": "Đường dẫn của tài khoản: /api/v1/users/{id}", "schema": obj{"type": "string"}}},
				"content":     jsonContent(ref("UserCreated")),
			}}),
		},
		"PATCH /users/{id}": {
			"operationId": "updateUser", "tags": []any{"users"},
			"summary":     "Sửa, khóa, mở khóa tài khoản",
			"description": "Trường không gửi giữ nguyên; `agency_id` null = không thuộc cơ quan (đổi sang vai trò không thuộc cơ quan mà không gửi `agency_id` thì bỏ cơ quan). `disabled: true` khóa tài khoản: các phiên đăng nhập kết thúc ngay, mã API ngừng; `false` mở khóa. Đổi `role` cũng kết thúc các phiên đăng nhập của người đó. Không được tự khóa hay tự đổi vai trò của mình, không được khóa hoặc đổi vai trò quản trị viên cuối cùng đang hoạt động (422). Không đổi được `username`.",
			"parameters":  []any{param("UserID")},
			"requestBody": obj{"required": true, "content": obj{
				"application/json":             obj{"schema": ref("UserPatch")},
				"application/merge-patch+json": obj{"schema": ref("UserPatch")},
			}},
			"responses": writeResponses(ok("Tài khoản sau khi sửa", ref("User"))),
		},
		"POST /users/{id}/password-reset": {
			"operationId": "resetUserPassword", "tags": []any{"users"},
			"summary":     "Cấp đường dẫn đặt lại mật khẩu",
			"description": "Một đường dẫn một lần, dùng được 24 giờ, để người dùng đặt mật khẩu mới (tài khoản chưa từng đặt mật khẩu nhận đường dẫn thiết lập); các đường dẫn cấp trước cho tài khoản này thôi hiệu lực. Mật khẩu hiện tại vẫn dùng được cho đến khi đường dẫn được dùng. Tài khoản có xác thực hai lớp vẫn phải nhập mã sau khi đặt mật khẩu; tài khoản có vai trò bắt buộc mà chưa bật thì bật ngay trên trang của đường dẫn. Tài khoản đang khóa → 422.",
			"parameters":  []any{param("UserID")},
			"responses":   writeResponses(ok("Đường dẫn đặt lại mật khẩu", ref("PasswordReset"))),
		},
		"GET /me/notices": {
			"operationId": "listMyNotices", "tags": []any{"me"},
			"summary":     "Thông báo của tôi",
			"description": "Thông báo trong ứng dụng của người gọi, mới trước: báo cáo chờ tiếp nhận (`report_submitted`, tới điều phối), bị trả lại kèm lý do (`report_returned`) và đã tiếp nhận (`report_accepted`, tới lãnh đạo và chuyên viên cơ quan), đề nghị gia hạn đã có quyết định (`extension_decided`, tới người đề nghị), nhắc hạn (`reminder`). `link` là đường dẫn trong giao diện web. `total` đếm mọi thông báo khớp bộ lọc.",
			"parameters":  []any{param("NoticeUnread"), param("NoticeLimit")},
			"responses":   readResponses(ok("Thông báo", ref("NoticeList")), false),
		},
		"POST /me/notices/{id}/read": {
			"operationId": "readMyNotice", "tags": []any{"me"},
			"summary":     "Đánh dấu đã đọc",
			"description": "Đánh dấu một thông báo của người gọi là đã đọc (đọc lại không đổi gì). Thông báo của người khác → 404.",
			"parameters":  []any{param("NoticeID")},
			"responses":   rateLimited(readResponses(obj{"204": obj{"description": "Đã đánh dấu"}}, true)),
		},
	}
}

// rateLimited adds the 429 every write can answer to a write that takes no
// body (so none of writeResponses' body errors).
func rateLimited(r obj) obj {
	r["429"] = errRef("RateLimited")
	return r
}

// userParameters are the account and notice routes' parameters.
func userParameters() obj {
	id := func(what string) obj {
		return obj{"name": "id", "in": "path", "required": true, "description": "Mã " + what,
			"schema": obj{"type": "integer", "format": "int64", "minimum": 1}}
	}
	return obj{
		"UserID":   id("tài khoản"),
		"NoticeID": id("thông báo"),
		"NoticeUnread": obj{"name": "unread", "in": "query", "required": false, "description": "`true`: chỉ thông báo chưa đọc.",
			"schema": obj{"type": "boolean", "default": false}},
		"NoticeLimit": obj{"name": "limit", "in": "query", "required": false, "description": "Số thông báo tối đa.",
			"schema": obj{"type": "integer", "minimum": 1, "maximum": maxNoticeLimit, "default": 50}},
	}
}

// roleCodes lists the roles for enums.
func roleCodes() []any { return []any{"admin", "coordinator", "head", "officer", "leader"} }

// userSchemas are the account and notice bodies.
func userSchemas() obj {
	user := userProps()
	created := userProps()
	created["setup_url"] = obj{"type": "string", "format": "uri", "description": "Đường dẫn một lần để đặt mật khẩu (và bật xác thực hai lớp nếu vai trò bắt buộc); chỉ trả về lần này"}
	created["setup_expires_at"] = obj{"type": "string", "format": "date-time", "description": "Lúc đường dẫn hết hiệu lực (24 giờ sau khi tạo)"}
	kinds := make([]any, len(notify.Kinds))
	for i, k := range notify.Kinds {
		kinds[i] = k
	}
	return obj{
		"User":        closed(user),
		"UserCreated": closed(created),
		"UserList":    list("User"),
		"UserCreate": func() obj {
			s := object([]string{"username", "role"}, obj{
				"username":  obj{"type": "string", "minLength": 2, "maxLength": 64, "pattern": "^[A-Za-z0-9._@-]{2,64}$", "description": "Tên đăng nhập; chưa ai dùng (không phân biệt hoa thường)"},
				"full_name": obj{"type": "string", "maxLength": 200, "description": "Họ và tên"},
				"email":     obj{"type": "string", "maxLength": 254, "description": "E-mail; có thể trống"},
				"role":      obj{"type": "string", "enum": roleCodes(), "description": "Vai trò"},
				"agency_id": merge(nullable("integer"), obj{"description": "Cơ quan; bắt buộc với `head`, `officer`, trống với vai trò khác"}),
			})
			s["additionalProperties"] = false
			return s
		}(),
		"UserPatch": closedBody(obj{
			"disabled":  obj{"type": "boolean", "description": "true = khóa (kết thúc mọi phiên), false = mở khóa"},
			"role":      obj{"type": "string", "enum": roleCodes(), "description": "Vai trò mới; kết thúc các phiên đăng nhập của người đó"},
			"agency_id": merge(nullable("integer"), obj{"description": "Cơ quan mới; null = không thuộc cơ quan"}),
			"full_name": obj{"type": "string", "maxLength": 200, "description": "Họ và tên"},
			"email":     obj{"type": "string", "maxLength": 254, "description": "E-mail; chuỗi rỗng = không có"},
		}),
		"PasswordReset": closed(obj{
			"reset_url":  obj{"type": "string", "format": "uri", "description": "Đường dẫn một lần để đặt mật khẩu mới; chỉ trả về lần này"},
			"expires_at": obj{"type": "string", "format": "date-time", "description": "Lúc đường dẫn hết hiệu lực (24 giờ)"},
		}),
		"Notice": closed(obj{
			"id":         integer(),
			"kind":       obj{"type": "string", "enum": kinds, "description": "Loại thông báo"},
			"created_at": obj{"type": "string", "format": "date-time", "description": "Lúc tạo"},
			"read":       obj{"type": "boolean", "description": "Đã đọc"},
			"text":       str("Nội dung, một dòng tiếng Việt"),
			"link":       str("Đường dẫn trong giao diện web (như /reports/12); có thể rỗng"),
		}),
		"NoticeList": list("Notice"),
	}
}

// userProps are an account's properties.
func userProps() obj {
	return obj{
		"id":              integer(),
		"username":        str("Tên đăng nhập"),
		"full_name":       str("Họ và tên"),
		"email":           str("E-mail; rỗng khi không có"),
		"role":            obj{"type": "string", "enum": roleCodes(), "description": "Vai trò"},
		"role_label":      str("Tên vai trò bằng tiếng Việt"),
		"agency_id":       merge(nullable("integer"), obj{"description": "Cơ quan; null với vai trò không thuộc cơ quan"}),
		"agency_name":     str("Tên cơ quan; rỗng khi không có"),
		"disabled":        obj{"type": "boolean", "description": "Đã khóa"},
		"has_password":    obj{"type": "boolean", "description": "Đã đặt mật khẩu (false: chờ thiết lập qua đường dẫn)"},
		"two_factor":      obj{"type": "boolean", "description": "Đã bật xác thực hai lớp"},
		"last_sign_in_at": instant("Lần đăng nhập gần nhất; null khi chưa đăng nhập"),
		"tokens":          obj{"type": "integer", "minimum": 0, "description": "Số mã API còn hiệu lực"},
		"link_expires_at": instant("Hạn của đường dẫn đặt mật khẩu chưa dùng; null khi không có"),
		"created_at":      instant("Lúc tạo"),
	}
}
