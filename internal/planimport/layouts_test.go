package planimport

import (
	"reflect"
	"strings"
	"testing"

	"tiendo/internal/agency"
)

func txt(lines ...string) []byte { return []byte(strings.Join(lines, "\n")) }

// coverLines is a decision issuing a plan "kèm theo", up to its signature.
var coverLines = []string{
	"ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "Số: 77/QĐ-UBND", "Cà Mau, ngày 03 tháng 2 năm 2025",
	"QUYẾT ĐỊNH", "Ban hành Kế hoạch số hóa lưu trữ năm 2025",
	"QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch số hóa lưu trữ năm 2025.",
	"Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
	"Nơi nhận:", "- Như Điều 2;", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Năm",
}

// TestCoverAlone: a decision that issues a plan but holds none is refused
// with a message saying so; given with the plan's own file, it supplies
// what the plan lacks (number, date, title, issuer).
func TestCoverAlone(t *testing.T) {
	_, err := Parse("qd.txt", txt(coverLines...), Options{})
	e := importErr(t, err, CodeCoverOnly)
	if !strings.Contains(e.Message, "Quyết định ban hành kế hoạch “kèm theo”, nhưng không có nội dung kế hoạch") {
		t.Errorf("message = %q", e.Message)
	}
	plan := txt("KẾ HOẠCH", "I. NHIỆM VỤ", "Số hóa hồ sơ lưu trữ của các sở.", "Xây dựng kho lưu trữ số.")
	res, err := ParseFiles([]File{{"ke-hoach.txt", plan}, {"qd.txt", txt(coverLines...)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pl := res.Draft.Plan
	if pl.Code != "77/QĐ-UBND" || pl.IssuedOn.Format("02/01/2006") != "03/02/2025" || pl.Title != "Số hóa lưu trữ năm 2025" || pl.Issuer != "UBND tỉnh Cà Mau" {
		t.Errorf("plan from its cover = %+v", pl)
	}
	if len(res.Draft.Tasks) != 2 || !reflect.DeepEqual(res.Files, []FileInfo{{"ke-hoach.txt", "txt", "plan"}, {"qd.txt", "txt", "cover"}}) {
		t.Errorf("tasks %d, files %+v", len(res.Draft.Tasks), res.Files)
	}
	if w := warningTexts(res.Warnings); strings.Contains(w, "số, ký hiệu") || strings.Contains(w, "ngày ban hành") {
		t.Errorf("warnings about what the cover gave:\n%s", w)
	}
}

// TestRefusedFileSets: what cannot make one plan is refused, naming why.
func TestRefusedFileSets(t *testing.T) {
	plan := func(title string) []byte {
		return txt("KẾ HOẠCH", title, "I. NHIỆM VỤ", "Xây dựng kho dữ liệu.")
	}
	tests := []struct {
		name  string
		files []File
		code  string
		says  string
	}{
		{"no file", nil, CodeEmpty, "Chưa có tệp nào"},
		{"two plans", []File{{"a.txt", plan("A")}, {"b.txt", plan("B")}}, CodeManyPlans, "“a.txt” và “b.txt”"},
		{"an empty one among them", []File{{"a.txt", plan("A")}, {"rong.txt", nil}}, CodeEmpty, "“rong.txt”"},
		{"a pointer to an appendix not given", []File{{"a.txt", txt("KẾ HOẠCH", "TÊN", "I. MỤC TIÊU", "Văn bản.", "II. NHIỆM VỤ", "Chi tiết tại Phụ lục kèm theo.")}},
			CodeNoTasks, "mục II “NHIỆM VỤ” (chỉ dẫn tới phụ lục nhưng không có phụ lục nào được tải lên kèm)"},
		{"an appendix with no task table", []File{{"pl.txt", txt("PHỤ LỤC", "CHỈ TIÊU CHUYỂN ĐỔI SỐ", "Tỷ lệ hồ sơ trực tuyến: 80%.")}}, CodeNoTasks, "Phụ lục không có bảng nhiệm vụ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFiles(tt.files, Options{})
			e := importErr(t, err, tt.code)
			if !strings.Contains(e.Message, tt.says) {
				t.Errorf("message %q lacks %q", e.Message, tt.says)
			}
		})
	}
}

// TestUnmatchedForMapping: names the register does not know never block;
// the result says, per name, which tasks use it (and how many it leads),
// the agency it most likely is, and the kind a new one would have; the
// tasks keep the names as written; a mapping resolves them.
func TestUnmatchedForMapping(t *testing.T) {
	data := txt("KẾ HOẠCH", "TÊN", "I. NHIỆM VỤ",
		"Số hóa học bạ điện tử.", "- Chủ trì: Sở Giáo dục và Đào tạo tỉnh Cà Mau; phối hợp: UBND xã Thới Bình.",
		"Kết nối dữ liệu học sinh.", "- Chủ trì: Sở Tài chính.", "- Phối hợp: UBND xã Thới Bình, Trung tâm Dữ liệu tỉnh.",
		"Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền về chuyển đổi số.")
	res, err := Parse("kh.txt", data, Options{Agencies: testAgencies()})
	if err != nil {
		t.Fatal(err)
	}
	gddt := agencyID(t, "Sở Giáo dục và Đào tạo")
	want := []Unmatched{
		{Name: "Sở Giáo dục và Đào tạo tỉnh Cà Mau", Tasks: []int{0}, Leads: 1, Guess: gddt, Kind: agency.KindDepartment},
		{Name: "UBND xã Thới Bình", Tasks: []int{0, 1}, Kind: agency.KindCommune},
		{Name: "Trung tâm Dữ liệu tỉnh", Tasks: []int{1}, Kind: agency.KindUnit},
	}
	if !reflect.DeepEqual(res.Unmatched, want) {
		t.Errorf("unmatched\n got %+v\nwant %+v", res.Unmatched, want)
	}
	d := res.Draft
	if d.Tasks[0].LeadAgencyID != 0 || d.Tasks[0].LeadName != "Sở Giáo dục và Đào tạo tỉnh Cà Mau" || !reflect.DeepEqual(d.Tasks[0].CooperatingNames, []string{"UBND xã Thới Bình"}) {
		t.Errorf("task 1 = %+v", d.Tasks[0])
	}
	// Free text names no unknown agency: "Ban Tuyên giáo Tỉnh ủy chủ trì" in
	// a sentence is not a name field.
	if d.Tasks[2].LeadName != "" {
		t.Errorf("task 3 lead name %q from free text", d.Tasks[2].LeadName)
	}
	mapped, err := Parse("kh.txt", data, Options{Agencies: testAgencies(), Mapping: map[string]int64{"sở giáo dục và đào tạo tỉnh cà mau": gddt}})
	if err != nil {
		t.Fatal(err)
	}
	if mapped.Draft.Tasks[0].LeadAgencyID != gddt || len(mapped.Unmatched) != 2 {
		t.Errorf("after mapping: lead %d, unmatched %+v", mapped.Draft.Tasks[0].LeadAgencyID, mapped.Unmatched)
	}
}

// TestVariety: layouts seen in real documents beyond the corpus, each
// with its hand count.
func TestVariety(t *testing.T) {
	tests := []struct {
		name   string
		files  []File
		tasks  []string // section label and title start of each task
		labels string
	}{
		{
			name: "text copied from a PDF: paragraphs broken into lines",
			files: []File{{"kh.txt", txt("KẾ HOẠCH", "thực hiện chuyển đổi số năm 2025", "I. NHIỆM VỤ",
				"1. Xây dựng hạ tầng số dùng chung của tỉnh, bảo đảm kết nối",
				"thông suốt từ tỉnh đến xã.", "Nâng cấp mạng truyền số liệu chuyên dùng cho các",
				"cơ quan nhà nước trên địa bàn tỉnh.", "Triển khai điện toán đám mây.")}},
			tasks:  []string{"I.1 Nâng cấp mạng truyền số liệu chuyên dùng cho các cơ quan", "I.1 Triển khai điện toán đám mây"},
			labels: "I I.1",
		},
		{
			name: "'+' tasks under a '-' line introducing them",
			files: []File{{"kh.txt", txt("KẾ HOẠCH", "TÊN", "II. NHIỆM VỤ CỤ THỂ", "Tổ chức quán triệt kế hoạch.",
				"- Lĩnh vực y tế:", "+ Triển khai bệnh án điện tử;", "+ Kết nối liên thông đơn thuốc.")}},
			tasks:  []string{"II Tổ chức quán triệt", "II Triển khai bệnh án điện tử", "II Kết nối liên thông đơn thuốc"},
			labels: "II",
		},
		{
			name: "parts lettered A, B in capitals",
			files: []File{{"kh.txt", txt("KẾ HOẠCH", "TÊN", "A. MỤC ĐÍCH, YÊU CẦU", "Văn bản.", "B. NHIỆM VỤ CỤ THỂ",
				"1. Nhóm chính quyền số", "Số hóa hồ sơ.", "C. TỔ CHỨC THỰC HIỆN", "Sở Nội vụ theo dõi.")}},
			tasks:  []string{"B.1 Số hóa hồ sơ"},
			labels: "A B B.1 C",
		},
		{
			name: "a Word task table split in two by a page break",
			files: []File{{"pl.docx", corpusDOCX(t, strings.Join([]string{"PHỤ LỤC", "DANH MỤC NHIỆM VỤ",
				"| STT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |", "| 1 | Số hóa hồ sơ | Sở Nội vụ | Quý I/2026 |",
				"", "| 2 | Kết nối dữ liệu | Sở Y tế | Quý II/2026 |", "| 3 | Tập huấn | Sở Nội vụ | năm 2026 |"}, "\n"))}},
			tasks:  []string{"PL Số hóa hồ sơ", "PL Kết nối dữ liệu", "PL Tập huấn"},
			labels: "PL",
		},
		{
			name: "an appendix written as a numbered list, not a table",
			files: []File{
				{"kh.txt", txt("KẾ HOẠCH", "TÊN", "I. NHIỆM VỤ", "Chi tiết tại Phụ lục kèm theo.")},
				{"pl.txt", txt("PHỤ LỤC", "DANH MỤC NHIỆM VỤ", "I. LĨNH VỰC Y TẾ", "1. Triển khai bệnh án điện tử (Sở Y tế chủ trì; hoàn thành trong năm 2025).",
					"2. Kết nối dữ liệu khám chữa bệnh.", "II. LĨNH VỰC GIÁO DỤC", "1. Số hóa học bạ.")},
			},
			tasks:  []string{"PL.I Triển khai bệnh án điện tử", "PL.I Kết nối dữ liệu khám chữa bệnh", "PL.II Số hóa học bạ"},
			labels: "I PL PL.I PL.II",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ParseFiles(tt.files, Options{Agencies: testAgencies()})
			if err != nil {
				t.Fatal(err)
			}
			checkDraft(t, res)
			d := res.Draft
			var labels []string
			for _, s := range d.Sections {
				labels = append(labels, s.Label)
			}
			if got := strings.Join(labels, " "); got != tt.labels {
				t.Errorf("labels = %s, want %s", got, tt.labels)
			}
			if len(d.Tasks) != len(tt.tasks) {
				t.Fatalf("%d tasks, want %d: %+v", len(d.Tasks), len(tt.tasks), d.Tasks)
			}
			for i, tk := range d.Tasks {
				got := d.Sections[tk.Section].Label + " " + tk.Title
				if !strings.HasPrefix(got, tt.tasks[i]) {
					t.Errorf("task %d = %q, want %q…", i+1, got, tt.tasks[i])
				}
			}
		})
	}
}

func TestIsPointer(t *testing.T) {
	for text, want := range map[string]bool{
		"Các nhiệm vụ cụ thể tại Phụ lục kèm theo.":                     true,
		"Chi tiết tại Phụ lục II.":                                      true,
		"Nhiệm vụ cụ thể theo Phụ lục đính kèm Kế hoạch này.":           true,
		"Danh mục nhiệm vụ như Phụ lục kèm theo.":                       true,
		"Xây dựng cơ sở dữ liệu dùng chung (chi tiết tại Phụ lục 2).":   false,
		"Xây dựng phụ lục kỹ thuật của hệ thống thông tin báo cáo.":     false,
		"Triển khai các nhiệm vụ của Đề án chuyển đổi số đến năm 2030.": false,
	} {
		if got := isPointer(text); got != want {
			t.Errorf("isPointer(%q) = %v", text, got)
		}
	}
}

// TestResolutionWithAppendix: a resolution amending a programme, whose
// tasks are its appendix after the signature: the plan is the appendix,
// titled and numbered by the resolution.
func TestResolutionWithAppendix(t *testing.T) {
	data := txt("CHÍNH PHỦ", "Số: 71/NQ-CP", "Hà Nội, ngày 01 tháng 4 năm 2025", "NGHỊ QUYẾT",
		"Sửa đổi, bổ sung Chương trình hành động về chuyển đổi số", "CHÍNH PHỦ", "Căn cứ Luật Tổ chức Chính phủ;",
		"QUYẾT NGHỊ:", "Điều 1. Sửa đổi, bổ sung Chương trình hành động như sau:", "1. Sửa đổi mục II.", "2. Bổ sung Phụ lục nhiệm vụ.",
		"Điều 2. Nghị quyết có hiệu lực từ ngày ký.", "Nơi nhận:", "- Các bộ;", "TM. CHÍNH PHỦ", "THỦ TƯỚNG", "Phạm Văn C",
		"PHỤ LỤC", "DANH MỤC NHIỆM VỤ", "(Kèm theo Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ)",
		"STT\tNhiệm vụ\tCơ quan chủ trì\tThời hạn", "1\tBan hành nghị định về dữ liệu\tBộ Công an\tQuý III/2025", "2\tXây dựng sàn giao dịch công nghệ\tBộ Khoa học và Công nghệ\tnăm 2026")
	res, err := Parse("nq.txt", data, Options{Agencies: corpusAgencies()})
	if err != nil {
		t.Fatal(err)
	}
	pl := res.Draft.Plan
	if pl.Title != "Sửa đổi, bổ sung Chương trình hành động về chuyển đổi số" || pl.Code != "71/NQ-CP" || len(res.Draft.Tasks) != 2 {
		t.Errorf("plan %+v, %d tasks", pl, len(res.Draft.Tasks))
	}
}
