package officialreport_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/export/docx"
	"tiendo/internal/export/xlsx"
	"tiendo/internal/figures"
	"tiendo/internal/indicator"
	"tiendo/internal/officialreport"
	"tiendo/internal/officialreport/render"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// bigFacts is a plan of 1,000 tasks in 7 groups led by 100 agencies, each of
// which sent an accepted report with texts, and 30 indicators.
func bigFacts() (*figures.Facts, officialreport.Accepted) {
	d := plan.Date
	f := &figures.Facts{
		Plan:    plan.Plan{ID: 1, Code: "99/KH-UBND", Title: "Chuyển đổi số", Issuer: planIssuer, Status: plan.PlanActive, IssuedOn: d(2025, 4, 1)},
		DueSoon: 7,
		Periods: []reporting.Period{{ID: q3, Year: 2025, No: 3, Label: "Quý III/2025", Start: d(2025, 7, 1),
			End: d(2025, 9, 30), Due: d(2025, 9, 10)}},
		Sections: []plan.Section{{ID: 1, Kind: plan.KindPart, Label: "III", Title: "Nhiệm vụ", HoldsTasks: true}},
	}
	acc := officialreport.Accepted{Results: map[int64]string{}}
	for g := 0; g < 7; g++ {
		f.Sections = append(f.Sections, plan.Section{ID: int64(10 + g), ParentID: 1, Kind: plan.KindGroup,
			Label: fmt.Sprintf("III.%d", g+1), Title: fmt.Sprintf("Nhóm nhiệm vụ %d", g+1), HoldsTasks: true})
	}
	for a := 1; a <= 100; a++ {
		id := int64(1000 + a)
		f.Agencies = append(f.Agencies, agency.Agency{ID: id, Name: fmt.Sprintf("Sở, ngành số %03d", a)})
		f.Reports = append(f.Reports, figures.Report{PeriodID: q3, AgencyID: id, Revision: 1, State: reporting.StateAccepted,
			OnTime: a%4 != 0, SubmittedAt: time.Date(2025, 9, 8, 3, 0, 0, 0, time.UTC)})
		acc.Texts = append(acc.Texts, officialreport.AgencyTexts{AgencyID: id, Texts: reporting.Texts{
			Summary:      "Đã triển khai các nhiệm vụ được giao, hoàn thành phần lớn khối lượng theo kế hoạch của quý.",
			Difficulties: "Kinh phí bố trí chưa kịp thời.", Proposals: "Đề nghị bổ sung kinh phí.", NextTasks: "Tiếp tục triển khai."}})
	}
	for i := 1; i <= 1000; i++ {
		id := int64(i)
		f.Tasks = append(f.Tasks, plan.Task{ID: id, SectionID: int64(10 + i%7), Title: fmt.Sprintf("Nhiệm vụ số %d: triển khai nền tảng số dùng chung", i),
			LeadAgencyID: int64(1000 + 1 + i%100), CooperatingAgencyIDs: []int64{int64(1000 + 1 + (i+1)%100)},
			Deadline: plan.Deadline{Kind: plan.DeadlineDate, Due: d(2025, 1+time.Month(i%12), 28)}, Product: "Báo cáo, phần mềm"})
		acc.Results[id] = "Đã hoàn thành 60% khối lượng, dự kiến xong đúng hạn."
	}
	for i := 1; i <= 30; i++ {
		f.Indicators = append(f.Indicators, indicator.Indicator{ID: int64(i), Name: fmt.Sprintf("Chỉ tiêu %d", i), Unit: "%",
			Direction: indicator.Increase, Aggregation: indicator.Sum, Targets: map[int]float64{2025: 100}})
	}
	return f, acc
}

// officialReport is the whole path of a download: figures, first draft,
// .docx and .xlsx.
func officialReport(tb testing.TB, f *figures.Facts, acc officialreport.Accepted) {
	dash, err := figures.Compute(f, figures.Options{PeriodID: q3, AsOf: plan.Date(2025, 9, 20)})
	if err != nil {
		tb.Fatal(err)
	}
	d := officialreport.DraftFrom(f, dash, acc, issuing())
	r := &officialreport.Report{Facts: f, Figures: dash, Accepted: acc, Draft: d}
	if _, err := docx.Bytes(render.Document(r)); err != nil {
		tb.Fatal(err)
	}
	if err := xlsx.Write(&bytes.Buffer{}, render.Appendix(f, dash, acc)...); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkOfficialReport1000Tasks: 1,000 tasks, 100 agencies (target ≤ 1 s
// for the .docx and the .xlsx together).
func BenchmarkOfficialReport1000Tasks(b *testing.B) {
	f, acc := bigFacts()
	for b.Loop() {
		officialReport(b, f, acc)
	}
}

// TestLargeOfficialReport composes the benchmark's 1,000-task report once,
// so that a plain test run proves it builds; its speed is the benchmark's
// to measure (docs/PERFORMANCE.md), never a timed test's.
func TestLargeOfficialReport(t *testing.T) {
	f, acc := bigFacts()
	officialReport(t, f, acc)
}
