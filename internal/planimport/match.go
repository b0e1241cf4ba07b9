package planimport

import (
	"slices"
	"strings"
	"unicode"

	"tiendo/internal/agency"
)

// mention is an agency named in a text, with the role the text gives it, so
// the importer can propose a task's lead and cooperating agencies.
type mention struct {
	AgencyID int64
	Lead     bool // the text says this agency chủ trì
	Coop     bool // the text says this agency phối hợp
	// Object: the text names it as the body reported or submitted to,
	// not as one doing the task ("báo cáo UBND tỉnh").
	Object bool
}

// matcher finds the register's agencies in free text and table cells the
// way plans write them: any case, with or without diacritics, with the
// usual abbreviations ("Sở KH&CN", "UBND tỉnh", "VP UBND tỉnh") and with
// "tỉnh" left off where that is unambiguous. Build it once per import with
// newMatcher; it is read-only afterwards and safe for concurrent use.
type matcher struct {
	root *trieNode
	abbr map[string][]token // abbreviation without "&" → its words
}

// trieNode is one word of one or more agency names; names are paths from the root.
type trieNode struct {
	next map[string]*trieNode
	id   int64 // the agency whose name ends here; 0 when none does
	// sepOK is set when a name has punctuation before this word ("Sở Văn
	// hóa, Thể thao…"); elsewhere a comma in the text ends the name, so
	// "các cơ sở, xây dựng …" is not read as "Sở Xây dựng".
	sepOK bool
	// short is set when the name ending here is a full name with "tỉnh" left
	// off; it does not count before a locality ("Văn phòng UBND xã …").
	short  bool
	active bool // the agency has no end date; preferred over ended ones
	// keys are the wordKeys of the names' words leading here; anyKey is set
	// when one of them was written without diacritics (or abbreviated), so
	// that any spelling matches.
	keys   []string
	anyKey bool
}

// accepts reports whether the word t, which folds to this node's word,
// is written as one of the names that lead here.
func (n *trieNode) accepts(t *token) bool {
	if n.anyKey || t.src == "" || isASCII(t.src) {
		return true
	}
	k := t.wordKey()
	for _, nk := range n.keys {
		if nk == k {
			return true
		}
	}
	return false
}

// newMatcher builds a matcher over the given agencies: their names, short
// names and aliases, each with abbreviations expanded. When two agencies
// share a name, the one still in existence wins, then the first given.
func newMatcher(agencies []agency.Agency) *matcher {
	m := &matcher{root: &trieNode{}, abbr: abbreviations()}
	for i := range agencies {
		a := &agencies[i]
		for _, name := range agencyNames(a) {
			toks := m.tokens(name)
			m.add(toks, a, false)
			if n := len(toks); n > 3 && toks[n-1].text == "tinh" && !genericName(toks[:n-1]) {
				m.add(toks[:n-1], a, true)
			}
		}
	}
	return m
}

// names lists every name the agency goes by.
func agencyNames(a *agency.Agency) []string {
	names := make([]string, 0, 2+len(a.Aliases))
	for _, n := range append([]string{a.Name, a.ShortName}, a.Aliases...) {
		if strings.TrimSpace(n) != "" {
			names = append(names, n)
		}
	}
	return names
}

// add records the words of toks as a name of a.
func (m *matcher) add(toks []token, a *agency.Agency, short bool) {
	if len(toks) == 0 {
		return
	}
	n := m.root
	for k, t := range toks {
		next := n.next[t.text]
		if next == nil {
			next = &trieNode{}
			if n.next == nil {
				n.next = map[string]*trieNode{}
			}
			n.next[t.text] = next
		}
		next.sepOK = next.sepOK || (k > 0 && t.sep)
		if key := wordKey(t.src); key == "" {
			next.anyKey = true
		} else if !slices.Contains(next.keys, key) {
			next.keys = append(next.keys, key)
		}
		n = next
	}
	active := a.ValidTo.IsZero()
	switch {
	case n.id == 0,
		n.short && !short,
		n.short == short && active && !n.active:
		n.id, n.short, n.active = a.ID, short, active
	}
}

// genericName reports whether words, once "tỉnh" is dropped, name a kind of
// body rather than one body ("Ủy ban nhân dân", "Công an"), so "tỉnh" must stay.
func genericName(toks []token) bool {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.text
	}
	switch strings.Join(words, " ") {
	case "uy ban nhan dan", "hoi dong nhan dan", "cong an", "thanh tra", "van phong",
		"so", "ban", "tinh uy", "toa an nhan dan", "vien kiem sat nhan dan":
		return true
	}
	return false
}

