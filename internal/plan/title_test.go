package plan

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestTitleFromText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"short sentence kept", "Hoàn thiện, nâng cấp, duy trì trung tâm dữ liệu tỉnh.", "Hoàn thiện, nâng cấp, duy trì trung tâm dữ liệu tỉnh"},
		{"first clause before a semicolon",
			"Hoàn thiện, nâng cấp, duy trì trung tâm dữ liệu tỉnh; nghiên cứu, xây dựng quy chế về chia sẻ hạ tầng số; xây dựng các trung tâm đổi mới sáng tạo, vườn ươm khởi nghiệp.",
			"Hoàn thiện, nâng cấp, duy trì trung tâm dữ liệu tỉnh"},
		{"first sentence",
			"Tổ chức hội nghị, diễn đàn thường niên về chuyển đổi số, khoa học - công nghệ cấp vùng. Thúc đẩy các chương trình nghiên cứu, chuyển giao công nghệ tiên tiến, chiến lược.",
			"Tổ chức hội nghị, diễn đàn thường niên về chuyển đổi số, khoa học - công nghệ cấp vùng"},
		{"long clause cut at a comma with an ellipsis",
			"Tập trung triển khai các giải pháp truyền thông, các công cụ hướng dẫn cán bộ, công chức, viên chức và người lao động tiếp cận, sử dụng các hệ thống thông tin trên môi trường số; xây dựng quy tắc ứng xử.",
			"Tập trung triển khai các giải pháp truyền thông, các công cụ hướng dẫn cán bộ, công chức…"},
		{"an open parenthesis is dropped",
			"Chủ động rà soát, đề xuất sửa đổi, bổ sung các văn bản pháp luật (các quy định về lĩnh vực đất đai, đầu tư, mua sắm công, thủ tục hành chính, sở hữu trí tuệ, thuế, tín dụng...) thuộc thẩm quyền của địa phương.",
			"Chủ động rà soát, đề xuất sửa đổi, bổ sung các văn bản pháp luật…"},
		{"version numbers and abbreviations do not end a sentence",
			"Cập nhật Khung kiến trúc Chính phủ số Việt Nam, phiên bản 4.0 tại TP. Cà Mau. Sau đó triển khai.",
			"Cập nhật Khung kiến trúc Chính phủ số Việt Nam, phiên bản 4.0 tại TP. Cà Mau"},
		{"colon after a heading-like start",
			"Mục tiêu cụ thể: các mục tiêu cụ thể xác định tại Phụ lục 1 kèm theo.",
			"Mục tiêu cụ thể"},
		{"bullet and extra spaces removed", "-   Xây dựng   kho dữ liệu\u00a0dùng chung ;", "Xây dựng kho dữ liệu dùng chung"},
		{"NFD normalised", norm.NFD.String("Chuyển đổi số."), "Chuyển đổi số"},
		{"one long word is cut hard", strings.Repeat("a", 200), strings.Repeat("a", 119) + "…"},
		{"empty", "", ""},
		{"punctuation only", " ; . ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TitleFromText(tt.in)
			if got != tt.want {
				t.Errorf("TitleFromText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > maxTitleRunes {
				t.Errorf("title has %d runes, more than %d", n, maxTitleRunes)
			}
		})
	}
}

// TestTitleFromTextReferencePlan checks every paragraph of the reference
// plan gives a bounded, non-empty title that ends cleanly.
func TestTitleFromTextReferencePlan(t *testing.T) {
	for _, p := range referencePlanLines(t) {
		if strings.TrimSpace(p) == "" {
			continue
		}
		got := TitleFromText(p)
		if got == "" || utf8.RuneCountInString(got) > maxTitleRunes {
			t.Errorf("TitleFromText(%.50q…) = %q", p, got)
		}
		if strings.HasSuffix(got, ",…") || strings.HasSuffix(got, " …") || strings.HasSuffix(got, ".") {
			t.Errorf("TitleFromText(%.50q…) = %q ends untidily", p, got)
		}
	}
}
