package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"tiendo/internal/agency"
	"tiendo/internal/vntext"
)

// agencyForm is the data of the agency form, for a new agency and an edit.
type agencyForm struct {
	ID        int64 // 0 for a new agency
	Version   int
	Name      string
	ShortName string
	Aliases   string // one per line, as typed
	Kind      agency.Kind
	ParentID  int64
	ValidFrom string // dd/mm/yyyy as typed
	ValidTo   string

	Kinds   []agency.Kind
	Parents []agency.Agency // choices for the parent, in Vietnamese collation
	Errors  map[string]string
	Error   string
}

// maxAgencyName bounds names; the longest real ones are about 100 characters.
const maxAgencyName = 300

// newAgencyForm returns a form with its choices; list is every agency.
func newAgencyForm(list []agency.Agency, self int64) *agencyForm {
	var parents []agency.Agency
	for _, a := range list {
		if a.ID != self {
			parents = append(parents, a)
		}
	}
	vntext.Sort(parents, func(a agency.Agency) string { return a.Name })
	return &agencyForm{Kinds: agency.Kinds, Parents: parents, Kind: agency.KindDepartment}
}

// fill sets the form's fields from a stored agency.
func (f *agencyForm) fill(a *agency.Agency) {
	f.ID = a.ID
	f.Version = a.Version
	f.Name = a.Name
	f.ShortName = a.ShortName
	f.Aliases = strings.Join(a.Aliases, "\n")
	f.Kind = a.Kind
	f.ParentID = a.ParentID
	f.ValidFrom = vntext.FormatDate(a.ValidFrom)
	f.ValidTo = vntext.FormatDate(a.ValidTo)
}

// read copies the posted fields into the form.
func (f *agencyForm) read(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f.Name = r.PostFormValue("name")
	f.ShortName = r.PostFormValue("short_name")
	f.Aliases = r.PostFormValue("aliases")
	f.Kind = agency.Kind(r.PostFormValue("kind"))
	f.ParentID = formID(r.PostFormValue("parent_id"))
	f.ValidFrom = r.PostFormValue("valid_from")
	f.ValidTo = r.PostFormValue("valid_to")
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	return nil
}

// apply checks the form against the register (list: every agency) and
// writes it into a; it returns the problems found by field, nil when none.
func (f *agencyForm) apply(a *agency.Agency, list []agency.Agency) map[string]string {
	fe := map[string]string{}
	a.Name = strings.Join(strings.Fields(vntext.NFC(f.Name)), " ")
	a.ShortName = strings.Join(strings.Fields(vntext.NFC(f.ShortName)), " ")
	a.Aliases = splitAliases(f.Aliases)
	a.Kind = f.Kind
	a.ParentID = f.ParentID
	switch n := utf8.RuneCountInString(a.Name); {
	case n == 0:
		fe["name"] = "Hãy nhập tên cơ quan."
	case n > maxAgencyName:
		fe["name"] = "Tên cơ quan quá dài (tối đa 300 ký tự)."
	}
	if utf8.RuneCountInString(a.ShortName) > maxAgencyName {
		fe["short_name"] = "Tên viết tắt quá dài."
	}
	if !a.Kind.Valid() {
		fe["kind"] = "Hãy chọn loại cơ quan."
	}
	if msg := checkParent(a.ID, a.ParentID, list); msg != "" {
		fe["parent_id"] = msg
	}
	var err error
	if a.ValidFrom, err = parseDate(f.ValidFrom); err != nil {
		fe["valid_from"] = err.Error()
	}
	if a.ValidTo, err = parseDate(f.ValidTo); err != nil {
		fe["valid_to"] = err.Error()
	}
	if fe["valid_from"] == "" && fe["valid_to"] == "" && !a.ValidFrom.IsZero() && !a.ValidTo.IsZero() && !a.ValidTo.After(a.ValidFrom) {
		fe["valid_to"] = "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."
	}
	if a.Name != "" {
		for _, o := range list {
			if o.ID != a.ID && vntext.Fold(o.Name) == vntext.Fold(a.Name) {
				fe["name"] = msgDuplicateAgency
				break
			}
		}
	}
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// msgDuplicateAgency is shown when the name is already in the register.
const msgDuplicateAgency = "Đã có cơ quan mang tên này trong danh sách."

// checkParent says what is wrong with making parent the parent of id: it
// must exist, and must not be id itself or one of id's descendants (which
// would make a cycle).
func checkParent(id, parent int64, list []agency.Agency) string {
	if parent == 0 {
		return ""
	}
	byID := agencyIndex(list)
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

// splitAliases reads one alias per line, trimmed, without blanks or repeats.
func splitAliases(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(vntext.NFC(line)), " ")
		if line == "" || seen[vntext.Fold(line)] {
			continue
		}
		seen[vntext.Fold(line)] = true
		out = append(out, line)
	}
	return out
}
