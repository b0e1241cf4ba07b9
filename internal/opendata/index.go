package opendata

import (
	"net/http"
	"time"
)

// indexView is the transparency page: every published plan's cards.
type indexView struct {
	AsOf  time.Time
	Plans []*planView
}

// serveIndex answers /open/: each active plan's status cards and report
// figures, every number a link to its tasks, with its downloads.
func (h *handler) serveIndex(w http.ResponseWriter, r *http.Request) {
	all, err := h.app.PublishedDashboards(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := &indexView{AsOf: h.app.Today()}
	for i := range all {
		v.Plans = append(v.Plans, newPlanView(&all[i]))
	}
	h.render(w, r, "index", "Công khai tiến độ thực hiện kế hoạch", v)
}
