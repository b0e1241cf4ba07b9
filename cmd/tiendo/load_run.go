package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// loader runs one load.
type loader struct {
	base   string
	client *http.Client
	agents []*agent
	coord  string // a coordinator's token: returns submitted reports so that their agency writes on
	// national is the national programme the provinces' plans link to
	// (tiendo gen --national), whose roll-up the deadline mix reads; 0
	// when the database has none.
	national int64
	// bodies holds the buffers answers are read into (drain).
	bodies sync.Pool
}

// agent is one agency's head: its token, its plan, and the report and
// tasks it writes.
type agent struct {
	token  string
	plan   int64
	report int64
	tasks  []int64

	mu    sync.Mutex
	blank map[int64]bool   // entries without a status yet: written first, and the report cannot be sent before
	last  map[int64]string // the acknowledged result text of each task's entry
	// later holds, per task, what was sent after the last acknowledged
	// write without an answer (cut off by the end of the run): it may or
	// may not have landed, and either is right.
	later map[int64][]string
	sent  bool   // the report is submitted (acknowledged): the next write turn returns it
	state string // the state the last acknowledged step left the report in; "" before any
	// unsure is set when a submit or return got no answer or an error:
	// the state read back may be either.
	unsure bool
}

// loadResult is what --json prints (the contract other tools read).
type loadResult struct {
	Mix          string  `json:"mix"`
	RPS          float64 `json:"rps"`
	P50          float64 `json:"p50_ms"`
	P95          float64 `json:"p95_ms"`
	P99          float64 `json:"p99_ms"`
	Errors       int     `json:"errors"`
	Acknowledged int     `json:"acknowledged"`
	Lost         int     `json:"lost"`
	kinds        []kindStats
}

type kindStats struct {
	name          string
	n, errors     int
	p50, p95, p99 float64
}

// sample is one request's kind, latency and outcome.
type sample struct {
	kind string
	d    time.Duration
	ok   bool
}

// writeKinds are the kinds that change data.
var writeKinds = []string{"write", "submit", "return"}

// findWork finds the agent's own report open for editing in the latest
// period ("Việc của tôi" lists them), its plan, and the tasks it covers;
// an agency with nothing to write only reads its plan (the first it sees).
func (l *loader) findWork(ctx context.Context, a *agent) error {
	type dueReport struct {
		ReportID int64 `json:"report_id"`
		PlanID   int64 `json:"plan_id"`
		Period   struct{ Start string }
	}
	var due struct{ Reports []dueReport }
	if err := l.getJSON(ctx, a.token, "/api/v1/me/due", &due); err != nil {
		return err
	}
	slices.SortStableFunc(due.Reports, func(x, y dueReport) int { return strings.Compare(y.Period.Start, x.Period.Start) })
	for _, r := range due.Reports {
		var rep struct {
			AllowedActions []string `json:"allowed_actions"`
			Entries        []struct {
				TaskID int64  `json:"task_id"`
				Status string `json:"status"`
			}
		}
		if err := l.getJSON(ctx, a.token, fmt.Sprintf("/api/v1/reports/%d", r.ReportID), &rep); err != nil {
			return err
		}
		if slices.Contains(rep.AllowedActions, "edit") && len(rep.Entries) > 0 {
			a.plan, a.report = r.PlanID, r.ReportID
			a.blank, a.last, a.later = map[int64]bool{}, map[int64]string{}, map[int64][]string{}
			for _, e := range rep.Entries {
				a.tasks = append(a.tasks, e.TaskID)
				if e.Status == "" {
					a.blank[e.TaskID] = true
				}
			}
			return nil
		}
	}
	var plans struct{ Items []struct{ ID int64 } }
	if err := l.getJSON(ctx, a.token, "/api/v1/plans", &plans); err != nil {
		return err
	}
	if len(plans.Items) == 0 {
		return fmt.Errorf("no plan on %s", l.base)
	}
	a.plan = plans.Items[0].ID
	return nil // this agency only reads
}

