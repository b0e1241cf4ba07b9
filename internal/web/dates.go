package web

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// msgBadDate tells how to write a date the form can read.
const msgBadDate = "Ngày không hợp lệ. Hãy viết theo dạng dd/mm/yyyy, ví dụ 01/07/2025."

var errBadDate = errors.New(msgBadDate)

// dateRe matches d/m/yyyy with one or two digits for day and month, also
// with dashes or dots, the ways people type dates in Vietnam.
var dateRe = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)

// parseDate reads a date typed as dd/mm/yyyy into midnight UTC, the form
// dates are stored in. Empty text is the zero time. Impossible days
// (31/02/2025) are refused rather than rolled over.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, errBadDate
	}
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != mo || y < 1900 || y > 2200 {
		return time.Time{}, errBadDate
	}
	return t, nil
}
