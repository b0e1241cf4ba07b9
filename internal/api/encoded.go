package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"tiendo/internal/figures"
)

// dashboardBodies keeps the JSON encoding of the dashboards the figure
// cache shares (figcache: a kept dashboard is one *figures.Dashboard,
// given to every reader until a write moves its plan's versions, and then
// replaced by a new value, never changed). An encoding is kept with the
// value it encodes, one per plan, period and day: right for as long as
// the figure cache gives that value, and replaced with the next. The
// deadline's commonest read, a province's dashboard, cost more to encode
// than to find (issue 21). At most maxDashboardBodies are kept; past that
// the oldest go first.
type dashboardBodies struct {
	mu    sync.Mutex
	m     map[dashboardKey]dashboardBody
	order []dashboardKey
}

type dashboardKey struct {
	plan, period int64
	day          string
}

type dashboardBody struct {
	d    *figures.Dashboard
	body []byte
}

// maxDashboardBodies bounds the dashboards' encodings kept: every
// province's current dashboard on a few days and periods.
const maxDashboardBodies = 128

// encode returns the encoding of view(d), kept with d.
func (c *dashboardBodies) encode(d *figures.Dashboard, view func() any) ([]byte, error) {
	k := dashboardKey{plan: d.PlanID, period: d.Period.ID, day: d.AsOf.Format(time.DateOnly)}
	c.mu.Lock()
	e, ok := c.m[k]
	c.mu.Unlock()
	if ok && e.d == d {
		return e.body, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as writeJSON writes every other answer
	if err := enc.Encode(view()); err != nil {
		return nil, fmt.Errorf("api: encoding response: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[dashboardKey]dashboardBody{}
	}
	if _, ok := c.m[k]; !ok {
		c.order = append(c.order, k)
	}
	c.m[k] = dashboardBody{d: d, body: buf.Bytes()}
	for len(c.order) > maxDashboardBodies {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	return buf.Bytes(), nil
}
