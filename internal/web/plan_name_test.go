package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"tiendo/internal/plan"
)

// TestPlanNamedAsPeopleNameIt: a plan registered without its number, its
// title in capitals as the document writes it, is called by what it
// implements on every page that names it — list, plan page, breadcrumbs,
// dashboard, search, the official report's form — never "Kế hoạch #N",
// and its title is shown in sentence case.
func TestPlanNamedAsPeopleNameIt(t *testing.T) {
	var id int64
	a := newApp(t, func(a *app, ctx context.Context) {
		d := &plan.Draft{Plan: plan.Plan{Status: plan.PlanActive, Issuer: "Ủy ban nhân dân tỉnh Cà Mau",
			Title: "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP NGÀY 01/4/2025 CỦA CHÍNH PHỦ TRÊN ĐỊA BÀN TỈNH CÀ MAU"}}
		d.Sections = []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "III", Label: "III", Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}}
		d.Tasks = []plan.DraftTask{{Section: 0, Task: plan.Task{Title: "Số hóa hồ sơ", Text: "Số hóa hồ sơ lưu trữ của tỉnh."}}}
		var err error
		if id, err = a.store.CreatePlan(ctx, 0, d); err != nil {
			t.Fatal(err)
		}
	})
	c := a.as("coordinator")
	const name = "KH thực hiện NQ 71/NQ-CP"
	const title = "Triển khai thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ trên địa bàn tỉnh Cà Mau"
	for path, want := range map[string][]string{
		"/plans":                                    {title},
		fmt.Sprintf("/plans/%d", id):                {"<h1>" + name + "</h1>", title},
		fmt.Sprintf("/plans/%d/dashboard", id):      {name},
		fmt.Sprintf("/plans/%d/ranking", id):        {name},
		fmt.Sprintf("/plans/%d/regime", id):         {name},
		fmt.Sprintf("/search?q=so+hoa&plan=%d", id): {name},
	} {
		r := c.get(path)
		if r.status != 200 {
			t.Errorf("GET %s: %d", path, r.status)
			continue
		}
		for _, w := range want {
			if !strings.Contains(r.body, w) {
				t.Errorf("GET %s lacks %q", path, w)
			}
		}
		if strings.Contains(r.body, "Kế hoạch #") || strings.Contains(r.body, "NGHỊ QUYẾT SỐ 71") {
			t.Errorf("GET %s names the plan by its ID or shouts its title", path)
		}
	}
}
