package web

import (
	"strings"
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/reporting"
)

func TestParseNumber(t *testing.T) {
	ok := map[string]float64{
		"85,5": 85.5, "1.234,5": 1234.5, "12.500": 12500, "1.234.567": 1234567, "12.5": 12.5, "0,25": 0.25,
		" 86 ": 86, "-3,5": -3.5, "1 234,5": 1234.5, "1234.56": 1234.56,
	}
	for in, want := range ok {
		got, err := parseNumber(in)
		if err != nil || got == nil || *got != want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if got, err := parseNumber("  "); got != nil || err != nil {
		t.Errorf("empty: %v %v", got, err)
	}
	for _, in := range []string{"nhiều", "1,2,3", "12%", "NaN", "1e400"} {
		if _, err := parseNumber(in); err == nil {
			t.Errorf("parseNumber(%q) accepted", in)
		}
	}
}

func TestFileSizeAndPercent(t *testing.T) {
	for n, want := range map[int64]string{850: "850 B", 12800: "12,5 KB", 3355443: "3,2 MB"} {
		if got := fileSize(n); got != want {
			t.Errorf("fileSize(%d) = %q, want %q", n, got, want)
		}
	}
	if got := formatPercent(2.0 / 3); got != "67%" {
		t.Errorf("formatPercent = %q", got)
	}
}

func TestStateAndDueClasses(t *testing.T) {
	cases := map[reporting.State]string{
		reporting.StateAccepted: "badge-green", reporting.StateSubmitted: "badge-blue",
		reporting.StateReturned: "badge-red", reporting.StateNotStarted: "badge-grey",
	}
	for s, want := range cases {
		if got := stateClass(s); !strings.Contains(got, want) {
			t.Errorf("stateClass(%s) = %q", s, got)
		}
	}
	for days, want := range map[int]string{-1: "badge-red", 0: "badge-orange", 7: "badge-orange", 8: "badge-grey"} {
		if got := dueClass(days); !strings.Contains(got, want) {
			t.Errorf("dueClass(%d) = %q, want %s", days, got, want)
		}
	}
}

// TestAuditChanges reads the store's audit details into lines people read:
// agencies by name, dates dd/mm/yyyy, nested "changes", claims by label;
// bookkeeping fields left out.
func TestAuditChanges(t *testing.T) {
	names := map[int64]*agency.Agency{3: {ID: 3, Name: "Sở Tài chính"}, 4: {ID: 4, Name: "Sở Nội vụ"}}
	got := auditChanges(`{"extension_id": 9, "changes": {"deadline_text": {"old": "05/9/2025", "new": "Quý IV/2025"},
		"due_date": {"old": "2025-09-05", "new": "2025-12-31"}, "ord": {"old": 1, "new": 2}}}`, names)
	want := []string{"Thời hạn: 05/9/2025 → Quý IV/2025", "Hạn hoàn thành: 05/09/2025 → 31/12/2025"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("extension: %q", got)
	}
	got = auditChanges(`{"lead_agency_id": {"old": null, "new": 3}, "cooperating_agency_ids": {"old": [3], "new": [3, 4]},
		"claim": {"old": "", "new": "in_progress"}}`, names)
	want = []string{"Tình trạng: — → Đang thực hiện", "Cơ quan phối hợp: Sở Tài chính → Sở Tài chính, Sở Nội vụ", "Cơ quan chủ trì: — → Sở Tài chính"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("assignment: %q", got)
	}
	if got := auditChanges(`not json`, names); got != nil {
		t.Errorf("bad detail: %q", got)
	}
	if got := auditAction("extension.decide", `{"state": "refused"}`); got != "Quyết định về đề nghị: không chấp thuận" {
		t.Errorf("auditAction = %q", got)
	}
}
