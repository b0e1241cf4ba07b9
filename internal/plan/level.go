package plan

import (
	"strings"

	"tiendo/internal/vntext"
)

// Level is the tier of government a plan belongs to (cấp kế hoạch): a
// province's plan implements the national programme above it, a commune's
// the province's. Links between tasks go from a plan to a plan of its own
// level or above (the Party committee's programme of a province is at the
// province's level, and the People's Committee's plan implements it).
type Level string

// Plan levels, from the top.
const (
	LevelNational Level = "national" // Trung ương: the Politburo, the Government, the Prime Minister
	LevelMinistry Level = "ministry" // Bộ, ngành trung ương
	LevelProvince Level = "province" // tỉnh, thành phố trực thuộc trung ương
	LevelCommune  Level = "commune"  // xã, phường, đặc khu
)

// Levels lists every level from the top, in the order forms show them.
var Levels = []Level{LevelNational, LevelMinistry, LevelProvince, LevelCommune}

// Valid reports whether l is a known level.
func (l Level) Valid() bool { return l.Rank() > 0 }

// Rank orders levels: national 4, ministry 3, province 2, commune 1; 0 for
// an unknown level.
func (l Level) Rank() int {
	switch l {
	case LevelNational:
		return 4
	case LevelMinistry:
		return 3
	case LevelProvince:
		return 2
	case LevelCommune:
		return 1
	}
	return 0
}

// Label is the Vietnamese name of the level.
func (l Level) Label() string {
	switch l {
	case LevelNational:
		return "Trung ương"
	case LevelMinistry:
		return "Bộ, ngành"
	case LevelProvince:
		return "Tỉnh, thành phố"
	case LevelCommune:
		return "Xã, phường"
	}
	return string(l)
}

// LevelOfIssuer guesses a plan's level from its issuer as documents write
// it ("Chính phủ", "Bộ Khoa học và Công nghệ", "UBND tỉnh Cà Mau", "Ủy ban
// nhân dân xã Tân Phú"): the level a new plan takes when nobody says. A
// province's plan when the issuer says nothing recognisable, since that is
// what a province's instance holds most.
func LevelOfIssuer(issuer string) Level {
	f := " " + strings.Join(strings.FieldsFunc(vntext.Fold(issuer), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), " ") + " "
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(f, " "+w+" ") {
				return true
			}
		}
		return false
	}
	switch {
	case has("chinh phu", "thu tuong", "thu tuong chinh phu", "quoc hoi", "uy ban thuong vu quoc hoi",
		"bo chinh tri", "ban bi thu", "ban chap hanh trung uong", "chu tich nuoc", "ban chi dao trung uong",
		"ban chi dao quoc gia"):
		return LevelNational
	case has("xa", "phuong", "dac khu", "thi tran"):
		return LevelCommune
	case has("tinh", "tinh uy", "thanh uy", "thanh pho"):
		return LevelProvince
	case strings.HasPrefix(f, " bo ") || has("bo", "co quan ngang bo"):
		return LevelMinistry
	}
	return LevelProvince
}