// run loads for d with conc clients and summarises.
func (l *loader) run(ctx context.Context, mix string, d time.Duration, conc int) loadResult {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	out := make(chan []sample, conc)
	start := time.Now()
	for w := range conc {
		go func() {
			var got []sample
			rng := rand.New(rand.NewPCG(uint64(w), uint64(start.UnixNano())))
			for i := 0; ctx.Err() == nil; i++ {
				got = append(got, l.one(ctx, mix, w, i, rng))
			}
			out <- got
		}()
	}
	var all []sample
	for range conc {
		all = append(all, <-out...)
	}
	elapsed := time.Since(start)
	// Requests cut by the end of the run are not errors of the server.
	all = slices.DeleteFunc(all, func(s sample) bool { return s.kind == "" })
	res := loadResult{Mix: mix, RPS: float64(len(all)) / elapsed.Seconds()}
	byKind := map[string][]sample{}
	var lat []time.Duration
	for _, s := range all {
		lat = append(lat, s.d)
		byKind[s.kind] = append(byKind[s.kind], s)
		if !s.ok {
			res.Errors++
		} else if slices.Contains(writeKinds, s.kind) {
			res.Acknowledged++
		}
	}
	res.P50, res.P95, res.P99 = quantiles(lat)
	for _, k := range []string{"health", "plan", "dashboard", "national", "rollup", "tasks", "mywork", "write", "submit", "return"} {
		list := byKind[k]
		if len(list) == 0 {
			continue
		}
		ks := kindStats{name: k, n: len(list)}
		var l []time.Duration
		for _, s := range list {
			l = append(l, s.d)
			if !s.ok {
				ks.errors++
			}
		}
		ks.p50, ks.p95, ks.p99 = quantiles(l)
		res.kinds = append(res.kinds, ks)
	}
	return res
}

// one makes one request of the mix; a request the run's end cut off
// returns a sample without kind. Of the deadline mix, 20 % are writes by
// agencies with an open report — entries (blank ones first), and, once
// every entry has a status, now and then the head's submit, which the
// coordinator then returns so that the agency writes on — and 80 % reads:
// the plan's dashboard, the national rollup, the national programme's
// roll-up by upstream task (when there is one), the open tasks by due date
// and "Việc của tôi".
func (l *loader) one(ctx context.Context, mix string, w, i int, rng *rand.Rand) sample {
	switch mix {
	case "bare":
		return l.do(ctx, "health", "", "GET", "/healthz", nil)
	case "read":
		a := l.agents[0]
		return l.do(ctx, "plan", a.token, "GET", fmt.Sprintf("/api/v1/plans/%d", a.plan), nil)
	}
	a := l.agents[w%len(l.agents)]
	// Writes go to the report of the client's own agency, one client per
	// agency (w < len(agents)), so each entry's last acknowledged write is
	// the one stored.
	x := rng.IntN(100)
	if x < 20 && a.report != 0 && w < len(l.agents) {
		return l.write(ctx, a, w, i, rng)
	}
	switch {
	case x < 45:
		return l.do(ctx, "dashboard", a.token, "GET", fmt.Sprintf("/api/v1/plans/%d/dashboard", a.plan), nil)
	case x < 50:
		return l.do(ctx, "national", a.token, "GET", "/api/v1/dashboard", nil)
	case x < 55 && l.national != 0:
		// The programme's roll-up: the whole country's, or the agent's
		// own province's part of it, half and half.
		path := fmt.Sprintf("/api/v1/plans/%d/rollup", l.national)
		if i%2 == 1 {
			path += fmt.Sprintf("?plan=%d", a.plan)
		}
		return l.do(ctx, "rollup", a.token, "GET", path, nil)
	case x < 75:
		return l.do(ctx, "tasks", a.token, "GET", fmt.Sprintf("/api/v1/plans/%d/tasks?status=open&sort=due&limit=50", a.plan), nil)
	}
	return l.do(ctx, "mywork", a.token, "GET", "/api/v1/me/due", nil)
}

