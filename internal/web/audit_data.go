package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/audit"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
)

// auditPageSize is how many entries the audit page shows at a time.
const auditPageSize = 100

// auditExportMax caps the .xlsx export; the sheet says when it was reached.
const auditExportMax = 100_000

// auditPage is the data of the audit page.
type auditPage struct {
	Filter   audit.Filter
	Form     url.Values // the filter as typed, to show it again
	Problem  string     // what is wrong with the filter, in Vietnamese
	Rows     []audit.Line
	Older    string // the link to the next (older) page; "" on the last
	Export   string // the link to the .xlsx export of the same filter
	Users    []auth.User
	Agencies []agency.Agency
	Objects  []string
}

// readAuditFilter reads the audit page's filter from the query string.
// The dates are calendar days in Vietnam's time zone. A problem reading it
// is returned as a message for the person, never as an error page; what
// the filter means is checked by the use case (audit.Filter.Check).
func readAuditFilter(r *http.Request) (f audit.Filter, problem string) {
	q := r.URL.Query()
	id := func(key string) int64 {
		v := strings.TrimSpace(q.Get(key))
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			problem = "Mã số trong bộ lọc phải là số nguyên dương."
			return 0
		}
		return n
	}
	f.UserID, f.AgencyID, f.ObjectID, f.Before = id("user"), id("agency"), id("object_id"), id("before")
	f.Object = strings.TrimSpace(q.Get("object"))
	day := func(key string) time.Time {
		t, err := parseDate(q.Get(key))
		if err != nil {
			problem = "Ngày trong bộ lọc không hợp lệ. Hãy viết theo dạng dd/mm/yyyy, ví dụ 01/07/2025."
			return time.Time{}
		}
		if t.IsZero() {
			return t
		}
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, clock.Local)
	}
	f.From, f.To = day("from"), day("to")
	return f, problem
}

// auditQuery is the query string of f (without paging), for links.
func auditQuery(form url.Values) url.Values {
	v := url.Values{}
	for _, k := range []string{"user", "agency", "object", "object_id", "from", "to"} {
		if s := strings.TrimSpace(form.Get(k)); s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// auditActionLabel is the Vietnamese name of action, or the code itself
// (the audit page's auditAction).
func auditActionLabel(action string) string { return audit.ActionLabel(action) }

// auditActor names who acted (the audit page's auditActor).
func auditActor(e audit.Row) string { return e.Actor() }

// auditObject names a kind of object in Vietnamese (the audit page's auditObject).
func auditObject(object string) string { return audit.ObjectLabel(object) }

// auditRaw is an entry's detail as indented JSON (the audit page's auditRaw).
func auditRaw(detail string) string { return audit.Pretty(detail) }
