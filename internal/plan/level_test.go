package plan

import "testing"

func TestLevelOfIssuer(t *testing.T) {
	for _, c := range []struct {
		issuer string
		want   Level
	}{
		{"Chính phủ", LevelNational},
		{"Thủ tướng Chính phủ", LevelNational},
		{"Bộ Chính trị", LevelNational},
		{"Ban Chấp hành Trung ương", LevelNational},
		{"Bộ Khoa học và Công nghệ", LevelMinistry},
		{"BỘ TÀI CHÍNH", LevelMinistry},
		{"Ủy ban nhân dân tỉnh Cà Mau", LevelProvince},
		{"UBND tỉnh Cà Mau", LevelProvince},
		{"Tỉnh ủy Cà Mau", LevelProvince},
		{"Ủy ban nhân dân thành phố Hồ Chí Minh", LevelProvince},
		{"Ủy ban nhân dân xã Tân Phú, tỉnh Cà Mau", LevelCommune},
		{"UBND phường An Xuyên", LevelCommune},
		{"", LevelProvince},
		{"Sở Khoa học và Công nghệ", LevelProvince},
	} {
		if got := LevelOfIssuer(c.issuer); got != c.want {
			t.Errorf("LevelOfIssuer(%q) = %s, want %s", c.issuer, got, c.want)
		}
	}
}

func TestLevelRank(t *testing.T) {
	prev := 5
	for _, l := range Levels {
		if !l.Valid() || l.Rank() >= prev {
			t.Errorf("%s: rank %d after %d", l, l.Rank(), prev)
		}
		prev = l.Rank()
		if l.Label() == string(l) {
			t.Errorf("%s has no label", l)
		}
	}
	if Level("district").Valid() {
		t.Error("district is not a level since 7/2025")
	}
}
