package planimport

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/agency"
	"tiendo/internal/vntext"
)

// mention is an agency named in a text, with the role the text gives it, so
// the importer can propose a task's lead and cooperating agencies.
type mention struct {
	AgencyID int64
	Lead     bool // the text says this agency chủ trì
	Coop     bool // the text says this agency phối hợp
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

// Find returns the agencies mentioned in text, in order of first
// appearance, each once. Where names overlap the longest wins, so "Trung
// tâm Thông tin và Ứng dụng khoa học và công nghệ" is not also read as the
// Sở. A mention followed by "chủ trì" (or right after "chủ trì:") is Lead;
// one after "phối hợp với" in the same clause, or followed by "phối hợp",
// is Coop.
func (m *matcher) find(text string) []mention {
	toks := m.tokens(text)
	var out []mention
	index := map[int64]int{}
	cue, cueAt := cueNone, -1 // the last role word in the current clause and where it ended
	for i := 0; i < len(toks); {
		if i > 0 && toks[i].clause != toks[i-1].clause {
			cue, cueAt = cueNone, -1
		}
		id, end := m.longest(toks, i)
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
		if k, ok := index[id]; ok {
			out[k].Lead = out[k].Lead || lead
			out[k].Coop = out[k].Coop || coop
		} else {
			index[id] = len(out)
			out = append(out, mention{AgencyID: id, Lead: lead, Coop: coop})
		}
		i = end
	}
	return out
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
	case after("chu", "tri"):
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
// clause; it returns the agency and the index after the name, or 0.
func (m *matcher) longest(toks []token, i int) (id int64, end int) {
	if toks[i].text == "so" && i > 0 && !toks[i].sep && (toks[i-1].text == "co" || toks[i-1].text == "tru") {
		return 0, 0 // "cơ sở y tế", "trụ sở": a facility, not a Sở
	}
	n := m.root
	for j := i; j < len(toks) && toks[j].clause == toks[i].clause; j++ {
		if n = n.next[toks[j].text]; n == nil || (j > i && toks[j].sep && !n.sepOK) {
			break
		}
		if n.id != 0 && !(n.short && beforeLocality(toks, j+1)) {
			id, end = n.id, j+1
		}
	}
	return id, end
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

// Lookup resolves one agency name (a whole table cell or list item) to an
// agency: the whole text must be one of its names, give or take case,
// diacritics, abbreviations, punctuation, a trailing "tỉnh" and a note in
// parentheses ("Sở KH&CN (chủ trì)").
func (m *matcher) lookup(name string) (id int64, ok bool) {
	words := m.words(name)
	if id := m.exact(words); id != 0 {
		return id, true
	}
	if n := len(words); n > 1 && words[n-1] == "tinh" {
		if id := m.exact(words[:n-1]); id != 0 {
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

// exact finds the agency named exactly by words.
func (m *matcher) exact(words []string) int64 {
	if len(words) == 0 {
		return 0
	}
	n := m.root
	for _, w := range words {
		if n = n.next[w]; n == nil {
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

// ResolveList splits a cell listing agencies ("Sở Tài chính; Sở Nội vụ, UBND
// các xã") and resolves each, so an XLSX appendix can be imported without
// retyping. Commas, semicolons and new lines separate items unless the
// longest run of items rejoined is itself a name ("Sở Văn hóa, Thể thao và
// Du lịch"); "và" separates items only where what it joins are names of
// their own. Items it cannot resolve come back in unknown as written (for the
// user to map, never created silently); collective phrases ("các sở, ban,
// ngành", "UBND các xã") stay whole there unless an agency goes by that name.
func (m *matcher) resolveList(cell string) (ids []int64, unknown []string) {
	cell = vntext.NFC(cell)
	if id, ok := m.lookup(cell); ok {
		return []int64{id}, nil
	}
	seen := map[int64]bool{}
	addID := func(id int64) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	glue := false // the last unknown item may continue ("UBND các huyện, thành phố")
	addUnknown := func(item string, continues bool) {
		if continues && glue && len(unknown) > 0 {
			unknown[len(unknown)-1] += ", " + item
			return
		}
		unknown = append(unknown, item)
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
				addUnknown(r, false)
			}
		} else {
			addUnknown(items[i], m.continuation(items[i]))
		}
		i++
	}
	return ids, unknown
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
	switch words[0] {
	case "so", "ban", "bo", "cuc", "chi", "vien", "bao", "dai", "quy", "doan", "cac", "hoi", "kho", "ngan":
		return true
	}
	two := words[0] + " " + words[1]
	switch two {
	case "uy ban", "van phong", "cong an", "thanh tra", "trung tam", "truong dai", "truong cao",
		"benh vien", "tinh uy", "tinh doan", "lien doan", "mat tran", "dang uy", "toa an", "hoi dong":
		return true
	}
	return false
}

// splitList splits a cell on commas, semicolons and line breaks, trimming
// bullets and spaces and dropping empty items.
func splitList(cell string) []string {
	fields := strings.FieldsFunc(cell, func(r rune) bool {
		return r == ',' || r == ';' || r == '\n' || r == '\r'
	})
	items := fields[:0]
	for _, f := range fields {
		if f = trimItem(f); f != "" {
			items = append(items, f)
		}
	}
	return items
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

// token is a word of folded text with the clause it belongs to; clauses end
// at ".", ";", "!", "?" and line breaks, where roles stop applying.
type token struct {
	text   string
	clause int
	sep    bool // punctuation (a comma, a dash…) comes between it and the word before
}

// words folds a name into the words it is matched by.
func (m *matcher) words(name string) []string {
	toks := m.tokens(name)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.text
	}
	return words
}

// tokens folds text (vntext.Fold: no case, no diacritics, đ→d) and splits it
// into words, expanding abbreviations ("KH&CN", "KH & CN", "KHCN" → khoa
// học và công nghệ) so they match the names written in full. Each line is
// folded whole, and words are pieces of the folded line, so a paragraph
// costs a few allocations, not one per word.
func (m *matcher) tokens(text string) []token {
	toks := make([]token, 0, len(text)/8) // a word and a space are about 8 bytes of Vietnamese
	clause := 0
	for line := range strings.Lines(text) {
		toks, clause = m.lineTokens(toks, vntext.Fold(line), clause)
		clause++ // a line break ends a clause
	}
	return toks
}

// lineTokens appends the words of one folded line, numbering clauses from
// clause; it returns the number of the line's last clause.
func (m *matcher) lineTokens(toks []token, s string, clause int) ([]token, int) {
	sep := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			j := wordEnd(s, i)
			toks = m.appendWord(toks, s[i:j], clause, sep)
			i, sep = j, false
			continue
		case r == ';' || r == '!' || r == '?':
			clause++
		case r == '.':
			if i+size == len(s) || s[i+size] == ' ' {
				clause++
			} else {
				sep = true
			}
		case r != ' ':
			sep = true
		}
		i += size
	}
	return toks, clause
}

// isWordRune reports whether r belongs to a word of folded text: letters,
// digits and the "&" of abbreviations.
func isWordRune(r rune) bool {
	return r == '&' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordEnd returns the end of the word starting at s[i]; an "&" with spaces
// around it joins its neighbours ("kh & cn").
func wordEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
		case r == ' ' && (strings.HasPrefix(s[i+1:], "&") || i > 0 && s[i-1] == '&'):
		default:
			return i
		}
		i += size
	}
	return i
}

// appendWord adds a folded word, expanded when it is a known abbreviation;
// sep says punctuation came before it.
func (m *matcher) appendWord(toks []token, w string, clause int, sep bool) []token {
	if !strings.Contains(w, "&") {
		if exp, ok := m.abbr[w]; ok {
			return appendExpansion(toks, exp, clause, sep)
		}
		return append(toks, token{text: w, clause: clause, sep: sep})
	}
	w = strings.ReplaceAll(w, " ", "")
	if exp, ok := m.abbr[strings.ReplaceAll(w, "&", "")]; ok {
		return appendExpansion(toks, exp, clause, sep)
	}
	for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '&' }) {
		toks = append(toks, token{text: part, clause: clause, sep: sep})
		sep = false
	}
	return toks
}

// appendExpansion appends the words an abbreviation stands for.
func appendExpansion(toks, exp []token, clause int, sep bool) []token {
	for k, e := range exp {
		toks = append(toks, token{text: e.text, clause: clause, sep: e.sep || (k == 0 && sep)})
	}
	return toks
}

// abbreviations are the short forms provincial documents use for the
// words of agency names, folded and without "&", with their expansions
// (punctuation kept: "VHTT&DL" is "Văn hóa, Thể thao và Du lịch").
func abbreviations() map[string][]token {
	full := map[string]string{
		"khcn":     "khoa hoc va cong nghe",
		"gddt":     "giao duc va dao tao",
		"vhttdl":   "van hoa, the thao va du lich",
		"nnmt":     "nong nghiep va moi truong",
		"nnptnt":   "nong nghiep va phat trien nong thon",
		"tttt":     "thong tin va truyen thong",
		"ldtbxh":   "lao dong - thuong binh va xa hoi",
		"tnmt":     "tai nguyen va moi truong",
		"khdt":     "ke hoach va dau tu",
		"gtvt":     "giao thong van tai",
		"dttg":     "dan toc va ton giao",
		"ubnd":     "uy ban nhan dan",
		"hdnd":     "hoi dong nhan dan",
		"mttq":     "mat tran to quoc",
		"mttqvn":   "mat tran to quoc viet nam",
		"ubmttq":   "uy ban mat tran to quoc",
		"ubmttqvn": "uy ban mat tran to quoc viet nam",
		"vn":       "viet nam",
		"vp":       "van phong",
		"bql":      "ban quan ly",
		"kkt":      "khu kinh te",
		"bchqs":    "bo chi huy quan su",
		"tp":       "thanh pho",
	}
	abbr := make(map[string][]token, len(full))
	plain := &matcher{} // no abbreviations inside expansions
	for k, v := range full {
		abbr[k] = plain.tokens(v)
	}
	return abbr
}
