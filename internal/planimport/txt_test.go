package planimport

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tiendo/internal/plan"
)

func parseLinesOf(t *testing.T, opts Options, lines ...string) *Result {
	t.Helper()
	res, err := Parse("plan.txt", []byte(strings.Join(lines, "\n")), opts)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return res
}

func TestClassify(t *testing.T) {
	tests := []struct {
		in     string
		kind   markKind
		number string
		rest   string
	}{
		{"I. MỤC ĐÍCH, YÊU CẦU", markRoman, "I", "MỤC ĐÍCH, YÊU CẦU"},
		{"III. NHIỆM VỤ VÀ GIẢI PHÁP", markRoman, "III", "NHIỆM VỤ VÀ GIẢI PHÁP"},
		{"IV- KINH PHÍ", markRoman, "IV", "KINH PHÍ"},
		{"XIV) PHỤ LỤC", markRoman, "XIV", "PHỤ LỤC"},
		{"IIII. SAI", markNone, "", "IIII. SAI"},
		{"C. Mác đã viết", markNone, "", "C. Mác đã viết"},
		{"V.5% dân số", markNone, "", "V.5% dân số"},
		{"1. Mục đích", markDecimal, "1", "Mục đích"},
		{"1.  Căn cứ Kế hoạch này", markDecimal, "1", "Căn cứ Kế hoạch này"},
		{"2) Yêu cầu", markDecimal, "2", "Yêu cầu"},
		{"1.Mục đích", markDecimal, "1", "Mục đích"},
		{"4.1. Kế hoạch đào tạo", markDecimal, "4.1", "Kế hoạch đào tạo"},
		{"4.1 Kế hoạch đào tạo", markDecimal, "4.1", "Kế hoạch đào tạo"},
		{"4.1.2. Sâu hơn", markDecimal, "4.1.2", "Sâu hơn"},
		{"2025 là năm bản lề", markNone, "", "2025 là năm bản lề"},
		{"10,5% hộ dân", markNone, "", "10,5% hộ dân"},
		{"10.5% hộ dân", markNone, "", "10.5% hộ dân"},
		{"1.000 người tham gia", markNone, "", "1.000 người tham gia"},
		{"30/6/2025 là hạn", markNone, "", "30/6/2025 là hạn"},
		{"1 Mục không dấu chấm", markNone, "", "1 Mục không dấu chấm"},
		{"a) Xây dựng quy chế", markLetter, "a", "Xây dựng quy chế"},
		{"đ) Mục đ", markLetter, "đ", "Mục đ"},
		{"b. Mục b", markLetter, "b", "Mục b"},
		{"v.v. và các nội dung khác", markNone, "", "v.v. và các nội dung khác"},
		{"- Quán triệt", markBullet, "", "Quán triệt"},
		{"-Quán triệt", markBullet, "", "Quán triệt"},
		{"+ Ý nhỏ", markBullet, "", "Ý nhỏ"},
		{"• Chấm tròn", markBullet, "", "Chấm tròn"},
		{"Đoạn văn thường.", markNone, "", "Đoạn văn thường."},
	}
	for _, tt := range tests {
		m := classify(tt.in)
		if m.kind != tt.kind || m.number != tt.number || m.rest != tt.rest {
			t.Errorf("classify(%q) = {%d %q %q}, want {%d %q %q}", tt.in, m.kind, m.number, m.rest, tt.kind, tt.number, tt.rest)
		}
	}
}

