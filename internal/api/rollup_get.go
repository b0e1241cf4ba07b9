package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/rollup"
)

// rollupJSON is the body of GET /plans/{id}/rollup: the upstream plan's
// tasks in the period with the tasks linked to each.
type rollupJSON struct {
	PlanID  int64              `json:"plan_id"`
	Period  periodJSON         `json:"period"`
	AsOf    string             `json:"asof"`
	Items   []rollupItemJSON   `json:"items"`
	Total   int                `json:"total"`
	Counts  map[string]int     `json:"status_counts"`
	Linked  map[string]int     `json:"linked_counts"`
	Plans   []rollupPlanJSON   `json:"plans"`
	Senders []rollupSenderJSON `json:"senders"`
}

// rollupItemJSON is one upstream task.
type rollupItemJSON struct {
	UpstreamTaskID int64              `json:"upstream_task_id"`
	Number         int                `json:"number"`
	Title          string             `json:"title"`
	Status         string             `json:"status"`
	StatusLabel    string             `json:"status_label"`
	Progress       int                `json:"progress"`
	Linked         []rollupLinkedJSON `json:"linked"`
}

// rollupLinkedJSON is one task linked to an upstream task: of a plan on
// this instance (source null), or received in a package (plan_id null;
// task_id and agency_id are the sender's).
type rollupLinkedJSON struct {
	PlanID       *int64            `json:"plan_id"`
	TaskID       int64             `json:"task_id"`
	AgencyID     *int64            `json:"agency_id"`
	Status       string            `json:"status"`
	Progress     int               `json:"progress"`
	Result       string            `json:"result"`
	ResultPeriod string            `json:"result_period"`
	Number       int               `json:"number"`
	Title        string            `json:"title"`
	PlanCode     string            `json:"plan_code"`
	Agency       string            `json:"agency"`
	OverdueDays  int               `json:"overdue_days"`
	Source       *rollupSourceJSON `json:"source"`
}

// rollupSourceJSON names the package a linked task came in.
type rollupSourceJSON struct {
	PackageID int64  `json:"package_id"`
	Sender    string `json:"sender"`
	AsOf      string `json:"asof"`
}

// rollupPlanJSON is a plan on this instance with linked tasks, and the
// period of its own its tasks were judged in.
type rollupPlanJSON struct {
	PlanID int64      `json:"plan_id"`
	Code   string     `json:"code"`
	Title  string     `json:"title"`
	Issuer string     `json:"issuer"`
	Level  string     `json:"level"`
	Period periodJSON `json:"period"`
	Linked int        `json:"linked"`
}

// rollupSenderJSON is a package in the roll-up.
type rollupSenderJSON struct {
	PackageID int64  `json:"package_id"`
	Sender    string `json:"sender"`
	AsOf      string `json:"asof"`
	CreatedAt string `json:"created_at"`
	Linked    int    `json:"linked"`
}

// rollupGet answers GET /plans/{id}/rollup: the roll-up of an upstream
// plan for its period period= (default: the one its dashboard shows
// today); filters plan= (one plan's part: a province's own view),
// package=, agency= (one lead agency's), upstream_task=, status= (the
// upstream tasks of one computed status); limit (1–1000, default all) and
// offset page the items.
func (a *api) rollupGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	fe := map[string]string{}
	period := queryID(q, "period", fe)
	f := app.RollupFilter{PlanID: queryID(q, "plan", fe), PackageID: queryID(q, "package", fe),
		AgencyID: queryID(q, "agency", fe), UpstreamTaskID: queryID(q, "upstream_task", fe)}
	f.Status = plan.Status(q.Get("status"))
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > app.MaxRollupLimit {
			fe["limit"] = fmt.Sprintf("limit phải là số nguyên từ 1 đến %d.", app.MaxRollupLimit)
		}
		f.Limit = n
	}
	if s := q.Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			fe["offset"] = "offset phải là số nguyên không âm."
		}
		f.Offset = n
	}
	if len(fe) > 0 {
		return badRequest(fe, "Tham số truy vấn không hợp lệ; xem từng tham số.")
	}
	x, err := a.app.Rollup(r.Context(), u, id, period, f)
	if err != nil {
		return err
	}
	// The answer is a function of x.Version and the query: an ETag for
	// clients that poll, and the encoded body kept for the next reader
	// (a national roll-up is megabytes of JSON; encoding it again for
	// every reader cost more than computing it).
	etag := fmt.Sprintf(`"rollup-%s-%d-%d-%d-%d-%d-%s-%d-%d"`, x.Version, x.Period.ID, f.PlanID, f.PackageID, f.AgencyID,
		f.UpstreamTaskID, f.Status, f.Limit, f.Offset)
	w.Header().Set("ETag", etag)
	if match := r.Header.Get("If-None-Match"); match != "" && match == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	body, ok := a.rollups.get(etag)
	if !ok {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // as writeJSON writes every other answer
		if err := enc.Encode(rollupView(x)); err != nil {
			return fmt.Errorf("api: encoding the roll-up: %w", err)
		}
		body = b.Bytes()
		a.rollups.put(etag, body)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
	return nil
}

