package vntext

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	tests := []struct{ in, want string }{
		{norm.NFD.String("Chuyển đổi số"), "Chuyển đổi số"},
		{"\ufeffKẾ HOẠCH", "KẾ HOẠCH"},
		{"Quý\u00a0II/2025", "Quý II/2025"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NFC(tt.in); got != tt.want {
			t.Errorf("NFC(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Chuyển đổi số", "chuyen doi so"},
		{norm.NFD.String("Chuyển đổi số"), "chuyen doi so"},
		{"ĐẦU TƯ", "dau tu"},
		{"đăng ký", "dang ky"},
		{"Đ đ", "d d"},
		{"Ủy ban Uỷ ban", "uy ban uy ban"},
		{"Sở KH&CN", "so kh&cn"},
		{"ươm tạo ƯỚC", "uom tao uoc"},
		{"  a \t b\n\nc  ", "a b c"},
		{"Quý\u00a0II/2025", "quy ii/2025"},
		{"57-NQ/TW", "57-nq/tw"},
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFoldRuneMatchesDecomposition checks foldRune against the full NFD
// decomposition for every Latin letter: the base letter, lower-cased.
func TestFoldRuneMatchesDecomposition(t *testing.T) {
	for r := rune(0x80); r < 0x2000; r++ {
		if !unicode.IsLetter(r) || r == 'đ' || r == 'Đ' {
			continue
		}
		want := unicode.ToLower([]rune(norm.NFD.String(string(r)))[0])
		if got := foldRune(r); got != want {
			t.Errorf("foldRune(%q) = %q, want %q", r, got, want)
		}
	}
}

func TestContains(t *testing.T) {
	if !Contains("Đẩy mạnh chuyển đổi số", "chuyen doi so") {
		t.Error(`Contains must find "chuyen doi so" in "chuyển đổi số"`)
	}
	if Contains("Đẩy mạnh chuyển đổi số", "chuyen doi so hoa") {
		t.Error("Contains found more than the text has")
	}
}

func TestHighlight(t *testing.T) {
	tests := []struct {
		name, text, query string
		marked            []string // the matched segments, in order
	}{
		{"without diacritics", "Thu hút đầu tư nước ngoài", "dau tu", []string{"đầu", "tư"}},
		{"phrase", "Đẩy mạnh chuyển đổi số quốc gia", "chuyen doi so", []string{"chuyển", "đổi", "số"}},
		{"case and đ", "ĐẦU TƯ công", "Dau", []string{"ĐẦU"}},
		{"every occurrence", "số hóa, chuyển đổi số", "so", []string{"số", "số"}},
		{"no match", "Sở Y tế", "giao duc", nil},
		{"empty query", "Sở Y tế", "  ", nil},
		{"empty text", "", "dau tu", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := Highlight(tt.text, tt.query)
			var joined strings.Builder
			var marked []string
			for _, s := range segs {
				joined.WriteString(s.Text)
				if s.Match {
					marked = append(marked, s.Text)
				}
			}
			if joined.String() != tt.text {
				t.Errorf("segments rejoin to %q, want %q", joined.String(), tt.text)
			}
			if !slices.Equal(marked, tt.marked) {
				t.Errorf("Highlight(%q, %q) marked %q, want %q", tt.text, tt.query, marked, tt.marked)
			}
		})
	}
}

func TestHighlightRejoinsNFD(t *testing.T) {
	text := norm.NFD.String("Đầu tư công")
	var b strings.Builder
	for _, s := range Highlight(text, "dau tu") {
		b.WriteString(s.Text)
	}
	if b.String() != text {
		t.Errorf("segments rejoin to %q, want %q", b.String(), text)
	}
}

func TestExcerpt(t *testing.T) {
	long := "Tập trung rà soát, đánh giá toàn diện Đề án chuyển đổi số tỉnh Cà Mau đến năm 2025, định hướng đến năm 2030 bao gồm những kết quả đạt được, khó khăn, vướng mắc"
	tests := []struct {
		name, text, query string
		size              int
		want              string
	}{
		{"short text whole", "Sở Y tế", "y te", 20, "Sở Y tế"},
		{"start when no match", long, "xyz", 20, "Tập trung rà soát, đ…"},
		{"around the match", long, "kho khan", 20, "…ược, khó khăn, vướng…"},
		{"match after doubled spaces", "một  hai ba bốn năm sáu bảy tám chín mười", "tam", 10, "…y tám chín…"},
		{"match across a line break", "một\nhai ba bốn năm sáu bảy tám chín mười", "tam", 10, "…y tám chín…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Excerpt(tt.text, tt.query, tt.size)
			if got != tt.want {
				t.Errorf("Excerpt(…, %q, %d) = %q, want %q", tt.query, tt.size, got, tt.want)
			}
			if want := Fold(tt.query); tt.name != "start when no match" && !strings.Contains(Fold(got), strings.Fields(want)[0]) {
				t.Errorf("excerpt %q does not show %q", got, tt.query)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		f        float64
		decimals int
		want     string
	}{
		{1234.5, 1, "1.234,5"},
		{1234.5, 2, "1.234,5"},
		{1234567.891, 2, "1.234.567,89"},
		{1234567, 0, "1.234.567"},
		{123, 0, "123"},
		{-1234.5, 1, "-1.234,5"},
		{-1234567, 0, "-1.234.567"},
		{0, 0, "0"},
		{0, 2, "0"},
		{0.5, 1, "0,5"},
		{3.0, 2, "3"},
		{-0.4, 0, "0"},
		{-0.001, 2, "0"},
		{math.Inf(1), 0, "+Inf"},
		{math.NaN(), 2, "NaN"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.f, tt.decimals); got != tt.want {
			t.Errorf("FormatNumber(%v, %d) = %q, want %q", tt.f, tt.decimals, got, tt.want)
		}
	}
	if got := FormatInt(12345); got != "12.345" {
		t.Errorf("FormatInt(12345) = %q", got)
	}
}

func TestFormatDate(t *testing.T) {
	if got := FormatDate(time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)); got != "30/06/2025" {
		t.Errorf("FormatDate = %q, want 30/06/2025", got)
	}
	if got := FormatDate(time.Time{}); got != "" {
		t.Errorf("FormatDate(zero) = %q, want empty", got)
	}
}

func TestSort(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{
			name: "departments",
			in:   []string{"Sở Y tế", "Sở Xây dựng", "Sở Tư pháp", "Sở Tài chính", "Sở Nội vụ", "Sở Ngoại vụ"},
			want: []string{"Sở Ngoại vụ", "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Xây dựng", "Sở Y tế"},
		},
		{
			name: "ă after a, đ after d",
			in:   []string{"Đà Nẵng", "Ăn", "Du lịch", "Az", "An", "Bến Tre", "Dân tộc"},
			want: []string{"An", "Az", "Ăn", "Bến Tre", "Dân tộc", "Du lịch", "Đà Nẵng"},
		},
		{
			name: "o ô ơ, u ư",
			in:   []string{"Ư", "Ơ", "U", "Ô", "O"},
			want: []string{"O", "Ô", "Ơ", "U", "Ư"},
		},
		{
			name: "case ignored, stable for equal keys",
			in:   []string{"b", "A", "a", "B"},
			want: []string{"A", "a", "b", "B"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.in)
			Sort(got, func(s string) string { return s })
			if !slices.Equal(got, tt.want) {
				t.Errorf("Sort = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSortByKey(t *testing.T) {
	type agency struct {
		id   int
		name string
	}
	items := []agency{{1, "Sở Y tế"}, {2, "Công an tỉnh"}, {3, "Ủy ban MTTQ Việt Nam tỉnh"}, {4, "Bộ Chỉ huy Quân sự tỉnh"}, {5, "Đài Phát thanh"}}
	Sort(items, func(a agency) string { return a.name })
	var ids []int
	for _, a := range items {
		ids = append(ids, a.id)
	}
	if want := []int{4, 2, 5, 1, 3}; !slices.Equal(ids, want) {
		t.Errorf("sorted ids %v, want %v", ids, want)
	}
}

func BenchmarkFold(b *testing.B) {
	s := "Tập trung triển khai các giải pháp truyền thông, các công cụ hướng dẫn cán bộ, công chức, viên chức và người lao động tiếp cận, sử dụng các hệ thống thông tin trên môi trường số"
	for b.Loop() {
		Fold(s)
	}
}
