package web

import (
	"errors"
	"strconv"
	"strings"
)

// msgBadNumber tells how to write a number the form can read.
const msgBadNumber = "Số không hợp lệ. Hãy viết như 1.234,5 (dấu phẩy trước phần thập phân)."

var errBadNumber = errors.New(msgBadNumber)

// parseNumber reads a number typed the Vietnamese way — dots between
// thousands, a comma before the decimals ("1.234,5") — and also a plain
// "12.5" or "12,5". A dot is read as a thousands separator only when every
// group after it has three digits ("12.500" is twelve thousand five
// hundred); otherwise it is the decimal point. Empty text gives nil.
func parseNumber(s string) (*float64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if s == "" {
		return nil, nil
	}
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	} else if strings.Count(s, ".") > 0 && thousandsGroups(s) {
		s = strings.ReplaceAll(s, ".", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != f || f > 1e15 || f < -1e15 {
		return nil, errBadNumber
	}
	return &f, nil
}

// thousandsGroups reports whether every group after a dot has exactly
// three digits and there is more than one dot or the first group is short
// ("1.234", "12.345.678").
func thousandsGroups(s string) bool {
	parts := strings.Split(strings.TrimPrefix(s, "-"), ".")
	if len(parts[0]) == 0 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}
