package agency

// TEMPORARY SCAFFOLD: the real matcher replaces this file (match.go).

// Mention is an agency named in a text, with its role there.
type Mention struct {
	AgencyID int64
	Lead     bool // the text says this agency chủ trì
	Coop     bool // the text says this agency phối hợp
}

// Matcher finds agencies of the register in free text and table cells,
// ignoring case and diacritics and knowing short names ("Sở KH&CN").
type Matcher struct{}

// NewMatcher builds a matcher over the given agencies (their names, short names and aliases).
func NewMatcher(agencies []Agency) *Matcher { return &Matcher{} }

// Find returns the agencies mentioned in text, in order of first appearance, each once.
func (m *Matcher) Find(text string) []Mention { return nil }

// Lookup resolves one agency name (a whole table cell or list item) to an agency.
func (m *Matcher) Lookup(name string) (id int64, ok bool) { return 0, false }

// ResolveList splits a cell listing agencies ("Sở Tài chính; Sở Nội vụ, UBND
// các xã") and resolves each; names it cannot resolve come back in unknown.
func (m *Matcher) ResolveList(cell string) (ids []int64, unknown []string) { return nil, nil }
