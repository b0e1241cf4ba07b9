package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
)

// encodedCache keeps the JSON encoding of values the figure cache shares
// (figcache: a kept dashboard is one *figures.Dashboard, given to every
// reader until a write moves its plan's versions, and then replaced by a
// new value, never changed). Keyed by the value itself, an encoding is
// right for as long as the value is asked for; the deadline's commonest
// read, a province's dashboard, cost more to encode than to find
// (issue 21). Holding at most max entries — a reference keeps its value
// alive, so the bound is what this adds to memory — the oldest go first.
type encodedCache[K comparable] struct {
	max   int
	mu    sync.Mutex
	m     map[K][]byte
	order []K
}

// maxEncodedDashboards bounds the kept dashboards' encodings: every
// province's current dashboard, with room (tens of kilobytes each).
const maxEncodedDashboards = 128

// encode returns the encoding of view(k), kept under k.
func (c *encodedCache[K]) encode(k K, view func() any) ([]byte, error) {
	c.mu.Lock()
	b, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as writeJSON writes every other answer
	if err := enc.Encode(view()); err != nil {
		return nil, fmt.Errorf("api: encoding response: %w", err)
	}
	b = buf.Bytes()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[K][]byte{}
	}
	if _, ok := c.m[k]; !ok {
		c.m[k] = b
		c.order = append(c.order, k)
		for len(c.order) > c.max {
			delete(c.m, c.order[0])
			c.order = c.order[1:]
		}
	}
	return b, nil
}
