package plan

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tiendo/internal/vntext"
)

func TestFindReferences(t *testing.T) {
	var zero time.Time
	tests := []struct {
		name string
		in   string
		want []Reference
	}{
		{
			name: "resolution with date",
			in:   "triển khai Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ",
			want: []Reference{{Kind: "Nghị quyết", Number: "71/NQ-CP", IssuerCode: "CP", IssuedOn: Date(2025, 4, 1), Text: "Nghị quyết số 71/NQ-CP ngày 01/4/2025"}},
		},
		{
			name: "decision of the Prime Minister",
			in:   "Quyết định số 1132/QĐ-TTg ngày 09/10/2024 của Thủ tướng Chính phủ",
			want: []Reference{{Kind: "Quyết định", Number: "1132/QĐ-TTg", IssuerCode: "TTg", IssuedOn: Date(2024, 10, 9), Text: "Quyết định số 1132/QĐ-TTg ngày 09/10/2024"}},
		},
		{
			name: "plan of the province",
			in:   "thay thế Kế hoạch số 60/KH-UBND ngày 25/02/2025 của Ủy ban nhân dân tỉnh",
			want: []Reference{{Kind: "Kế hoạch", Number: "60/KH-UBND", IssuerCode: "UBND", IssuedOn: Date(2025, 2, 25), Text: "Kế hoạch số 60/KH-UBND ngày 25/02/2025"}},
		},
		{
			name: "Party resolution",
			in:   "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
			want: []Reference{{Kind: "Nghị quyết", Number: "57-NQ/TW", IssuerCode: "TW", IssuedOn: Date(2024, 12, 22), Text: "Nghị quyết số 57-NQ/TW ngày 22/12/2024"}},
		},
		{
			name: "Standing Committee resolution without date",
			in:   "theo quy định tại Khoản 6, Điều 3, Nghị quyết số 70/2025/UBTVQH15 của Ủy ban Thường vụ Quốc hội",
			want: []Reference{{Kind: "Nghị quyết", Number: "70/2025/UBTVQH15", IssuerCode: "UBTVQH15", Text: "Nghị quyết số 70/2025/UBTVQH15"}},
		},
		{
			name: "programme without số",
			in:   "Chương trình 86-CTr/TU ngày 19/02/2025 của Ban Thường vụ Tỉnh ủy",
			want: []Reference{{Kind: "Chương trình", Number: "86-CTr/TU", IssuerCode: "TU", IssuedOn: Date(2025, 2, 19), Text: "Chương trình 86-CTr/TU ngày 19/02/2025"}},
		},
		{
			name: "circular, decree, directive, dispatch, conclusion",
			in:   "Thông tư số 01/2025/TT-BKHCN; Nghị định số 13/2023/NĐ-CP; Chỉ thị số 05/CT-TTg ngày 5/3/2024; Công văn số 1234/UBND-KGVX ngày 12/5/2025; Kết luận số 36-KL/TW.",
			want: []Reference{
				{Kind: "Thông tư", Number: "01/2025/TT-BKHCN", IssuerCode: "BKHCN", Text: "Thông tư số 01/2025/TT-BKHCN"},
				{Kind: "Nghị định", Number: "13/2023/NĐ-CP", IssuerCode: "CP", Text: "Nghị định số 13/2023/NĐ-CP"},
				{Kind: "Chỉ thị", Number: "05/CT-TTg", IssuerCode: "TTg", IssuedOn: Date(2024, 3, 5), Text: "Chỉ thị số 05/CT-TTg ngày 5/3/2024"},
				{Kind: "Công văn", Number: "1234/UBND-KGVX", IssuerCode: "UBND", IssuedOn: Date(2025, 5, 12), Text: "Công văn số 1234/UBND-KGVX ngày 12/5/2025"},
				{Kind: "Kết luận", Number: "36-KL/TW", IssuerCode: "TW", Text: "Kết luận số 36-KL/TW"},
			},
		},
		{
			name: "decision without số, abbreviated, amended by another",
			in:   "theo Quyết định 42/2014/QĐ-TTg (QĐ 42/2014/QĐ-TTg), được sửa đổi bởi QĐ 23/2018/QĐ-TTg; kh 5/x-y",
			want: []Reference{
				{Kind: "Quyết định", Number: "42/2014/QĐ-TTg", IssuerCode: "TTg", Text: "Quyết định 42/2014/QĐ-TTg"},
				{Kind: "Quyết định", Number: "23/2018/QĐ-TTg", IssuerCode: "TTg", Text: "QĐ 23/2018/QĐ-TTg"},
			},
		},
		{
			name: "laws by number and by name",
			in:   "Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15; Luật Đất đai năm 2024; Luật số 20/2023/QH15 và quy định của pháp luật có liên quan.",
			want: []Reference{
				{Kind: "Luật", Number: "93/2025/QH15", IssuerCode: "QH15", Text: "Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15"},
				{Kind: "Luật", Text: "Luật Đất đai năm 2024"},
				{Kind: "Luật", Number: "20/2023/QH15", IssuerCode: "QH15", Text: "Luật số 20/2023/QH15"},
			},
		},
		{
			name: "joint circular",
			in:   "Thông tư liên tịch số 12/2015/TTLT-BTC-BKHCN",
			want: []Reference{{Kind: "Thông tư", Number: "12/2015/TTLT-BTC-BKHCN", IssuerCode: "BTC-BKHCN", Text: "Thông tư liên tịch số 12/2015/TTLT-BTC-BKHCN"}},
		},
		{
			name: "once by number; a later date completes the first",
			in:   "Nghị quyết số 71/NQ-CP, Chương trình hành động và Nghị quyết số 71/NQ-CP ngày 01/4/2025; Nghị quyết số 71/NQ-CP.",
			want: []Reference{{Kind: "Nghị quyết", Number: "71/NQ-CP", IssuerCode: "CP", IssuedOn: Date(2025, 4, 1), Text: "Nghị quyết số 71/NQ-CP ngày 01/4/2025"}},
		},
		{
			name: "title in capitals, NFD, without diacritics",
			in:   norm.NFD.String("NGHỊ QUYẾT SỐ 71/NQ-CP NGÀY 01/4/2025; Quyet dinh so 1132/QD-TTg ngay 09/10/2024"),
			want: []Reference{
				{Kind: "Nghị quyết", Number: "71/NQ-CP", IssuerCode: "CP", IssuedOn: Date(2025, 4, 1), Text: "NGHỊ QUYẾT SỐ 71/NQ-CP NGÀY 01/4/2025"},
				{Kind: "Quyết định", Number: "1132/QD-TTg", IssuerCode: "TTg", IssuedOn: Date(2024, 10, 9), Text: "Quyet dinh so 1132/QD-TTg ngay 09/10/2024"},
			},
		},
		{
			name: "an impossible date is left out",
			in:   "Quyết định số 12/QĐ-UBND ngày 31/02/2025",
			want: []Reference{{Kind: "Quyết định", Number: "12/QĐ-UBND", IssuerCode: "UBND", IssuedOn: zero, Text: "Quyết định số 12/QĐ-UBND"}},
		},
		{
			name: "not citations",
			in:   "Kế hoạch 2025-2030; kế hoạch số hóa; văn bản pháp luật về đất đai năm 2024; Nghị quyết của Tỉnh ủy.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindReferences(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("FindReferences(%q) = %d references %+v, want %d", tt.in, len(got), got, len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("reference %d\n got %+v\nwant %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestFindReferencesReferencePlan checks that every document the reference
// plan cites is found once, with its date where the plan gives one.
func TestFindReferencesReferencePlan(t *testing.T) {
	text := strings.Join(referencePlanLines(t), "\n")
	want := []struct {
		number, kind, issuer string
		issued               time.Time
	}{
		{"71/NQ-CP", "Nghị quyết", "CP", Date(2025, 4, 1)},
		{"57-NQ/TW", "Nghị quyết", "TW", Date(2024, 12, 22)},
		{"70/2025/UBTVQH15", "Nghị quyết", "UBTVQH15", time.Time{}},
		{"1132/QĐ-TTg", "Quyết định", "TTg", Date(2024, 10, 9)},
		{"36/QĐ-TTg", "Quyết định", "TTg", Date(2024, 1, 11)},
		{"193/2025/QH15", "Nghị quyết", "QH15", time.Time{}},
		{"45-NQ/TW", "Nghị quyết", "TW", Date(2023, 11, 24)},
		{"409/QĐ-BKHCN", "Quyết định", "BKHCN", Date(2025, 4, 3)},
		{"60/KH-UBND", "Kế hoạch", "UBND", Date(2025, 2, 25)},
		{"03/NQ-CP", "Nghị quyết", "CP", Date(2025, 1, 9)},
		{"86-CTr/TU", "Chương trình", "TU", Date(2025, 2, 19)},
	}
	got := FindReferences(text)
	if len(got) != len(want) {
		t.Errorf("found %d references, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if i >= len(got) {
			break
		}
		g := got[i]
		if g.Number != w.number || g.Kind != w.kind || g.IssuerCode != w.issuer || !g.IssuedOn.Equal(w.issued) {
			t.Errorf("reference %d = %+v, want %s %s (%s) of %s", i, g, w.kind, w.number, w.issuer, w.issued.Format("02/01/2006"))
		}
	}
	// The title line cites 71/NQ-CP in capitals; the body's ordinary spelling is kept.
	if len(got) > 0 && got[0].Text != "Nghị quyết số 71/NQ-CP ngày 01/4/2025" {
		t.Errorf("Text of 71/NQ-CP = %q", got[0].Text)
	}
}

func TestIssuerCode(t *testing.T) {
	tests := []struct{ kind, num, want string }{
		{"Quyết định", "1132/QĐ-TTg", "TTg"},
		{"Nghị quyết", "57-NQ/TW", "TW"},
		{"Nghị quyết", "71/NQ-CP", "CP"},
		{"Nghị quyết", "70/2025/UBTVQH15", "UBTVQH15"},
		{"Kế hoạch", "60/KH-UBND", "UBND"},
		{"Thông tư", "01/2025/TT-BKHCN", "BKHCN"},
		{"Nghị quyết", "12/2024/NQ-HĐND", "HĐND"},
		{"Công văn", "1234/UBND-KGVX", "UBND"},
		{"Công văn", "55/SKHCN", "SKHCN"},
	}
	for _, tt := range tests {
		if got := issuerCode(tt.kind, tt.num); got != tt.want {
			t.Errorf("issuerCode(%q, %q) = %q, want %q", tt.kind, tt.num, got, tt.want)
		}
	}
}

func BenchmarkFindReferences(b *testing.B) {
	lines := referencePlanLines(b)
	for b.Loop() {
		for _, p := range lines {
			FindReferences(p)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lines)), "ns/paragraph")
}

func BenchmarkTitleFromText(b *testing.B) {
	lines := referencePlanLines(b)
	for b.Loop() {
		for _, p := range lines {
			TitleFromText(p)
		}
	}
}

// FuzzFindReferences checks that FindReferences never panics, cites each
// number once and returns words of the text.
func FuzzFindReferences(f *testing.F) {
	for _, s := range []string{
		"Nghị quyết số 71/NQ-CP ngày 01/4/2025; Chương trình 86-CTr/TU",
		"Luật Đất đai năm 2024, Luật số 20/2023/QH15", "QĐ 42/2014/QĐ-TTg", "Kế hoạch 2025-2030", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		seen := map[string]bool{}
		for _, r := range FindReferences(s) {
			if r.Kind == "" || r.Text == "" || !strings.Contains(vntext.NFC(s), r.Text) || !strings.Contains(r.Text, r.Number) {
				t.Fatalf("FindReferences(%q): bad reference %+v", s, r)
			}
			if r.Number != "" && seen[r.Number] {
				t.Fatalf("FindReferences(%q): %s twice", s, r.Number)
			}
			seen[r.Number] = true
		}
	})
}
