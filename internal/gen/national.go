package gen

import (
	"context"
	"fmt"
	"strings"

	"tiendo/internal/plan"
	"tiendo/internal/store"
)

// The national programme (Config.National): the Government's action
// programme implementing Resolution 57, as Resolution 03/NQ-CP's appendix
// lists it — here one task per task group and subject (7 × 20 = 140
// tasks, the appendix's size), worded as the national task of what the
// provinces' tasks do. Each province links one task in eight (about the
// size of a province's plan implementing the programme) to the national
// task of the same group and subject, as a coordinator confirming the
// suggestions would.

// subject is a province's task with its group and subject.
type subject struct {
	task          int64
	group, object int
}

// nationalVerbs lead the national tasks of each group.
var nationalVerbs = []string{"Chỉ đạo, hướng dẫn triển khai", "Ban hành cơ chế, chính sách về",
	"Đầu tư phát triển", "Đào tạo, phát triển nhân lực cho", "Đẩy mạnh ứng dụng", "Hỗ trợ doanh nghiệp phát triển",
	"Hợp tác quốc tế về"}

// linkEvery is how sparsely provinces' tasks are linked: one in linkEvery.
const linkEvery = 8

// storeNational stores the national programme and links the provinces'
// tasks to it.
func storeNational(ctx context.Context, s *store.Store, c Config, subjects []subject, res *Result) error {
	first := plan.Date(c.Today.Year()-c.Quarters/4-1, 1, 9)
	d := &plan.Draft{Plan: plan.Plan{Code: "03/NQ-CP", IssuedOn: first, Issuer: "Chính phủ", Level: plan.LevelNational,
		Title:  "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
		Status: plan.PlanActive}}
	d.Sections = append(d.Sections, plan.DraftSection{Section: plan.Section{Kind: plan.KindPart, Number: "II",
		Label: "II", Title: "NHIỆM VỤ, GIẢI PHÁP", HoldsTasks: true}, Parent: -1})
	for g, title := range groups {
		n := fmt.Sprint(g + 1)
		d.Sections = append(d.Sections, plan.DraftSection{Section: plan.Section{Kind: plan.KindGroup, Number: n,
			Label: "II." + n, Title: title, HoldsTasks: true}, Parent: 0})
	}
	for g := range groups {
		for o, obj := range taskObjects {
			year := first.Year() + 1 + (g+o)%6
			d.Tasks = append(d.Tasks, plan.DraftTask{Section: 1 + g, Task: plan.Task{
				Text:    fmt.Sprintf("%s %s trên phạm vi cả nước.", nationalVerbs[g], strings.TrimSuffix(obj, " của tỉnh")),
				Product: products[(g+o)%len(products)],
				Deadline: plan.Deadline{Kind: plan.DeadlineYear, Text: fmt.Sprintf("Năm %d", year),
					Due: plan.Date(year, 12, 31)},
			}})
		}
	}
	if _, err := s.CreatePlan(ctx, 0, d); err != nil {
		return err
	}
	res.NationalTasks = len(d.Tasks)
	var links [][2]int64
	n := 0
	for _, x := range subjects {
		if n%linkEvery == 0 {
			links = append(links, [2]int64{x.task, d.Tasks[x.group*len(taskObjects)+x.object].ID})
		}
		n++
	}
	if err := s.SeedLinks(ctx, 0, links); err != nil {
		return err
	}
	res.Links = len(links)
	return nil
}
