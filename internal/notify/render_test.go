package notify

import (
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	today := day(2026, 6, 3)
	for _, c := range []struct {
		kind string
		data any
		want []string // in subject, body or notice
	}{
		{kindBefore, mailData{AgencyName: "Sở Tài chính", Label: "Báo cáo Quý II/2026", Due: day(2026, 6, 10), Days: 7,
			Rule: "before-7", URL: "https://tiendo.example/reports/1", Today: today},
			[]string{"Nhắc hạn: Báo cáo Quý II/2026 — hạn 10/06/2026 (còn 7 ngày)", "Kính gửi: Sở Tài chính", "https://tiendo.example/reports/1"}},
		{kindBefore, mailData{AgencyName: "Sở Tài chính", Label: "Báo cáo", Due: today, Days: 0, Rule: "before-2", Today: today},
			[]string{"(hôm nay)", "hôm nay là ngày cuối cùng"}},
		{kindOverdue, mailData{AgencyName: "Sở Tài chính", Label: "Báo cáo Quý I/2026", Due: day(2026, 3, 10), Days: 85,
			Rule: "overdue-week-12", Today: today},
			[]string{"Quá hạn 85 ngày: Báo cáo Quý I/2026 — Sở Tài chính", "cơ quan điều phối"}},
		{kindDigest, digestData{AgencyName: "Sở Tài chính", Week: "2026-W23", Today: today,
			DueSoon:  []digestItem{{Label: "Báo cáo Quý II/2026", Due: day(2026, 6, 10), Days: 7}},
			Overdue:  []digestItem{{Label: "Báo cáo Quý I/2026", Due: day(2026, 3, 10), Days: 85}},
			Returned: []digestItem{{Label: "Báo cáo năm 2025"}}},
			[]string{"Tổng hợp tuần 2026-W23: 1 việc sắp đến hạn, 1 việc quá hạn, 1 báo cáo bị trả lại",
				"Kính gửi: Lãnh đạo Sở Tài chính", "Báo cáo Quý I/2026 — hạn 10/03/2026, quá 85 ngày",
				"Báo cáo Quý II/2026 — hạn 10/06/2026, còn 7 ngày", "  - Báo cáo năm 2025\n"}},
	} {
		r, err := render(c.kind, c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.kind, err)
		}
		all := r.Subject + "\n" + r.Body + "\n" + r.Notice
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: %q missing from\n%s", c.kind, w, all)
			}
		}
		if strings.Contains(all, "<no value>") || strings.ContainsAny(r.Subject+r.Notice, "\n\r") || r.Subject == "" || r.Notice == "" {
			t.Errorf("%s: bad rendering:\n%s", c.kind, all)
		}
	}
}
