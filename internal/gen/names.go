package gen

// The words the generated dataset is made of: the 34 provinces and cities
// after the 2025 merger, the departments every province has, syllables for
// commune names, and the building blocks of task sentences and indicators
// in the style of the Resolution 57 plans.

// provinces are the 34 provincial-level units from 1 July 2025; the short
// code makes plan numbers and usernames.
var provinces = []struct{ name, code string }{
	{"thành phố Hà Nội", "hn"}, {"thành phố Huế", "hue"}, {"tỉnh Lai Châu", "lc"}, {"tỉnh Điện Biên", "db"},
	{"tỉnh Sơn La", "sl"}, {"tỉnh Lạng Sơn", "ls"}, {"tỉnh Quảng Ninh", "qn"}, {"tỉnh Thanh Hóa", "th"},
	{"tỉnh Nghệ An", "na"}, {"tỉnh Hà Tĩnh", "ht"}, {"tỉnh Cao Bằng", "cb"}, {"tỉnh Tuyên Quang", "tq"},
	{"tỉnh Lào Cai", "lca"}, {"tỉnh Thái Nguyên", "tn"}, {"tỉnh Phú Thọ", "pt"}, {"tỉnh Bắc Ninh", "bn"},
	{"tỉnh Hưng Yên", "hy"}, {"thành phố Hải Phòng", "hp"}, {"tỉnh Ninh Bình", "nb"}, {"tỉnh Quảng Trị", "qt"},
	{"thành phố Đà Nẵng", "dn"}, {"tỉnh Quảng Ngãi", "qng"}, {"tỉnh Gia Lai", "gl"}, {"tỉnh Khánh Hòa", "kh"},
	{"tỉnh Lâm Đồng", "ld"}, {"tỉnh Đắk Lắk", "dl"}, {"thành phố Hồ Chí Minh", "hcm"}, {"tỉnh Đồng Nai", "dna"},
	{"tỉnh Tây Ninh", "tni"}, {"thành phố Cần Thơ", "ct"}, {"tỉnh Vĩnh Long", "vl"}, {"tỉnh Đồng Tháp", "dt"},
	{"tỉnh Cà Mau", "cm"}, {"tỉnh An Giang", "ag"},
}

// departments are the sở, ban and ngành of a province, with their kind
// (agency.Kind codes) and short names. The first is the coordinator.
var departments = []struct{ name, short, kind string }{
	{"Sở Khoa học và Công nghệ", "Sở KH&CN", "so"},
	{"Văn phòng Ủy ban nhân dân", "VP UBND", "ubnd_tinh"},
	{"Sở Nội vụ", "SNV", "so"},
	{"Sở Tài chính", "STC", "so"},
	{"Sở Tư pháp", "STP", "so"},
	{"Sở Công Thương", "SCT", "so"},
	{"Sở Nông nghiệp và Môi trường", "SNN&MT", "so"},
	{"Sở Xây dựng", "SXD", "so"},
	{"Sở Giáo dục và Đào tạo", "SGD&ĐT", "so"},
	{"Sở Y tế", "SYT", "so"},
	{"Sở Văn hóa, Thể thao và Du lịch", "SVHTT&DL", "so"},
	{"Sở Dân tộc và Tôn giáo", "SDT&TG", "so"},
	{"Thanh tra", "TT", "nganh"},
	{"Công an", "CA", "nganh"},
	{"Bộ Chỉ huy Quân sự", "BCHQS", "nganh"},
	{"Ban Quản lý các khu công nghiệp", "BQL KCN", "ban"},
	{"Đài Phát thanh và Truyền hình", "Đài PT-TH", "nganh"},
	{"Trung tâm Phục vụ hành chính công", "TT PVHCC", "don_vi"},
	{"Bảo hiểm xã hội", "BHXH", "nganh"},
	{"Ủy ban Mặt trận Tổ quốc Việt Nam", "UBMTTQ", "to_chuc"},
}

// communeFirst and communeSecond make commune names: "Tân Phú", "An Thạnh"…
var communeFirst = []string{"Tân", "An", "Phú", "Vĩnh", "Long", "Hòa", "Bình", "Thạnh", "Mỹ", "Đông",
	"Tây", "Nam", "Bắc", "Trung", "Hưng", "Phước", "Thuận", "Khánh", "Lộc", "Quang"}
var communeSecond = []string{"Thành", "Phú", "Lợi", "Hưng", "Điền", "Hải", "Sơn", "Lâm", "Thuận", "Tiến",
	"Định", "Phong", "Xuân", "Hiệp", "Trạch", "Đức", "Minh", "Yên", "Thịnh", "Bình"}