// TestNumberingOddities: skipped, repeated and misplaced numbers are read
// as written and each reported, in Vietnamese, on its line.
func TestNumberingOddities(t *testing.T) {
	tests := []struct {
		name   string
		lines  []string
		labels string
		warn   string
	}{
		{"part skipped", []string{"I. MỤC ĐÍCH", "Văn bản.", "III. NHIỆM VỤ", "Nhiệm vụ."},
			"I III", "3: mục II không có (sau mục I là mục III)"},
		{"two parts skipped", []string{"I. MỤC ĐÍCH", "Văn bản.", "IV. NHIỆM VỤ", "Nhiệm vụ."},
			"I IV", "3: mục II, III không có (sau mục I là mục IV)"},
		{"first part not I", []string{"II. NHIỆM VỤ", "Nhiệm vụ."},
			"II", "1: mục I không có (mục đầu tiên là mục II)"},
		{"part repeated", []string{"I. NHIỆM VỤ", "Nhiệm vụ.", "I. KINH PHÍ", "Văn bản."},
			"I I-2", "3: mục I lặp lại"},
		{"part backwards", []string{"I. NHIỆM VỤ", "Việc.", "II. X", "Việc.", "I. Y", "Việc."},
			"I II I-2", "5: mục I đứng sau mục II (số thứ tự mục bị lùi)"},
		{"group skipped", []string{"I. NHIỆM VỤ", "1. Một", "Việc một.", "2. Hai", "Việc hai.", "4. Bốn", "Việc bốn."},
			"I I.1 I.2 I.4", "6: số thứ tự nhóm bị nhảy từ 2 lên 4 trong mục I"},
		{"first group not 1", []string{"I. NHIỆM VỤ", "2. Hai", "Việc hai."},
			"I I.2", "2: nhóm đầu tiên trong mục I mang số 2, không phải 1"},
		{"subgroup repeated", []string{"I. NHIỆM VỤ", "1. Một", "1.1. A", "Việc.", "1.2. B", "Việc.", "1.2. C", "Việc."},
			"I I.1 I.1.1 I.1.2 I.1.2-2", "7: số 1.2 lặp lại trong mục I.1"},
		{"subgroup skipped", []string{"I. NHIỆM VỤ", "1. Một", "1.1. A", "Việc.", "1.3. C", "Việc."},
			"I I.1 I.1.1 I.1.3", "5: số thứ tự bị nhảy từ 1.1 lên 1.3 trong mục I.1"},
		{"first subgroup not .1", []string{"I. NHIỆM VỤ", "1. Một", "1.2. B", "Việc."},
			"I I.1 I.1.2", "3: mục đầu tiên trong mục I.1 mang số 1.2, không phải 1.1"},
		{"group backwards", []string{"I. NHIỆM VỤ", "1. Một", "Việc.", "2. Hai", "Việc.", "1. Lại một", "Việc."},
			"I I.1 I.2 I.1-2", "6: số 1 đứng sau 2 (số thứ tự bị lùi) trong mục I"},
		{"subgroup under wrong group", []string{"I. NHIỆM VỤ", "1. Một", "2.1. A", "Việc."},
			"I I.1 I.2.1", "3: số 2.1 nằm trong nhóm 1: số không khớp với mục chứa nó"},
		{"subgroup without group", []string{"I. NHIỆM VỤ", "1.1. A", "Việc."},
			"I I.1.1", "2: số 1.1 không nằm trong nhóm nào trong mục I (thiếu nhóm 1)"},
		{"level skipped", []string{"I. NHIỆM VỤ", "1. A", "1.1.1. B", "Việc."},
			"I I.1 I.1.1.1", "3: số 1.1.1 nằm ngay dưới nhóm 1 (thiếu một cấp số)"},
		{"letter skipped", []string{"I. NHIỆM VỤ", "1. A", "a) x", "Việc.", "c) y", "Việc."},
			"I I.1 I.1.a I.1.c", "5: mục con bị nhảy từ a) lên c) trong mục I.1"},
		{"letter repeated", []string{"I. NHIỆM VỤ", "a) x", "Việc.", "a) y", "Việc."},
			"I I.a I.a-2", "4: mục con a) lặp lại trong mục I"},
		{"đ follows d", []string{"I. NHIỆM VỤ", "a) 1", "Việc.", "b) 2", "Việc.", "c) 3", "Việc.", "d) 4", "Việc.", "đ) 5", "Việc.", "e) 6", "Việc."},
			"I I.a I.b I.c I.d I.đ I.e", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := parseLinesOf(t, Options{}, tt.lines...)
			var labels []string
			for _, s := range res.Draft.Sections {
				labels = append(labels, s.Label)
			}
			if got := strings.Join(labels, " "); got != tt.labels {
				t.Errorf("labels = %s, want %s", got, tt.labels)
			}
			var oddities []string
			for _, w := range res.Warnings {
				if w.Line > 0 {
					oddities = append(oddities, warningTexts([]Warning{w}))
				}
			}
			got := strings.TrimSpace(strings.Join(oddities, ""))
			if got != tt.warn {
				t.Errorf("warnings = %q, want %q", got, tt.warn)
			}
		})
	}
}

