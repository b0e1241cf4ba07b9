package agency

import (
	"strings"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// MaxName bounds names and short names; the longest real ones are about
// 100 characters.
const MaxName = 300

// NameTakenMessage is what a person reads when the name is already in
// the register.
const NameTakenMessage = "Đã có cơ quan mang tên này trong danh sách."

// Normalize tidies a as a person typed it: names in NFC with single
// spaces, aliases one per entry without blanks or repeats (compared
// without diacritics or case).
func Normalize(a *Agency) {
	a.Name = strings.Join(strings.Fields(vntext.NFC(a.Name)), " ")
	a.ShortName = strings.Join(strings.Fields(vntext.NFC(a.ShortName)), " ")
	var aliases []string
	seen := map[string]bool{}
	for _, s := range a.Aliases {
		for _, line := range strings.Split(s, "\n") {
			line = strings.Join(strings.Fields(vntext.NFC(line)), " ")
			if line == "" || seen[vntext.Fold(line)] {
				continue
			}
			seen[vntext.Fold(line)] = true
			aliases = append(aliases, line)
		}
	}
	a.Aliases = aliases
}

// Check says what is wrong with agency a (normalised) as an entry of the
// register (every agency, a's stored self included when it is an edit),
// in Vietnamese by field: a name, not too long, that no other agency has;
// a known kind; a parent that exists and is not a itself or under it; a
// validity that ends after it starts. nil when nothing is.
func Check(a *Agency, register []Agency) map[string]string {
	fe := map[string]string{}
	switch n := utf8.RuneCountInString(a.Name); {
	case n == 0:
		fe["name"] = "Hãy nhập tên cơ quan."
	case n > MaxName:
		fe["name"] = "Tên cơ quan quá dài (tối đa 300 ký tự)."
	}
	if utf8.RuneCountInString(a.ShortName) > MaxName {
		fe["short_name"] = "Tên viết tắt quá dài."
	}
	if !a.Kind.Valid() {
		fe["kind"] = "Hãy chọn loại cơ quan."
	}
	if msg := CheckParent(a.ID, a.ParentID, register); msg != "" {
		fe["parent_id"] = msg
	}
	if !a.ValidFrom.IsZero() && !a.ValidTo.IsZero() && !a.ValidTo.After(a.ValidFrom) {
		fe["valid_to"] = "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."
	}
	if a.Name != "" {
		for _, o := range register {
			if o.ID != a.ID && vntext.Fold(o.Name) == vntext.Fold(a.Name) {
				fe["name"] = NameTakenMessage
				break
			}
		}
	}
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// CheckParent says what is wrong with making parent the parent of agency
// id (0: a new agency) in the register: it must exist, and must not be id
// itself or one of id's descendants (which would make a cycle). "" when
// nothing is.
func CheckParent(id, parent int64, register []Agency) string {
	if parent == 0 {
		return ""
	}
	byID := make(map[int64]*Agency, len(register))
	for i := range register {
		byID[register[i].ID] = &register[i]
	}
	if byID[parent] == nil {
		return "Cơ quan cấp trên không có trong danh sách."
	}
	if id == 0 {
		return ""
	}
	seen := map[int64]bool{}
	for cur := parent; cur != 0 && !seen[cur]; {
		if cur == id {
			if parent == id {
				return "Cơ quan không thể là cấp trên của chính nó."
			}
			return "Không thể chọn một đơn vị cấp dưới làm cơ quan cấp trên (tạo thành vòng lặp)."
		}
		seen[cur] = true
		a := byID[cur]
		if a == nil {
			break
		}
		cur = a.ParentID
	}
	return ""
}