// find returns the agencies mentioned in text, in order of first
// appearance, each once. Where names overlap the longest wins, so "Trung
// tâm Thông tin và Ứng dụng khoa học và công nghệ" is not also read as the
// Sở. A mention followed by "chủ trì" (or right after "chủ trì:") leads; so
// does the subject of "phối hợp với" ("Sở A phối hợp với Sở B …": A leads,
// B cooperates). One listed after "phối hợp với" in the same clause, or
// followed by "phối hợp" alone, cooperates. One right after a verb that
// takes its addressee ("báo cáo UBND tỉnh", "trình", "tham mưu") is Object.
func (m *matcher) find(text string) []mention {
	toks := m.tokens(text)
	var out []mention
	index := map[int64]int{}
	caseless := !hasUpper(text)
	cue, cueAt := cueNone, -1 // the last role word in the current clause and where it ended
	for i := 0; i < len(toks); {
		if i > 0 && toks[i].clause != toks[i-1].clause {
			cue, cueAt = cueNone, -1
		}
		id, end := m.longest(toks, i, !caseless)
		if id == 0 {
			if c, n := roleCue(toks, i); c != cueNone {
				cue, cueAt = c, i+n
				i += n
				continue
			}
			i++
			continue
		}
		lead, coop := mentionRole(toks, i, end, cue, cueAt)
		if coop && (cue == cueCoop || cue == cueCoopNear) {
			// the list goes on: "phối hợp với Sở A, Sở B và các địa phương, Sở C"
			cue, cueAt = cueCoop, end
		}
		object := !lead && !coop && afterObjectVerb(toks, i)
		if k, ok := index[id]; ok {
			out[k].Lead = out[k].Lead || lead
			out[k].Coop = out[k].Coop || coop
			out[k].Object = out[k].Object && object
		} else {
			index[id] = len(out)
			out = append(out, mention{AgencyID: id, Lead: lead, Coop: coop, Object: object})
		}
		i = end
	}
	return out
}

// afterObjectVerb reports whether the name at toks[i] follows a verb whose
// object it is: the body a task reports or submits to, advises, or whose
// decision it drafts ("báo cáo UBND tỉnh", "trình Ủy ban nhân dân tỉnh ban
// hành", "tham mưu UBND tỉnh", "Quyết định của UBND tỉnh"). Such a body is
// named, but does not carry out the task.
func afterObjectVerb(toks []token, i int) bool {
	if i == 0 || toks[i-1].clause != toks[i].clause {
		return false
	}
	prev := toks[i-1].text
	switch prev {
	case "trinh", "cua", "gui", "ve", "cho", "len":
		return true
	}
	if i < 2 || toks[i-2].clause != toks[i].clause {
		return false
	}
	switch toks[i-2].text + " " + prev {
	case "bao cao", "tham muu", "de xuat", "kien nghi", "xin y", "y kien", "chi dao", "quyet dinh", "phe duyet":
		return true
	}
	return false
}

