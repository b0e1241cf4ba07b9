package api_test

import (
	"testing"
)

// TestEntryPreviousAndWarnings: a saved line answers with the task's line
// in the previous accepted report and, when it goes back on it, a warning
// asking for an explanation — never a refusal; the explanation is saved
// and ends the warning; a continuous task starts each quarter again.
func TestEntryPreviousAndWarnings(t *testing.T) {
	e, c := newReportEnv(t, "2025-06-05")
	e.reportIDs(t, "2025-Q2")
	e.flow(t, "R.NV", entries{"T3": `{"status":"in_progress","percent":60,"result":"Đã khảo sát"}`,
		"T5": `{"status":"completed","percent":100,"completed_on":"2025-06-02"}`}, "accept")
	q2 := e.ids["R.NV"]
	c.set("2025-09-05")
	e.reportIDs(t, "2025-Q3")
	play(t, e, []scenario{
		{name: "progress down: saved, with a warning", method: "PUT", path: "/reports/{R.NV}/entries/{T3}", as: headNV,
			body: `{"status":"in_progress","percent":40}`, status: 200, check: func(t *testing.T, e *env, r *response) {
				p := r.JSON["previous"]
				if get(p, "period", "label") != "Quý II/2025" || num(get(p, "report_id")) != q2 || num(get(p, "percent")) != 60 ||
					get(p, "status") != "in_progress" || get(p, "result") != "Đã khảo sát" || get(p, "accepted_at") == nil {
					t.Errorf("previous = %v", p)
				}
				ws := r.JSON["warnings"].([]any)
				if len(ws) != 1 || get(ws[0], "code") != "progress_down" ||
					get(ws[0], "message") != "Tiến độ giảm từ 60% (báo cáo Quý II/2025 đã được tiếp nhận) xuống 40%. Hãy giải trình lý do." {
					t.Errorf("warnings = %v", ws)
				}
				if num(r.JSON["percent"]) != 40 {
					t.Errorf("not saved as sent: %s", r.Raw)
				}
			}},
		{name: "explained: no warning", method: "PUT", path: "/reports/{R.NV}/entries/{T3}", as: headNV,
			body: `{"status":"in_progress","percent":40,"explanation":"Điều chỉnh lại phạm vi khảo sát."}`, status: 200,
			check: func(t *testing.T, e *env, r *response) {
				if len(r.JSON["warnings"].([]any)) != 0 || r.JSON["explanation"] != "Điều chỉnh lại phạm vi khảo sát." {
					t.Errorf("entry = %s", r.Raw)
				}
			}},
		{name: "continuous task: a new quarter starts again", method: "PUT", path: "/reports/{R.NV}/entries/{T5}", as: headNV,
			body: `{"status":"in_progress","percent":10}`, status: 200, check: func(t *testing.T, e *env, r *response) {
				if len(r.JSON["warnings"].([]any)) != 0 || get(r.JSON["previous"], "status") != "completed" {
					t.Errorf("entry = %s", r.Raw)
				}
			}},
		{name: "the report shows the same", path: "/reports/{R.NV}", as: headNV, status: 200, check: func(t *testing.T, e *env, r *response) {
			for _, it := range r.JSON["entries"].([]any) {
				if num(get(it, "task_id")) == e.ids["T3"] && (get(it, "explanation") != "Điều chỉnh lại phạm vi khảo sát." ||
					num(get(it, "previous", "percent")) != 60 || len(get(it, "warnings").([]any)) != 0) {
					t.Errorf("T3 = %v", it)
				}
			}
		}},
		{name: "down again, unexplained", method: "PUT", path: "/reports/{R.NV}/entries/{T3}", as: headNV,
			body: `{"status":"in_progress","percent":30}`, status: 200, check: func(t *testing.T, e *env, r *response) {
				if len(r.JSON["warnings"].([]any)) != 1 {
					t.Errorf("entry = %s", r.Raw)
				}
			}},
		{name: "still sent: a warning never blocks", method: "POST", path: "/reports/{R.NV}/submit", as: headNV, status: 200},
	})
}
