package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
)

// agencyIDs are the test agencies by short key.
type agencyIDs map[string]int64

// seedAgencies creates a handful of the province's agencies.
func seedAgencies(t testing.TB, s *Store) agencyIDs {
	t.Helper()
	ids := agencyIDs{}
	for _, a := range []struct {
		key string
		a   agency.Agency
	}{
		{"khcn", agency.Agency{Name: "Sở Khoa học và Công nghệ", ShortName: "Sở KH&CN", Kind: agency.KindDepartment}},
		{"tc", agency.Agency{Name: "Sở Tài chính", Kind: agency.KindDepartment}},
		{"mttq", agency.Agency{Name: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", ShortName: "Ủy ban MTTQ Việt Nam tỉnh", Kind: agency.KindOrg}},
		{"xa", agency.Agency{Name: "UBND xã An Xuyên", Kind: agency.KindCommune}},
	} {
		a.a.Aliases = nil
		must(t, s.CreateAgency(context.Background(), 0, &a.a))
		ids[a.key] = a.a.ID
	}
	return ids
}

// sampleDraft is a small plan shaped like the reference plan: parts I, III
// (with groups and sub-groups holding tasks) and VI.
func sampleDraft(ag agencyIDs) *plan.Draft {
	return &plan.Draft{
		Plan: plan.Plan{
			Code: "99/KH-UBND", IssuedOn: plan.Date(2025, 5, 20), Issuer: "UBND tỉnh Cà Mau",
			Title: "Triển khai thực hiện Nghị quyết số 71/NQ-CP", Status: plan.PlanActive,
			Replaces: "60/KH-UBND", ReportingRule: "Định kỳ hằng quý, trước ngày 10 tháng cuối quý",
		},
		Sections: []plan.DraftSection{
			{Section: plan.Section{Kind: plan.KindPart, Number: "I", Label: "I", Title: "MỤC ĐÍCH, YÊU CẦU", Body: "Quán triệt.\nTriển khai."}, Parent: -1},
			{Section: plan.Section{Kind: plan.KindPart, Number: "III", Label: "III", Title: "NHIỆM VỤ VÀ GIẢI PHÁP", HoldsTasks: true}, Parent: -1},
			{Section: plan.Section{Kind: plan.KindGroup, Number: "1", Label: "III.1", Title: "Nâng cao nhận thức", HoldsTasks: true}, Parent: 1},
			{Section: plan.Section{Kind: plan.KindGroup, Number: "2", Label: "III.2", Title: "Hoàn thiện thể chế", HoldsTasks: true}, Parent: 1},
			{Section: plan.Section{Kind: plan.KindSubgroup, Number: "2.1", Label: "III.2.1", Title: "Cơ chế", HoldsTasks: true}, Parent: 3},
			{Section: plan.Section{Kind: plan.KindSubgroup, Number: "2.2", Label: "III.2.2", Title: "Dữ liệu", HoldsTasks: true}, Parent: 3},
			{Section: plan.Section{Kind: plan.KindPart, Number: "VI", Label: "VI", Title: "TỔ CHỨC THỰC HIỆN"}, Parent: -1},
		},
		Tasks: []plan.DraftTask{
			{Section: 2, Task: plan.Task{
				Title: "Quán triệt Nghị quyết", Text: "Tổ chức quán triệt Nghị quyết số 71/NQ-CP về chuyển đổi số.",
				LeadAgencyID: ag["khcn"], CooperatingAgencyIDs: []int64{ag["tc"]}, MentionedAgencyIDs: []int64{ag["mttq"]},
				Deadline: plan.Deadline{Kind: plan.DeadlineQuarter, Text: "Quý II/2025", Due: plan.Date(2025, 6, 30)},
				Product:  "Hội nghị quán triệt",
				References: []plan.Reference{
					{Kind: "Nghị quyết", Number: "71/NQ-CP", IssuerCode: "CP", IssuedOn: plan.Date(2025, 4, 1), Text: "Nghị quyết số 71/NQ-CP ngày 01/4/2025"},
					{Kind: "Nghị quyết", Number: "57-NQ/TW", IssuerCode: "TW", Text: "Nghị quyết số 57-NQ/TW"},
				},
			}},
			{Section: 2, Task: plan.Task{
				Title: "Đầu tư hạ tầng số", Text: "Đầu tư hạ tầng số cho các xã.",
				LeadAgencyID: ag["tc"], CooperatingAgencyIDs: []int64{ag["xa"], ag["khcn"]},
				Deadline: plan.Deadline{Kind: plan.DeadlineYear, Text: "năm 2025", Due: plan.Date(2025, 12, 31)},
				Product:  "Hệ thống hạ tầng",
			}},
			{Section: 4, Task: plan.Task{
				Title: "Rà soát văn bản", Text: "Rà soát văn bản theo Quyết định số 1132/QĐ-TTg.",
				LeadAgencyID: ag["khcn"],
				Deadline:     plan.Deadline{Kind: plan.DeadlineContinuous, Text: "Thường xuyên"},
				References: []plan.Reference{
					{Kind: "Quyết định", Number: "1132/QĐ-TTg", IssuerCode: "TTg", IssuedOn: plan.Date(2024, 10, 9), Text: "Quyết định số 1132/QĐ-TTg ngày 09/10/2024"},
					{Kind: "Nghị quyết", Number: "71/NQ-CP", Text: "Nghị quyết số 71/NQ-CP"},
				},
			}},
			{Section: 5, Task: plan.Task{
				Title: "Cơ sở dữ liệu", Text: "Xây dựng cơ sở dữ liệu khoa học.",
				Deadline: plan.Deadline{Kind: plan.DeadlineRange, Text: "2025-2026", Start: plan.Date(2025, 1, 1), Due: plan.Date(2026, 12, 31)},
			}},
		},
		References: []plan.Reference{
			{Kind: "Nghị quyết", Number: "71/NQ-CP", Text: "Nghị quyết số 71/NQ-CP ngày 01/4/2025"},
			{Kind: "Kế hoạch", Number: "60/KH-UBND", IssuerCode: "UBND", IssuedOn: plan.Date(2025, 2, 25), Text: "Kế hoạch số 60/KH-UBND ngày 25/02/2025"},
		},
	}
}

// seedPlan stores the sample plan and returns its (filled) draft.
func seedPlan(t testing.TB, s *Store, ag agencyIDs) *plan.Draft {
	t.Helper()
	d := sampleDraft(ag)
	_, err := s.CreatePlan(context.Background(), 0, d)
	must(t, err)
	return d
}

// taskIDs lists the IDs of tasks, in order.
func taskIDs(tasks []plan.Task) []int64 {
	ids := make([]int64, len(tasks))
	for i, t := range tasks {
		ids[i] = t.ID
	}
	return ids
}

// bigDraft is a plan of n tasks in 7 groups under part III, with due dates
// spread over two years from start (every tenth task has none) and, when
// agencies are given, a lead and two cooperating agencies on each task.
func bigDraft(n int, start time.Time, agencies ...int64) *plan.Draft {
	d := &plan.Draft{Plan: plan.Plan{Title: fmt.Sprintf("Kế hoạch %d nhiệm vụ", n)}}
	d.Sections = append(d.Sections, plan.DraftSection{
		Section: plan.Section{Kind: plan.KindPart, Number: "III", Label: "III", Title: "NHIỆM VỤ VÀ GIẢI PHÁP", HoldsTasks: true}, Parent: -1})
	for g := 1; g <= 7; g++ {
		d.Sections = append(d.Sections, plan.DraftSection{Section: plan.Section{Kind: plan.KindGroup,
			Number: fmt.Sprint(g), Label: fmt.Sprintf("III.%d", g), Title: fmt.Sprintf("Nhóm %d", g), HoldsTasks: true}, Parent: 0})
	}
	for i := range n {
		tk := plan.Task{
			Title: fmt.Sprintf("Nhiệm vụ %d", i+1),
			Text:  fmt.Sprintf("Nhiệm vụ số %d: đẩy mạnh chuyển đổi số, đầu tư hạ tầng và phát triển khoa học công nghệ.", i+1),
		}
		if i%10 != 9 {
			due := start.AddDate(0, 0, (i*37)%730)
			tk.Deadline = plan.Deadline{Kind: plan.DeadlineDate, Text: vntextDate(due), Due: due}
		} else {
			tk.Deadline = plan.Deadline{Kind: plan.DeadlineContinuous, Text: "Thường xuyên"}
		}
		if k := len(agencies); k > 0 {
			tk.LeadAgencyID = agencies[i%k]
			tk.CooperatingAgencyIDs = uniqueIDs([]int64{agencies[(i+1)%k], agencies[(i+2)%k]})
		}
		// Sections are filled in document order: group g holds a block of tasks.
		d.Tasks = append(d.Tasks, plan.DraftTask{Task: tk, Section: 1 + i*7/max(n, 1)})
	}
	return d
}

func vntextDate(t time.Time) string { return t.Format("2/1/2006") }
