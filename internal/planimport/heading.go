package planimport

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// headingLead returns the agency a heading (or a paragraph introducing
// what follows) puts in charge of the tasks under it, as written, or "":
// "Đối với Sở Y tế", "Sở Y tế:", "Giao Sở Tài chính chủ trì, phối hợp với
// các đơn vị:", "1. Ban Tuyên giáo Tỉnh ủy". A name the register knows is
// enough; one it does not know must read as a body's name (it starts like
// one — Sở, Ban, Ủy ban, Trung tâm… — with a capital after the head, and is
// short), so that "Ban hành cơ chế" or "Tổ chức thực hiện" are not agencies.
func (m *matcher) headingLead(text string) string {
	s := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(text), ":.;"))
	if s == "" || utf8.RuneCountInString(s) > 160 {
		return ""
	}
	marked := strings.HasSuffix(strings.TrimSpace(text), ":")
	f := vntext.Fold(s)
	for _, p := range []string{"doi voi ", "ve phia ", "giao cho ", "giao ", "de nghi "} {
		if strings.HasPrefix(f, p) {
			s, f, marked = afterRunes(s, utf8.RuneCountInString(p)), f[len(p):], true
			break
		}
	}
	// "Các đề án do Sở X chủ trì": the name is what follows "do".
	if i := strings.Index(f, " do "); i >= 0 && strings.Contains(f[i:], " chu tri") {
		s, f, marked = afterRunes(s, utf8.RuneCountInString(f[:i+len(" do ")])), f[i+len(" do "):], true
	}
	// "Sở X chủ trì, phối hợp với …": the name is what comes before the role.
	for _, role := range []string{" chu tri", " phoi hop", " thuc hien", " tham muu", ","} {
		if i := strings.Index(f, role); i > 0 {
			if role != "," {
				marked = true
			}
			s, f = string([]rune(s)[:utf8.RuneCountInString(f[:i])]), f[:i]
		}
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	// A name the register knows, alone or first of a list ("Ủy ban MTTQ
	// Việt Nam tỉnh và các tổ chức chính trị - xã hội").
	if its := m.resolveList(s); len(its) > 0 && its[0].id != 0 {
		return s
	}
	words := m.words(s)
	if len(words) < 2 || len(words) > 12 || !bodyHead(words) || verbHead(words) {
		return ""
	}
	if !marked && !capitalAfterHead(s) {
		return ""
	}
	return s
}

// verbHead reports a phrase starting like a body's name that is an action
// ("Ban hành", "Bổ sung", "Báo cáo", "Tổ chức", "Chỉ đạo", "Hội nghị").
func verbHead(words []string) bool {
	if len(words) < 2 {
		return false
	}
	switch words[0] + " " + words[1] {
	case "ban hanh", "bo sung", "bao cao", "bao dam", "bao ve", "bao ton", "chi dao", "chi tra", "hoi nghi", "hoi thao",
		"cac nhiem", "cac giai", "cac noi", "cac chuong", "cac de", "cac du", "cac hoat", "cac co", "cac don", "cac chi",
		"so hoa", "so ket", "ban quan", "quy dinh", "quy che", "quy hoach", "quy trinh", "dai hoi", "doan ket", "kho khan":
		return true
	}
	return false
}

// capitalAfterHead reports a name whose words after its head start with a
// capital somewhere, as proper names do ("Ban Tuyên giáo Tỉnh ủy",
// "Trung tâm Phục vụ hành chính công"), unlike "Trung tâm dữ liệu".
func capitalAfterHead(s string) bool {
	for i, w := range strings.Fields(s) {
		if i == 0 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// headingWords reports a title that names a topic, not a thing to do:
// "Về thể chế", "Lĩnh vực y tế", "Nhóm nhiệm vụ …", "Các nhiệm vụ trọng
// tâm", "Đối với cấp xã", "Tại các địa phương".
func headingWords(title string) bool {
	f := vntext.Fold(title)
	for _, p := range []string{"ve ", "doi voi", "linh vuc", "trong linh vuc", "nhom", "cac nhiem vu", "nhiem vu", "cac giai phap",
		"giai phap", "tai ", "o cap", "cap tinh", "cap xa", "phan cong", "danh muc", "noi dung", "mot so"} {
		if hasWordPrefix(f, strings.TrimSpace(p)) {
			return true
		}
	}
	return false
}

// actionWords are the verbs plan tasks start with, folded: a title
// starting with one says what is to be done.
var actionWords = []string{
	"xay dung", "trien khai", "to chuc", "ban hanh", "hoan thien", "hoan thanh", "nghien cuu", "ra soat", "day manh", "tang cuong",
	"nang cao", "nang cap", "phat trien", "thuc hien", "tuyen truyen", "dao tao", "boi duong", "thuc day", "khuyen khich", "ho tro",
	"ung dung", "so hoa", "ket noi", "tich hop", "cung cap", "thanh lap", "sua doi", "bo sung", "dau tu", "bo tri", "kiem tra",
	"danh gia", "tap trung", "chi dao", "huong dan", "phoi hop", "tham muu", "de xuat", "lap", "cap nhat", "duy tri", "van hanh",
	"pho bien", "quan triet", "phat dong", "bien soan", "mo rong", "doi moi", "chuan hoa", "tong ket", "so ket", "giam sat",
	"theo doi", "thu hut", "huy dong", "uu tien", "bao dam", "dam bao", "chu dong", "tiep tuc", "khao sat", "dieu tra", "thi diem",
	"cong bo", "cai cach", "cat giam", "don gian hoa", "rut ngan", "hinh thanh", "phan dau", "tao", "mua sam", "trang bi", "lap dat",
	"ap dung", "van dong", "nhan rong", "lien ket", "hop tac", "tham gia", "xuc tien", "quang ba", "chuyen giao", "sap xep",
	"kien toan", "xu ly", "khac phuc", "thuong xuyen", "chuyen doi", "dua", "xay lap", "tiep nhan", "rut kinh nghiem", "trinh",
	"soan thao", "thiet lap", "trung bay", "sap nhap", "di doi", "dieu chinh", "tinh gon", "phat huy", "gan ket", "tich cuc", "nghiem tuc",
}

// startsWithAction reports whether text starts with one of actionWords.
func startsWithAction(text string) bool {
	f := vntext.Fold(firstRunes(text, 24))
	for _, w := range actionWords {
		if hasWordPrefix(f, w) {
			return true
		}
	}
	return false
}

// isPointer reports a sentence that only points to an appendix for the
// tasks ("Các nhiệm vụ cụ thể tại Phụ lục kèm theo.", "Chi tiết tại Phụ
// lục II.", "Nhiệm vụ theo Phụ lục đính kèm."): short, sending the reader
// to the appendix (tại, theo, như … Phụ lục; Phụ lục kèm theo) outside any
// parentheses — a task that sends to an appendix for its details ("Xây
// dựng cơ sở dữ liệu (chi tiết tại Phụ lục 2)") is still a task, and so is
// one that is about an appendix ("Xây dựng phụ lục kỹ thuật …").
func isPointer(text string) bool {
	f := vntext.Fold(stripParens(text))
	i := strings.Index(f, "phu luc")
	if i < 0 || len(strings.Fields(f)) > 25 {
		return false
	}
	before, after := strings.TrimSpace(f[:i]), f[i+len("phu luc"):]
	for _, w := range []string{"tai", "theo", "o", "nhu", "xem", "trong"} {
		if strings.HasSuffix(before, " "+w) || before == w {
			return true
		}
	}
	return strings.Contains(after, "kem theo") || strings.Contains(before, "chi tiet")
}
