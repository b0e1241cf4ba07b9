package vntext

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The proper names SentenceCase gives their capitals back, written as the
// documents write them: the capital letters of each entry are the ones
// restored (the text's own spelling — "ủy" or "uỷ" — is kept).

// bodies are the Party's and State's bodies and the departments named in
// plan titles; matched anywhere.
var bodies = []string{
	"Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương",
	"Trung ương Đảng", "Trung ương", "Đảng Cộng sản Việt Nam", "Quốc hội", "Ủy ban Thường vụ Quốc hội",
	"Chính phủ", "Thủ tướng Chính phủ", "Chủ tịch nước", "Mặt trận Tổ quốc Việt Nam", "Việt Nam",
	"Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Thành ủy", "Ban Chấp hành Đảng bộ tỉnh", "Tỉnh ủy", "Thành ủy",
	"Ủy ban nhân dân", "Hội đồng nhân dân", "Văn phòng Chính phủ",
}

// fields are the names of ministries and provincial departments, after
// "Bộ" or "Sở".
var fields = []string{
	"Khoa học và Công nghệ", "Tài chính", "Nội vụ", "Tư pháp", "Xây dựng", "Công Thương",
	"Nông nghiệp và Môi trường", "Giáo dục và Đào tạo", "Y tế", "Văn hóa, Thể thao và Du lịch",
	"Dân tộc và Tôn giáo", "Ngoại vụ", "Ngoại giao", "Công an", "Quốc phòng", "Kế hoạch và Đầu tư",
	"Thông tin và Truyền thông", "Tài nguyên và Môi trường", "Nông nghiệp và Phát triển nông thôn",
	"Lao động - Thương binh và Xã hội", "Giao thông vận tải",
}

// documents are the kinds of documents a title cites; capitalised when a
// number follows ("Nghị quyết số 71/NQ-CP", "Quyết định 1132/QĐ-TTg") or,
// for a programme, its author ("Chương trình hành động của …").
var documents = []string{
	"Nghị quyết", "Quyết định", "Chỉ thị", "Kế hoạch", "Chương trình hành động", "Chương trình",
	"Thông tư liên tịch", "Thông tư", "Nghị định", "Luật", "Kết luận", "Công văn", "Đề án", "Chiến lược",
	"Thông báo", "Hướng dẫn", "Pháp lệnh",
}

// provinces are the provinces and centrally run cities, before and after
// the 2025 merger; capitalised after "tỉnh" or "thành phố".
var provinces = []string{
	"An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
	"Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
	"Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
	"Hải Phòng", "Hậu Giang", "Hòa Bình", "Hồ Chí Minh", "Huế", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
	"Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
	"Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng",
	"Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh",
	"Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
}

// name is one entry, folded word by word, with the words it capitalises.
type name struct {
	words []string
	caps  []bool
}

func newName(s string) name {
	var n name
	for _, w := range strings.FieldsFunc(s, notWordRune) {
		r, _ := utf8.DecodeRuneInString(w)
		n.words = append(n.words, Fold(w))
		n.caps = append(n.caps, unicode.IsUpper(r))
	}
	return n
}

// names are the lists above, each longest first so that "Ủy ban Thường vụ
// Quốc hội" wins over "Quốc hội". Built once per call of capitalizeNames:
// a few hundred short strings, cheaper than any package state to reason about.
type nameLists struct{ bodies, documents, provinces []name }

func newNameLists() *nameLists {
	build := func(list []string) []name {
		out := make([]name, 0, len(list))
		for _, s := range list {
			out = append(out, newName(s))
		}
		sort.SliceStable(out, func(i, j int) bool { return len(out[i].words) > len(out[j].words) })
		return out
	}
	all := append([]string{}, bodies...)
	for _, f := range fields {
		all = append(all, "Bộ "+f, "Sở "+f)
	}
	return &nameLists{bodies: build(all), documents: build(documents), provinces: build(provinces)}
}

// capitalizeNames restores the capitals of the proper names among toks
// (words are the indices of its word tokens).
func capitalizeNames(toks []token, words []int) {
	lists := newNameLists()
	folded := make([]string, len(words))
	for k, i := range words {
		folded[k] = Fold(toks[i].text)
	}
	// matches reports whether n's words stand at word k, joined only by
	// spaces, commas or hyphens (not across a clause).
	matches := func(n name, k int) bool {
		if k+len(n.words) > len(words) {
			return false
		}
		for j, w := range n.words {
			if folded[k+j] != w {
				return false
			}
			if j > 0 && strings.ContainsAny(toks[words[k+j]-1].text, ";:.()") {
				return false
			}
		}
		return true
	}
	apply := func(n name, k int) int {
		for j, c := range n.caps {
			if c {
				toks[words[k+j]].text = upperFirst(toks[words[k+j]].text)
			}
		}
		return len(n.words)
	}
	for k := 0; k < len(words); {
		step := 1
		if n, ok := first(lists.bodies, matches, k); ok {
			step = apply(n, k)
		} else if n, ok := first(lists.documents, matches, k); ok && citesNumber(folded, k+len(n.words), n) {
			step = apply(n, k)
		} else if n, ok := first(lists.provinces, matches, k); ok && afterPlaceWord(folded, k) {
			step = apply(n, k)
		}
		k += step
	}
}

// first is the first of list that matches at word k.
func first(list []name, matches func(name, int) bool, k int) (name, bool) {
	for _, n := range list {
		if matches(n, k) {
			return n, true
		}
	}
	return name{}, false
}

// citesNumber reports whether the word at k (after a document kind n) is
// "số" or a number, or, for a programme, "của" (its author follows).
func citesNumber(folded []string, k int, n name) bool {
	if k >= len(folded) {
		return false
	}
	w := folded[k]
	if w == "so" || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
		return true
	}
	return w == "cua" && len(n.words) > 0 && n.words[0] == "chuong"
}

// afterPlaceWord reports whether the words before k are "tỉnh", "thành
// phố" or "TP".
func afterPlaceWord(folded []string, k int) bool {
	switch {
	case k >= 1 && (folded[k-1] == "tinh" || folded[k-1] == "tp"):
		return true
	case k >= 2 && folded[k-2] == "thanh" && folded[k-1] == "pho":
		return true
	}
	return false
}
