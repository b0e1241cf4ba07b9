package web

import (
	"errors"
	"net/http"
	"strconv"

	"tiendo/internal/derrors"
)

// auditList shows the audit log, newest first, filtered by who acted, their
// agency, the object and the days, a page at a time (keyset paging on id,
// so a page costs the same however deep).
func (h *handler) auditList(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), h.user(r)
	f, problem := readAuditFilter(r)
	p := &auditPage{Filter: f, Form: r.URL.Query(), Problem: problem}
	choices, err := h.app.AuditFilterChoices(ctx, u)
	if err != nil {
		return err
	}
	p.Users, p.Agencies, p.Objects = choices.Users, choices.Agencies, choices.Objects
	if p.Problem == "" {
		f.Limit = auditPageSize + 1
		p.Rows, err = h.app.AuditLog(ctx, u, f)
		if errors.Is(err, derrors.Invalid) {
			p.Problem = derrors.MessageOf(err)
		} else if err != nil {
			return err
		}
	}
	status := http.StatusOK
	if p.Problem != "" {
		status = http.StatusUnprocessableEntity
	} else {
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
