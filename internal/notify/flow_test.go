package notify

import (
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
)

// TestFlowWords: each flow kind's notice, subject and body say what
// happened, to whom, with the reason, note and link where there is one;
// no template leaves a gap.
func TestFlowWords(t *testing.T) {
	for _, c := range []struct {
		ev   FlowEvent
		want []string
	}{
		{FlowEvent{Kind: KindReportSubmitted, AgencyName: "Sở Tài chính", Report: "Báo cáo Quý II/2026 — Kế hoạch 99/KH-UBND",
			By: "Trần Thị Lãnh (Sở Tài chính)", Late: true, URL: "https://tiendo.example/reports/7"},
			[]string{"Sở Tài chính đã gửi Báo cáo Quý II/2026 — Kế hoạch 99/KH-UBND (gửi muộn)", "Kính gửi: Cơ quan điều phối",
				"Người gửi: Trần Thị Lãnh (Sở Tài chính)", "https://tiendo.example/reports/7"}},
		{FlowEvent{Kind: KindReportReturned, AgencyName: "Sở Tài chính", Report: "Báo cáo Quý II/2026 — Kế hoạch 99/KH-UBND",
			By: "Nguyễn Văn Điều (Điều phối)", Reason: "Thiếu minh chứng."},
			[]string{"bị trả lại. Lý do: Thiếu minh chứng.", "Kính gửi: Sở Tài chính", "Lý do:\nThiếu minh chứng."}},
		{FlowEvent{Kind: KindReportAccepted, AgencyName: "Sở Tài chính", Report: "Báo cáo Quý II/2026", By: "Điều phối"},
			[]string{"Báo cáo Quý II/2026 đã được tiếp nhận", "bản sửa đổi"}},
		{FlowEvent{Kind: KindExtensionDecided, AgencyName: "Sở Tài chính", Task: "Chính quyền số", Asked: "gia hạn đến Quý IV/2026",
			Approved: false, Note: "Không đủ căn cứ.", By: "Điều phối"},
			[]string{"Đề nghị gia hạn đến Quý IV/2026 cho nhiệm vụ “Chính quyền số” không được chấp thuận. Ghi chú: Không đủ căn cứ."}},
	} {
		n, err := Flow(c.ev, true, Audience{}, "k")
		if err != nil {
			t.Fatalf("%s: %v", c.ev.Kind, err)
		}
		all := n.Subject + "\n" + n.Body + "\n" + n.Text
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: %q missing from\n%s", c.ev.Kind, w, all)
			}
		}
		if strings.Contains(all, "<no value>") || strings.ContainsAny(n.Subject+n.Text, "\n") || n.Subject == "" || n.Text == "" {
			t.Errorf("%s: bad rendering:\n%s", c.ev.Kind, all)
		}
		if off, _ := Flow(c.ev, false, Audience{}, "k"); off.Subject != "" || off.Body != "" || off.Text != n.Text {
			t.Errorf("%s with e-mail off: %+v", c.ev.Kind, off)
		}
	}
	for _, k := range []string{kindBefore, kindOverdue, kindDigest} {
		if PublicKind(k) != KindReminder {
			t.Errorf("PublicKind(%s) = %s", k, PublicKind(k))
		}
	}
}

// TestPasswordLinkMail: the setup and reset e-mails carry the link, its
// expiry in Vietnam's time, and — for a role that must — the enrolment.
func TestPasswordLinkMail(t *testing.T) {
	u := &auth.User{ID: 3, Username: "dieuphoi", FullName: "Nguyễn Văn Điều", Email: "dp@camau.gov.vn", Role: auth.RoleCoordinator}
	exp := time.Date(2025, 6, 6, 3, 0, 0, 0, time.UTC)
	m, err := PasswordLinkMail(u, auth.LinkSetup, "https://tiendo.example/login/link/abc", exp, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.To) != 1 || m.To[0].Email != "dp@camau.gov.vn" || !strings.Contains(m.Body, "https://tiendo.example/login/link/abc") ||
		!strings.Contains(m.Body, "10:00 ngày 06/06/2025") || !strings.Contains(m.Body, "bật xác thực hai lớp") ||
		!strings.Contains(m.Body, "Kính gửi: Nguyễn Văn Điều") || strings.Contains(m.Body, "<no value>") {
		t.Errorf("setup e-mail %q:\n%s", m.Subject, m.Body)
	}
	m, err = PasswordLinkMail(u, auth.LinkReset, "https://tiendo.example/login/link/abc", exp, false)
	if err != nil || !strings.Contains(m.Subject, "Đặt lại mật khẩu") || !strings.Contains(m.Body, "Nếu bạn không yêu cầu") {
		t.Errorf("reset e-mail %q: %v", m.Subject, err)
	}
}
