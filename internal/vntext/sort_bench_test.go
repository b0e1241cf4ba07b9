package vntext

import (
	"fmt"
	"testing"
)

// BenchmarkSort orders 3,400 agency names (a national register) as the
// agency lists and the report lists do.
func BenchmarkSort(b *testing.B) {
	words := []string{"Ủy ban nhân dân xã", "Sở Y tế", "Sở Tài chính", "Đài Phát thanh", "Công an", "Ủy ban nhân dân phường"}
	names := make([]string, 3400)
	for i := range names {
		names[i] = fmt.Sprintf("%s %d, tỉnh Đắk Lắk %d", words[i%len(words)], i*7919%3400, i%34)
	}
	list := make([]string, len(names))
	for b.Loop() {
		copy(list, names)
		Sort(list, func(s string) string { return s })
	}
}
