package audit

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// The audit page says each row as a sentence a person reads ("Sở Tài
// chính gửi báo cáo Quý II/2026"): who acted — their agency for what an
// agency does (reports, extension requests), the person for what a person
// does (signing in, accounts) —, what they did, and to what, by name. The
// names come from Names, read by the store for one page of rows; the raw
// record stays one click away for auditors.

// Names are the names of what a page of audit rows points to.
type Names struct {
	Reports  map[int64]ReportName
	Tasks    map[int64]TaskName
	Plans    map[int64]PlanName
	Agencies map[int64]string
	Users    map[int64]string // "Full Name (username)"
	Tokens   map[int64]string // an API token's name
}

// TaskName is what names a task: its title, else the start of its text.
type TaskName struct{ Title, Text string }

// PlanName is what names a plan: its code, else its title.
type PlanName struct{ Code, Title string }

// ReportName is what names a report: whose, which period, which revision.
type ReportName struct {
	Agency   string
	Period   string
	Revision int
}

// Refs lists, by kind of object ("report", "task", "plan", "agency",
// "user", "token"), the IDs rows point to, for the store to name. Tasks
// named in a report row's detail are included.
func Refs(rows []Row) map[string][]int64 {
	seen := map[string]map[int64]bool{}
	out := map[string][]int64{}
	add := func(kind string, id int64) {
		if id <= 0 {
			return
		}
		if seen[kind] == nil {
			seen[kind] = map[int64]bool{}
		}
		if !seen[kind][id] {
			seen[kind][id] = true
			out[kind] = append(out[kind], id)
		}
	}
	for _, r := range rows {
		add(r.Object, r.ObjectID)
		if d := r.detail(); d != nil {
			add("task", d.int("task_id"))
			add("report", d.int("report_id"))
		}
	}
	return out
}

// sentences are the sentence of each action: {org} is who acted as their
// agency, {who} the person, {report} {task} {plan} {agency} {user} {token}
// the object named, {period} {reason} {name} {username} {state} read from
// the row's detail.
var sentences = map[string]string{
	"agency.create":          "{who} thêm cơ quan {agency}",
	"agency.update":          "{who} sửa thông tin cơ quan {agency}",
	"agency.reorganise":      "{who} sắp xếp tổ chức, chuyển việc về {agency}",
	"agency.reorganise.undo": "{who} hoàn tác việc sắp xếp tổ chức về {agency}",
	"plan.create":            "{who} tạo {plan}",
	"plan.update":            "{who} sửa thông tin {plan}",
	"plan.amend":             "{who} sửa đổi, bổ sung {plan}",
	"plan.replace":           "{who} ban hành {plan} thay thế kế hoạch trước",
	"task.create":            "{who} thêm {task}",
	"task.update":            "{who} sửa {task}",
	"task.amend":             "{who} sửa {task} theo văn bản sửa đổi, bổ sung",
	"task.remove":            "{who} bãi bỏ {task}",
	"task.claim":             "{org} ghi nhận tiến độ {task} theo báo cáo {period}",
	"task.extension":         "{who} gia hạn, điều chỉnh {task} theo đề nghị đã chấp thuận",
	"extension.request":      "{org} đề nghị gia hạn, điều chỉnh {task}",
	"extension.decide":       "{org} {state} đề nghị gia hạn, điều chỉnh {task}",
	"indicator.create":       "{who} thêm chỉ tiêu mới",
	"period.ensure":          "{who} mở kỳ báo cáo cho {plan}",
	"regime.save":            "{who} lưu chế độ báo cáo của {plan}",
	"figure_settings.save":   "{who} lưu ngưỡng đánh giá số liệu của {plan}",
	"ranking_weights.save":   "{who} lưu trọng số xếp hạng của {plan}",
	"official_report.save":   "{who} lưu báo cáo tổng hợp của {plan}",
	"report.expect":          "{who} giao báo cáo kỳ mới cho các cơ quan thực hiện {plan}",
	"report.seed":            "{who} tạo dữ liệu báo cáo mẫu cho {plan}",
	"report.sample":          "{who} đánh dấu {report} là dữ liệu mẫu",
	"report.create":          "{org} lập {report}",
	"report.entry":           "{org} ghi kết quả {task} vào {report}",
	"report.contribution":    "{org} ghi phần phối hợp {task} vào {report}",
	"report.value":           "{org} ghi số liệu chỉ tiêu vào {report}",
	"report.texts":           "{org} ghi phần đánh giá chung của {report}",
	"report.file.add":        "{org} đính kèm minh chứng {name} vào {report}",
	"report.file.delete":     "{org} xóa minh chứng {name} khỏi {report}",
	"report.submit":          "{org} gửi {report}",
	"report.accept":          "{org} tiếp nhận {report}",
	"report.return":          "{org} trả lại {report}. Lý do: {reason}",
	"report.revise":          "{org} mở bản điều chỉnh của {report}",
	"session.create":         "{who} đăng nhập",
	"session.delete":         "{who} đăng xuất",
	"session.delete_all":     "{who} đăng xuất mọi phiên của {user}",
	"session.purge":          "{who} dọn các phiên đăng nhập đã hết hạn",
	"login.fail":             "Đăng nhập không thành công với tên {username}",
	"token.create":           "{who} tạo mã API {token}",
	"token.revoke":           "{who} thu hồi mã API {token}",
	"user.seed":              "{who} tạo các tài khoản ban đầu",
	"user.create":            "{who} thêm {user}",
	"user.disable":           "{who} {state} {user}",
	"user.password":          "{who} đổi mật khẩu của {user}",
	"user.update":            "{who} sửa tài khoản {user}",
	"user.password_link":     "{who} cấp đường dẫn đặt mật khẩu một lần cho {user}",
	"user.2fa_enable":        "{who} bật xác thực hai lớp cho {user}",
	"user.2fa_disable":       "{who} tắt xác thực hai lớp của {user}",
	"user.recovery_code":     "{who} đăng nhập bằng một mã khôi phục",
	"user.recovery_codes":    "{who} tạo bộ mã khôi phục mới cho {user}",
	"user.sso_link":          "{who} liên kết tài khoản với đăng nhập một lần",
	"plan.level":             "{who} đặt cấp và cơ quan ban hành của {plan}",
	"task.links":             "{who} liên kết {task} với nhiệm vụ của kế hoạch cấp trên",
	"task.links.seed":        "{who} tạo các liên kết mẫu với chương trình cấp trên",
	"indicator.link":         "{who} liên kết chỉ tiêu với chỉ tiêu của kế hoạch cấp trên",
	"rollup.key":             "{who} tạo khóa ký gói số liệu của hệ thống",
	"rollup.name":            "{who} đặt tên hệ thống gửi gói số liệu",
	"rollup.sender.add":      "{who} đăng ký hệ thống gửi gói số liệu {name}",
	"rollup.sender.revoke":   "{who} thu hồi một hệ thống gửi gói số liệu",
	"rollup.export":          "{who} xuất gói số liệu tổng hợp cho {plan}",
	"rollup.import":          "{who} nhập một gói số liệu tổng hợp",
}

