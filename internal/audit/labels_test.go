package audit

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// storeAction finds the action of each audit row the store writes:
// s.audit(ctx, tx, actor, "action", …) and auditRow{"action", …}.
var storeAction = regexp.MustCompile(`(?:\.audit\(ctx, tx, [^,]+, |auditRow\{)"([a-z0-9_.]+)"`)

// TestEveryStoredActionHasLabelAndSentence reads the store's code for the
// actions it records and fails on one the audit page could only show by
// its code.
func TestEveryStoredActionHasLabelAndSentence(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "store", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("store sources: %v", err)
	}
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range storeAction.FindAllStringSubmatch(string(b), -1) {
			found++
			if ActionLabel(m[1]) == m[1] {
				t.Errorf("%s: action %q has no label in labels.go", filepath.Base(f), m[1])
			}
			if _, ok := sentences[m[1]]; !ok {
				t.Errorf("%s: action %q has no sentence in sentence.go", filepath.Base(f), m[1])
			}
		}
	}
	if found < 40 {
		t.Errorf("found only %d audited actions in the store: has the way it writes them changed?", found)
	}
}

func TestSentence(t *testing.T) {
	n := &Names{
		Reports:  map[int64]ReportName{7: {Agency: "Sở Tài chính", Period: "Quý II/2026"}, 8: {Agency: "Sở Tài chính", Period: "Quý II/2026", Revision: 2}},
		Tasks:    map[int64]TaskName{4: {Text: "Rà soát, hoàn thiện cơ chế chính sách thu hút đầu tư; báo cáo UBND tỉnh."}},
		Plans:    map[int64]PlanName{1: {Code: "60/KH-UBND"}},
		Users:    map[int64]string{9: "Lê Văn Chuyên (chuyenvien)"},
		Agencies: map[int64]string{},
	}
	head := Row{Entry: Entry{UserID: 3}, FullName: "Trần Thị Lãnh", Username: "lanhdao", ActorAgency: "Sở Tài chính"}
	coord := Row{Entry: Entry{UserID: 2}, FullName: "Nguyễn Văn Điều", ActorAgency: "Sở Khoa học và Công nghệ"}
	admin := Row{Entry: Entry{UserID: 1}, Username: "quantri"}
	with := func(r Row, action, object string, id int64, detail string) Row {
		r.Action, r.Object, r.ObjectID, r.Detail = action, object, id, detail
		return r
	}
	for _, c := range []struct {
		row  Row
		want string
	}{
		{with(head, "report.submit", "report", 7, `{}`), "Sở Tài chính gửi báo cáo Quý II/2026."},
		{with(coord, "report.accept", "report", 8, `{}`), "Sở Khoa học và Công nghệ tiếp nhận báo cáo Quý II/2026 của Sở Tài chính (phiên bản 2)."},
		{with(coord, "task.claim", "task", 4, `{"period":"Quý II/2026","report_id":7}`), "Sở Khoa học và Công nghệ ghi nhận tiến độ nhiệm vụ “Rà soát, hoàn thiện cơ chế chính sách thu hút đầu tư” theo báo cáo Quý II/2026."},
		{with(head, "session.create", "user", 3, `{}`), "Trần Thị Lãnh đăng nhập."},
		{with(admin, "user.disable", "user", 9, `{"disabled":false}`), "quantri mở khóa tài khoản Lê Văn Chuyên (chuyenvien)."},
		{with(admin, "user.password", "user", 1, `{}`), "quantri đổi mật khẩu của chính mình."},
		{with(Row{}, "login.fail", "login", 0, `{"username":"ai\u0026do"}`), "Đăng nhập không thành công với tên “ai&do”."},
		{with(admin, "plan.amend", "plan", 1, `{}`), "quantri sửa đổi, bổ sung kế hoạch 60/KH-UBND."},
		{with(coord, "extension.decide", "task", 4, `{"state":"approved"}`), "Sở Khoa học và Công nghệ chấp thuận đề nghị gia hạn, điều chỉnh nhiệm vụ “Rà soát, hoàn thiện cơ chế chính sách thu hút đầu tư”."},
		{with(admin, "report.submit", "report", 99, `{}`), "quantri gửi báo cáo mã 99."},
		{with(admin, "something.new", "plan", 1, `{}`), "quantri something.new kế hoạch 60/KH-UBND."},
	} {
		if got := Sentence(c.row, n); got != c.want {
			t.Errorf("%s: %q\n want %q", c.row.Action, got, c.want)
		}
	}
	if got := Pretty(`{"a":"x\u0026y"}`); got != "{\n  \"a\": \"x&y\"\n}" {
		t.Errorf("Pretty = %q", got)
	}
}
