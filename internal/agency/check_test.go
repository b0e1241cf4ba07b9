package agency

import (
	"strings"
	"testing"
	"time"
)

func TestCheckParent(t *testing.T) {
	list := []Agency{{ID: 1, Name: "UBND tỉnh"}, {ID: 2, Name: "Sở KH&CN", ParentID: 1}, {ID: 3, Name: "Trung tâm", ParentID: 2}}
	cases := []struct {
		id, parent int64
		ok         bool
	}{
		{3, 2, true}, {2, 1, true}, {0, 3, true}, {1, 0, true},
		{2, 2, false}, // itself
		{1, 3, false}, // its own descendant
		{2, 9, false}, // unknown
	}
	for _, c := range cases {
		msg := CheckParent(c.id, c.parent, list)
		if (msg == "") != c.ok {
			t.Errorf("CheckParent(%d, %d) = %q", c.id, c.parent, msg)
		}
	}
}

func TestCheckAgency(t *testing.T) {
	register := []Agency{{ID: 1, Name: "Ủy ban nhân dân tỉnh", Kind: KindProvince}, {ID: 2, Name: "Sở Tài chính", Kind: KindDepartment, ParentID: 1}}
	a := Agency{Name: "  Sở  Y te\u0302\u0301 ", ShortName: "SYT", Aliases: []string{"Sở Y tế tỉnh\n\nsở y tế tỉnh", " SYT "}, Kind: KindDepartment, ParentID: 1}
	Normalize(&a)
	if a.Name != "Sở Y tế" || len(a.Aliases) != 2 || a.Aliases[1] != "SYT" {
		t.Errorf("normalised %q %q", a.Name, a.Aliases)
	}
	if fe := Check(&a, register); fe != nil {
		t.Errorf("refused: %v", fe)
	}
	day := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		name  string
		edit  func(*Agency)
		field string
		want  string
	}{
		{"no name", func(a *Agency) { a.Name = "" }, "name", "Hãy nhập tên"},
		{"long name", func(a *Agency) { a.Name = strings.Repeat("x", MaxName+1) }, "name", "quá dài"},
		{"taken, without diacritics or case", func(a *Agency) { a.Name = "SO TAI CHINH" }, "name", NameTakenMessage},
		{"unknown kind", func(a *Agency) { a.Kind = "la" }, "kind", "loại cơ quan"},
		{"unknown parent", func(a *Agency) { a.ParentID = 9 }, "parent_id", "không có trong danh sách"},
		{"dates out of order", func(a *Agency) { a.ValidFrom, a.ValidTo = day(7), day(1) }, "valid_to", "phải sau"},
	} {
		b := a
		c.edit(&b)
		if fe := Check(&b, register); !strings.Contains(fe[c.field], c.want) {
			t.Errorf("%s: %v, want %s: …%s…", c.name, fe, c.field, c.want)
		}
	}
	// Its own stored name is not a duplicate of itself.
	self := register[1]
	if fe := Check(&self, register); fe != nil {
		t.Errorf("an unchanged agency refused: %v", fe)
	}
}
