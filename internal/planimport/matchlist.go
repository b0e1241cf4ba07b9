package planimport

import (
	"strings"
	"tiendo/internal/vntext"
	"unicode"
	"unicode/utf8"
)

// resolveList splits a cell listing agencies ("Sở Tài chính; Sở Nội vụ, UBND
// các xã") and resolves each, so an appendix can be imported without
// retyping. Commas, semicolons, parentheses and new lines separate items
// unless the longest run of items rejoined is itself a name ("Sở Văn hóa,
// Thể thao và Du lịch"); "và" separates items only where what it joins are
// names of their own. Role words around a name ("Sở Y tế chủ trì", "(phối
// hợp)") are dropped, and so are prose tails ("các đơn vị có liên quan",
// "theo chức năng, nhiệm vụ được giao"). Items it cannot resolve come back
// in unknown as written (for the user to map, never created silently);
// collective phrases ("các sở, ban, ngành", "UBND các xã") stay whole there
// unless an agency goes by that name.
func (m *matcher) resolveList(cell string) []item {
	if id := m.exact(m.tokens(cell)); id != 0 {
		return []item{{id: id}}
	}
	var out []item
	seen := map[int64]bool{}
	addID := func(id int64) {
		if !seen[id] {
			seen[id] = true
			out = append(out, item{id: id})
		}
	}
	glue := false // the last unknown item may continue ("UBND các huyện, thành phố")
	addUnknown := func(name string, continues bool) {
		if continues && glue && len(out) > 0 && out[len(out)-1].id == 0 {
			out[len(out)-1].name += ", " + name
			return
		}
		for _, o := range out {
			if o.id == 0 && vntext.Fold(o.name) == vntext.Fold(name) {
				return
			}
		}
		out = append(out, item{name: name})
		glue = true
	}
	items := splitList(cell)
	for i := 0; i < len(items); {
		id, n := m.longestRun(items[i:], ", ")
		if n > 0 {
			addID(id)
			glue = false
			i += n
			continue
		}
		if found, rest, ok := m.resolveAnd(items[i]); ok {
			for _, id := range found {
				addID(id)
			}
			glue = false
			for _, r := range rest {
				if !isProse(r) {
					addUnknown(r, false)
				}
			}
		} else {
			addUnknown(items[i], m.continuation(items[i]))
		}
		i++
	}
	return out
}

// longestRun resolves the longest prefix of items that, joined with sep,
// names an agency; n is how many items it took, 0 when none resolves.
func (m *matcher) longestRun(items []string, sep string) (id int64, n int) {
	for j := len(items); j > 0; j-- {
		if id, ok := m.lookup(strings.Join(items[:j], sep)); ok {
			return id, j
		}
	}
	return 0, 0
}

// resolveAnd splits an item on "và" where that yields agency names: ok when
// at least one part resolves and the parts left over are phrases of their
// own (two words or more), which come back in rest.
func (m *matcher) resolveAnd(item string) (ids []int64, rest []string, ok bool) {
	parts := splitAnd(item)
	if len(parts) < 2 {
		return nil, nil, false
	}
	for i := 0; i < len(parts); {
		if id, n := m.longestRun(parts[i:], " và "); n > 0 {
			ids = append(ids, id)
			i += n
			continue
		}
		if len(strings.Fields(parts[i])) < 2 {
			return nil, nil, false
		}
		rest = append(rest, parts[i])
		i++
	}
	return ids, rest, len(ids) > 0
}

// continuation reports whether an unresolved item reads as the tail of the
// one before ("thành phố" after "UBND các huyện", "ngành" after "ban")
// rather than a body of its own.
func (m *matcher) continuation(item string) bool {
	words := m.words(item)
	if len(words) < 2 {
		return true
	}
	return !bodyHead(words)
}

// bodyHead reports whether words start like the name of a body.
func bodyHead(words []string) bool {
	if len(words) == 0 {
		return false
	}
	switch words[0] {
	case "so", "ban", "bo", "cuc", "chi", "vien", "bao", "dai", "quy", "doan", "cac", "hoi", "kho", "ngan":
		return true
	}
	if len(words) < 2 {
		return false
	}
	two := words[0] + " " + words[1]
	switch two {
	case "uy ban", "van phong", "cong an", "thanh tra", "trung tam", "truong dai", "truong cao",
		"benh vien", "tinh uy", "tinh doan", "lien doan", "mat tran", "dang uy", "toa an", "hoi dong":
		return true
	}
	return false
}

// splitList splits a cell on semicolons and line breaks, cuts each part's
// open tail ("… và các cơ quan liên quan"), then splits on commas and
// parentheses, trimming bullets, spaces and role words, and dropping empty
// items, role notes and prose.
func splitList(cell string) []string {
	var items []string
	for _, part := range strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		part = cutOpenTail(part)
		for _, f := range strings.FieldsFunc(part, func(r rune) bool { return r == ',' || r == '(' || r == ')' }) {
			if f = stripRoleWords(trimItem(f)); f != "" && !isProse(f) {
				items = append(items, f)
			}
		}
	}
	return items
}

