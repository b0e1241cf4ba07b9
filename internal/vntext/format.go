package vntext

import (
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
	keys := make(map[string][]byte, len(items))
	for _, it := range items {
		k := key(it)
		if _, ok := keys[k]; !ok {
			keys[k] = slices.Clone(c.KeyFromString(&buf, k))
			buf.Reset()
		}
	}
	slices.SortStableFunc(items, func(a, b T) int {
		return compareBytes(keys[key(a)], keys[key(b)])
	})
}

func compareBytes(a, b []byte) int { return strings.Compare(string(a), string(b)) }