// groups are the task groups of part III, as in the Resolution 57 plans.
var groups = []string{
	"Nâng cao nhận thức, đột phá về đổi mới tư duy, quyết tâm chính trị mạnh mẽ",
	"Khẩn trương hoàn thiện thể chế; xóa bỏ mọi tư tưởng, quan niệm, rào cản đang cản trở sự phát triển",
	"Tăng cường đầu tư, hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
	"Phát triển, trọng dụng nhân lực chất lượng cao, nhân tài",
	"Đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ, đổi mới sáng tạo trong hoạt động của cơ quan nhà nước",
	"Thúc đẩy mạnh mẽ hoạt động khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong doanh nghiệp",
	"Tăng cường hợp tác quốc tế về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
}

// Task sentences are verb + object + purpose.
var taskVerbs = []string{"Xây dựng và triển khai", "Tổ chức thực hiện", "Rà soát, sửa đổi, bổ sung",
	"Đầu tư nâng cấp", "Triển khai hiệu quả", "Nghiên cứu, đề xuất", "Hoàn thiện", "Phát triển",
	"Tăng cường ứng dụng", "Tổ chức tuyên truyền, phổ biến", "Số hóa", "Đào tạo, bồi dưỡng"}
var taskObjects = []string{"nền tảng số dùng chung của tỉnh", "cơ sở dữ liệu chuyên ngành",
	"hệ thống thông tin giải quyết thủ tục hành chính", "Trung tâm điều hành thông minh (IOC)",
	"hạ tầng mạng băng rộng cố định và di động 5G", "kho dữ liệu dùng chung", "chính sách hỗ trợ doanh nghiệp khởi nghiệp sáng tạo",
	"đội ngũ cán bộ chuyên trách chuyển đổi số", "hồ sơ sức khỏe điện tử của người dân",
	"học bạ số và sổ điểm điện tử", "hệ thống giám sát an toàn thông tin", "tổ công nghệ số cộng đồng",
	"dịch vụ công trực tuyến toàn trình", "bản đồ số nông nghiệp", "truy xuất nguồn gốc nông sản",
	"thanh toán không dùng tiền mặt", "văn bản quy phạm pháp luật về khoa học, công nghệ",
	"trung tâm đổi mới sáng tạo", "quỹ phát triển khoa học và công nghệ", "mô hình xã thông minh"}
var taskPurposes = []string{"bảo đảm kết nối, chia sẻ dữ liệu thông suốt", "phục vụ người dân và doanh nghiệp",
	"theo chỉ đạo của Trung ương", "gắn với cải cách hành chính", "đáp ứng yêu cầu chuyển đổi số",
	"nâng cao năng lực cạnh tranh cấp tỉnh", "bảo đảm an toàn, an ninh mạng", "trên địa bàn tỉnh"}
var products = []string{"Kế hoạch", "Quyết định", "Báo cáo", "Hệ thống phần mềm", "Cơ sở dữ liệu",
	"Đề án", "Nghị quyết", "Mô hình thí điểm", "Hướng dẫn", "Chương trình đào tạo"}

// indicators are the chỉ tiêu every generated plan carries: name, unit,
// aggregation rule, and the first year's target and yearly step.
var indicators = []struct {
	code, name, unit, rule string
	target, step           float64
	baseline               float64
}{
	{"CT01", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", "average", 60, 8, 45},
	{"CT02", "Tỷ lệ hồ sơ giải quyết thủ tục hành chính trực tuyến", "%", "average", 50, 8, 30},
	{"CT03", "Số tổ công nghệ số cộng đồng được thành lập", "tổ", "sum", 40, 20, 0},
	{"CT04", "Chi ngân sách cho khoa học, công nghệ và chuyển đổi số", "tỷ đồng", "sum", 120, 30, 80},
	{"CT05", "Số doanh nghiệp khởi nghiệp sáng tạo được hỗ trợ", "doanh nghiệp", "sum", 10, 5, 2},
	{"CT06", "Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số", "%", "average", 50, 10, 20},
	{"CT07", "Tỷ lệ hộ gia đình có kết nối Internet cáp quang", "%", "latest", 75, 5, 65},
	{"CT08", "Số cơ sở dữ liệu chuyên ngành kết nối kho dữ liệu dùng chung", "cơ sở dữ liệu", "sum", 6, 3, 2},
}

// Report texts.
var results = []string{"Đã ban hành kế hoạch triển khai và phân công nhiệm vụ cụ thể.",
	"Đang hoàn thiện dự thảo, lấy ý kiến các cơ quan liên quan.",
	"Đã tổ chức hội nghị quán triệt và tập huấn cho cán bộ.",
	"Đã hoàn thành lựa chọn nhà thầu, đang triển khai lắp đặt.",
	"Đã đưa vào vận hành thử nghiệm, đang đánh giá hiệu quả.",
	"Đang phối hợp với doanh nghiệp viễn thông khảo sát hiện trạng.",
	"Đã số hóa một phần dữ liệu, tiếp tục cập nhật trong kỳ tới."}
var summaries = []string{"Cơ quan đã triển khai các nhiệm vụ được giao theo đúng tiến độ.",
	"Một số nhiệm vụ chậm do vướng mắc về kinh phí và nhân lực.",
	"Các nhiệm vụ cơ bản được triển khai, cần tiếp tục đôn đốc trong kỳ tới."}
