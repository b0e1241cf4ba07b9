package officialreport

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/agency"
	"tiendo/internal/vntext"
)

// Issuing is who issues the official report: the coordinator's agency
// (the Sở KH&CN that aggregates the agencies' reports) under its
// People's Committee, and what the first draft takes from them.
type Issuing struct {
	// Agency is the coordinator's agency; nil: the plan's issuer (the UBND
	// tỉnh) issues the report itself.
	Agency *agency.Agency
	// Parent is the People's Committee the agency belongs to (its cơ quan
	// chủ quản); nil when none.
	Parent *agency.Agency
	// Signer is the name of the agency's head when the register knows
	// exactly one; "" leaves the name for the coordinator to type.
	Signer string
	// Today is the day the draft is made: its date.
	Today time.Time
}

// upperName writes an agency's name for the letterhead, in capitals, with
// "Ủy ban nhân dân" shortened to UBND for a cơ quan chủ quản (as letterheads
// write "UBND TỈNH CÀ MAU") when short is set.
func upperName(name string, short bool) string {
	name = strings.TrimSpace(name)
	if short {
		if rest, ok := cutFold(name, "uy ban nhan dan "); ok {
			name = "UBND " + rest
		}
	}
	return strings.ToUpper(name)
}

// cutFold cuts prefix (folded) off s, comparing without case and diacritics.
func cutFold(s, prefix string) (string, bool) {
	words, want := strings.Fields(s), strings.Fields(prefix)
	if len(words) < len(want) {
		return s, false
	}
	for i, w := range want {
		if vntext.Fold(words[i]) != w {
			return s, false
		}
	}
	return strings.Join(words[len(want):], " "), true
}

// Place is the place name of the date line ("Cà Mau, ngày …"): the
// province of the first of names that names one ("Ủy ban nhân dân tỉnh Cà
// Mau", "UBND TỈNH CÀ MAU", "UBND thành phố Cần Thơ"), written as a name
// (Cà Mau), or "".
func Place(names ...string) string {
	for _, n := range names {
		words := strings.Fields(n)
		for i := len(words) - 2; i >= 0; i-- {
			f := vntext.Fold(words[i])
			rest := words[i+1:]
			if f == "pho" && i > 0 && vntext.Fold(words[i-1]) == "thanh" || f == "tinh" {
				if len(rest) > 0 && len(rest) <= 4 {
					return titleWords(rest)
				}
			}
		}
	}
	return ""
}

// titleWords writes words with a capital first letter each ("CÀ MAU" → "Cà Mau").
func titleWords(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		out[i] = string(unicode.ToUpper(r)) + strings.ToLower(w[n:])
	}
	return strings.Join(out, " ")
}

// Abbreviation is the issuing agency's part of a document number, as
// Decree 30 builds it from the initials of its name ("Sở Khoa học và Công
// nghệ" → SKHCN, "Sở Giáo dục và Đào tạo" → SGDĐT); a People's Committee
// is UBND.
func Abbreviation(issuer string) string {
	if _, ok := cutFold(issuer, "uy ban nhan dan"); ok {
		return "UBND"
	}
	if _, ok := cutFold(issuer, "ubnd"); ok {
		return "UBND"
	}
	var b strings.Builder
	for _, w := range strings.FieldsFunc(issuer, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if f := vntext.Fold(w); f == "va" || f == "tinh" || f == "thanh" || f == "pho" {
			if f != "va" {
				break // the place: not part of the initials
			}
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(baseLetter(r)))
	}
	return b.String()
}

// baseLetter is r without its tone and vowel marks, except Đ, which
// numbers keep (SGDĐT).
func baseLetter(r rune) rune {
	if r == 'đ' || r == 'Đ' {
		return 'Đ'
	}
	f := []rune(vntext.Fold(string(r)))
	if len(f) == 1 {
		return f[0]
	}
	return r
}

// signer is the signature block a first draft proposes for an agency of
// kind k: the head signs with the title of the office (a People's
// Committee signs on behalf of the committee, TM., by its chairman).
func signer(k agency.Kind) (prefix, title string) {
	switch k {
	case agency.KindProvince, agency.KindCommune:
		return "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
	case agency.KindDepartment:
		return "", "GIÁM ĐỐC"
	case agency.KindBoard:
		return "", "TRƯỞNG BAN"
	}
	return "", "THỦ TRƯỞNG CƠ QUAN"
}

// namesIssuer reports whether recipient line r ("UBND tỉnh (b/c);",
// "- Sở KH&CN;") is the issuer itself — issuer being the issuing agency's
// name and short names — so that "Nơi nhận" never lists who sends the
// report. A line naming part of the issuer's name ("UBND tỉnh" for "Ủy
// ban nhân dân tỉnh Cà Mau") is the issuer; a broader group ("Các sở,
// ban, ngành") or "Lưu: VT" is not.
func namesIssuer(r string, issuer ...string) bool {
	core := recipientCore(r)
	if core == "" || strings.HasPrefix(core, "luu") {
		return false
	}
	for _, is := range issuer {
		name := recipientCore(is)
		if name == "" {
			continue
		}
		if core == name || (strings.Count(core, " ") >= 1 && strings.HasPrefix(name, core+" ")) {
			return true
		}
	}
	return false
}

// recipientCore is a recipient line folded, without its dash, its closing
// punctuation and a "(b/c)" or "(để báo cáo)", and with a People's
// Committee written UBND.
func recipientCore(s string) string {
	f := vntext.Fold(s)
	f = strings.TrimLeft(f, "-–+• ")
	if i := strings.Index(f, "("); i >= 0 {
		f = f[:i]
	}
	f = strings.TrimRight(f, " ;.,")
	f = strings.ReplaceAll(f, "uy ban nhan dan", "ubnd")
	f = strings.ReplaceAll(f, "hoi dong nhan dan", "hdnd")
	return strings.Join(strings.Fields(f), " ")
}

// RecipientsOf is d's "Nơi nhận" without any line naming the issuer
// itself (its letterhead name; also names, the agency's other names).
func RecipientsOf(d *Draft, also ...string) []string {
	names := append([]string{d.Issuer}, also...)
	out := make([]string, 0, len(d.Recipients))
	for _, r := range d.Recipients {
		if !namesIssuer(r, names...) {
			out = append(out, r)
		}
	}
	return out
}