// Sentence says r in one Vietnamese sentence, ending with a full stop. An
// action without a sentence of its own is said by its label and object.
func Sentence(r Row, n *Names) string {
	if n == nil {
		n = &Names{}
	}
	pattern, ok := sentences[r.Action]
	if !ok {
		pattern = "{who} " + vntext.LowerFirst(ActionLabel(r.Action)) + " {object}"
	}
	d := r.detail()
	org := r.ActorAgency
	if org == "" || r.UserID == 0 {
		org = r.person()
	}
	var b strings.Builder
	for pattern != "" {
		i := strings.IndexByte(pattern, '{')
		j := strings.IndexByte(pattern, '}')
		if i < 0 || j < i {
			b.WriteString(pattern)
			break
		}
		b.WriteString(pattern[:i])
		b.WriteString(r.fill(pattern[i+1:j], org, d, n))
		pattern = pattern[j+1:]
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	s = strings.TrimRight(s, " ,:")
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// fill is the words of one placeholder.
func (r Row) fill(key, org string, d detail, n *Names) string {
	switch key {
	case "who":
		return r.person()
	case "org":
		return org
	case "object":
		return r.objectPhrase(org, n)
	case "report":
		id := r.ObjectID
		if r.Object != "report" {
			id = d.int("report_id")
		}
		return reportPhrase(n.Reports, id, org)
	case "task":
		id := r.ObjectID
		if r.Object != "task" {
			id = d.int("task_id")
		}
		if id == 0 {
			return "một nhiệm vụ"
		}
		return taskPhrase(n.Tasks, id)
	case "plan":
		return planPhrase(n.Plans, r.ObjectID)
	case "agency":
		if name, ok := n.Agencies[r.ObjectID]; ok {
			return name
		}
		return "mã " + strconv.FormatInt(r.ObjectID, 10)
	case "user":
		if r.ObjectID == r.UserID && r.UserID != 0 {
			return "chính mình"
		}
		return named("tài khoản", n.Users, r.ObjectID)
	case "token":
		return named("", n.Tokens, r.ObjectID)
	case "period":
		return d.str("period")
	case "reason":
		return quote(d.str("reason"), 200)
	case "name":
		return quote(d.str("name"), 80)
	case "username":
		return quote(d.str("username"), 80)
	case "state":
		return r.stateWord(d)
	}
	return ""
}

// stateWord is the verb a decision or a lock reads as.
func (r Row) stateWord(d detail) string {
	switch r.Action {
	case "extension.decide":
		if d.str("state") == "approved" {
			return "chấp thuận"
		}
		return "không chấp thuận"
	case "user.disable":
		if b, ok := d["disabled"].(bool); ok && !b {
			return "mở khóa"
		}
		return "khóa"
	}
	return ""
}

// objectPhrase names the row's object by its kind, for actions without a
// sentence of their own.
func (r Row) objectPhrase(org string, n *Names) string {
	switch r.Object {
	case "report":
		return reportPhrase(n.Reports, r.ObjectID, org)
	case "task":
		return taskPhrase(n.Tasks, r.ObjectID)
	case "plan":
		return planPhrase(n.Plans, r.ObjectID)
	case "agency":
		return named("cơ quan", n.Agencies, r.ObjectID)
	case "user":
		return named("tài khoản", n.Users, r.ObjectID)
	case "token":
		return named("mã API", n.Tokens, r.ObjectID)
	}
	if r.ObjectID != 0 {
		return ObjectLabel(r.Object) + " mã " + strconv.FormatInt(r.ObjectID, 10)
	}
	return ""
}

// person names who acted: the full name, or the sign-in name, or the system.
func (r Row) person() string {
	switch {
	case r.UserID == 0:
		return "Hệ thống"
	case r.FullName != "":
		return r.FullName
	case r.Username != "":
		return r.Username
	}
	return "Người dùng mã " + strconv.FormatInt(r.UserID, 10)
}

// reportPhrase: "báo cáo Quý II/2026", "của Sở Tài chính" when another
// agency than the one acting, "(phiên bản 2)" for a correction.
func reportPhrase(reports map[int64]ReportName, id int64, org string) string {
	rn, ok := reports[id]
	if !ok {
		return "báo cáo mã " + strconv.FormatInt(id, 10)
	}
	s := "báo cáo " + rn.Period
	if rn.Agency != "" && rn.Agency != org {
		s += " của " + rn.Agency
	}
	if rn.Revision > 1 {
		s += " (phiên bản " + strconv.Itoa(rn.Revision) + ")"
	}
	return s
}

// taskPhrase: `nhiệm vụ "Title"`.
func taskPhrase(tasks map[int64]TaskName, id int64) string {
	t := tasks[id]
	title := t.Title
	if title == "" {
		title = plan.TitleFromText(t.Text)
	}
	if title == "" {
		return "nhiệm vụ mã " + strconv.FormatInt(id, 10)
	}
	return "nhiệm vụ " + quote(title, 90)
}

// planPhrase: "kế hoạch 60/KH-UBND", or `kế hoạch "Title"`.
func planPhrase(plans map[int64]PlanName, id int64) string {
	p, ok := plans[id]
	switch {
	case !ok:
		return named("kế hoạch", nil, id)
	case p.Code != "":
		return "kế hoạch " + p.Code
	}
	return "kế hoạch " + quote(vntext.SentenceCase(plan.TitleFromText(p.Title)), 90)
}

// named is kind followed by the name of id, or by its number.
func named(kind string, names map[int64]string, id int64) string {
	name, ok := names[id]
	if !ok || name == "" {
		if id == 0 {
			return strings.TrimSpace(kind)
		}
		return strings.TrimSpace(kind + " mã " + strconv.FormatInt(id, 10))
	}
	return strings.TrimSpace(kind + " " + name)
}

// quote puts text in quotation marks, cut to n letters.
func quote(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	if utf8.RuneCountInString(s) > n {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return "“" + s + "”"
}

// detail is a row's detail, decoded.
type detail map[string]any

func (r Row) detail() detail {
	var d detail
	if json.Unmarshal([]byte(r.Detail), &d) != nil {
		return nil
	}
	return d
}

func (d detail) str(key string) string {
	s, _ := d[key].(string)
	return s
}

func (d detail) int(key string) int64 {
	f, _ := d[key].(float64)
	return int64(f)
}

// objectLabels name the kinds of object in the page's filter.
var objectLabels = map[string]string{
	"agency": "Cơ quan", "plan": "Kế hoạch", "task": "Nhiệm vụ", "report": "Báo cáo", "user": "Tài khoản",
	"token": "Mã API", "session": "Phiên đăng nhập", "login": "Đăng nhập", "indicator": "Chỉ tiêu",
	"extension": "Đề nghị gia hạn, điều chỉnh", "period": "Kỳ báo cáo", "notice": "Thông báo",
}

// ObjectLabel names a kind of object ("report" → "Báo cáo"), or gives the
// code itself.
func ObjectLabel(object string) string {
	if l, ok := objectLabels[object]; ok {
		return l
	}
	return object
}

// Pretty is the row's detail as indented JSON with its characters as
// written (no \u0026), for the raw record behind the page's toggle.
func Pretty(detail string) string {
	var v any
	if json.Unmarshal([]byte(detail), &v) != nil {
		return detail
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if enc.Encode(v) != nil {
		return detail
	}
	return strings.TrimSpace(b.String())
}

// Line is an audit row with its sentence.
type Line struct {
	Row
	Sentence string
}

// Lines says each row with the names n.
func Lines(rows []Row, n *Names) []Line {
	out := make([]Line, len(rows))
	for i, r := range rows {
		out[i] = Line{Row: r, Sentence: Sentence(r, n)}
	}
	return out
}
