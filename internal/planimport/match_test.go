package planimport

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tiendo/internal/agency"
	"tiendo/internal/vntext"
)

// Agency IDs of the demo province used by these tests.
const (
	idUBND int64 = iota + 1
	idVP
	idNoiVu
	idTaiChinh
	idTuPhap
	idXayDung
	idCongThuong
	idNNMT
	idKHCN
	idGDDT
	idYTe
	idVHTTDL
	idDanToc
	idNgoaiVu
	idThanhTra
	idCongAn
	idQuanSu
	idBQLKKT
	idMTTQ
	idBaoDai
	idTTUD
	idXaTanThanh
	idPhuong1
	idTTTTOld
)

// province is a province's agency list after the 2025 reorganisation (domain.md).
func province() []agency.Agency {
	ended := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	return []agency.Agency{
		{ID: idUBND, Name: "Ủy ban nhân dân tỉnh", ShortName: "UBND tỉnh", Kind: agency.KindProvince},
		{ID: idVP, Name: "Văn phòng Ủy ban nhân dân tỉnh", ShortName: "VP UBND tỉnh", Kind: agency.KindProvince},
		{ID: idNoiVu, Name: "Sở Nội vụ", Kind: agency.KindDepartment},
		{ID: idTaiChinh, Name: "Sở Tài chính", Kind: agency.KindDepartment},
		{ID: idTuPhap, Name: "Sở Tư pháp", Kind: agency.KindDepartment},
		{ID: idXayDung, Name: "Sở Xây dựng", Kind: agency.KindDepartment},
		{ID: idCongThuong, Name: "Sở Công Thương", Kind: agency.KindDepartment},
		{ID: idNNMT, Name: "Sở Nông nghiệp và Môi trường", ShortName: "Sở NN&MT", Kind: agency.KindDepartment},
		{ID: idKHCN, Name: "Sở Khoa học và Công nghệ", ShortName: "Sở KH&CN", Kind: agency.KindDepartment},
		{ID: idGDDT, Name: "Sở Giáo dục và Đào tạo", ShortName: "Sở GD&ĐT", Kind: agency.KindDepartment},
		{ID: idYTe, Name: "Sở Y tế", Kind: agency.KindDepartment},
		{ID: idVHTTDL, Name: "Sở Văn hóa, Thể thao và Du lịch", ShortName: "Sở VHTT&DL", Kind: agency.KindDepartment},
		{ID: idDanToc, Name: "Sở Dân tộc và Tôn giáo", Kind: agency.KindDepartment},
		{ID: idNgoaiVu, Name: "Sở Ngoại vụ", Kind: agency.KindDepartment},
		{ID: idThanhTra, Name: "Thanh tra tỉnh", Kind: agency.KindSector},
		{ID: idCongAn, Name: "Công an tỉnh", Kind: agency.KindSector},
		{ID: idQuanSu, Name: "Bộ Chỉ huy Quân sự tỉnh", Kind: agency.KindSector},
		{ID: idBQLKKT, Name: "Ban Quản lý Khu kinh tế", Kind: agency.KindBoard},
		{ID: idMTTQ, Name: "Ủy ban MTTQ Việt Nam tỉnh", Aliases: []string{"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Cà Mau"}, Kind: agency.KindOrg},
		{ID: idBaoDai, Name: "Báo và Phát thanh, Truyền hình tỉnh", Kind: agency.KindSector},
		{ID: idTTUD, ParentID: idKHCN, Name: "Trung tâm Thông tin và Ứng dụng khoa học và công nghệ", Kind: agency.KindUnit},
		{ID: idXaTanThanh, Name: "UBND xã Tân Thành", Kind: agency.KindCommune},
		{ID: idPhuong1, Name: "UBND phường 1", Kind: agency.KindCommune},
		{ID: idTTTTOld, Name: "Sở Thông tin và Truyền thông", ShortName: "Sở TT&TT", Kind: agency.KindDepartment, ValidTo: ended, SuccessorID: idKHCN},
	}
}

