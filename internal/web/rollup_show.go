package web

import (
	"net/http"
	"net/url"
	"strconv"

	"tiendo/internal/app"
	"tiendo/internal/plan"
	"tiendo/internal/rollup"
	"tiendo/internal/vntext"
)

// The roll-up dashboard of an upstream plan: each of its tasks with the
// status the rule computes from the tasks linked to it, drilling down to
// one upstream task (rollup_task.go), to one plan's part (a province's own
// view) and to one agency's.

// rollupView is the roll-up page.
type rollupView struct {
	R        *app.Rollup
	Query    string // the filter as a query string ("?period=3&plan=7"), for links
	Statuses []rollupCount
	Rows     []rollupRow
	PlanName string // the plan filtered on; "" for all
	Agency   string // the agency filtered on
	Sender   string // the package filtered on
	CanSend  bool
	Linked   int
	Next     string // the next page's link; "" on the last
	Prev     string
	Ended    bool   // the period ended before today: judged on its last day
	Status   string // the status filtered on
	All      string // the page without the status filter
}

// rollupCount is one status with how many upstream tasks have it, and
// the link that keeps only them.
type rollupCount struct {
	Code    string
	Label   string
	Class   string
	N       int
	Href    string
	Current bool
}

// rollupRow is one upstream task's line.
type rollupRow struct {
	Item   *rollup.Item
	Href   string
	Label  string
	Class  string
	Done   int
	Open   int // in progress or due soon
	Late   int // overdue
	Idle   int // not started, paused, cancelled
	Places int // plans or packages with a linked task
	Segs   []barSeg
}

// barSeg is one part of a row's bar: its share of the linked tasks, out of 100.
type barSeg struct {
	Class string
	X, W  float64
}

// rollupShow shows the roll-up of plan {id} for period= (default: today's),
// narrowed by plan=, agency=, package=.
func (h *handler) rollupShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := app.RollupFilter{PlanID: formID(q.Get("plan")), AgencyID: formID(q.Get("agency")), PackageID: formID(q.Get("package")),
		Limit: 200, Offset: int(formID(q.Get("offset"))), Status: plan.Status(q.Get("status"))}
	x, err := h.app.Rollup(r.Context(), h.user(r), id, formID(q.Get("period")), f)
	if err != nil {
		return err
	}
	v := &rollupView{R: x, Query: rollupQuery(x), CanSend: canEdit(r), Ended: x.Period.End.Before(x.AsOf), Status: string(f.Status)}
	base := "/plans/" + strconv.FormatInt(id, 10) + "/rollup" + v.Query
	v.All = base
	v.PlanName, v.Agency, v.Sender = x.PlanNames[f.PlanID], x.AgencyNames[f.AgencyID], senderName(x, f.PackageID)
	for _, p := range x.Plans {
		if p.Plan.ID == f.PlanID && p.Plan.Issuer != "" {
			v.PlanName = p.Plan.Issuer + " (" + p.Plan.Code + ")"
		}
	}
	for _, s := range rollup.Statuses {
		if n := x.Counts[s]; n > 0 || s == rollup.NotLinked {
			v.Statuses = append(v.Statuses, rollupCount{Code: string(s), Label: rollup.StatusLabel(s), Class: rollupClass(s), N: n,
				Href: base + "&status=" + string(s), Current: s == f.Status})
		}
	}
	for _, n := range x.Linked {
		v.Linked += n
	}
	for i := range x.Items {
		it := &x.Items[i]
		row := rollupRow{Item: it, Label: rollup.StatusLabel(it.Status), Class: rollupClass(it.Status),
			Href: "/plans/" + strconv.FormatInt(id, 10) + "/rollup/tasks/" + strconv.FormatInt(it.UpstreamTaskID, 10) + v.Query}
		places := map[[2]int64]bool{}
		for _, l := range it.Linked {
			switch l.Status {
			case plan.StatusDoneOnTime, plan.StatusDoneLate:
				row.Done++
			case plan.StatusInProgress, plan.StatusDueSoon:
				row.Open++
			case plan.StatusOverdue:
				row.Late++
			default:
				row.Idle++
			}
			places[[2]int64{l.PlanID, l.PackageID}] = true
		}
		row.Places = len(places)
		pos := 0.0
		for _, seg := range []struct {
			class string
			n     int
		}{{"done", row.Done}, {"open", row.Open}, {"late", row.Late}, {"idle", row.Idle}} {
			if seg.n == 0 {
				continue
			}
			w := float64(seg.n) * 100 / float64(len(it.Linked))
			row.Segs = append(row.Segs, barSeg{Class: seg.class, X: pos, W: w})
			pos += w
		}
		v.Rows = append(v.Rows, row)
	}
	if end := f.Offset + len(x.Items); end < x.Total {
		v.Next = pageLink(r.URL, end)
	}
	if f.Offset > 0 {
		v.Prev = pageLink(r.URL, max(0, f.Offset-f.Limit))
	}
	return h.render(w, r, http.StatusOK, "rollup", &page{Title: "Tổng hợp theo nhiệm vụ cấp trên", Nav: "plans", PlanID: id, Data: v})
}

