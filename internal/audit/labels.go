package audit

// actionLabels names the recorded actions in Vietnamese; an action
// without a label is shown by its code.
var actionLabels = map[string]string{
	"agency.create": "Thêm cơ quan", "agency.update": "Sửa cơ quan",
	"agency.reorganise": "Sắp xếp tổ chức", "agency.reorganise.undo": "Hoàn tác sắp xếp tổ chức",
	"plan.amend": "Sửa đổi, bổ sung kế hoạch", "plan.replace": "Thay thế kế hoạch", "task.remove": "Bãi bỏ nhiệm vụ",
	"report.seed": "Tạo dữ liệu báo cáo", "user.seed": "Tạo tài khoản hàng loạt", "user.sso_link": "Liên kết đăng nhập một lần",
	"extension.decide": "Quyết định gia hạn/điều chỉnh", "extension.request": "Đề nghị gia hạn/điều chỉnh",
	"figure_settings.save": "Lưu ngưỡng số liệu", "indicator.create": "Thêm chỉ tiêu",
	"official_report.save": "Lưu báo cáo chính thức", "period.ensure": "Mở kỳ báo cáo",
	"plan.create": "Tạo kế hoạch", "plan.update": "Sửa kế hoạch",
	"ranking_weights.save": "Lưu trọng số xếp hạng", "regime.save": "Lưu chế độ báo cáo",
	"report.accept": "Tiếp nhận báo cáo", "report.contribution": "Ghi phần phối hợp",
	"report.create": "Tạo báo cáo", "report.entry": "Ghi kết quả nhiệm vụ", "report.expect": "Giao báo cáo",
	"report.file.add": "Đính kèm minh chứng", "report.file.delete": "Xóa minh chứng",
	"report.return": "Trả lại báo cáo", "report.revise": "Sửa báo cáo đã gửi", "report.sample": "Dữ liệu mẫu",
	"report.submit": "Gửi báo cáo", "report.texts": "Ghi phần đánh giá chung", "report.value": "Ghi số liệu chỉ tiêu",
	"session.create": "Đăng nhập", "session.delete": "Đăng xuất", "session.purge": "Dọn phiên hết hạn",
	"task.claim": "Ghi nhận tiến độ nhiệm vụ", "task.amend": "Sửa nhiệm vụ theo văn bản sửa đổi", "task.create": "Thêm nhiệm vụ", "task.extension": "Gia hạn nhiệm vụ",
	"task.update": "Sửa nhiệm vụ", "token.create": "Tạo mã API", "token.revoke": "Thu hồi mã API",
	"login.fail": "Đăng nhập không thành công", "session.delete_all": "Đăng xuất mọi thiết bị",
	"user.2fa_enable": "Bật xác thực hai lớp", "user.2fa_disable": "Tắt/đặt lại xác thực hai lớp",
	"user.recovery_code": "Dùng mã khôi phục", "user.recovery_codes": "Tạo mã khôi phục mới",
	"user.create": "Thêm người dùng", "user.disable": "Khóa/mở khóa tài khoản", "user.password": "Đổi mật khẩu",
	"user.update": "Sửa tài khoản", "user.password_link": "Cấp đường dẫn đặt mật khẩu",
	"plan.level": "Đặt cấp kế hoạch", "task.links": "Liên kết nhiệm vụ cấp trên", "task.links.seed": "Tạo liên kết mẫu",
	"indicator.link": "Liên kết chỉ tiêu cấp trên", "rollup.key": "Tạo khóa ký gói số liệu",
	"rollup.name": "Đặt tên hệ thống gửi", "rollup.sender.add": "Đăng ký hệ thống gửi",
	"rollup.sender.revoke": "Thu hồi hệ thống gửi", "rollup.export": "Xuất gói số liệu", "rollup.import": "Nhập gói số liệu",
}

// ActionLabel is the Vietnamese name of action, or the code itself.
func ActionLabel(action string) string {
	if l, ok := actionLabels[action]; ok {
		return l
	}
	return action
}
