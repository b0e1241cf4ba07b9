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
