package gen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
	"tiendo/internal/store"
)

// province is one generated province: its agencies, then (once they have
// IDs) its plan and reports.
type province struct {
	c        Config
	i        int
	name     string // "tỉnh Cà Mau"
	code     string // "cm"
	rng      *rand.Rand
	agencies []agency.Agency // [0] UBND tỉnh, then departments, then communes
	tasks    int
	// subjects are the group and subject of each task stored, which the
	// national programme links by (national.go).
	subjects []subject
	y0       int       // the year of the first quarter
	first    time.Time // the first quarter's first day
}

func newProvince(c Config, i int) *province {
	p := &province{c: c, i: i, name: provinces[i].name, code: provinces[i].code,
		rng: rand.New(rand.NewPCG(c.Seed, uint64(i)+1)), tasks: share(c.Tasks, c.Provinces, i)}
	today := clock.DateOf(c.Today)
	q := (int(today.Month())-1)/3 - (c.Quarters - 1)
	y := today.Year() + floorDiv(q, 4)
	p.y0, p.first = y, time.Date(y, time.Month(mod(q, 4)*3+1), 1, 0, 0, 0, 0, time.UTC)
	p.makeAgencies(share(c.Agencies, c.Provinces, i))
	return p
}

// makeAgencies names the province's n agencies.
func (p *province) makeAgencies(n int) {
	p.agencies = append(p.agencies, agency.Agency{Name: "Ủy ban nhân dân " + p.name, ShortName: "UBND " + p.code,
		Kind: agency.KindProvince})
	for _, d := range departments {
		p.agencies = append(p.agencies, agency.Agency{Name: d.name + " " + p.name, ShortName: d.short,
			Kind: agency.Kind(d.kind)})
	}
	names := p.rng.Perm(len(communeFirst) * len(communeSecond))
	for k := 0; len(p.agencies) < n; k++ {
		x := names[k]
		commune := communeFirst[x/len(communeSecond)] + " " + communeSecond[x%len(communeSecond)]
		level := "xã"
		if p.rng.IntN(4) == 0 {
			level = "phường"
		}
		p.agencies = append(p.agencies, agency.Agency{Name: fmt.Sprintf("Ủy ban nhân dân %s %s, %s", level, commune, p.name),
			ShortName: "UBND " + level + " " + commune, Kind: agency.KindCommune})
	}
}

// store writes the province: agencies, accounts, plan, indicators,
// periods and reports.
func (p *province) store(ctx context.Context, s *store.Store, hash string, res *Result) error {
	for k := range p.agencies {
		a := &p.agencies[k]
		if k > 0 {
			a.ParentID = p.agencies[0].ID
		}
		if err := s.CreateAgency(ctx, 0, a); err != nil {
			return err
		}
	}
	res.Agencies += len(p.agencies)
	users := p.users()
	if err := s.SeedUsers(ctx, 0, users, hash); err != nil {
		return err
	}
	res.Users += len(users)
	staff := map[int64][2]int64{} // agency → head, officer
	var coordinator int64
	for _, u := range users {
		x := staff[u.AgencyID]
		switch u.Role {
		case auth.RoleHead:
			x[0] = u.ID
		case auth.RoleOfficer:
			x[1] = u.ID
		case auth.RoleCoordinator:
			coordinator = u.ID
		}
		staff[u.AgencyID] = x
	}
	d := p.draft()
	planID, err := s.CreatePlan(ctx, 0, d)
	if err != nil {
		return err
	}
	res.Plans++
	res.Tasks += len(d.Tasks)
	for k := range d.Tasks {
		p.subjects[k].task = d.Tasks[k].ID
	}
	inds := p.indicators(planID)
	for k := range inds {
		if err := s.CreateIndicator(ctx, 0, &inds[k]); err != nil {
			return err
		}
	}
	res.Indicators += len(inds)
	periods, err := s.EnsurePeriods(ctx, 0, planID)
	if err != nil {
		return err
	}
	res.Periods += len(periods)
	tasks := make([]plan.Task, len(d.Tasks))
	for k := range d.Tasks {
		tasks[k] = d.Tasks[k].Task
	}
	sim := newSimulation(p, tasks, inds, periods, staff, coordinator)
	reports := sim.run()
	if err := s.SeedReports(ctx, 0, planID, reports); err != nil {
		return err
	}
	res.Reports += len(reports)
	for _, r := range reports {
		res.Entries += len(r.Entries)
		res.Values += len(r.Values)
	}
	return nil
}