// write is one write turn of agent a: return its sent report (as the
// coordinator), send it (one turn in ten once no entry is blank), or write
// an entry.
func (l *loader) write(ctx context.Context, a *agent, w, i int, rng *rand.Rand) sample {
	switch {
	case a.sent && l.coord != "":
		body, _ := json.Marshal(map[string]any{"reason": "Thử tải: đề nghị bổ sung minh chứng."})
		s := l.do(ctx, "return", l.coord, "POST", fmt.Sprintf("/api/v1/reports/%d/return", a.report), body)
		a.step(s, false, "returned")
		return s
	case !a.sent && len(a.blank) == 0 && rng.IntN(10) == 0 && l.coord != "":
		s := l.do(ctx, "submit", a.token, "POST", fmt.Sprintf("/api/v1/reports/%d/submit", a.report), []byte("{}"))
		a.step(s, true, "submitted")
		return s
	}
	task := a.tasks[rng.IntN(len(a.tasks))]
	for t := range a.blank {
		task = t
		break
	}
	text := fmt.Sprintf("Kết quả ghi thử tải %d-%d lúc %s", w, i, time.Now().Format("15:04:05.000"))
	body, _ := json.Marshal(map[string]any{"status": "in_progress", "percent": rng.IntN(100), "result": text})
	s := l.do(ctx, "write", a.token, "PUT", fmt.Sprintf("/api/v1/reports/%d/entries/%d", a.report, task), body)
	a.mu.Lock()
	if s.ok {
		a.last[task], a.later[task] = text, nil
		delete(a.blank, task)
	} else {
		a.later[task] = append(a.later[task], text)
	}
	a.mu.Unlock()
	return s
}

// step records the outcome of a submit or a return.
func (a *agent) step(s sample, sent bool, state string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case s.ok:
		a.sent, a.state, a.unsure = sent, state, false
	default:
		// Cut off by the end of the run, or failed: an error may come
		// after the change was stored (the database lost between its
		// commit and the answer), so the state is no longer known.
		a.unsure = true
	}
}

// do sends one request and times it.
func (l *loader) do(ctx context.Context, kind, token, method, path string, body []byte) sample {
	req, err := http.NewRequestWithContext(ctx, method, l.base+path, bytes.NewReader(body))
	if err != nil {
		return sample{kind: kind}
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	res, err := l.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return sample{}
		}
		return sample{kind: kind, d: time.Since(start)}
	}
	l.drain(res.Body)
	res.Body.Close()
	return sample{kind: kind, d: time.Since(start), ok: res.StatusCode < 300}
}

// drainBuffer is the size of the buffer an answer is read into: a
// national-size plan's dashboard (about 120 KB) in one or two reads.
const drainBuffer = 256 << 10

// drain reads body to its end. The load shares the machine with the server
// it times, so it reads in large pieces: io.Copy into io.Discard reads
// 8 KB at a time, and the deadline mix's answers (most of them dashboards
// of 50–120 KB) cost the load 17 read calls a request — CPU taken from the
// server under test (issue 21).
func (l *loader) drain(body io.Reader) {
	buf, _ := l.bodies.Get().(*[]byte)
	if buf == nil {
		b := make([]byte, drainBuffer)
		buf = &b
	}
	for {
		if _, err := body.Read(*buf); err != nil {
			break
		}
	}
	l.bodies.Put(buf)
}

// verify reads back every entry a write was acknowledged for and counts
// those whose result is not the last acknowledged text.
func (l *loader) verify(ctx context.Context) (lost int) {
	for _, a := range l.agents {
		if a.report == 0 || len(a.last) == 0 && a.state == "" {
			continue
		}
		var rep struct {
			State   string `json:"state"`
			Entries []struct {
				TaskID int64  `json:"task_id"`
				Result string `json:"result"`
			}
		}
		if err := l.getJSON(ctx, a.token, fmt.Sprintf("/api/v1/reports/%d", a.report), &rep); err != nil {
			return len(a.last)
		}
		if a.state != "" && !a.unsure && rep.State != a.state {
			lost++ // an acknowledged submit or return not stored
		}
		stored := map[int64]string{}
		for _, e := range rep.Entries {
			stored[e.TaskID] = e.Result
		}
		for task, text := range a.last {
			if stored[task] != text && !slices.Contains(a.later[task], stored[task]) {
				lost++
			}
		}
	}
	return lost
}

func (l *loader) getJSON(ctx context.Context, token, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, "GET", l.base+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := l.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, res.Status)
	}
	return json.NewDecoder(res.Body).Decode(v)
}

// quantiles returns p50, p95 and p99 in milliseconds.
func quantiles(d []time.Duration) (p50, p95, p99 float64) {
	if len(d) == 0 {
		return 0, 0, 0
	}
	slices.Sort(d)
	q := func(p float64) float64 {
		return float64(d[min(len(d)-1, int(p*float64(len(d))))].Microseconds()) / 1000
	}
	return q(.50), q(.95), q(.99)
}