// TestTextNormalisation: the same plan typed with CRLF, a BOM, NBSP, NFD
// letters, tabs and two spaces after numbers reads the same, stored NFC.
func TestTextNormalisation(t *testing.T) {
	clean := []string{"KẾ HOẠCH", "CHUYỂN ĐỔI SỐ", "I. MỤC ĐÍCH", "1. Mục đích", "- Quán triệt nghị quyết.", "II. NHIỆM VỤ", "1. Nhóm một", "Xây dựng cơ sở dữ liệu ngành y tế."}
	want := parseLinesOf(t, Options{}, clean...)
	messy := "\ufeff" + norm.NFD.String(strings.Join([]string{
		"  KẾ\u00a0HOẠCH ", "CHUYỂN  ĐỔI SỐ", "I.\tMỤC ĐÍCH", "1.  Mục\u200b đích", "-  Quán triệt\u00a0nghị quyết.", "II. NHIỆM VỤ", "1.  Nhóm một", "Xây dựng cơ sở dữ liệu ngành y tế.\u00ad",
	}, "\r\n"))
	for name, data := range map[string]string{"CRLF": messy, "CR": strings.ReplaceAll(messy, "\r\n", "\r")} {
		got, err := Parse("plan.txt", []byte(data), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Draft, want.Draft) {
			t.Errorf("%s: draft = %+v\nwant %+v", name, got.Draft, want.Draft)
		}
		task := got.Draft.Tasks[0].Text
		if !norm.NFC.IsNormalString(task) || task != "Xây dựng cơ sở dữ liệu ngành y tế." {
			t.Errorf("%s: task text %q not clean NFC", name, task)
		}
	}
}