// users are the province's coordinator (at the Sở KH&CN), its leader (at
// the UBND tỉnh), and a head and an officer for every other agency.
func (p *province) users() []auth.User {
	list := []auth.User{
		{Username: "dieuphoi." + p.code, FullName: p.person(), Role: auth.RoleCoordinator, AgencyID: p.agencies[1].ID},
		{Username: "lanhdao." + p.code, FullName: p.person(), Role: auth.RoleLeader, AgencyID: p.agencies[0].ID},
	}
	for k := 1; k < len(p.agencies); k++ {
		id := p.agencies[k].ID
		list = append(list,
			auth.User{Username: fmt.Sprintf("ld.%s.%03d", p.code, k), FullName: p.person(), Role: auth.RoleHead, AgencyID: id},
			auth.User{Username: fmt.Sprintf("cv.%s.%03d", p.code, k), FullName: p.person(), Role: auth.RoleOfficer, AgencyID: id})
	}
	return list
}

var (
	surnames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Dương", "Lý"}
	middles  = []string{"Văn", "Thị", "Minh", "Thanh", "Hoàng", "Ngọc", "Quốc", "Thu", "Đức", "Hữu"}
	given    = []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khánh", "Lan",
		"Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Vy", "Yến"}
)

func (p *province) person() string {
	return surnames[p.rng.IntN(len(surnames))] + " " + middles[p.rng.IntN(len(middles))] + " " + given[p.rng.IntN(len(given))]
}

// draft is the province's plan: parts I–IV, the task groups of part III
// and its tasks, each with a lead, perhaps cooperating agencies, a
// deadline in one of the plan's forms and an expected product.
func (p *province) draft() *plan.Draft {
	issued := p.first.AddDate(0, 0, 3+p.rng.IntN(60))
	d := &plan.Draft{Plan: plan.Plan{
		Code: fmt.Sprintf("%d/KH-UBND", 101+p.i*3), IssuedOn: issued, Issuer: "Ủy ban nhân dân " + p.name,
		Title:  fmt.Sprintf("Thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên địa bàn %s", p.name),
		Status: plan.PlanActive,
		ReportingRule: "Định kỳ hằng quý (trước ngày 10 của tháng cuối quý), các cơ quan, đơn vị báo cáo kết quả thực hiện " +
			"gửi Sở Khoa học và Công nghệ để tổng hợp, báo cáo Ủy ban nhân dân.",
	}}
	part := func(number, title, body string, holds bool) int {
		d.Sections = append(d.Sections, plan.DraftSection{Section: plan.Section{Kind: plan.KindPart, Number: number,
			Label: number, Title: title, Body: body, HoldsTasks: holds}, Parent: -1})
		return len(d.Sections) - 1
	}
	part("I", "MỤC ĐÍCH, YÊU CẦU", "Quán triệt và triển khai kịp thời, hiệu quả Nghị quyết số 57-NQ/TW trên địa bàn "+p.name+".", false)
	part("II", "MỤC TIÊU", "Đến năm 2030, khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trở thành động lực phát triển chính.", false)
	iii := part("III", "NHIỆM VỤ, GIẢI PHÁP", "", true)
	first := len(d.Sections)
	for g, title := range groups {
		n := fmt.Sprint(g + 1)
		d.Sections = append(d.Sections, plan.DraftSection{Section: plan.Section{Kind: plan.KindGroup, Number: n,
			Label: "III." + n, Title: title, HoldsTasks: true}, Parent: iii})
	}
	part("IV", "TỔ CHỨC THỰC HIỆN", d.Plan.ReportingRule, false)
	for k := range p.tasks {
		t, obj := p.task()
		d.Tasks = append(d.Tasks, plan.DraftTask{Task: t, Section: first + k%len(groups)})
		p.subjects = append(p.subjects, subject{group: k % len(groups), object: obj})
	}
	return d
}

