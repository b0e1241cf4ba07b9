package plan

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tiendo/internal/vntext"
)

func TestParseDeadline(t *testing.T) {
	d := Date
	tests := []struct {
		in    string
		kind  DeadlineKind
		due   time.Time
		start time.Time
		every string
	}{
		// dates
		{in: "30/6/2025", kind: DeadlineDate, due: d(2025, 6, 30)},
		{in: "30/06/2025", kind: DeadlineDate, due: d(2025, 6, 30)},
		{in: "ngày 30/6/2025", kind: DeadlineDate, due: d(2025, 6, 30)},
		{in: "trước ngày 30/6/2025", kind: DeadlineDate, due: d(2025, 6, 30)},
		{in: "Trước ngày 10/12/2025.", kind: DeadlineDate, due: d(2025, 12, 10)},
		{in: "chậm nhất ngày 15/3/2026", kind: DeadlineDate, due: d(2026, 3, 15)},
		{in: "30.6.2025", kind: DeadlineDate, due: d(2025, 6, 30)},
		{in: "ngày 30 tháng 6 năm 2025", kind: DeadlineDate, due: d(2025, 6, 30)},
		{in: "29/2/2028", kind: DeadlineDate, due: d(2028, 2, 29)},
		{in: "2025-06-30", kind: DeadlineDate, due: d(2025, 6, 30)},
		// months
		{in: "tháng 5/2025", kind: DeadlineMonth, due: d(2025, 5, 31)},
		{in: "trong tháng 5/2025", kind: DeadlineMonth, due: d(2025, 5, 31)},
		{in: "Trong tháng 5/2025.", kind: DeadlineMonth, due: d(2025, 5, 31)},
		{in: "tháng 05 năm 2025", kind: DeadlineMonth, due: d(2025, 5, 31)},
		{in: "tháng 2/2028", kind: DeadlineMonth, due: d(2028, 2, 29)},
		{in: "6/2025", kind: DeadlineMonth, due: d(2025, 6, 30)},
		{in: "trước tháng 6/2025", kind: DeadlineMonth, due: d(2025, 5, 31)},
		{in: "đến hết tháng 12/2025", kind: DeadlineMonth, due: d(2025, 12, 31)},
		// quarters
		{in: "Quý II/2025", kind: DeadlineQuarter, due: d(2025, 6, 30)},
		{in: "quý 2/2025", kind: DeadlineQuarter, due: d(2025, 6, 30)},
		{in: "quý II năm 2025", kind: DeadlineQuarter, due: d(2025, 6, 30)},
		{in: "QUÝ IV/2025", kind: DeadlineQuarter, due: d(2025, 12, 31)},
		{in: "quy II/2025", kind: DeadlineQuarter, due: d(2025, 6, 30)},
		{in: "trong Quý I/2026", kind: DeadlineQuarter, due: d(2026, 3, 31)},
		{in: "Quý III - 2025", kind: DeadlineQuarter, due: d(2025, 9, 30)},
		{in: "trước Quý III/2025", kind: DeadlineQuarter, due: d(2025, 6, 30)},
		// halves
		{in: "6 tháng đầu năm 2025", kind: DeadlineHalf, due: d(2025, 6, 30)},
		{in: "6 tháng cuối năm 2025", kind: DeadlineHalf, due: d(2025, 12, 31)},
		{in: "sáu tháng đầu năm 2026", kind: DeadlineHalf, due: d(2026, 6, 30)},
		// years
		{in: "năm 2026", kind: DeadlineYear, due: d(2026, 12, 31)},
		{in: "trong năm 2026", kind: DeadlineYear, due: d(2026, 12, 31)},
		{in: "2026", kind: DeadlineYear, due: d(2026, 12, 31)},
		{in: "Năm 2025.", kind: DeadlineYear, due: d(2025, 12, 31)},
		{in: "cuối năm 2025", kind: DeadlineYear, due: d(2025, 12, 31)},
		{in: "đến năm 2030", kind: DeadlineYear, due: d(2030, 12, 31)},
		{in: "trước năm 2026", kind: DeadlineYear, due: d(2025, 12, 31)},
		{in: "hoàn thành trong năm 2025", kind: DeadlineYear, due: d(2025, 12, 31)},
		// ranges
		{in: "2025-2030", kind: DeadlineRange, due: d(2030, 12, 31), start: d(2025, 1, 1)},
		{in: "2025 - 2030", kind: DeadlineRange, due: d(2030, 12, 31), start: d(2025, 1, 1)},
		{in: "2025 – 2030", kind: DeadlineRange, due: d(2030, 12, 31), start: d(2025, 1, 1)},
		{in: "giai đoạn 2026 - 2030", kind: DeadlineRange, due: d(2030, 12, 31), start: d(2026, 1, 1)},
		{in: "Giai đoạn 2026-2030", kind: DeadlineRange, due: d(2030, 12, 31), start: d(2026, 1, 1)},
		{in: "từ năm 2025 đến năm 2030", kind: DeadlineRange, due: d(2030, 12, 31), start: d(2025, 1, 1)},
		{in: "trong giai đoạn 2025 - 2030", kind: DeadlineRange, due: d(2030, 12, 31), start: d(2025, 1, 1)},
		{in: "từ tháng 5/2025 đến hết Quý II/2026", kind: DeadlineRange, due: d(2026, 6, 30), start: d(2025, 5, 1)},
		{in: "từ 01/6/2025 đến 30/9/2025", kind: DeadlineRange, due: d(2025, 9, 30), start: d(2025, 6, 1)},
		{in: "từ nay đến năm 2030", kind: DeadlineYear, due: d(2030, 12, 31)},
		// recurring
		{in: "hằng năm", kind: DeadlineRecurring, every: "year"},
		{in: "Hàng năm", kind: DeadlineRecurring, every: "year"},
		{in: "định kỳ hằng năm", kind: DeadlineRecurring, every: "year"},
		{in: "hằng quý", kind: DeadlineRecurring, every: "quarter"},
		{in: "hàng quý", kind: DeadlineRecurring, every: "quarter"},
		{in: "Định kỳ hàng quý", kind: DeadlineRecurring, every: "quarter"},
		{in: "hằng tháng", kind: DeadlineRecurring, every: "month"},
		{in: "định kỳ 6 tháng", kind: DeadlineRecurring, every: "half"},
		{in: "thường niên", kind: DeadlineRecurring, every: "year"},
		{in: "hằng năm, trước ngày 15/12", kind: DeadlineRecurring, every: "year"},
		{in: "Hằng quý (trước ngày 10 tháng cuối quý)", kind: DeadlineRecurring, every: "quarter"},
		{in: "thường xuyên, hằng năm", kind: DeadlineRecurring, every: "year"},
		// continuous
		{in: "thường xuyên", kind: DeadlineContinuous},
		{in: "Thường xuyên.", kind: DeadlineContinuous},
		{in: "liên tục", kind: DeadlineContinuous},
		{in: "thường xuyên, liên tục", kind: DeadlineContinuous},
		{in: "Thường xuyên và liên tục", kind: DeadlineContinuous},
		{in: "thuong xuyen", kind: DeadlineContinuous},
		{in: "thực hiện thường xuyên", kind: DeadlineContinuous},
		{in: "năm 2025 và các năm tiếp theo", kind: DeadlineContinuous, start: d(2025, 1, 1)},
		// spacing, NBSP, NFD, labels
		{in: "  Quý   II / 2025 ", kind: DeadlineQuarter, due: d(2025, 6, 30)},
		{in: "tháng\u00a05/2025", kind: DeadlineMonth, due: d(2025, 5, 31)},
		{in: norm.NFD.String("Quý II/2025"), kind: DeadlineQuarter, due: d(2025, 6, 30)},
		{in: norm.NFD.String("thường xuyên"), kind: DeadlineContinuous},
		{in: "Thời gian hoàn thành: trong tháng 5/2025", kind: DeadlineMonth, due: d(2025, 5, 31)},
		{in: "- Năm 2026;", kind: DeadlineYear, due: d(2026, 12, 31)},
		{in: "(Quý II/2025)", kind: DeadlineQuarter, due: d(2025, 6, 30)},
		// blank
		{in: "", kind: DeadlineNone},
		{in: "   ", kind: DeadlineNone},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDeadline(tt.in)
			if err != nil {
				t.Fatalf("ParseDeadline(%q): %v", tt.in, err)
			}
			want := Deadline{Kind: tt.kind, Text: tt.in, Due: tt.due, Start: tt.start, Every: tt.every}
			if got != want {
				t.Errorf("ParseDeadline(%q)\n got %+v\nwant %+v", tt.in, got, want)
			}
		})
	}
}

func TestParseDeadlineErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string // part of the message
	}{
		{"abc", `không đọc được thời hạn "abc": hãy ghi ngày (30/6/2025), tháng (tháng 5/2025), quý (Quý II/2025), năm (năm 2026), giai đoạn (2025-2030), "hằng năm" hoặc "thường xuyên"`},
		{"31/2/2025", "tháng 2/2025 không có ngày 31"},
		{"0/5/2025", "không có ngày 0"},
		{"30/13/2025", "không có tháng 13"},
		{"tháng 13/2025", "không có tháng 13"},
		{"tháng 0/2025", "không có tháng 0"},
		{"Quý V/2025", "không có quý V"},
		{"quý 5/2025", "không có quý 5"},
		{"2030-2025", "kết thúc trước khi bắt đầu"},
		{"từ tháng 6/2026 đến tháng 5/2025", "kết thúc trước khi bắt đầu"},
		{"năm 0999", "năm 0999 không hợp lệ"},
		{"30/6/25", "hãy ghi ngày"},
		{"theo kế hoạch", "hãy ghi ngày"},
		{"hằng tuần", "hãy ghi ngày"},
		{".", "hãy ghi ngày"},
		{"Quý II", "hãy ghi ngày"},
		{"tháng 5", "hãy ghi ngày"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseDeadline(tt.in)
			if err == nil {
				t.Fatalf("ParseDeadline(%q): no error", tt.in)
			}
			if !errors.Is(err, ErrDeadline) {
				t.Errorf("ParseDeadline(%q) = %v, not wrapping ErrDeadline", tt.in, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseDeadline(%q) = %q, want it to contain %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestFindDeadline(t *testing.T) {
	d := Date
	tests := []struct {
		name string
		in   string
		want Deadline // zero: none found
	}{
		{
			name: "label with month, from the reference plan",
			in:   "1.  Căn cứ Kế hoạch này, các sở, ban, ngành, địa phương xây dựng kế hoạch triển khai cụ thể và tổ chức thực hiện; các nội dung đã thực hiện theo Kế hoạch số 60/KH-UBND ngày 25/02/2025 của Ủy ban nhân dân tỉnh tiếp tục được triển khai thực hiện và cập nhật theo Kế hoạch này; định kỳ sơ kết, tổng kết đánh giá tình hình thực hiện gửi Sở Khoa học và Công nghệ để tổng hợp báo cáo Ủy ban nhân dân tỉnh. Thời gian hoàn thành:  trong tháng 5/2025.",
			want: Deadline{Kind: DeadlineMonth, Text: "trong tháng 5/2025", Due: d(2025, 5, 31)},
		},
		{
			name: "label with range",
			in:   "Xây dựng Đề án chuyển đổi số tỉnh. Thời gian thực hiện: 2025-2030",
			want: Deadline{Kind: DeadlineRange, Text: "2025-2030", Due: d(2030, 12, 31), Start: d(2025, 1, 1)},
		},
		{
			name: "hoàn thành trước ngày",
			in:   "Sở Tài chính chủ trì, hoàn thành trước ngày 30/6/2025 để trình UBND tỉnh.",
			want: Deadline{Kind: DeadlineDate, Text: "trước ngày 30/6/2025", Due: d(2025, 6, 30)},
		},
		{
			name: "hoàn thành trong năm",
			in:   "Công bố danh mục cơ sở dữ liệu dùng chung của tỉnh, hoàn thành trong năm 2025; rà soát hằng năm.",
			want: Deadline{Kind: DeadlineYear, Text: "trong năm 2025", Due: d(2025, 12, 31)},
		},
		{
			name: "thời hạn quarter without diacritics",
			in:   "Ban hanh quy che chia se du lieu (thoi han: quy II/2025).",
			want: Deadline{Kind: DeadlineQuarter, Text: "quy II/2025", Due: d(2025, 6, 30)},
		},
		{
			name: "thực hiện thường xuyên",
			in:   "Tuyên truyền, phổ biến kỹ năng số cho người dân, thực hiện thường xuyên.",
			want: Deadline{Kind: DeadlineContinuous, Text: "thường xuyên"},
		},
		{
			name: "Thường xuyên qualifying the verb is no deadline, from the reference plan",
			in:   "Thường xuyên phối hợp với các viện, trường, tổ chức quốc tế, các tổ chức, cá nhân, doanh nghiệp trong và ngoài nước thiết lập và triển khai các thỏa thuận hợp tác.",
		},
		{
			name: "Thường xuyên opening a task is no deadline",
			in:   "Thường xuyên cải tạo, nâng cấp hạ tầng mạng nội bộ của các cơ quan.",
		},
		{
			name: "Thường xuyên standing alone",
			in:   "Rà soát, cập nhật cơ sở dữ liệu cán bộ. Thường xuyên.",
			want: Deadline{Kind: DeadlineContinuous, Text: "Thường xuyên"},
		},
		{
			name: "Thường xuyên set off by a comma",
			in:   "Thường xuyên, liên tục: cập nhật dữ liệu dân cư.",
			want: Deadline{Kind: DeadlineContinuous, Text: "Thường xuyên, liên tục"},
		},
		{
			name: "định kỳ hằng năm inside the content is no deadline",
			in:   "Tổ chức kiểm tra, đánh giá định kỳ hằng năm việc thực hiện chuyển đổi số tại các cơ quan.",
		},
		{
			name: "định kỳ hằng năm ending the clause",
			in:   "Tổ chức hội nghị đánh giá kết quả chuyển đổi số định kỳ hằng năm.",
			want: Deadline{Kind: DeadlineRecurring, Text: "định kỳ hằng năm", Every: "year"},
		},
		{
			name: "trước năm",
			in:   "Phấn đấu trước năm 2027 hoàn thành việc số hóa hồ sơ đất đai của tỉnh.",
			want: Deadline{Kind: DeadlineYear, Text: "trước năm 2027", Due: d(2026, 12, 31)},
		},
		{
			name: "vào năm at the end",
			in:   "Đưa trung tâm điều hành thông minh vào vận hành vào năm 2025.",
			want: Deadline{Kind: DeadlineYear, Text: "vào năm 2025", Due: d(2025, 12, 31)},
		},
		{
			name: "Năm …, opening the clause",
			in:   "Năm 2025, hoàn thành kết nối hệ thống một cửa điện tử với cơ sở dữ liệu dân cư.",
			want: Deadline{Kind: DeadlineYear, Text: "Năm 2025", Due: d(2025, 12, 31)},
		},
		{
			name: "giai đoạn at the end of the clause",
			in:   "Triển khai nền tảng học tập số cho học sinh trong giai đoạn 2025-2030.",
			want: Deadline{Kind: DeadlineRange, Text: "trong giai đoạn 2025-2030", Due: d(2030, 12, 31), Start: d(2025, 1, 1)},
		},
		{
			name: "the period a document covers is no deadline",
			in:   "Xây dựng Đề án chuyển đổi số tỉnh giai đoạn 2026 - 2030 bảo đảm phù hợp với quy hoạch.",
		},
		{
			name: "thời gian: mid-sentence",
			in:   "Nâng cấp cổng dịch vụ công (thời gian: Quý III/2025) và kết nối với cổng quốc gia.",
			want: Deadline{Kind: DeadlineQuarter, Text: "Quý III/2025", Due: d(2025, 9, 30)},
		},
		{
			name: "thời gian without a colon is no label",
			in:   "Trong thời gian qua, việc ứng dụng công nghệ thông tin đạt nhiều kết quả.",
		},
		{
			name: "clause-initial Hằng năm, from the reference plan",
			in:   "Hằng năm, Sở Khoa học và Công nghệ chủ trì xây dựng và trình cấp có thẩm quyền ban hành kế hoạch tổ chức kiểm tra tại một số địa phương, đơn vị trọng điểm; tổ chức sơ kết, đánh giá, rút kinh nghiệm.",
			want: Deadline{Kind: DeadlineRecurring, Text: "Hằng năm", Every: "year"},
		},
		{
			name: "a reporting rule is no deadline of the paragraph, from the reference plan",
			in:   "Các sở, ban, ngành, địa phương định kỳ hàng quý báo cáo kết quả về Sở Khoa học và Công nghệ  trước ngày 10 tháng cuối quý  để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
		},
		{
			name: "hàng năm inside the content is no deadline, from the reference plan",
			in:   "4.  Sở Tài chính chủ trì, phối hợp với các sở, ban, ngành, địa phương bảo đảm nguồn kinh phí thực hiện hàng năm theo quy định.",
		},
		{
			name: "thực hiện hằng năm ending the task",
			in:   "Sở Tài chính bảo đảm kinh phí, thực hiện hằng năm.",
			want: Deadline{Kind: DeadlineRecurring, Text: "hằng năm", Every: "year"},
		},
		{
			name: "clause-initial period, from the reference plan",
			in:   "Trong giai đoạn 2025 - 2030, dự kiến thành lập cơ sở/vườn ươm, ươm tạo doanh nghiệp khởi nghiệp đổi mới sáng tạo (trực thuộc Trung tâm Thông tin và Ứng dụng khoa học và công nghệ).",
			want: Deadline{Kind: DeadlineRange, Text: "Trong giai đoạn 2025 - 2030", Due: d(2030, 12, 31), Start: d(2025, 1, 1)},
		},
		{
			name: "label beats an earlier phrase",
			in:   "Thường xuyên cập nhật dữ liệu; thời hạn hoàn thành: Quý IV/2025.",
			want: Deadline{Kind: DeadlineQuarter, Text: "Quý IV/2025", Due: d(2025, 12, 31)},
		},
		{
			name: "NFD paragraph",
			in:   norm.NFD.String("Xây dựng kho dữ liệu, hoàn thành trong quý III/2025."),
			want: Deadline{Kind: DeadlineQuarter, Text: "trong quý III/2025", Due: d(2025, 9, 30)},
		},
		{
			name: "cited document date is not a deadline",
			in:   "Quán triệt, triển khai thực hiện có hiệu quả Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ.",
		},
		{
			name: "plan horizon is not a deadline, from the reference plan",
			in:   "Nâng cao chất lượng nguồn nhân lực, đóng góp tích cực vào mục tiêu công nghiệp hóa, hiện đại hóa đất nước đến năm 2030, tầm nhìn 2045.",
		},
		{
			name: "mid-sentence programme period is not a deadline, from the reference plan",
			in:   "Xây dựng chương trình đầu tư công về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong giai đoạn 2026 - 2030, trong đó ngân sách Trung ương hỗ trợ thực hiện các nhiệm vụ.",
		},
		{
			name: "annual budget is not a recurring deadline, from the reference plan",
			in:   "Công bố danh mục các chương trình; phấn đấu chi ngân sách hằng năm cho phát triển khoa học, công nghệ đổi mới sáng tạo và chuyển đổi số không thấp hơn bình quân chung của cả nước.",
		},
		{
			name: "adverb inside a clause is not a deadline, from the reference plan",
			in:   "Chia sẻ thông tin, phối hợp theo dõi, giám sát, xử lý sự cố; có kế hoạch theo dõi, giám sát, đánh giá thường xuyên các hệ thống để bảo đảm an ninh, an toàn.",
		},
		{
			name: "unreadable label is no deadline",
			in:   "Thời gian hoàn thành: theo tiến độ dự án.",
		},
		{
			name: "thời hạn of a loan is not a deadline, from the reference plan",
			in:   "có chính sách tín dụng ưu đãi đối với học sinh, sinh viên theo hướng mở rộng đối tượng và điều kiện vay, giảm lãi suất, tăng mức vay và thời hạn trả nợ.",
		},
		{name: "empty", in: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := FindDeadline(tt.in)
			if ok != (tt.want.Kind != DeadlineNone) || got != tt.want {
				t.Errorf("FindDeadline(%q)\n got %+v, %v\nwant %+v", tt.in, got, ok, tt.want)
			}
		})
	}
}

// TestFindDeadlineReferencePlan runs over every paragraph of the reference
// plan: only the paragraphs that state a deadline yield one.
func TestFindDeadlineReferencePlan(t *testing.T) {
	want := map[string]string{ // paragraph prefix → deadline words
		"Trong giai đoạn 2025 - 2030": "Trong giai đoạn 2025 - 2030",
		"1.  Căn cứ Kế hoạch này":     "trong tháng 5/2025",
		"Hằng năm, Sở Khoa học":       "Hằng năm",
	}
	found := map[string]bool{}
	for _, p := range referencePlanLines(t) {
		d, ok := FindDeadline(p)
		if !ok {
			continue
		}
		matched := false
		for prefix, words := range want {
			if strings.HasPrefix(p, prefix) {
				matched, found[prefix] = true, true
				if d.Text != words {
					t.Errorf("FindDeadline(%.40q…).Text = %q, want %q", p, d.Text, words)
				}
			}
		}
		if !matched {
			t.Errorf("FindDeadline(%.60q…) = %+v, want none", p, d)
		}
	}
	for prefix := range want {
		if !found[prefix] {
			t.Errorf("no deadline found in the paragraph starting %q", prefix)
		}
	}
}

func referencePlanLines(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile("../demo/ca-mau-kh-nq71.txt")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.ReplaceAll(vntext.NFC(string(b)), "\r\n", "\n"), "\n")
}

func FuzzParseDeadline(f *testing.F) {
	for _, s := range []string{
		"30/6/2025", "trước ngày 30/6/2025", "tháng 5/2025", "Quý II/2025", "quy 2/2025",
		"6 tháng đầu năm 2025", "năm 2026", "2026", "2025-2030", "giai đoạn 2026 - 2030",
		"từ năm 2025 đến năm 2030", "từ tháng 5/2025 đến hết Quý II/2026", "hằng năm",
		"định kỳ hàng quý", "thường xuyên, liên tục", "31/2/2025", "tháng 13/2025", "",
		"  ", "abc", norm.NFD.String("Quý II/2025"), "hằng năm, trước ngày 15/12",
		"năm 2025 và các năm tiếp theo", "từ nay đến năm 2030", "2025-06-30",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDeadline(s)
		if err != nil {
			if !errors.Is(err, ErrDeadline) {
				t.Fatalf("ParseDeadline(%q) error %v does not wrap ErrDeadline", s, err)
			}
			return
		}
		if d.Text != s {
			t.Fatalf("ParseDeadline(%q).Text = %q", s, d.Text)
		}
		checkDeadlineConsistent(t, d)
	})
}

// checkDeadlineConsistent checks the invariants every parsed deadline keeps.
func checkDeadlineConsistent(t *testing.T, d Deadline) {
	t.Helper()
	switch d.Kind {
	case DeadlineDate, DeadlineMonth, DeadlineQuarter, DeadlineHalf, DeadlineYear:
		if d.Due.IsZero() || d.Every != "" || !d.Start.IsZero() {
			t.Fatalf("%+v: a point deadline needs Due only", d)
		}
	case DeadlineRange:
		if d.Due.IsZero() || d.Start.IsZero() || d.Start.After(d.Due) {
			t.Fatalf("%+v: a range needs Start ≤ Due", d)
		}
	case DeadlineRecurring:
		if !d.Due.IsZero() || d.Every == "" {
			t.Fatalf("%+v: recurring needs Every and no Due", d)
		}
	case DeadlineContinuous, DeadlineNone:
		if !d.Due.IsZero() || d.Every != "" {
			t.Fatalf("%+v: %q has no Due", d, d.Kind)
		}
	default:
		t.Fatalf("%+v: unknown kind", d)
	}
	if !d.Due.IsZero() && (d.Due.Location() != time.UTC || d.Due.Hour() != 0) {
		t.Fatalf("%+v: Due is not midnight UTC", d)
	}
}

func BenchmarkFindDeadline(b *testing.B) {
	lines := referencePlanLines(b)
	for b.Loop() {
		for _, p := range lines {
			FindDeadline(p)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lines)), "ns/paragraph")
}

