package demo

import "tiendo/internal/agency"

// provinceAgencies is a realistic agency list of Cà Mau province after the
// 2025 reorganisation (merger with Bạc Liêu, no district level): the sở,
// ban, ngành named in domain.md and a dozen UBND xã, phường. Children name
// their parent by index into this list.
var provinceAgencies = []struct {
	agency.Agency
	parent int // index of the parent agency, -1 for none
}{
	{agency.Agency{Name: "Ủy ban nhân dân tỉnh Cà Mau", ShortName: "UBND tỉnh", Kind: agency.KindProvince}, -1},
	{agency.Agency{Name: "Văn phòng Ủy ban nhân dân tỉnh", ShortName: "VP UBND tỉnh", Kind: agency.KindProvince}, 0},
	{agency.Agency{Name: "Sở Nội vụ", Kind: agency.KindDepartment}, 0},
	{agency.Agency{Name: "Sở Tài chính", Kind: agency.KindDepartment}, 0},
	{agency.Agency{Name: "Sở Tư pháp", Kind: agency.KindDepartment}, 0},
	{agency.Agency{Name: "Sở Xây dựng", Kind: agency.KindDepartment}, 0},
	{agency.Agency{Name: "Sở Công Thương", Kind: agency.KindDepartment}, 0},
	{agency.Agency{Name: "Sở Nông nghiệp và Môi trường", ShortName: "Sở NN&MT", Kind: agency.KindDepartment}, 0},
	{agency.Agency{Name: "Sở Khoa học và Công nghệ", ShortName: "Sở KH&CN", Kind: agency.KindDepartment}, 0},
	{agency.Agency{Name: "Sở Giáo dục và Đào tạo", ShortName: "Sở GD&ĐT", Kind: agency.KindDepartment}, 0},
	{agency.Agency{Name: "Sở Y tế", Kind: agency.KindDepartment}, 0},
	{agency.Agency{Name: "Sở Văn hóa, Thể thao và Du lịch", ShortName: "Sở VHTT&DL", Kind: agency.KindDepartment}, 0},
	{agency.Agency{Name: "Sở Dân tộc và Tôn giáo", Kind: agency.KindDepartment}, 0},
	{agency.Agency{Name: "Thanh tra tỉnh", Kind: agency.KindSector}, 0},
	{agency.Agency{Name: "Công an tỉnh", Kind: agency.KindSector}, -1},
	{agency.Agency{Name: "Bộ Chỉ huy Quân sự tỉnh", Kind: agency.KindSector}, -1},
	{agency.Agency{Name: "Ban Quản lý Khu kinh tế tỉnh", ShortName: "BQL Khu kinh tế", Kind: agency.KindBoard}, 0},
	{agency.Agency{Name: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", ShortName: "UBMTTQVN tỉnh", Kind: agency.KindOrg}, -1},
	{agency.Agency{Name: "Báo và Phát thanh, Truyền hình Cà Mau", Kind: agency.KindSector}, 0},
	{agency.Agency{Name: "Trung tâm Thông tin và Ứng dụng khoa học và công nghệ", Kind: agency.KindUnit}, 8},
	{agency.Agency{Name: "Tỉnh đoàn Cà Mau", Aliases: []string{"Đoàn thanh niên"}, Kind: agency.KindOrg}, -1},
	{agency.Agency{Name: "Ủy ban nhân dân phường An Xuyên", ShortName: "UBND phường An Xuyên", Kind: agency.KindCommune}, -1},
	{agency.Agency{Name: "Ủy ban nhân dân phường Lý Văn Lâm", ShortName: "UBND phường Lý Văn Lâm", Kind: agency.KindCommune}, -1},
	{agency.Agency{Name: "Ủy ban nhân dân phường Tân Thành", ShortName: "UBND phường Tân Thành", Kind: agency.KindCommune}, -1},
	{agency.Agency{Name: "Ủy ban nhân dân phường Bạc Liêu", ShortName: "UBND phường Bạc Liêu", Kind: agency.KindCommune}, -1},
	{agency.Agency{Name: "Ủy ban nhân dân phường Giá Rai", ShortName: "UBND phường Giá Rai", Kind: agency.KindCommune}, -1},
	{agency.Agency{Name: "Ủy ban nhân dân xã Năm Căn", ShortName: "UBND xã Năm Căn", Kind: agency.KindCommune}, -1},
	{agency.Agency{Name: "Ủy ban nhân dân xã Cái Nước", ShortName: "UBND xã Cái Nước", Kind: agency.KindCommune}, -1},
	{agency.Agency{Name: "Ủy ban nhân dân xã Đầm Dơi", ShortName: "UBND xã Đầm Dơi", Kind: agency.KindCommune}, -1},
	{agency.Agency{Name: "Ủy ban nhân dân xã Thới Bình", ShortName: "UBND xã Thới Bình", Kind: agency.KindCommune}, -1},
	{agency.Agency{Name: "Ủy ban nhân dân xã U Minh", ShortName: "UBND xã U Minh", Kind: agency.KindCommune}, -1},
	{agency.Agency{Name: "Ủy ban nhân dân xã Trần Văn Thời", ShortName: "UBND xã Trần Văn Thời", Kind: agency.KindCommune}, -1},
	{agency.Agency{Name: "Ủy ban nhân dân xã Hồng Dân", ShortName: "UBND xã Hồng Dân", Kind: agency.KindCommune}, -1},
}
