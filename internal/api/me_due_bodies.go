package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// workBodies keeps the JSON of GET /me/due for an agency's head or
// officer with the *reporting.AgencyWork it encodes. The app keeps one
// such value per agency until a write moves what it shows (app's
// mywork_cache.go), and then builds a new one, never changing the old; so
// an encoding kept with the value is right for as long as the app gives
// that value, and once the agency's work was built the deadline's
// commonest read costs the version check and no encoding (issue 21). The
// answer is a function of the value and the reader's role (the value
// carries the agency and the day). Bounded in bytes; past the bound the
// oldest go first.
type workBodies struct {
	mu    sync.Mutex
	m     map[workKey]workBody
	order []workKey
	size  int
}

type workKey struct {
	agency int64
	role   auth.Role
}

type workBody struct {
	w    *reporting.AgencyWork
	body []byte
}

// maxWorkBodies bounds the bytes workBodies keeps: an agency's answer is
// a few KB, so about a thousand agencies'.
const maxWorkBodies = 4 << 20

// encode returns the encoding of view(), which must be the answer for w
// and role, kept with w.
func (c *workBodies) encode(w *reporting.AgencyWork, role auth.Role, view func() any) ([]byte, error) {
	k := workKey{agency: w.AgencyID, role: role}
	c.mu.Lock()
	e, ok := c.m[k]
	c.mu.Unlock()
	if ok && e.w == w {
		return e.body, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as writeJSON writes every other answer
	if err := enc.Encode(view()); err != nil {
		return nil, fmt.Errorf("api: encoding response: %w", err)
	}
	body := buf.Bytes()
	if len(body) > maxWorkBodies/8 {
		return body, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[workKey]workBody{}
	}
	if old, ok := c.m[k]; ok {
		c.size -= len(old.body)
	} else {
		c.order = append(c.order, k)
	}
	c.m[k] = workBody{w: w, body: body}
	c.size += len(body)
	for c.size > maxWorkBodies && len(c.order) > 0 {
		c.size -= len(c.m[c.order[0]].body)
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	return body, nil
}
