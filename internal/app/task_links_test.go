package app_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/rollup"
)

// TestTaskLinkRules links tasks up and refuses what the rules refuse, each
// refusal leaving the links as they were; the history says who did what.
func TestTaskLinkRules(t *testing.T) {
	f := newRollupFix(t)
	ctx := context.Background()
	if _, err := f.app.SetTaskLinks(ctx, f.head, f.task1, []int64{f.u1}, rollup.HowManual); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a head links: %v", err)
	}
	// Many to many: task1 implements u1 and u2; b1 implements u1 too.
	x, err := f.app.SetTaskLinks(ctx, f.coordinator, f.task1, []int64{f.u1, f.u2, f.u1}, rollup.HowManual)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Current) != 2 || x.Current[0].Number == 0 || x.Current[0].Plan.ID != f.national || x.Current[0].By != "dieuphoi" {
		t.Errorf("task1's links: %+v", x.Current)
	}
	f.link(t, f.b1, f.u1)
	up, err := f.app.TaskLinks(ctx, f.leader, f.u1)
	if err != nil || len(up.Downstream) != 2 {
		t.Errorf("u1 is implemented by %+v (%v), want task1 and b1", up, err)
	}
	refused := func(name string, task int64, ups []int64, field, words string) {
		t.Helper()
		before, _ := f.app.TaskLinks(ctx, f.leader, task)
		_, err := f.app.SetTaskLinks(ctx, f.coordinator, task, ups, rollup.HowManual)
		if msg := derrors.FieldsOf(err)[field]; msg == "" || !strings.Contains(msg, words) {
			t.Errorf("%s: %v, want %q in %s", name, err, words, field)
		}
		after, _ := f.app.TaskLinks(ctx, f.leader, task)
		if len(before.History) != len(after.History) {
			t.Errorf("%s changed the links", name)
		}
	}
	refused("same plan", f.task1, []int64{f.u1, f.task2}, "upstream_task_ids", "chính kế hoạch")
	refused("down a level", f.u4, []int64{f.b2}, "upstream_task_ids", "thấp hơn")
	refused("unknown task", f.task1, []int64{999999}, "upstream_task_ids", "Không có nhiệm vụ")
	refused("too many", f.task1, make([]int64, 51), "upstream_task_ids", "tối đa 50")
	// Two provinces' plans at the same level: B may implement A's, then A not B's.
	f.link(t, f.b2, f.t3)
	refused("a cycle", f.task2, []int64{f.b1}, "upstream_task_ids", "lẫn nhau")
	f.link(t, f.b2) // unlinks
	// A removed upstream task takes no new links; the old ones stay.
	if err := f.app.AmendPlan(ctx, f.coordinator, &plan.Amendment{PlanID: f.national, Number: "1/NQ-CP", Effective: plan.Date(2025, 8, 1)},
		nil, nil, []int64{f.u2}); err != nil {
		t.Fatal(err)
	}
	refused("removed upstream", f.task2, []int64{f.u2}, "upstream_task_ids", "bãi bỏ")
	x, _ = f.app.TaskLinks(ctx, f.leader, f.task1)
	if len(x.Current) != 2 {
		t.Errorf("task1 lost a link to a removed task: %+v", x.Current)
	}
	// Unlinking is history, not deletion.
	x, err = f.app.SetTaskLinks(ctx, f.coordinator, f.task1, []int64{f.u1}, rollup.HowManual)
	if err != nil {
		t.Fatal(err)
	}
	var made, ended int
	for _, e := range x.History {
		if e.Linked {
			made++
		} else {
			ended++
		}
		if e.By != "dieuphoi" || e.At.IsZero() || e.UpstreamTitle == "" {
			t.Errorf("history event %+v", e)
		}
	}
	if len(x.Current) != 1 || made != 2 || ended != 1 {
		t.Errorf("after unlinking u2: %d current, %d made, %d ended", len(x.Current), made, ended)
	}
	// Suggestions by text: b1 ("cơ sở dữ liệu khoa học, công nghệ của tỉnh") finds u1 first.
	s, err := f.app.SuggestLinks(ctx, f.coordinator, f.b1, f.national)
	if err != nil || len(s) == 0 || s[0].TaskID != f.u1 || s[0].Percent() < 15 {
		t.Errorf("suggestions for b1: %+v, %v", s, err)
	}
	// Levels: the national plan was read as such from its issuer; a level can be set.
	p, _ := f.app.Plan(ctx, f.national)
	if p.Level != plan.LevelNational {
		t.Errorf("03/NQ-CP is %s", p.Level)
	}
	if err := f.app.SetPlanLevel(ctx, f.coordinator, f.planB, "district", ""); derrors.FieldsOf(err)["level"] == "" {
		t.Errorf("a district plan: %v", err)
	}
	if err := f.app.SetPlanLevel(ctx, f.coordinator, f.planB, plan.LevelCommune, "UBND xã Tân Phú"); err != nil {
		t.Fatal(err)
	}
	// A commune's plan may implement a province's; a province's may not implement a commune's.
	f.link(t, f.b2, f.t3)
	refused("province under commune", f.task2, []int64{f.b1}, "upstream_task_ids", "thấp hơn")
}

