package web

import (
	"math"
	"testing"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// FuzzParseDate: a date the form accepts is a real calendar day that
// prints back as dd/mm/yyyy and parses to the same day; anything else is
// the one clear error. Run with
//
//	go test ./internal/web -run '^$' -fuzz FuzzParseDate -fuzztime 30s
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"01/07/2025", "1-7-2025", "31/02/2025", "29.02.2024", "", "  ", "00/00/0000", "32/13/99999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDate(s)
		if err != nil {
			if err != errBadDate {
				t.Fatalf("parseDate(%q) error %v, want errBadDate", s, err)
			}
			return
		}
		if d.IsZero() {
			return
		}
		back, err := parseDate(vntext.FormatDate(d))
		if err != nil || !back.Equal(d) {
			t.Fatalf("parseDate(%q) = %v; printed %q parses to %v, %v", s, d, vntext.FormatDate(d), back, err)
		}
	})
}

// FuzzParseNumber: an accepted number is finite and bounded, and the
// Vietnamese form it prints as (1.234,5) reads back to the same value.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1.234,5", "1234.5", "12.345.678", "-0,25", "1e308", "NaN", "1.23", "١٢٣", "9999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseNumber(s)
		if err != nil || v == nil {
			return
		}
		if math.IsNaN(*v) || math.IsInf(*v, 0) || math.Abs(*v) > 1e15 {
			t.Fatalf("parseNumber(%q) = %v", s, *v)
		}
		printed := vntext.FormatNumber(*v, 6)
		back, err := parseNumber(printed)
		if err != nil || back == nil || math.Abs(*back-*v) > 1e-6*math.Max(1, math.Abs(*v)) {
			t.Fatalf("parseNumber(%q) = %v; printed %q reads back as %v, %v", s, *v, printed, back, err)
		}
	})
}

// FuzzParseDaysList: the reminder days field never panics, and what it
// accepts prints back (daysList) to a text it accepts again alike.
func FuzzParseDaysList(f *testing.F) {
	for _, s := range []string{"7, 2", "7;2;1", "", "a", "99999999999999999999", "-1 0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		days, ok := parseDaysList(s)
		if !ok {
			return
		}
		again, ok := parseDaysList(daysList(days))
		if !ok || len(again) != len(days) {
			t.Fatalf("parseDaysList(%q) = %v; daysList gives %q → %v %t", s, days, daysList(days), again, ok)
		}
	})
}