// openTails start the words that end a list of named bodies with an
// open-ended group: "… và các cơ quan, đơn vị có liên quan", "… theo chức
// năng, nhiệm vụ được giao".
var openTails = []string{" va cac co quan", " va cac don vi", " va cac to chuc", " va cac dia phuong", " va cac so", " va cac nganh",
	" theo chuc nang", " co lien quan", " lien quan", " theo tham quyen", " duoc giao", " theo linh vuc"}

// cutOpenTail drops the open-ended tail of a list, keeping the names before
// it: from the marker back to where its group starts ("… và các cơ quan,
// đơn vị có liên quan", "các bộ, cơ quan liên quan").
func cutOpenTail(part string) string {
	part = strings.TrimSpace(part)
	f := vntext.Fold(part)
	cut := -1
	for _, t := range openTails {
		if i := strings.Index(" "+f, t); i >= 0 && (cut < 0 || i < cut) {
			cut = i
		}
	}
	if cut < 0 {
		return part
	}
	if i := strings.LastIndex(" "+f[:cut], " cac "); i >= 0 {
		cut = i
		if strings.HasSuffix(f[:cut], " va") {
			cut -= len(" va")
		}
	}
	cut = max(cut, 0)
	// Folding keeps one rune per rune of NFC text, so the rune count locates the cut.
	return strings.TrimSpace(string([]rune(part)[:utf8.RuneCountInString(f[:cut])]))
}

// stripRoleWords drops what a list item says about the role rather than
// the body: "chủ trì:", "Giao", "phối hợp với" in front, "chủ trì",
// "phối hợp (thực hiện)", "thực hiện" behind.
func stripRoleWords(item string) string {
	for {
		f := vntext.Fold(item)
		switch f {
		case "chu tri", "phoi hop", "phoi hop voi", "thuc hien", "giao", "de nghi", "tham muu", "chu tri thuc hien", "phoi hop thuc hien":
			return ""
		}
		cut := false
		for _, p := range []string{"co quan chu tri:", "don vi chu tri:", "chu tri:", "phoi hop:", "chu tri", "phoi hop voi", "phoi hop", "giao cho", "giao", "de nghi", "do"} {
			if hasWordPrefix(f, p) && len(f) > len(p) {
				item = trimItem(afterRunes(item, len([]rune(p))))
				cut = true
				break
			}
		}
		for _, p := range []string{"chu tri thuc hien", "phoi hop thuc hien", "chu tri", "phoi hop", "thuc hien", "la co quan chu tri", "thuong truc", "tham muu"} {
			if strings.HasSuffix(f, " "+p) {
				item = trimItem(string([]rune(item)[:len([]rune(item))-len([]rune(p))]))
				cut = true
				break
			}
		}
		if !cut {
			return item
		}
	}
}

// hasWordPrefix reports whether folded s starts with the words w, ending at
// a word boundary.
func hasWordPrefix(s, w string) bool {
	if !strings.HasPrefix(s, w) {
		return false
	}
	if len(s) == len(w) || strings.HasSuffix(w, ":") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[len(w):])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// isProse reports a list item that is not a name: a role note ("chủ trì",
// "nếu có"), an open tail ("các cơ quan có liên quan", "theo chức năng,
// nhiệm vụ"), or an instruction ("tham mưu UBND tỉnh").
func isProse(item string) bool {
	f := vntext.Fold(item)
	switch f {
	case "chu tri", "phoi hop", "phoi hop voi", "neu co", "thuong truc", "co quan thuong truc", "tham muu", "thuc hien", "lien quan", "nhiem vu", "nhiem vu duoc giao":
		return true
	}
	for _, w := range []string{"lien quan", "theo chuc nang", "duoc giao", "theo tham quyen", "theo linh vuc", "co trach nhiem", "neu co", "va cac co quan", "va cac don vi"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	for _, p := range []string{"cac co quan", "cac don vi", "cac to chuc", "cac doanh nghiep", "cac ca nhan", "co quan", "don vi", "tham muu", "chi dao", "huong dan", "theo doi", "tong hop", "bao cao", "trien khai", "to chuc thuc hien", "xay dung", "dam bao", "bao dam", "theo quy dinh"} {
		if hasWordPrefix(f, p) {
			return true
		}
	}
	return false
}

// splitAnd splits an item on the word "và" (any case, any spacing).
func splitAnd(item string) []string {
	var parts []string
	words := strings.Fields(item)
	start := 0
	for i, w := range words {
		if vntext.Fold(w) == "va" && i > start && i < len(words)-1 {
			parts = append(parts, strings.Join(words[start:i], " "))
			start = i + 1
		}
	}
	return append(parts, strings.Join(words[start:], " "))
}

// trimItem drops the bullets, spaces and full stops around a list item.
func trimItem(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("-+•*", r) })
	return strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '.' })
}