func TestFind(t *testing.T) {
	m := newMatcher(province())
	tests := []struct {
		name string
		in   string
		want []mention
	}{
		{
			name: "lead with generic cooperation, from the reference plan",
			in:   "3.  Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ban, ngành, địa phương theo dõi, đôn đốc việc triển khai thực hiện Kế hoạch này, kịp thời báo cáo và kiến nghị Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh các biện pháp cần thiết.",
			want: []mention{{AgencyID: idKHCN, Lead: true}, {AgencyID: idUBND}},
		},
		{
			name: "funding, from the reference plan",
			in:   "4.  Sở Tài chính chủ trì, phối hợp với các sở, ban, ngành, địa phương bảo đảm nguồn kinh phí thực hiện hàng năm theo quy định.",
			want: []mention{{AgencyID: idTaiChinh, Lead: true}},
		},
		{
			name: "the centre is not the department, from the reference plan",
			in:   "Trong giai đoạn 2025 - 2030, dự kiến thành lập cơ sở/vườn ươm, ươm tạo doanh nghiệp khởi nghiệp đổi mới sáng tạo (trực thuộc Trung tâm Thông tin và Ứng dụng khoa học và công nghệ).",
			want: []mention{{AgencyID: idTTUD}},
		},
		{
			name: "front committee, from the reference plan",
			in:   "5.  Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội tỉnh",
			want: []mention{{AgencyID: idMTTQ}},
		},
		{
			name: "cooperating list",
			in:   "Sở Tài chính chủ trì, phối hợp với Sở Nội vụ, Sở KH&CN và UBND các xã tham mưu bố trí kinh phí.",
			want: []mention{{AgencyID: idTaiChinh, Lead: true}, {AgencyID: idNoiVu, Coop: true}, {AgencyID: idKHCN, Coop: true}},
		},
		{
			name: "labels",
			in:   "Chủ trì: Sở GD&ĐT; phối hợp: Sở Tài chính, Sở Nội vụ.",
			want: []mention{{AgencyID: idGDDT, Lead: true}, {AgencyID: idTaiChinh, Coop: true}, {AgencyID: idNoiVu, Coop: true}},
		},
		{
			name: "the subject of phối hợp với leads; roles stop at the clause end; the body reported to is an object",
			in:   "Sở Y tế phối hợp với Sở Xây dựng triển khai; Sở Công Thương báo cáo UBND tỉnh.",
			want: []mention{{AgencyID: idYTe, Lead: true}, {AgencyID: idXayDung, Coop: true}, {AgencyID: idCongThuong}, {AgencyID: idUBND, Object: true}},
		},
		{
			name: "phối hợp alone after a name cooperates",
			in:   "Sở Y tế chủ trì; Sở Xây dựng phối hợp thực hiện.",
			want: []mention{{AgencyID: idYTe, Lead: true}, {AgencyID: idXayDung, Coop: true}},
		},
		{
			name: "words that fold like a name are not one",
			in:   "Ứng dụng tiến bộ khoa học và công nghệ, chuyển đổi số y tế, hồ sơ tài chính, đồng bộ nội vụ; tổ chức hội nghị; ban hành quy chế.",
		},
		{
			name: "a name written in capitals or without diacritics is still one",
			in:   "ĐỐI VỚI SỞ Y TẾ; Sở Tai chinh tham muu.",
			want: []mention{{AgencyID: idYTe}, {AgencyID: idTaiChinh}},
		},
		{
			name: "text typed all in lower case has no capitals to go by",
			in:   "so tai chinh tham muu, bo chi huy quan su tinh phoi hop",
			want: []mention{{AgencyID: idTaiChinh}, {AgencyID: idQuanSu, Coop: true}},
		},
		{
			name: "the body a task submits to is an object",
			in:   "Xây dựng đề án, trình UBND tỉnh phê duyệt.",
			want: []mention{{AgencyID: idUBND, Object: true}},
		},
		{
			name: "abbreviations, spacing and no diacritics",
			in:   "So KH & CN chu tri; Sở VHTT&DL, Sở NN&MT và VP UBND tỉnh phối hợp.",
			want: []mention{{AgencyID: idKHCN, Lead: true}, {AgencyID: idVHTTDL}, {AgencyID: idNNMT}, {AgencyID: idVP, Coop: true}},
		},
		{
			name: "name with a comma and và",
			in:   "giao Sở Văn hóa, Thể thao và Du lịch chủ trì",
			want: []mention{{AgencyID: idVHTTDL, Lead: true}},
		},
		{
			name: "Uỷ spelling, NFD, tỉnh left off",
			in:   norm.NFD.String("Uỷ ban MTTQ Việt Nam và Văn phòng UBND cùng theo dõi."),
			want: []mention{{AgencyID: idMTTQ}, {AgencyID: idVP}},
		},
		{
			name: "a name without tỉnh before a locality is that locality's",
			in:   "Văn phòng UBND xã Tân Thành tổng hợp.",
			want: []mention{{AgencyID: idXaTanThanh}},
		},
		{
			name: "each agency once, roles merged",
			in:   "Sở Y tế báo cáo. Sở Y tế chủ trì thực hiện.",
			want: []mention{{AgencyID: idYTe, Lead: true}},
		},
		{
			name: "ended agency still found by its old name",
			in:   "theo đề nghị của Sở TT&TT",
			want: []mention{{AgencyID: idTTTTOld, Object: true}},
		},
		{
			name: "collective phrases are not agencies",
			in:   "Các sở, ban, ngành tỉnh, Ủy ban nhân dân các huyện, thành phố và đơn vị có liên quan; UBND các xã.",
		},
		{name: "empty", in: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.find(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Find(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	m := newMatcher(province())
	tests := []struct {
		in   string
		want int64 // 0: not found
	}{
		{"Sở Khoa học và Công nghệ", idKHCN},
		{"Sở KH&CN", idKHCN},
		{"Sở KHCN", idKHCN},
		{"sở kh & cn", idKHCN},
		{"SO KHOA HOC VA CONG NGHE", idKHCN},
		{norm.NFD.String("Sở Giáo dục và Đào tạo"), idGDDT},
		{"Sở GD&ĐT", idGDDT},
		{"Sở GD&DT", idGDDT},
		{" Sở Tài chính tỉnh. ", idTaiChinh},
		{"Sở Văn hóa, Thể thao và Du lịch", idVHTTDL},
		{"Sở Văn hoá, Thể thao và Du lịch", idVHTTDL},
		{"UBND tỉnh", idUBND},
		{"Uỷ ban nhân dân tỉnh", idUBND},
		{"VP UBND tỉnh", idVP},
		{"Văn phòng UBND", idVP},
		{"UBMTTQVN tỉnh", idMTTQ},
		{"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Cà Mau", idMTTQ},
		{"Sở KH&CN (chủ trì)", idKHCN},
		{"Công an tỉnh", idCongAn},
		{"Công an", 0},
		{"Ủy ban nhân dân", 0},
		{"UBND các xã", 0},
		{"Sở Khoa học", 0},
		{"Trung tâm Thông tin", 0},
		{"", 0},
	}
	for _, tt := range tests {
		got, ok := m.lookup(tt.in)
		if got != tt.want || ok != (tt.want != 0) {
			t.Errorf("Lookup(%q) = %d, %v; want %d", tt.in, got, ok, tt.want)
		}
	}
}

func TestLookupPrefersActiveAgency(t *testing.T) {
	ended := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	m := newMatcher([]agency.Agency{
		{ID: 1, Name: "UBND xã Tân Thành", ValidTo: ended},
		{ID: 2, Name: "UBND xã Tân Thành"},
	})
	if id, _ := m.lookup("Ủy ban nhân dân xã Tân Thành"); id != 2 {
		t.Errorf("Lookup = %d, want the agency still in existence (2)", id)
	}
}

func TestResolveList(t *testing.T) {
	m := newMatcher(province())
	tests := []struct {
		in      string
		ids     []int64
		unknown []string
	}{
		{"Sở Tài chính; Sở Nội vụ, UBND các xã", []int64{idTaiChinh, idNoiVu}, []string{"UBND các xã"}},
		{"Sở Văn hóa, Thể thao và Du lịch", []int64{idVHTTDL}, nil},
		{"Sở Tài chính, Sở Văn hóa, Thể thao và Du lịch, Sở Y tế", []int64{idTaiChinh, idVHTTDL, idYTe}, nil},
		{"Sở Khoa học và Công nghệ và Sở Y tế", []int64{idKHCN, idYTe}, nil},
		{"Sở Tài chính và Sở Nội vụ", []int64{idTaiChinh, idNoiVu}, nil},
		{"Sở Nội vụ và UBND các xã", []int64{idNoiVu}, []string{"UBND các xã"}},
		{"Các sở, ban, ngành, địa phương", nil, []string{"Các sở, ban, ngành, địa phương"}},
		{"Sở Y tế, các sở, ban, ngành và địa phương", []int64{idYTe}, []string{"các sở, ban, ngành và địa phương"}},
		{"UBND các huyện, thành phố", nil, []string{"UBND các huyện, thành phố"}},
		{"Sở KH&CN\nSở GD&ĐT\r\n- Sở Y tế.", []int64{idKHCN, idGDDT, idYTe}, nil},
		{"Trung tâm Thông tin và Ứng dụng khoa học và công nghệ", []int64{idTTUD}, nil},
		{"Sở Lao động - Thương binh và Xã hội", nil, []string{"Sở Lao động - Thương binh và Xã hội"}},
		{"Sở Y tế, Sở Y tế", []int64{idYTe}, nil},
		{"Sở KH&CN (chủ trì), Sở Tư pháp", []int64{idKHCN, idTuPhap}, nil},
		{"Công an tỉnh; Bộ Chỉ huy Quân sự tỉnh; Sở Ngoại vụ; Sở Dân tộc và Tôn giáo", []int64{idCongAn, idQuanSu, idNgoaiVu, idDanToc}, nil},
		{"Sở Y tế chủ trì, phối hợp với các đơn vị liên quan", []int64{idYTe}, nil},
		{"UBND tỉnh (Sở KH&CN tham mưu)", []int64{idUBND, idKHCN}, nil},
		{"Sở Nội vụ (chủ trì); Sở Tài chính (phối hợp)", []int64{idNoiVu, idTaiChinh}, nil},
		{"Bộ Công an (Cục An ninh mạng)", nil, []string{"Bộ Công an", "Cục An ninh mạng"}},
		{"Sở Tư pháp và các cơ quan, đơn vị có liên quan", []int64{idTuPhap}, nil},
		{"Các sở, ngành theo chức năng, nhiệm vụ được giao", nil, nil},
		{"Bộ Tư pháp; các bộ, cơ quan liên quan", nil, []string{"Bộ Tư pháp"}},
		{"Sở Y tế\nSở Xây dựng và Sở Công Thương", []int64{idYTe, idXayDung, idCongThuong}, nil},
		{"", nil, nil},
		{" ; , ", nil, nil},
	}
	for _, tt := range tests {
		ids, unknown := splitItems(m.resolveList(tt.in))
		if !slices.Equal(ids, tt.ids) || !slices.Equal(unknown, tt.unknown) {
			t.Errorf("ResolveList(%q) = %v, %q; want %v, %q", tt.in, ids, unknown, tt.ids, tt.unknown)
		}
	}
}

func TestResolveListCollectiveAgency(t *testing.T) {
	m := newMatcher(append(province(), agency.Agency{ID: 99, Name: "UBND các xã, phường", Aliases: []string{"UBND các xã"}, Kind: agency.KindCommune}))
	ids, unknown := splitItems(m.resolveList("Sở Tài chính, UBND các xã, phường"))
	if !slices.Equal(ids, []int64{idTaiChinh, 99}) || unknown != nil {
		t.Errorf("ResolveList = %v, %q; want [%d 99] and nothing unknown", ids, unknown, idTaiChinh)
	}
	if id, ok := m.lookup("UBND các xã"); !ok || id != 99 {
		t.Errorf("Lookup(UBND các xã) = %d, %v; want 99 by its alias", id, ok)
	}
}

// TestFindReferencePlanTasks runs Find over the 63 task paragraphs of the
// reference plan: the centre is found once, the Sở KH&CN never inside it.
func TestFindReferencePlanTasks(t *testing.T) {
	tasks := referencePlanTasks(t)
	if len(tasks) != 63 {
		t.Fatalf("found %d task paragraphs, want 63", len(tasks))
	}
	m := newMatcher(province())
	var all []int64
	for _, p := range tasks {
		for _, mn := range m.find(p) {
			all = append(all, mn.AgencyID)
		}
	}
	if !slices.Equal(all, []int64{idTTUD}) {
		t.Errorf("agencies mentioned in the tasks = %v, want only the centre %d", all, idTTUD)
	}
}

// referencePlanTasks returns the task paragraphs of the reference plan:
// the non-heading paragraphs of section III.
func referencePlanTasks(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile(referencePlan)
	if err != nil {
		t.Fatal(err)
	}
	heading := regexp.MustCompile(`^\d+(?:\.\d+)*\.\s`)
	var tasks []string
	in := false
	for _, line := range strings.Split(vntext.NFC(string(b)), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "III. "):
			in = true
		case strings.HasPrefix(line, "V. "):
			in = false
		case in && line != "" && !heading.MatchString(line):
			tasks = append(tasks, line)
		}
	}
	return tasks
}

func BenchmarkFind(b *testing.B) {
	tasks := referencePlanTasks(b)
	m := newMatcher(province())
	b.ResetTimer()
	for b.Loop() {
		for _, p := range tasks {
			m.find(p)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(tasks)), "ns/paragraph")
}

func BenchmarkNewMatcher(b *testing.B) {
	agencies := province()
	for b.Loop() {
		newMatcher(agencies)
	}
}

// splitItems separates resolved agencies from names left as written.
func splitItems(its []item) (ids []int64, unknown []string) {
	for _, it := range its {
		if it.id != 0 {
			ids = append(ids, it.id)
		} else {
			unknown = append(unknown, it.name)
		}
	}
	return ids, unknown
}
