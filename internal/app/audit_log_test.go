package app_test

import (
	"context"
	"strings"
	"testing"

	"tiendo/internal/audit"
)

// TestAuditLogSentences: the audit page says each entry as a sentence
// with the names of who acted and what they acted on — the agency for an
// agency's report, the period, the task's title — and a label for every
// action.
func TestAuditLogSentences(t *testing.T) {
	f := newReportFix(t)
	ctx := context.Background()
	if _, err := f.app.SaveReportEntry(ctx, f.officer, f.report, line(f.task2, "in_progress", 60), nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.SubmitReport(ctx, f.head, f.report, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.ReturnReport(ctx, f.coordinator, f.report, "Thiếu số liệu chỉ tiêu CT01 & minh chứng.", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.SubmitReport(ctx, f.head, f.report, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.AcceptReport(ctx, f.coordinator, f.report, nil); err != nil {
		t.Fatal(err)
	}
	lines, err := f.app.AuditLog(ctx, f.admin, audit.Filter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	said := map[string]string{}
	for _, l := range lines {
		if _, ok := said[l.Action]; !ok {
			said[l.Action] = l.Sentence
		}
		if audit.ActionLabel(l.Action) == l.Action {
			t.Errorf("action %s has no label", l.Action)
		}
		if !strings.HasSuffix(l.Sentence, ".") || strings.Contains(l.Sentence, "{") {
			t.Errorf("%s: %q", l.Action, l.Sentence)
		}
	}
	for action, want := range map[string]string{
		"report.submit": "Sở Tài chính gửi báo cáo Quý III/2025.",
		"report.accept": "Sở Khoa học và Công nghệ tiếp nhận báo cáo Quý III/2025 của Sở Tài chính.",
		"report.return": "Sở Khoa học và Công nghệ trả lại báo cáo Quý III/2025 của Sở Tài chính. Lý do: “Thiếu số liệu chỉ tiêu CT01 & minh chứng.”",
		"report.entry":  "Sở Tài chính ghi kết quả nhiệm vụ “",
		"task.claim":    "Sở Khoa học và Công nghệ ghi nhận tiến độ nhiệm vụ “",
	} {
		if got := said[action]; !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want %q…", action, got, want)
		}
	}
}
