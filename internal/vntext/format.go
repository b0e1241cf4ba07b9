package vntext

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// DateLayout is how dates are written for Vietnamese readers: dd/mm/yyyy.
const DateLayout = "02/01/2006"

// FormatDate writes t as dd/mm/yyyy; the zero time gives "".
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// FormatNumber writes f the Vietnamese way: dot for thousands, comma for
// decimals, at most decimals digits after the comma with trailing zeros
// dropped ("1.234,5").
func FormatNumber(f float64, decimals int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'f', -1, 64) // no digits to group
	}
	s := strconv.FormatFloat(f, 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	if neg && frac == "" && strings.Trim(intPart, "0") == "" {
		neg = false // -0.4 rounded is "0", not "-0"
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// FormatInt writes n with dots between thousands ("12.345").
func FormatInt(n int) string { return FormatNumber(float64(n), 0) }

// Sort sorts items by key in Vietnamese collation order (a < ă < â < b …
// đ after d), which byte order gets wrong.
func Sort[T any](items []T, key func(T) string) {
	c := collate.New(language.Vietnamese, collate.IgnoreCase)
	var buf collate.Buffer
	// Each item's collation key is made once and the items are ordered
	// through them, so a comparison is one byte compare (no key lookup).
	type keyed struct {
		k []byte
		i int
	}
	ks := make([]keyed, len(items))
	for i, it := range items {
		ks[i] = keyed{slices.Clone(c.KeyFromString(&buf, key(it))), i}
		buf.Reset()
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return bytes.Compare(a.k, b.k) })
	sorted := make([]T, len(items))
	for j, x := range ks {
		sorted[j] = items[x.i]
	}
	copy(items, sorted)
}