// hasUpper reports whether text has any capital letter; text typed all in
// lower case cannot tell a name by its capitals.
func hasUpper(text string) bool {
	for _, r := range text {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// Role words in a clause.
const (
	cueNone     = iota
	cueLead     // "chủ trì": a name right after it leads ("Chủ trì: Sở …")
	cueCoop     // "phối hợp với": names listed after it cooperate
	cueCoopNear // "phối hợp": only a name right after it cooperates
)

// coopListGap is how many words may separate the names a "phối hợp với"
// lists ("…, các sở, ban, ngành, địa phương và Sở Y tế"); a name further on
// is the object of another verb ("… theo dõi, đôn đốc … báo cáo UBND tỉnh").
const coopListGap = 8

// roleCue reads a role word at toks[i]: which, and how many tokens it spans.
func roleCue(toks []token, i int) (cue, n int) {
	switch {
	case wordsAt(toks, i, "chu", "tri"):
		return cueLead, 2
	case wordsAt(toks, i, "phoi", "hop", "voi"):
		return cueCoop, 3
	case wordsAt(toks, i, "phoi", "hop"):
		return cueCoopNear, 2
	}
	return cueNone, 0
}

// mentionRole decides the role of the name at toks[start:end], given the
// last role word of the clause before it.
func mentionRole(toks []token, start, end, cue, cueAt int) (lead, coop bool) {
	clause := toks[start].clause
	after := func(w ...string) bool {
		return end < len(toks) && toks[end].clause == clause && wordsAt(toks, end, w...)
	}
	switch {
	case after("chu", "tri"), after("phoi", "hop", "voi") && cue != cueCoop && cue != cueCoopNear:
		return true, false
	case after("phoi", "hop"):
		return false, true
	case cue == cueCoop && start-cueAt <= coopListGap, cue == cueCoopNear && cueAt == start:
		return false, true
	case cue == cueLead && cueAt == start:
		return true, false
	}
	return false, false
}

// wordsAt reports whether toks[i:] starts with words.
func wordsAt(toks []token, i int, words ...string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		if toks[i+k].text != w || toks[i+k].clause != toks[i].clause {
			return false
		}
	}
	return true
}

// longest finds the longest agency name starting at toks[i] within its
// clause; it returns the agency and the index after the name, or 0. Each
// word written with diacritics must carry the name's (wordKey). In running
// text (cased), a name whose first word is also a common word ("bộ" of
// "tiến bộ", "ban" of "ban hành", "hội" of "hội nghị") must be written
// with its capital, as names are.
func (m *matcher) longest(toks []token, i int, cased bool) (id int64, end int) {
	if toks[i].text == "so" && i > 0 && !toks[i].sep && (toks[i-1].text == "co" || toks[i-1].text == "tru") {
		return 0, 0 // "cơ sở y tế", "trụ sở": a facility, not a Sở
	}
	if cased && !toks[i].capital && commonHead(toks[i].text) {
		return 0, 0
	}
	n := m.root
	for j := i; j < len(toks) && toks[j].clause == toks[i].clause; j++ {
		if n = n.next[toks[j].text]; n == nil || (j > i && toks[j].sep && !n.sepOK) || !n.accepts(&toks[j]) {
			break
		}
		if n.id != 0 && !(n.short && beforeLocality(toks, j+1)) {
			id, end = n.id, j+1
		}
	}
	return id, end
}

// commonHead reports a first word of agency names that is also an ordinary
// word or the end of one ("tiến bộ", "cán bộ", "ban hành", "hội nghị",
// "chi phí", "báo cáo", "đài", "viên chức").
func commonHead(w string) bool {
	switch w {
	case "bo", "so", "ban", "cuc", "chi", "vien", "hoi", "quy", "bao", "dai", "kho", "doan", "tinh", "phong", "to", "tong":
		return true
	}
	return false
}

// beforeLocality reports whether toks[j] starts a place below the province
// ("xã", "phường", "huyện", "thành phố", "các …"), after which a name missing
// its "tỉnh" belongs to that place, not to the province.
func beforeLocality(toks []token, j int) bool {
	if j >= len(toks) || toks[j].clause != toks[j-1].clause {
		return false
	}
	switch toks[j].text {
	case "xa", "phuong", "huyen", "quan", "thi", "cac", "cap", "dac":
		return true
	case "thanh":
		return wordsAt(toks, j, "thanh", "pho")
	}
	return false
}

// lookup resolves one agency name (a whole table cell or list item) to an
// agency: the whole text must be one of its names, give or take case,
// diacritics, abbreviations, punctuation, a trailing "tỉnh" and a note in
// parentheses ("Sở KH&CN (chủ trì)").
func (m *matcher) lookup(name string) (id int64, ok bool) {
	toks := m.tokens(name)
	if id := m.exact(toks); id != 0 {
		return id, true
	}
	if n := len(toks); n > 1 && toks[n-1].text == "tinh" {
		if id := m.exact(toks[:n-1]); id != 0 {
			return id, true
		}
	}
	if strings.Contains(name, "(") {
		if bare := stripParens(name); bare != name {
			return m.lookup(bare)
		}
	}
	return 0, false
}

// exact finds the agency named exactly by toks.
func (m *matcher) exact(toks []token) int64 {
	if len(toks) == 0 {
		return 0
	}
	n := m.root
	for i := range toks {
		if n = n.next[toks[i].text]; n == nil || !n.accepts(&toks[i]) {
			return 0
		}
	}
	return n.id
}

// stripParens removes parenthesised notes from s.
func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
