package planimport

import (
	"strings"

	"tiendo/internal/agency"
	"tiendo/internal/vntext"
)

// guessAgency finds the register's agency an unknown name most likely
// means: the one sharing most of the name's distinctive words (the words
// of a body's kind — sở, ban, ủy ban, tỉnh… — do not count), when at least
// two thirds of the shorter name's words are shared. Ended agencies count,
// for their successor is one step away on the mapping screen.
func guessAgency(name string, register []namedWords) int64 {
	want := distinctive(name)
	if len(want) == 0 {
		return 0
	}
	var best int64
	bestScore := 0.0
	for _, r := range register {
		have := r.words
		shared := 0
		for w := range want {
			if have[w] {
				shared++
			}
		}
		short := min(len(want), len(have))
		if shared*3 < short*2 {
			continue
		}
		score := float64(shared) / float64(len(want)+len(have)-shared)
		if score > bestScore {
			best, bestScore = r.id, score
		}
	}
	return best
}

// namedWords is one name of an agency of the register, as distinctive words.
type namedWords struct {
	id    int64
	words map[string]bool
}

// registerWords reads every name of every agency once, for guessAgency.
func registerWords(agencies []agency.Agency) []namedWords {
	var out []namedWords
	for i := range agencies {
		for _, n := range agencyNames(&agencies[i]) {
			if w := distinctive(n); len(w) > 0 {
				out = append(out, namedWords{id: agencies[i].ID, words: w})
			}
		}
	}
	return out
}

// distinctive is the set of folded words of a name that tell one body from
// another.
func distinctive(name string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(vntext.Fold(name), func(r rune) bool { return r == ' ' || r == ',' || r == '-' || r == '&' || r == '(' || r == ')' }) {
		switch w {
		case "so", "ban", "uy", "nhan", "dan", "tinh", "va", "cac", "cuc", "bo", "trung", "tam", "chi", "phong", "xa", "phuong",
			"huyen", "thanh", "pho", "ubnd", "hdnd", "cua", "thuoc", "truc":
			continue
		}
		out[w] = true
	}
	return out
}

// guessKind reads the kind of body a name is from its first words.
func guessKind(name string) agency.Kind {
	f := vntext.Fold(name)
	has := func(ps ...string) bool {
		for _, p := range ps {
			if strings.HasPrefix(f, p) {
				return true
			}
		}
		return false
	}
	switch {
	case has("ubnd xa", "ubnd phuong", "ubnd dac khu", "uy ban nhan dan xa", "uy ban nhan dan phuong", "uy ban nhan dan dac khu", "ubnd cac xa", "uy ban nhan dan cac xa"):
		return agency.KindCommune
	case has("ubnd tinh", "uy ban nhan dan tinh", "van phong ubnd", "van phong uy ban"):
		return agency.KindProvince
	case has("so "):
		return agency.KindDepartment
	case has("ban "):
		return agency.KindBoard
	case has("cong an", "bo chi huy", "thanh tra", "bao ", "dai ", "cuc ", "kho bac", "ngan hang", "toa an", "vien kiem sat"):
		return agency.KindSector
	case has("trung tam", "chi cuc", "vien ", "truong ", "benh vien"):
		return agency.KindUnit
	case has("uy ban mat tran", "ubmttq", "mat tran", "tinh doan", "hoi ", "lien doan", "doan thanh nien"):
		return agency.KindOrg
	}
	return agency.KindOther
}
