package app

import (
	"slices"
	"sync"
	"time"

	"tiendo/internal/reporting"
)

// "Việc của tôi" kept (issue 21). An agency's work is a pure function of
// the day and of stored rows that move three kinds of counter by trigger,
// in the writing transaction: every plan's facts version (a task given to
// the agency in any plan, a plan's status, periods or regime, a report
// made or deleted), the counter plan_names (any plan's number or title:
// migration 00031; no figure reads them) and the agency's own counter
// (its reports' state, revision, submission and return: 00031). So
// the built answer is kept per agency under the day and those counters,
// read in one query (store.AgencyWorkVersion), and a reader of an agency
// whose rows did not move gets the kept answer instead of the reports'
// and tasks' reads, the periods of each plan and the building. A report
// sent by another agency of the same plan moves nothing here; a draft
// saved moves nothing at all. Nothing is kept on time: what is kept was
// read after the counters it is kept under, so it is right for every
// later reader that reads the same counters (and on an instance whose
// rows another instance changed: the counters are in the database).

// maxKeptWorkBytes bounds what the kept work may take, estimated
// (workSize): a national agency's work is a few KB, so about a thousand
// agencies' within the 200 MB the server is to keep to.
const maxKeptWorkBytes = 4 << 20

// workCache keeps each agency's latest built work. The zero value is ready
// to use.
type workCache struct {
	mu   sync.Mutex
	m    map[int64]*keptWork
	size int
}

// keptWork is one agency's work and what it was built at.
type keptWork struct {
	day      time.Time
	versions []int64
	work     *reporting.AgencyWork
	size     int
}

// get returns the agency's work kept at (day, versions), or nil.
func (c *workCache) get(agencyID int64, day time.Time, versions []int64) *reporting.AgencyWork {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := c.m[agencyID]
	if k == nil || !k.day.Equal(day) || !slices.Equal(k.versions, versions) {
		return nil
	}
	return k.work
}

// put keeps w as the agency's work at (day, versions), in place of what
// was kept for it; past the bound, other agencies' work goes (any).
func (c *workCache) put(agencyID int64, day time.Time, versions []int64, w *reporting.AgencyWork) {
	k := &keptWork{day: day, versions: versions, work: w, size: workSize(w, versions)}
	if k.size > maxKeptWorkBytes/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[int64]*keptWork{}
	}
	if old := c.m[agencyID]; old != nil {
		c.size -= old.size
	}
	c.m[agencyID] = k
	c.size += k.size
	for id, old := range c.m {
		if c.size <= maxKeptWorkBytes {
			break
		}
		if id != agencyID {
			c.size -= old.size
			delete(c.m, id)
		}
	}
}

// workSize estimates the bytes w and its key take.
func workSize(w *reporting.AgencyWork, versions []int64) int {
	n := 256 + 8*len(versions)
	for _, list := range [][]reporting.DueReport{w.Due, w.Returned, w.Waiting} {
		for i := range list {
			d := &list[i]
			n += 400 + len(d.PlanCode) + len(d.PlanTitle) + len(d.ReturnReason) + len(d.Period.Label)
		}
	}
	for i := range w.Tasks {
		t := &w.Tasks[i]
		n += 300 + len(t.PlanCode) + len(t.Title) + len(t.Deadline.Text) + len(t.Period)
	}
	return n
}
