package reporting

import (
	"testing"
	"time"

	"tiendo/internal/plan"
)

func TestKeepValid(t *testing.T) {
	today := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	saved := Entry{TaskID: 1, Status: plan.ClaimInProgress, Percent: 40, Result: "cũ"}
	// A wrong percent beside new text: the text is kept, the percent stays as saved.
	typed := Entry{TaskID: 1, Status: plan.ClaimInProgress, Percent: 140, Result: "Đã ban hành quyết định", Proposals: "Bổ sung kinh phí"}
	out, changed, ok := KeepValid(typed, saved, ValidateEntry(&typed, today), today)
	if !ok || !changed || out.Percent != 40 || out.Result != "Đã ban hành quyết định" || out.Proposals != "Bổ sung kinh phí" {
		t.Errorf("percent wrong: %+v changed %v ok %v", out, changed, ok)
	}
	// "Completed" with a date that does not read: the status waits for the date; the text goes in.
	typed = Entry{TaskID: 1, Status: plan.ClaimCompleted, Percent: 100, Result: "Xong"}
	out, changed, ok = KeepValid(typed, saved, plan.FieldErrors{"completed_on": "Ngày không hợp lệ."}, today)
	if !ok || !changed || out.Status != plan.ClaimInProgress || out.Result != "Xong" || out.Percent != 100 {
		t.Errorf("completed without a date: %+v changed %v ok %v", out, changed, ok)
	}
	// Nothing valid and new: nothing to store.
	typed = saved
	typed.Percent = -5
	if _, changed, ok = KeepValid(typed, saved, ValidateEntry(&typed, today), today); changed || !ok {
		t.Errorf("only a wrong field: changed %v ok %v", changed, ok)
	}
}