// rollupQuery is the roll-up's period and filter as a query string, so
// that drilling down keeps them.
func rollupQuery(x *app.Rollup) string {
	q := url.Values{}
	q.Set("period", strconv.FormatInt(x.Period.ID, 10))
	for k, id := range map[string]int64{"plan": x.Filter.PlanID, "agency": x.Filter.AgencyID, "package": x.Filter.PackageID} {
		if id != 0 {
			q.Set(k, strconv.FormatInt(id, 10))
		}
	}
	return "?" + q.Encode()
}

// pageLink is u with offset set.
func pageLink(u *url.URL, offset int) string {
	q := u.Query()
	q.Set("offset", strconv.Itoa(offset))
	return u.Path + "?" + q.Encode()
}

// senderName names package id of the roll-up; "" when none.
func senderName(x *app.Rollup, id int64) string {
	for _, s := range x.Senders {
		if s.PackageID == id {
			return s.Name
		}
	}
	return ""
}

// rollupClass is the badge class of a roll-up status (grey when not linked).
func rollupClass(s plan.Status) string {
	if s == rollup.NotLinked {
		return "badge badge-grey badge-outline"
	}
	return statusClass(s)
}

// rollupTaskView is the drill-down of one upstream task.
type rollupTaskView struct {
	R      *app.Rollup
	Item   *rollup.Item
	Label  string
	Class  string
	Query  string
	Back   string
	Groups []*rollupGroup
}

// rollupGroup is one plan's (or one package's) tasks linked to it.
type rollupGroup struct {
	Title  string // the plan's number and issuer, or the sender's name
	Sub    string // the period the plan's tasks were judged in, or the package's day
	Href   string // the part's own view
	Remote bool
	Rows   []rollupLinkedRow
}

// rollupLinkedRow is one linked task.
type rollupLinkedRow struct {
	L          *rollup.Linked
	Label      string
	Class      string
	Agency     string
	AgencyHref string
	TaskHref   string
}

// rollupTask shows one upstream task of the roll-up with every task linked
// to it, by plan (or package), each with its agency, status, progress and
// latest accepted result.
func (h *handler) rollupTask(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	task, err := strconv.ParseInt(r.PathValue("task"), 10, 64)
	if err != nil || task <= 0 {
		return errNotFound
	}
	q := r.URL.Query()
	f := app.RollupFilter{PlanID: formID(q.Get("plan")), AgencyID: formID(q.Get("agency")), PackageID: formID(q.Get("package")),
		UpstreamTaskID: task}
	x, err := h.app.Rollup(r.Context(), h.user(r), id, formID(q.Get("period")), f)
	if err != nil {
		return err
	}
	if len(x.Items) != 1 {
		return errNotFound
	}
	it := &x.Items[0]
	base := "/plans/" + strconv.FormatInt(id, 10) + "/rollup"
	period := "?period=" + strconv.FormatInt(x.Period.ID, 10)
	v := &rollupTaskView{R: x, Item: it, Label: rollup.StatusLabel(it.Status), Class: rollupClass(it.Status), Query: rollupQuery(x),
		Back: base + rollupQuery(x)}
	plans := map[int64]app.RollupPlan{}
	for _, p := range x.Plans {
		plans[p.Plan.ID] = p
	}
	byKey := map[[2]int64]*rollupGroup{}
	for i := range it.Linked {
		l := &it.Linked[i]
		k := [2]int64{l.PlanID, l.PackageID}
		g := byKey[k]
		if g == nil {
			g = &rollupGroup{Remote: l.Remote()}
			if l.Remote() {
				g.Title, g.Sub = l.Sender, "Gói số liệu, tính đến "+vntext.FormatDate(l.AsOf)
				g.Href = base + period + "&package=" + strconv.FormatInt(l.PackageID, 10)
			} else {
				p := plans[l.PlanID]
				g.Title, g.Sub = p.Plan.Issuer, p.Plan.Code+" · "+p.Period.Label
				if g.Title == "" {
					g.Title, g.Sub = x.PlanNames[l.PlanID], p.Period.Label
				}
				g.Href = base + period + "&plan=" + strconv.FormatInt(l.PlanID, 10)
			}
			v.Groups = append(v.Groups, g)
			byKey[k] = g
		}
		row := rollupLinkedRow{L: l, Label: l.Status.Label(), Class: statusClass(l.Status)}
		if l.Remote() {
			row.Agency = l.AgencyName
		} else {
			row.Agency = x.AgencyNames[l.AgencyID]
			row.TaskHref = "/tasks/" + strconv.FormatInt(l.TaskID, 10)
			if l.AgencyID != 0 {
				row.AgencyHref = base + "/tasks/" + strconv.FormatInt(task, 10) + period + "&agency=" + strconv.FormatInt(l.AgencyID, 10)
			}
		}
		g.Rows = append(g.Rows, row)
	}
	return h.render(w, r, http.StatusOK, "rollup_task", &page{Title: "Nhiệm vụ cấp trên số " + strconv.Itoa(it.Number), Nav: "plans", PlanID: id, Data: v})
}
