package api

import (
	"fmt"
	"net/url"
	"strconv"

	"tiendo/internal/reporting"
)

// reportFilter reads the report list's query parameters; every bad one is
// reported at once, keyed by its name. A plan is needed, named by plan= or
// implied by period=.
func reportFilter(q url.Values) (reporting.ReportFilter, error) {
	f := reporting.ReportFilter{Limit: reporting.DefaultReportLimit}
	fe := map[string]string{}
	f.PlanID = queryID(q, "plan", fe)
	f.PeriodID = queryID(q, "period", fe)
	f.AgencyID = queryID(q, "agency", fe)
	if f.PlanID == 0 && f.PeriodID == 0 && fe["plan"] == "" && fe["period"] == "" {
		fe["plan"] = "Hãy chọn kế hoạch: plan=<mã kế hoạch> (hoặc một kỳ báo cáo: period=<mã kỳ>)."
	}
	if s := q.Get("state"); s != "" {
		if f.State = reporting.State(s); !f.State.Valid() {
			fe["state"] = "Trạng thái phải là một trong: not_started, draft, submitted, returned, accepted."
		}
	}
	switch q.Get("revisions") {
	case "", "current":
	case "all":
		f.AllRevisions = true
	default:
		fe["revisions"] = "revisions phải là current (chỉ phiên bản hiện hành, mặc định) hoặc all (cả các phiên bản cũ)."
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > reporting.MaxReportLimit {
			fe["limit"] = fmt.Sprintf("limit phải là số nguyên từ 1 đến %d.", reporting.MaxReportLimit)
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