// bodyCache keeps encoded bodies by key, up to max bytes in all
// (maxBodyCache when 0); past that the oldest go first. The zero value is
// ready to use.
type bodyCache struct {
	max   int
	mu    sync.Mutex
	m     map[string][]byte
	order []string
	size  int
}

// maxBodyCache bounds the bytes bodyCache keeps: a national roll-up and
// every province's part, a few times over.
const maxBodyCache = 32 << 20

// maxTaskPages bounds the task list pages kept: a page of 50 tasks is
// about 40 KB, so a few hundred pages — every province's first pages in
// each order — within the 200 MB the server is to keep to.
const maxTaskPages = 8 << 20

func (c *bodyCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[key]
	return b, ok
}

func (c *bodyCache) put(key string, b []byte) {
	limit := c.max
	if limit == 0 {
		limit = maxBodyCache
	}
	if len(b) > limit/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string][]byte{}
	}
	if _, ok := c.m[key]; ok {
		return
	}
	c.m[key] = b
	c.order = append(c.order, key)
	c.size += len(b)
	for c.size > limit && len(c.order) > 0 {
		old := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.m[old])
		delete(c.m, old)
	}
}

func rollupView(x *app.Rollup) *rollupJSON {
	out := &rollupJSON{PlanID: x.Plan.ID, Period: periodView(&x.Period), AsOf: day(x.AsOf), Items: make([]rollupItemJSON, len(x.Items)),
		Total: x.Total, Counts: map[string]int{}, Linked: map[string]int{}, Plans: []rollupPlanJSON{}, Senders: []rollupSenderJSON{}}
	for _, s := range rollup.Statuses {
		out.Counts[string(s)] = x.Counts[s]
		if s != rollup.NotLinked {
			out.Linked[string(s)] = x.Linked[s]
		}
	}
	codes := make(map[int64]string, len(x.Plans))
	for _, p := range x.Plans {
		codes[p.Plan.ID] = p.Plan.Code
	}
	for i := range x.Items {
		it := &x.Items[i]
		j := rollupItemJSON{UpstreamTaskID: it.UpstreamTaskID, Number: it.Number, Title: it.Title, Status: string(it.Status),
			StatusLabel: rollup.StatusLabel(it.Status), Progress: it.Progress, Linked: make([]rollupLinkedJSON, len(it.Linked))}
		for k := range it.Linked {
			j.Linked[k] = linkedView(x, codes, &it.Linked[k])
		}
		out.Items[i] = j
	}
	for _, p := range x.Plans {
		out.Plans = append(out.Plans, rollupPlanJSON{PlanID: p.Plan.ID, Code: p.Plan.Code, Title: p.Plan.Title, Issuer: p.Plan.Issuer,
			Level: string(p.Plan.Level), Period: periodView(&p.Period), Linked: p.Linked})
	}
	for _, s := range x.Senders {
		out.Senders = append(out.Senders, rollupSenderJSON{PackageID: s.PackageID, Sender: s.Name, AsOf: day(s.AsOf),
			CreatedAt: s.CreatedAt.UTC().Format("2006-01-02T15:04:05Z07:00"), Linked: s.Linked})
	}
	return out
}

func linkedView(x *app.Rollup, codes map[int64]string, l *rollup.Linked) rollupLinkedJSON {
	j := rollupLinkedJSON{TaskID: l.TaskID, Status: string(l.Status), Progress: l.Progress, Result: l.Result,
		ResultPeriod: l.ResultPeriod, Number: l.Number, Title: l.Title, OverdueDays: l.OverdueDays}
	if l.AgencyID != 0 {
		id := l.AgencyID
		j.AgencyID = &id
	}
	if l.Remote() {
		j.PlanCode, j.Agency = l.PlanCode, l.AgencyName
		j.Source = &rollupSourceJSON{PackageID: l.PackageID, Sender: l.Sender, AsOf: day(l.AsOf)}
		return j
	}
	pid := l.PlanID
	j.PlanID = &pid
	j.Agency, j.PlanCode = x.AgencyNames[l.AgencyID], codes[l.PlanID]
	return j
}
