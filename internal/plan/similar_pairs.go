package plan

// Pairs are the word pairs of a text as Similarity compares them, kept so
// that one text compared with many (a task with every task of an upstream
// plan) is folded and cut once.
type Pairs map[string]bool

// PairsOf cuts s into the word pairs Similarity compares.
func PairsOf(s string) Pairs { return wordPairs(s) }

// Similarity is Similarity of the two texts p and q were cut from.
func (p Pairs) Similarity(q Pairs) float64 {
	if len(p) == 0 || len(q) == 0 {
		return 0
	}
	if len(q) < len(p) {
		p, q = q, p
	}
	common := 0
	for w := range p {
		if q[w] {
			common++
		}
	}
	return 2 * float64(common) / float64(len(p)+len(q))
}
