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
// than to find (issue 21); after a report is sent or returned, only the
// runs holding report figures are encoded again. At most maxDashboardBodies are kept; past that
// the oldest go first.
type dashboardBodies struct {
	mu    sync.Mutex
	m     map[dashboardKey]dashboardBody
	order []dashboardKey
	// encodings counts the dashboards encoded (all or part), for tests.
	encodings int
}

type dashboardKey struct {
	plan, period int64
	day          string
}

type dashboardBody struct {
	d    *figures.Dashboard
	body []byte
	// groups and tail are the encoded runs of the groups and of the
	// indicators, trend, overdue and early warnings (dashboard_view.go),
	// encoded from from's; a later value of the same key whose runs are
	// the same slices — a recount of the reports (figures.RecountReports
	// copies the dashboard and changes only its report figures) — reuses
	// them and encodes the rest. Kept values are never changed, so the
	// same slice is the same content.
	from         *figures.Dashboard
	groups, tail []byte
}

// maxDashboardBodies bounds the dashboards' encodings kept: every
// province's current dashboard on a few days and periods.
const maxDashboardBodies = 128

// encode returns d's encoding (dashboardView), kept with d.
func (c *dashboardBodies) encode(d *figures.Dashboard) ([]byte, error) {
	k := dashboardKey{plan: d.PlanID, period: d.Period.ID, day: d.AsOf.Format(time.DateOnly)}
	c.mu.Lock()
	e, ok := c.m[k]
	c.mu.Unlock()
	if ok && e.d == d {
		return e.body, nil
	}
	n := dashboardBody{d: d, from: d}
	var err error
	if ok && sameRun(e.from.ByGroup, d.ByGroup) && sameRun(e.from.Indicators, d.Indicators) &&
		sameRun(e.from.Trend, d.Trend) && sameRun(e.from.Overdue, d.Overdue) && sameRun(e.from.EarlyWarning, d.EarlyWarning) {
		n.from, n.groups, n.tail = e.from, e.groups, e.tail
	} else {
		if n.groups, err = encodeRun(dashboardGroupsView(d)); err != nil {
			return nil, err
		}
		if n.tail, err = encodeRun(dashboardTailView(d)); err != nil {
			return nil, err
		}
	}
	head, err := encodeRun(dashboardHeadView(d))
	if err != nil {
		return nil, err
	}
	mid, err := encodeRun(dashboardMidView(d))
	if err != nil {
		return nil, err
	}
	n.body = spliceRuns(head, n.groups, mid, n.tail)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.encodings++
	if c.m == nil {
		c.m = map[dashboardKey]dashboardBody{}
	}
	if _, ok := c.m[k]; !ok {
		c.order = append(c.order, k)
	}
	c.m[k] = n
	for len(c.order) > maxDashboardBodies {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	return n.body, nil
}

// sameRun reports whether a and b are the same slice (so, kept values
// being never changed, the same content).
func sameRun[T any](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// encodeRun encodes v, an object of some of a view's fields, as
// writeJSON would.
func encodeRun(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as writeJSON writes every other answer
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("api: encoding response: %w", err)
	}
	return buf.Bytes(), nil
}

// spliceRuns joins encoded objects ("{…}\n", none empty) into one with
// all their fields in order: what encoding/json writes for a struct with
// those fields, byte for byte.
func spliceRuns(runs ...[]byte) []byte {
	n := 2
	for _, r := range runs {
		n += len(r) - 2
	}
	b := make([]byte, 0, n)
	b = append(b, '{')
	for i, r := range runs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, r[1:len(r)-2]...)
	}
	return append(b, '}', '\n')
}