// TestPlanLinksPage reads a plan's tasks with their suggestions and
// confirms some, as the coordinator's links page does.
func TestPlanLinksPage(t *testing.T) {
	f := newRollupFix(t)
	ctx := context.Background()
	x, err := f.app.PlanLinks(ctx, f.coordinator, f.planB, 0, app.PlanLinksFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if x.Upstream == nil || len(x.Rows) != 2 || x.Total != 2 {
		t.Fatalf("Bạc Liêu's links page: %+v", x)
	}
	// The national programme comes first among the plans to link to.
	if x.Upstreams[0].ID != f.national {
		t.Errorf("first upstream plan %d, want the national programme %d", x.Upstreams[0].ID, f.national)
	}
	if x.Upstream.ID != f.national {
		t.Fatalf("upstream shown %d", x.Upstream.ID)
	}
	sets := map[int64][]int64{}
	for _, r := range x.Rows {
		if len(r.Suggested) == 0 {
			t.Errorf("task %d has no suggestion", r.Task.ID)
			continue
		}
		sets[r.Task.ID] = []int64{r.Suggested[0].TaskID}
	}
	diffs, err := f.app.SavePlanLinks(ctx, f.coordinator, f.planB, f.national, sets)
	if err != nil || len(diffs) != 2 {
		t.Fatalf("confirm: %+v, %v", diffs, err)
	}
	x, _ = f.app.PlanLinks(ctx, f.coordinator, f.planB, f.national, app.PlanLinksFilter{Unlinked: true})
	if x.Total != 0 || x.Counts[f.national] != 2 {
		t.Errorf("after confirming: %d unlinked, counts %v", x.Total, x.Counts)
	}
	if _, err := f.app.SavePlanLinks(ctx, f.coordinator, f.planB, f.national, map[int64][]int64{f.task1: {f.u1}}); derrors.FieldsOf(err)["task"] == "" {
		t.Errorf("another plan's task on the page: %v", err)
	}
	if _, err := f.app.PlanLinks(ctx, f.coordinator, f.national, f.planB, app.PlanLinksFilter{}); derrors.FieldsOf(err)["upstream"] == "" {
		t.Errorf("the national programme linking down: %v", err)
	}
}

// sheet makes a link sheet with rows of (STT, upstream STTs).
func sheet(t *testing.T, rows ...[2]string) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	s := x.GetSheetName(0)
	x.SetSheetRow(s, "A1", &[]any{"BẢNG LIÊN KẾT"})
	x.SetSheetRow(s, "A3", &[]any{"STT", "Nhiệm vụ", "STT nhiệm vụ cấp trên", "Nhiệm vụ cấp trên"})
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, 4+i)
		x.SetSheetRow(s, cell, &[]any{r[0], "…", r[1], "…"})
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestLinkSheet previews and applies a bulk link sheet; any bad row and
// nothing is stored.
func TestLinkSheet(t *testing.T) {
	f := newRollupFix(t)
	ctx := context.Background()
	f.link(t, f.t3, f.u4)
	count := func() int {
		x, _ := f.app.PlanLinks(ctx, f.coordinator, f.plan, f.national, app.PlanLinksFilter{})
		return x.Counts[f.national]
	}
	// Cà Mau's tasks by STT: task1 1, task2 2, t3 3, a4 4; national u1…u5 are 1…5.
	bad := sheet(t, [2]string{"1", "2"}, [2]string{"9", "1"}, [2]string{"2", "1; 8"}, [2]string{"x", "1"})
	x, err := f.app.LinkSheet(ctx, f.coordinator, f.plan, f.national, bad, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Errors) != 3 || x.Applied || count() != 1 {
		t.Errorf("a bad sheet: %+v, %d links stored", x.Errors, count())
	}
	for _, e := range x.Errors {
		if e.Line == 0 || e.Message == "" {
			t.Errorf("error without its row: %+v", e)
		}
	}
	good := sheet(t, [2]string{"1", "2"}, [2]string{"2", "1"}, [2]string{"3", "3"}, [2]string{"4", "5"}, [2]string{"2", "3"})
	pre, err := f.app.LinkSheet(ctx, f.coordinator, f.plan, f.national, good, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(pre.Errors) != 0 || len(pre.Changes) != 4 || pre.Named != 4 || pre.Applied || count() != 1 {
		t.Fatalf("preview: %+v; %d links stored", pre, count())
	}
	for _, c := range pre.Changes {
		if c.Number == 3 && (len(c.Added) != 1 || c.Added[0].Number != 3 || len(c.Removed) != 1 || c.Removed[0].Number != 4) {
			t.Errorf("t3's change: %+v", c)
		}
		if c.Number == 2 && len(c.Added) != 2 {
			t.Errorf("task2 named twice: %+v", c)
		}
	}
	done, err := f.app.LinkSheet(ctx, f.coordinator, f.plan, f.national, good, true)
	if err != nil || !done.Applied || count() != 4 {
		t.Fatalf("apply: %+v, %v; %d tasks linked", done, err, count())
	}
	again, _ := f.app.LinkSheet(ctx, f.coordinator, f.plan, f.national, good, true)
	if len(again.Changes) != 0 || again.Unchanged != 4 {
		t.Errorf("the same sheet again: %+v", again)
	}
	if _, err := f.app.LinkSheet(ctx, f.coordinator, f.plan, f.national, []byte("not a sheet"), false); derrors.FieldsOf(err)["file"] == "" {
		t.Errorf("not a sheet: %v", err)
	}
	tpl, err := f.app.LinkSheetTemplate(ctx, f.leader, f.plan, f.national)
	if err != nil || len(tpl.Rows) != 4 || len(tpl.UpstreamTasks) != 5 || len(tpl.Rows[1].Upstream) != 2 {
		t.Errorf("template: %+v, %v", tpl, err)
	}
}

// TestLinksSurviveReplacement replaces Bạc Liêu's plan by a new one that
// carries b1 on: the new task implements u1, and the roll-up counts it
// instead of the replaced plan's.
func TestLinksSurviveReplacement(t *testing.T) {
	f := newRollupFix(t)
	ctx := context.Background()
	f.link(t, f.b1, f.u1)
	f.link(t, f.b2, f.u3)
	d := &plan.Draft{Plan: plan.Plan{Code: "20/KH-UBND", Issuer: "Ủy ban nhân dân tỉnh Bạc Liêu", Title: "Kế hoạch mới",
		IssuedOn: plan.Date(2025, 8, 1), Status: plan.PlanActive},
		Sections: []plan.DraftSection{{Section: plan.Section{Kind: plan.KindPart, Number: "I", Label: "I", Title: "NHIỆM VỤ", HoldsTasks: true}, Parent: -1}},
		Tasks: []plan.DraftTask{{Task: plan.Task{Text: "Xây dựng cơ sở dữ liệu khoa học của tỉnh (tiếp).", LeadAgencyID: f.khcnB,
			Deadline: plan.Deadline{Kind: plan.DeadlineDate, Text: "31/12/2026", Due: plan.Date(2026, 12, 31)}}}}}
	newPlan, err := f.store.CreatePlan(ctx, 0, d)
	if err != nil {
		t.Fatal(err)
	}
	nb1 := d.Tasks[0].ID
	if _, err := f.app.ReplacePlan(ctx, f.coordinator, newPlan, f.planB, map[int64]int64{f.b1: nb1}, false); err != nil {
		t.Fatal(err)
	}
	x, err := f.app.TaskLinks(ctx, f.leader, nb1)
	if err != nil || len(x.Current) != 1 || x.Current[0].UpstreamTaskID != f.u1 || x.Current[0].How != rollup.HowCarry {
		t.Fatalf("the carried task's links: %+v, %v", x, err)
	}
	r, err := f.app.Rollup(ctx, f.leader, f.national, 0, app.RollupFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range r.Items {
		for _, l := range it.Linked {
			if l.TaskID == f.b1 || l.TaskID == f.b2 {
				t.Errorf("the replaced plan's unfinished task %d still counts under %d", l.TaskID, it.UpstreamTaskID)
			}
		}
		if it.UpstreamTaskID == f.u1 && (len(it.Linked) != 1 || it.Linked[0].TaskID != nb1) {
			t.Errorf("u1 lists %+v, want the carried task", it.Linked)
		}
	}
	// The replaced plan's links are history now: no new link from it.
	if _, err := f.app.SetTaskLinks(ctx, f.coordinator, f.b2, []int64{f.u1}, rollup.HowManual); !errors.Is(err, derrors.ReadOnly) {
		t.Errorf("linking a replaced plan's task: %v", err)
	}
}

// TestIndicatorLinks links Cà Mau's indicator to the national one its
// name suggests, refuses a link down a level, unlinks, and keeps the
// history.
func TestIndicatorLinks(t *testing.T) {
	f := newRollupFix(t)
	ctx := context.Background()
	mk := func(planID int64, code, name, unit string) int64 {
		t.Helper()
		ind := &indicator.Indicator{PlanID: planID, Code: code, Name: name, Unit: unit, Direction: indicator.Increase,
			Aggregation: indicator.Sum}
		if err := f.store.CreateIndicator(ctx, 0, ind); err != nil {
			t.Fatal(err)
		}
		return ind.ID
	}
	own := mk(f.plan, "CT01", "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình của tỉnh", "%")
	other := mk(f.planB, "CT01", "Số doanh nghiệp khởi nghiệp", "doanh nghiệp")
	up := mk(f.national, "QG05", "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình", "%")
	mk(f.national, "QG09", "Số tổ công nghệ số cộng đồng", "tổ")
	x, err := f.app.IndicatorLinks(ctx, f.leader, f.plan, f.national)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Rows) != 1 || x.Rows[0].Suggested == nil || x.Rows[0].Suggested.ID != up || len(x.Choices) != 2 {
		t.Fatalf("indicator links page: %+v", x)
	}
	if err := f.app.SetIndicatorLinks(ctx, f.head, f.plan, map[int64]int64{own: up}, rollup.HowManual); !errors.Is(err, derrors.Forbidden) {
		t.Errorf("a head links an indicator: %v", err)
	}
	if err := f.app.SetIndicatorLinks(ctx, f.coordinator, f.plan, map[int64]int64{other: up}, rollup.HowManual); derrors.FieldsOf(err)["indicator"] == "" {
		t.Errorf("another plan's indicator: %v", err)
	}
	if err := f.app.SetIndicatorLinks(ctx, f.coordinator, f.plan, map[int64]int64{own: up}, rollup.HowSuggestion); err != nil {
		t.Fatal(err)
	}
	if err := f.app.SetIndicatorLinks(ctx, f.coordinator, f.plan, map[int64]int64{own: up}, rollup.HowManual); err != nil {
		t.Fatal(err) // the same link again changes nothing
	}
	// The national indicator may not feed a province's.
	if err := f.app.SetIndicatorLinks(ctx, f.coordinator, f.national, map[int64]int64{up: own}, rollup.HowManual); !strings.Contains(derrors.MessageOf(err), "thấp hơn") {
		t.Errorf("linking down a level: %v", err)
	}
	if err := f.app.SetIndicatorLinks(ctx, f.coordinator, f.plan, map[int64]int64{own: 0}, rollup.HowManual); err != nil {
		t.Fatal(err)
	}
	x, _ = f.app.IndicatorLinks(ctx, f.leader, f.plan, f.national)
	if r := x.Rows[0]; r.Current != nil || len(r.History) != 2 || r.History[0].By != "dieuphoi" || !r.History[0].Linked {
		t.Errorf("after unlinking: %+v", r)
	}
}
