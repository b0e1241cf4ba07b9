// Package agency holds agencies (cơ quan, đơn vị): their kinds, hierarchy,
// validity dates and successor links. Matching agency names as plans write
// them lives with its only user, the importer (internal/planimport).
package agency

import "time"

// Kind is the sort of agency; it decides how it is grouped and addressed.
type Kind string

// Agency kinds found in a province after the 2025 reorganisation.
const (
	KindProvince   Kind = "ubnd_tinh" // UBND tỉnh and its office
	KindDepartment Kind = "so"        // sở and cơ quan ngang sở
	KindBoard      Kind = "ban"       // ban quản lý, ban chỉ đạo
	KindSector     Kind = "nganh"     // công an, quân sự, thanh tra, báo đài…
	KindCommune    Kind = "ubnd_xa"   // UBND xã, phường, đặc khu
	KindUnit       Kind = "don_vi"    // đơn vị trực thuộc (trung tâm, chi cục…)
	KindOrg        Kind = "to_chuc"   // tổ chức chính trị - xã hội, MTTQ
	KindOther      Kind = "khac"
)

// Kinds lists every kind with its Vietnamese label, in display order.
var Kinds = []Kind{KindProvince, KindDepartment, KindBoard, KindSector, KindUnit, KindOrg, KindCommune, KindOther}

// Label is the Vietnamese name of the kind.
func (k Kind) Label() string {
	switch k {
	case KindProvince:
		return "UBND tỉnh"
	case KindDepartment:
		return "Sở, cơ quan ngang sở"
	case KindBoard:
		return "Ban"
	case KindSector:
		return "Ngành"
	case KindCommune:
		return "UBND xã, phường"
	case KindUnit:
		return "Đơn vị trực thuộc"
	case KindOrg:
		return "Tổ chức chính trị - xã hội"
	case KindOther:
		return "Khác"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// Agency is one cơ quan: a record with validity dates, so that history stays
// true when agencies merge, split or are renamed.
type Agency struct {
	ID        int64
	ParentID  int64 // the agency it belongs to (a trung tâm under a sở); 0 for none
	Name      string
	ShortName string // viết tắt in use: "Sở KH&CN", "VP UBND tỉnh"
	// Aliases are other names the agency goes by in documents, one per entry.
	Aliases     []string
	Kind        Kind
	ValidFrom   time.Time // zero: since always
	ValidTo     time.Time // zero: still in existence
	SuccessorID int64     // the agency that took over when this one ended; 0 for none
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// ActiveOn reports whether the agency exists on day d.
func (a *Agency) ActiveOn(d time.Time) bool {
	if !a.ValidFrom.IsZero() && d.Before(a.ValidFrom) {
		return false
	}
	return a.ValidTo.IsZero() || d.Before(a.ValidTo)
}

// DisplayName is the short name when there is one, else the full name.
func (a *Agency) DisplayName() string {
	if a.ShortName != "" {
		return a.ShortName
	}
	return a.Name
}
