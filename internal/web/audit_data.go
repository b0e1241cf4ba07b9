package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/store"
)

// auditPageSize is how many entries the audit page shows at a time.
const auditPageSize = 100

// auditExportMax caps the .xlsx export; the sheet says when it was reached.
const auditExportMax = 100_000

// auditPage is the data of the audit page.
type auditPage struct {
	Filter   store.AuditFilter
	Form     url.Values // the filter as typed, to show it again
	Problem  string     // what is wrong with the filter, in Vietnamese
	Rows     []store.AuditRow
	Older    string // the link to the next (older) page; "" on the last
	Export   string // the link to the .xlsx export of the same filter
	Users    []auth.User
	Agencies []agency.Agency
	Objects  []string
}

// readAuditFilter reads the audit page's filter from the query string.
// The dates are calendar days in Vietnam's time zone. A problem is returned
// as a message for the person, never as an error page.
func readAuditFilter(r *http.Request) (f store.AuditFilter, problem string) {
	q := r.URL.Query()
	id := func(key string) int64 {
		v := strings.TrimSpace(q.Get(key))
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			problem = "Mã số trong bộ lọc phải là số nguyên dương."
			return 0
		}
		return n
	}
	f.UserID, f.AgencyID, f.ObjectID, f.Before = id("user"), id("agency"), id("object_id"), id("before")
	f.Object = strings.TrimSpace(q.Get("object"))
	if len(f.Object) > 64 {
		problem = "Loại đối tượng không hợp lệ."
	}
	day := func(key string) time.Time {
		t, err := parseDate(q.Get(key))
		if err != nil {
			problem = "Ngày trong bộ lọc không hợp lệ. Hãy viết theo dạng dd/mm/yyyy, ví dụ 01/07/2025."
			return time.Time{}
		}
		if t.IsZero() {
			return t
		}
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, clock.Local)
	}
	f.From, f.To = day("from"), day("to")
	if problem == "" && !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		problem = "Ngày kết thúc phải sau ngày bắt đầu."
	}
	return f, problem
}

// auditQuery is the query string of f (without paging), for links.
func auditQuery(form url.Values) url.Values {
	v := url.Values{}
	for _, k := range []string{"user", "agency", "object", "object_id", "from", "to"} {
		if s := strings.TrimSpace(form.Get(k)); s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// auditActionLabels names the recorded actions in Vietnamese; an action
// without a label is shown by its code.
var auditActionLabels = map[string]string{
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
	"report.file.add": "Đính kèm minh chứng", "report.file.delete": "Xoá minh chứng",
	"report.return": "Trả lại báo cáo", "report.revise": "Sửa báo cáo đã gửi", "report.sample": "Dữ liệu mẫu",
	"report.submit": "Gửi báo cáo", "report.texts": "Ghi phần đánh giá chung", "report.value": "Ghi số liệu chỉ tiêu",
	"session.create": "Đăng nhập", "session.delete": "Đăng xuất", "session.purge": "Dọn phiên hết hạn",
	"task.claim": "Nhận nhiệm vụ", "task.create": "Thêm nhiệm vụ", "task.extension": "Gia hạn nhiệm vụ",
	"task.update": "Sửa nhiệm vụ", "token.create": "Tạo mã API", "token.revoke": "Thu hồi mã API",
	"login.fail": "Đăng nhập không thành công", "session.delete_all": "Đăng xuất mọi thiết bị",
	"user.2fa_enable": "Bật xác thực hai lớp", "user.2fa_disable": "Tắt/đặt lại xác thực hai lớp",
	"user.recovery_code": "Dùng mã khôi phục", "user.recovery_codes": "Tạo mã khôi phục mới",
	"user.create": "Thêm người dùng", "user.disable": "Khoá/mở khoá người dùng", "user.password": "Đổi mật khẩu",
}

// auditActionLabel is the Vietnamese name of action, or the code itself.
func auditActionLabel(action string) string {
	if l, ok := auditActionLabels[action]; ok {
		return l
	}
	return action
}

// auditActor names who acted: the full name and sign-in name, or the system.
func auditActor(e store.AuditRow) string {
	switch {
	case e.UserID == 0:
		return "Hệ thống"
	case e.FullName != "":
		return e.FullName + " (" + e.Username + ")"
	default:
		return e.Username
	}
}