// task makes one task and says its subject (an index of taskObjects).
func (p *province) task() (plan.Task, int) {
	r := p.rng
	verb, o := taskVerbs[r.IntN(len(taskVerbs))], r.IntN(len(taskObjects))
	obj := taskObjects[o]
	t := plan.Task{
		Title:   verb + " " + obj,
		Text:    verb + " " + obj + ", " + taskPurposes[r.IntN(len(taskPurposes))] + ".",
		Product: products[r.IntN(len(products))],
	}
	// Two in three tasks are led by a department, the rest by a commune.
	nd := len(departments)
	if r.IntN(3) < 2 || len(p.agencies) == 1+nd {
		t.LeadAgencyID = p.agencies[1+r.IntN(nd)].ID
	} else {
		t.LeadAgencyID = p.agencies[1+nd+r.IntN(len(p.agencies)-1-nd)].ID
	}
	for range r.IntN(3) {
		if id := p.agencies[1+r.IntN(nd)].ID; id != t.LeadAgencyID && !contains(t.CooperatingAgencyIDs, id) {
			t.CooperatingAgencyIDs = append(t.CooperatingAgencyIDs, id)
		}
	}
	dl, err := plan.ParseDeadline(p.deadlineText())
	if err != nil {
		panic(err) // the forms below are the parser's; a failure is a programming error
	}
	t.Deadline = dl
	return t, o
}

// deadlineText writes a thời hạn in one of the forms plans use, with due
// days spread over the plan's years.
func (p *province) deadlineText() string {
	r := p.rng
	year := p.y0 + 1 + r.IntN(9)
	switch x := r.IntN(100); {
	case x < 20:
		m := 1 + r.IntN(12)
		return fmt.Sprintf("%d/%d/%d", monthEnd(year, m), m, year)
	case x < 25:
		return fmt.Sprintf("Tháng %d/%d", 1+r.IntN(12), year)
	case x < 40:
		return fmt.Sprintf("Quý %s/%d", []string{"I", "II", "III", "IV"}[r.IntN(4)], year)
	case x < 48:
		return fmt.Sprintf("6 tháng %s năm %d", []string{"đầu", "cuối"}[r.IntN(2)], year)
	case x < 70:
		return fmt.Sprintf("Năm %d", year)
	case x < 80:
		a := p.y0 + r.IntN(5)
		return fmt.Sprintf("Giai đoạn %d - %d", a, a+2+r.IntN(3))
	case x < 88:
		return []string{"Hằng năm", "Hằng quý"}[r.IntN(2)]
	}
	return "Thường xuyên"
}

// indicators are the plan's chỉ tiêu, each answered for by a department,
// with a target for every year of the plan.
func (p *province) indicators(planID int64) []indicator.Indicator {
	var list []indicator.Indicator
	for _, x := range indicators {
		base := x.baseline
		ind := indicator.Indicator{PlanID: planID, Code: x.code, Name: x.name, Unit: x.unit,
			Direction: indicator.Increase, Aggregation: indicator.Aggregation(x.rule), Baseline: &base,
			BaselineYr: p.y0 - 1, Targets: map[int]float64{}, AgencyID: p.agencies[1+p.rng.IntN(len(departments))].ID}
		for y := range 10 {
			ind.Targets[p.y0+y] = targetOf(x.unit, x.target+x.step*float64(y))
		}
		list = append(list, ind)
	}
	return list
}

// targetOf caps a percentage at 100.
func targetOf(unit string, v float64) float64 {
	if unit == "%" && v > 100 {
		return 100
	}
	return v
}

// Code is the short code of province i ("hn" for Hà Nội), which the
// generated usernames carry.
func Code(i int) string { return provinces[i].code }

func monthEnd(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func mod(a, b int) int { return a - floorDiv(a, b)*b }

func contains(list []int64, id int64) bool {
	for _, x := range list {
		if x == id {
			return true
		}
	}
	return false
}