func TestUTF16Text(t *testing.T) {
	s := "KẾ HOẠCH\r\nTÊN\r\nI. NHIỆM VỤ\r\nViệc một.\r\n"
	le := []byte{0xFF, 0xFE}
	for _, r := range s {
		le = append(le, byte(r), byte(r>>8))
	}
	res, err := Parse("plan.txt", le, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Draft.Plan.Title != "TÊN" || len(res.Draft.Tasks) != 1 || res.Draft.Tasks[0].Text != "Việc một." {
		t.Errorf("draft = %+v", res.Draft)
	}
}

// TestTitleBlock: issuer, number and date are read when the header has
// them, the title keeps its capitals, and the preamble is reported.
func TestTitleBlock(t *testing.T) {
	res := parseLinesOf(t, Options{},
		"ỦY BAN NHÂN DÂN TỈNH CÀ MAU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"--------------",
		"Số: 60/KH-UBND",
		"Cà Mau, ngày 25 tháng 02 năm 2025",
		"KẾ HOẠCH",
		"TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW",
		"VỀ CHUYỂN ĐỔI SỐ",
		"Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
		"Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
		"I. NHIỆM VỤ",
		"Xây dựng đề án.",
	)
	pl := res.Draft.Plan
	if pl.Title != "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW VỀ CHUYỂN ĐỔI SỐ" {
		t.Errorf("title = %q", pl.Title)
	}
	if pl.Code != "60/KH-UBND" || !pl.IssuedOn.Equal(time.Date(2025, 2, 25, 0, 0, 0, 0, time.UTC)) || pl.Issuer != "UBND tỉnh Cà Mau" {
		t.Errorf("code %q, date %v, issuer %q", pl.Code, pl.IssuedOn, pl.Issuer)
	}
	want := "9: 2 đoạn ở phần mở đầu (trước mục đầu tiên) không thuộc mục nào nên không được lưu làm nội dung kế hoạch\n"
	if got := warningTexts(res.Warnings); got != want {
		t.Errorf("warnings = %q, want %q", got, want)
	}
	if len(res.Draft.References) != 1 || res.Draft.References[0].Number != "57-NQ/TW" {
		t.Errorf("plan references = %+v", res.Draft.References)
	}
}

func TestShortIssuer(t *testing.T) {
	for in, want := range map[string]string{
		"ỦY BAN NHÂN DÂN TỈNH CÀ MAU":           "UBND tỉnh Cà Mau",
		"UỶ BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH": "UBND thành phố Hồ Chí Minh",
		"UBND XÃ ĐẤT MŨI":                       "UBND xã Đất Mũi",
		"SỞ KHOA HỌC VÀ CÔNG NGHỆ":              "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
		"ỦY BAN NHÂN DÂN":                       "ỦY BAN NHÂN DÂN",
	} {
		if got := shortIssuer(in); got != want {
			t.Errorf("shortIssuer(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTaskParagraphs: how paragraphs under the task part become tasks.
func TestTaskParagraphs(t *testing.T) {
	res := parseLinesOf(t, Options{Agencies: testAgencies()},
		"KẾ HOẠCH", "TÊN", "II. NHIỆM VỤ CỤ THỂ",
		"Các nhiệm vụ cụ thể như sau:",
		"- Xây dựng cơ sở dữ liệu dùng chung.",
		"+ Dữ liệu dân cư;",
		"+ Dữ liệu đất đai.",
		"- Thời gian hoàn thành: Quý II/2025.",
		"- Sản phẩm: Quyết định phê duyệt.",
		"1. Nhóm có mục con",
		"a) Ban hành quy chế chia sẻ dữ liệu",
		"- Cơ quan chủ trì: Sở Khoa học và Công nghệ.",
		"- Cơ quan phối hợp: Sở Tài chính; Sở Tư pháp.",
		"b) Tập huấn kỹ năng số cho cán bộ",
		"c) Nhóm có nội dung",
		"Rà soát thủ tục hành chính.",
		"2. Nhóm trống",
		"III. TỔ CHỨC THỰC HIỆN",
		"Sở Tài chính bố trí kinh phí.",
	)
	d := res.Draft
	type row struct {
		label, text string
		lead        int64
		coop        []int64
		product     string
		due         string
	}
	var got []row
	for _, tk := range d.Tasks {
		got = append(got, row{d.Sections[tk.Section].Label, tk.Text, tk.LeadAgencyID, tk.CooperatingAgencyIDs, tk.Product, tk.Deadline.Text})
	}
	khcn, tc, tp := agencyID(t, "Sở Khoa học và Công nghệ"), agencyID(t, "Sở Tài chính"), agencyID(t, "Sở Tư pháp")
	want := []row{
		{"II", "Xây dựng cơ sở dữ liệu dùng chung.\n+ Dữ liệu dân cư;\n+ Dữ liệu đất đai.\n- Thời gian hoàn thành: Quý II/2025.\n- Sản phẩm: Quyết định phê duyệt.", 0, nil, "Quyết định phê duyệt", "Quý II/2025"},
		{"II.1", "Ban hành quy chế chia sẻ dữ liệu\n- Cơ quan chủ trì: Sở Khoa học và Công nghệ.\n- Cơ quan phối hợp: Sở Tài chính; Sở Tư pháp.", khcn, []int64{tc, tp}, "", ""},
		{"II.1", "Tập huấn kỹ năng số cho cán bộ", 0, nil, "", ""},
		{"II.1.c", "Rà soát thủ tục hành chính.", 0, nil, "", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tasks:\n%+v\nwant\n%+v", got, want)
	}
	if b := sectionByLabel(t, d, "II").Body; b != "Các nhiệm vụ cụ thể như sau:" {
		t.Errorf("lead-in kept as %q", b)
	}
	if due := d.Tasks[0].Deadline.Due; !due.Equal(time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("due = %v", due)
	}
	var labels []string
	for _, s := range d.Sections {
		labels = append(labels, s.Label)
	}
	// a) and b) became tasks of II.1; c) keeps its own task; the empty group 2 stays.
	if got := strings.Join(labels, " "); got != "II II.1 II.1.c II.2 III" {
		t.Errorf("labels = %s", got)
	}
	if b := sectionByLabel(t, d, "III").Body; b != "Sở Tài chính bố trí kinh phí." {
		t.Errorf("III body = %q", b)
	}
}

// TestTaskAgencies: lead from "chủ trì", cooperating from "phối hợp", the
// only agency named is the lead; unknown names in "Chủ trì:" lines are
// listed for mapping, and a mapping resolves them.
func TestTaskAgencies(t *testing.T) {
	lines := []string{"KẾ HOẠCH", "TÊN", "I. NHIỆM VỤ",
		"Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính xây dựng đề án.",
		"Giao Sở Y tế triển khai bệnh án điện tử.",
		"Triển khai nền tảng dữ liệu.",
		"- Chủ trì: Sở Thông tin và Truyền thông.",
	}
	res := parseLinesOf(t, Options{Agencies: testAgencies()}, lines...)
	khcn, tc, yt := agencyID(t, "Sở Khoa học và Công nghệ"), agencyID(t, "Sở Tài chính"), agencyID(t, "Sở Y tế")
	tasks := res.Draft.Tasks
	if tk := tasks[0]; tk.LeadAgencyID != khcn || !reflect.DeepEqual(tk.CooperatingAgencyIDs, []int64{tc}) || !reflect.DeepEqual(tk.MentionedAgencyIDs, []int64{khcn, tc}) {
		t.Errorf("task 1: lead %d coop %v mentioned %v", tk.LeadAgencyID, tk.CooperatingAgencyIDs, tk.MentionedAgencyIDs)
	}
	if tk := tasks[1]; tk.LeadAgencyID != yt || tk.CooperatingAgencyIDs != nil {
		t.Errorf("task 2: lead %d coop %v", tk.LeadAgencyID, tk.CooperatingAgencyIDs)
	}
	if tk := tasks[2]; tk.LeadAgencyID != 0 {
		t.Errorf("task 3: lead %d", tk.LeadAgencyID)
	}
	if !reflect.DeepEqual(res.UnknownAgencies, []string{"Sở Thông tin và Truyền thông"}) {
		t.Errorf("unknown = %q", res.UnknownAgencies)
	}
	mapped := parseLinesOf(t, Options{Agencies: testAgencies(), Mapping: map[string]int64{"sở thông tin và truyền thông": khcn}}, lines...)
	if len(mapped.UnknownAgencies) != 0 || mapped.Draft.Tasks[2].LeadAgencyID != khcn {
		t.Errorf("after mapping: unknown %q, lead %d", mapped.UnknownAgencies, mapped.Draft.Tasks[2].LeadAgencyID)
	}
}

func TestRegime(t *testing.T) {
	tests := []struct {
		in   string
		want *Regime
	}{
		{"Các sở định kỳ hàng quý báo cáo kết quả về Sở Khoa học và Công nghệ trước ngày 10 tháng cuối quý để tổng hợp.", &Regime{Frequency: "quarter", DueDay: 10, DueMonth: "last"}},
		{"Định kỳ 6 tháng, năm báo cáo UBND tỉnh trước ngày 15/6 và 15/12.", &Regime{Frequency: "half", DueDay: 15, DueMonth: "6"}},
		{"Hằng năm, các đơn vị báo cáo kết quả thực hiện trước ngày 20 tháng 11.", &Regime{Frequency: "year", DueDay: 20, DueMonth: "11"}},
		{"Báo cáo hằng tháng chậm nhất ngày 25.", &Regime{Frequency: "month", DueDay: 25}},
		{"Định kỳ hằng quý báo cáo chậm nhất vào ngày 05 của tháng đầu quý sau.", &Regime{Frequency: "quarter", DueDay: 5, DueMonth: "next"}},
		{"Hằng quý tổng hợp báo cáo.", &Regime{Frequency: "quarter"}},
		{"Định kỳ sơ kết, tổng kết gửi Sở để tổng hợp báo cáo.", nil},
		{"Bảo đảm kinh phí thực hiện hàng năm.", nil},
	}
	for _, tt := range tests {
		got := readRegime(tt.in)
		if tt.want != nil {
			tt.want.Text = tt.in
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("readRegime(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// TestRegimeFromPlan: the rule sits in a paragraph with other sentences;
// only its sentence is kept. Task paragraphs are not searched.
func TestRegimeFromPlan(t *testing.T) {
	res := parseLinesOf(t, Options{}, "KẾ HOẠCH", "TÊN",
		"I. NHIỆM VỤ", "Hằng quý báo cáo tiến độ dự án trước ngày 5.",
		"II. TỔ CHỨC THỰC HIỆN",
		"Sở Nội vụ theo dõi. Định kỳ 6 tháng, các cơ quan báo cáo trước ngày 15 tháng cuối kỳ. Sở Tài chính bố trí kinh phí.",
		"Kế hoạch này thay thế Kế hoạch số 12/KH-UBND ngày 01/01/2024.")
	want := &Regime{Frequency: "half", DueDay: 15, DueMonth: "last", Text: "Định kỳ 6 tháng, các cơ quan báo cáo trước ngày 15 tháng cuối kỳ."}
	if !reflect.DeepEqual(res.Regime, want) || res.Draft.Plan.ReportingRule != want.Text {
		t.Errorf("regime = %+v", res.Regime)
	}
	if res.Draft.Plan.Replaces != "12/KH-UBND" {
		t.Errorf("replaces = %q", res.Draft.Plan.Replaces)
	}
}

// TestNoTaskPart: a plan in which nothing reads as a task is refused,
// and the message says which parts were read and why none held tasks.
func TestNoTaskPart(t *testing.T) {
	_, err := Parse("plan.txt", []byte(strings.Join([]string{"KẾ HOẠCH", "TÊN", "I. MỤC ĐÍCH", "Văn bản.", "II. TỔ CHỨC THỰC HIỆN", "Văn bản."}, "\n")), Options{})
	e := importErr(t, err, CodeNoTasks)
	for _, s := range []string{"mục I “MỤC ĐÍCH” (mục đích, mục tiêu, yêu cầu hoặc kinh phí: không phải phần nhiệm vụ)", "mục II “TỔ CHỨC THỰC HIỆN” (không có đoạn nào giống nhiệm vụ)"} {
		if !strings.Contains(e.Message, s) {
			t.Errorf("message %q lacks %q", e.Message, s)
		}
	}
}

// TestPlanWithoutParts: groups at the top level work too.
func TestPlanWithoutParts(t *testing.T) {
	res := parseLinesOf(t, Options{}, "KẾ HOẠCH", "TÊN", "1. Mục đích", "Văn bản.", "2. Nhiệm vụ trọng tâm", "Việc một.", "Việc hai.")
	d := res.Draft
	if len(d.Tasks) != 2 || d.Sections[d.Tasks[0].Section].Label != "2" || d.Sections[0].Body != "Văn bản." {
		t.Errorf("draft = %+v", d)
	}
	if d.Sections[0].Kind != plan.KindGroup || d.Sections[0].Parent != -1 {
		t.Errorf("section 0 = %+v", d.Sections[0])
	}
}

// TestNumberedTaskWithAttributes: a numbered heading followed only by its
// lead and deadline lines is a task; an unreadable deadline is kept as
// words with a warning on its line.
func TestNumberedTaskWithAttributes(t *testing.T) {
	res := parseLinesOf(t, Options{Agencies: testAgencies()},
		"KẾ HOẠCH", "TÊN", "I. NHIỆM VỤ", "1. Nhóm",
		"1.1. Xây dựng đề án số hóa",
		"- Chủ trì: Sở Nội vụ",
		"- Thời hạn: khi có điều kiện",
		"1.2. Nhóm con có việc",
		"Việc thường.",
		"TM. ỦY BAN NHÂN DÂN",
		"CHỦ TỊCH",
	)
	d := res.Draft
	var labels []string
	for _, s := range d.Sections {
		labels = append(labels, s.Label)
	}
	if got := strings.Join(labels, " "); got != "I I.1 I.1.2" {
		t.Errorf("labels = %s", got)
	}
	if len(d.Tasks) != 2 {
		t.Fatalf("tasks = %+v", d.Tasks)
	}
	tk := d.Tasks[0]
	if d.Sections[tk.Section].Label != "I.1" || tk.Text != "Xây dựng đề án số hóa\n- Chủ trì: Sở Nội vụ\n- Thời hạn: khi có điều kiện" ||
		tk.LeadAgencyID != agencyID(t, "Sở Nội vụ") || tk.Deadline.Text != "khi có điều kiện" || tk.Deadline.Kind != plan.DeadlineNone {
		t.Errorf("task = %+v", tk.Task)
	}
	if w := warningTexts(res.Warnings); !strings.Contains(w, "7: không đọc được thời hạn “khi có điều kiện”") {
		t.Errorf("warnings:\n%s", w)
	}
	if d.Tasks[1].Text != "Việc thường." || sectionByLabel(t, d, "I.1.2").Body != "" {
		t.Errorf("second task %+v", d.Tasks[1].Task)
	}
}