func BenchmarkParseDeadline(b *testing.B) {
	in := []string{"Quý II/2025", "trong tháng 5/2025", "giai đoạn 2026 - 2030", "thường xuyên", "30/6/2025", "hằng năm"}
	for b.Loop() {
		for _, s := range in {
			if _, err := ParseDeadline(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// FuzzFindDeadline checks that FindDeadline never panics and that what it
// finds is words of the paragraph which ParseDeadline reads the same way.
func FuzzFindDeadline(f *testing.F) {
	for _, s := range []string{
		"Sở Tài chính chủ trì, hoàn thành trước ngày 30/6/2025 để trình UBND tỉnh.",
		"Thời gian hoàn thành:  trong tháng 5/2025.",
		"Hằng năm, Sở Khoa học và Công nghệ chủ trì",
		"Trong giai đoạn 2025 - 2030, dự kiến thành lập",
		"Nghị quyết số 71/NQ-CP ngày 01/4/2025",
		"thời hạn: quý V/2025", "định kỳ hàng quý", "hoàn thành\n2025", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := FindDeadline(s)
		if !ok {
			if d != (Deadline{}) {
				t.Fatalf("FindDeadline(%q) = %+v with ok false", s, d)
			}
			return
		}
		if d.Text == "" || !strings.Contains(vntext.NFC(s), d.Text) {
			t.Fatalf("FindDeadline(%q).Text = %q, not words of the paragraph", s, d.Text)
		}
		again, err := ParseDeadline(d.Text)
		if err != nil || again != d {
			t.Fatalf("FindDeadline(%q) = %+v, but ParseDeadline(Text) = %+v, %v", s, d, again, err)
		}
		checkDeadlineConsistent(t, d)
	})
}
