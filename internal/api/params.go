package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"tiendo/internal/plan"
)

// Paging limits of list routes.
const (
	DefaultLimit = 50
	MaxLimit     = 500
	maxQueryLen  = 200 // runes of q; longer searches are not searches
)

// pathID reads the {id} path value: a positive integer, else 400 (not 404,
// so that a client bug like /tasks/undefined is told apart from a missing task).
func pathID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, badRequest(map[string]string{"id": "Mã phải là số nguyên dương."}, "Mã %q trong đường dẫn không hợp lệ: phải là số nguyên dương.", s)
	}
	return id, nil
}

// taskFilter reads the task list's query parameters. Every bad parameter
// is reported at once, keyed by its name.
func taskFilter(q url.Values) (plan.TaskFilter, error) {
	f := plan.TaskFilter{Limit: DefaultLimit}
	fe := map[string]string{}
	f.Query = strings.TrimSpace(q.Get("q"))
	if utf8.RuneCountInString(f.Query) > maxQueryLen {
		fe["q"] = fmt.Sprintf("Từ khóa tìm kiếm quá dài (tối đa %d ký tự).", maxQueryLen)
	}
	f.AgencyID = queryID(q, "agency", fe)
	f.SectionID = queryID(q, "section", fe)
	switch s := q.Get("status"); {
	case s == "" || s == "open" || plan.Status(s).Valid():
		f.Status = s
	default:
		fe["status"] = "Trạng thái phải là open hoặc một trong: done_on_time, done_late, in_progress, due_soon, overdue, not_started, paused, cancelled."
	}
	switch s := q.Get("sort"); s {
	case "", "order", "due":
		f.Sort = s
	default:
		fe["sort"] = "Cách sắp xếp phải là order (theo thứ tự trong kế hoạch) hoặc due (theo thời hạn)."
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			fe["limit"] = fmt.Sprintf("limit phải là số nguyên từ 1 đến %d.", MaxLimit)
		}
		f.Limit = n
	}
	if s := q.Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			fe["offset"] = "offset phải là số nguyên không âm."
		}
		f.Offset = n
	}
	if len(fe) > 0 {
		return f, badRequest(fe, "Tham số truy vấn không hợp lệ; xem từng tham số.")
	}
	return f, nil
}

// queryID reads an optional positive ID parameter, recording a problem in fe.
func queryID(q url.Values, name string, fe map[string]string) int64 {
	s := q.Get(name)
	if s == "" {
		return 0
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		fe[name] = name + " phải là mã số (số nguyên dương)."
		return 0
	}
	return id
}
