package app

import (
	"testing"

	"tiendo/internal/plan"
)

// Reminders name a plan as every page does (plan.Plan.Name): by its number,
// or without one by what it implements, never in the capitals of its title.
func TestReminderPlanNameKeepsCase(t *testing.T) {
	p := &plan.Plan{Title: "Triển khai thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ"}
	want := "KH thực hiện NQ 71/NQ-CP"
	if got := reminderPlanName(p); got != want || got != p.Name() {
		t.Errorf("reminderPlanName = %q, want %q (plan.Name %q)", got, want, p.Name())
	}
	caps := &plan.Plan{Title: "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP NGÀY 01/4/2025 CỦA CHÍNH PHỦ"}
	if got := reminderPlanName(caps); got != want {
		t.Errorf("a title in capitals: %q, want %q", got, want)
	}
	if got := reminderPlanName(&plan.Plan{Code: "60/KH-UBND", Title: "x"}); got != "Kế hoạch 60/KH-UBND" {
		t.Errorf("with a code: %q", got)
	}
}
