package web

import (
	"net/http"
	"strconv"
)

// auditList shows the audit log, newest first, filtered by who acted, their
// agency, the object and the days, a page at a time (keyset paging on id,
// so a page costs the same however deep).
func (h *handler) auditList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f, problem := readAuditFilter(r)
	p := &auditPage{Filter: f, Form: r.URL.Query(), Problem: problem}
	var err error
	if p.Users, err = h.store.Users(ctx); err != nil {
		return err
	}
	if p.Agencies, err = h.store.Agencies(ctx); err != nil {
		return err
	}
	if p.Objects, err = h.store.AuditObjects(ctx); err != nil {
		return err
	}
	status := http.StatusOK
	if problem != "" {
		status = http.StatusUnprocessableEntity
	} else {
		f.Limit = auditPageSize + 1
		if p.Rows, err = h.store.AuditSearch(ctx, f); err != nil {
			return err
		}
		q := auditQuery(p.Form)
		p.Export = "/audit.xlsx?" + q.Encode()
		if len(p.Rows) > auditPageSize {
			p.Rows = p.Rows[:auditPageSize]
			q.Set("before", strconv.FormatInt(p.Rows[auditPageSize-1].ID, 10))
			p.Older = "/audit?" + q.Encode()
		}
	}
	return h.render(w, r, status, "audit_list", &page{Title: "Nhật ký kiểm toán", Nav: "audit", Data: p})
}
