package store

import (
	"strings"
	"testing"
	"time"
)

// TestParseStored checks the hand-written reading of stored days and
// timestamps against time.Parse, on the forms the store writes and on
// near misses (impossible days, leap years, other layouts), which it must
// leave to time.Parse.
func TestParseStored(t *testing.T) {
	cases := []string{
		"2026-12-04", "2024-02-29", "2025-02-29", "1900-02-29", "2000-02-29", "2026-04-31", "2026-13-01",
		"2026-00-10", "2026-01-00", "2026-1-01", "2026/01/01", "20260101xx", "2026-12-31",
		"2026-12-04T08:09:10.123456Z", "2026-12-04T23:59:59.999999Z", "2026-12-04T24:00:00.000000Z",
		"2026-12-04T08:60:10.000000Z", "2026-12-04T08:09:60.000000Z", "2026-12-04T08:09:10.12345xZ",
		"2026-12-04T08:09:10.123456+07:00", "2026-12-04T08:09:10Z", "2026-02-30T08:09:10.000000Z",
		"2026-12-04 08:09:10.123456Z", "",
	}
	for _, s := range cases {
		got, ok := parseStored(s)
		layout := time.RFC3339Nano
		if len(s) == len(dayLayout) {
			layout = dayLayout
		}
		want, err := time.Parse(layout, s)
		if ok && (err != nil || !got.Equal(want) || got.Location() != time.UTC) {
			t.Errorf("parseStored(%q) = %v, time.Parse: %v, %v", s, got, want, err)
		}
		if !ok && err == nil && (len(s) == len(dayLayout) || (len(s) == 27 && s[26] == 'Z')) {
			t.Errorf("parseStored(%q) left a stored form to time.Parse (%v)", s, want)
		}
	}
}

// TestTaskColCount keeps taskColCount, the size of scanTask's reused row,
// in step with taskCols.
func TestTaskColCount(t *testing.T) {
	if n := strings.Count(taskCols, ",") + 1; n != taskColCount {
		t.Fatalf("taskCols has %d columns, taskColCount says %d", n, taskColCount)
	}
}

// TestRowList checks that rowList gives back every row in order, across
// chunks.
func TestRowList(t *testing.T) {
	for _, n := range []int{0, 1, 255, 256, 257, 5000, 40000} {
		var l rowList[int]
		for i := range n {
			l.add(i)
		}
		got := l.list()
		if len(got) != n {
			t.Fatalf("%d rows added, %d listed", n, len(got))
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("%d rows: row %d is %d", n, i, v)
			}
		}
	}
}
