package app

import (
	"testing"

	"tiendo/internal/plan"
)

// TestReminderPlanNameKeepsCase: a plan named in notices and e-mails by
// its title keeps the title's abbreviations and names as written.
func TestReminderPlanNameKeepsCase(t *testing.T) {
	p := &plan.Plan{Title: "Triển khai thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ"}
	want := "Kế hoạch triển khai thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ"
	if got := reminderPlanName(p); got != want {
		t.Errorf("reminderPlanName = %q, want %q", got, want)
	}
	caps := &plan.Plan{Title: "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP NGÀY 01/4/2025 CỦA CHÍNH PHỦ"}
	if got := reminderPlanName(caps); got != want {
		t.Errorf("a title in capitals: %q, want %q", got, want)
	}
	if got := reminderPlanName(&plan.Plan{Code: "60/KH-UBND", Title: "x"}); got != "Kế hoạch 60/KH-UBND" {
		t.Errorf("with a code: %q", got)
	}
}
