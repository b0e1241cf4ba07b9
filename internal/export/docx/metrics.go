package docx

import (
	"strings"

	"tiendo/internal/vntext"
)

// Line breaking needs to know how wide a text is before Word or
// LibreOffice lays it out: the letterhead's names are broken into lines
// here, between words chosen by rule, so that no name is cut inside it
// ("ỦY BAN NHÂN DÂN TỈNH CÀ / MAU"), and table columns are made wide
// enough for their longest word, so that a narrow column never breaks a
// word letter by letter (S / T / T).
//
// The advance widths are Times New Roman's (and its metric twin
// Liberation Serif's), in thousandths of the font size, from the fonts'
// published metrics. A Vietnamese letter is as wide as its base letter;
// widths not listed are taken as an "n".

var widthsRegular = map[rune]int{
	'A': 722, 'B': 667, 'C': 667, 'D': 722, 'E': 611, 'F': 556, 'G': 722, 'H': 722, 'I': 333, 'J': 389,
	'K': 722, 'L': 611, 'M': 889, 'N': 722, 'O': 722, 'P': 556, 'Q': 722, 'R': 667, 'S': 556, 'T': 611,
	'U': 722, 'V': 722, 'W': 944, 'X': 722, 'Y': 722, 'Z': 611,
	'a': 444, 'b': 500, 'c': 444, 'd': 500, 'e': 444, 'f': 333, 'g': 500, 'h': 500, 'i': 278, 'j': 278,
	'k': 500, 'l': 278, 'm': 778, 'n': 500, 'o': 500, 'p': 500, 'q': 500, 'r': 333, 's': 389, 't': 278,
	'u': 500, 'v': 500, 'w': 722, 'x': 500, 'y': 500, 'z': 444,
	' ': 250, '.': 250, ',': 250, ':': 278, ';': 278, '/': 278, '-': 333, '&': 778, '(': 333, ')': 333, '%': 833,
}

var widthsBold = map[rune]int{
	'A': 722, 'B': 667, 'C': 722, 'D': 722, 'E': 667, 'F': 611, 'G': 778, 'H': 778, 'I': 389, 'J': 500,
	'K': 778, 'L': 667, 'M': 944, 'N': 722, 'O': 778, 'P': 611, 'Q': 778, 'R': 722, 'S': 556, 'T': 667,
	'U': 722, 'V': 722, 'W': 1000, 'X': 722, 'Y': 722, 'Z': 667,
	'a': 500, 'b': 556, 'c': 444, 'd': 556, 'e': 444, 'f': 333, 'g': 500, 'h': 556, 'i': 278, 'j': 333,
	'k': 556, 'l': 278, 'm': 833, 'n': 556, 'o': 500, 'p': 556, 'q': 556, 'r': 444, 's': 389, 't': 333,
	'u': 556, 'v': 500, 'w': 722, 'x': 500, 'y': 500, 'z': 444,
	' ': 250, '.': 250, ',': 250, ':': 333, ';': 333, '/': 278, '-': 333, '&': 833, '(': 333, ')': 333, '%': 1000,
}

// textTwips is the width of s set in Times New Roman at size points, in
// twips, rounded up and with 4 % to spare for the horns and hooks of
// Vietnamese letters and the renderer's rounding.
func textTwips(s string, size int, bold bool) int {
	table := widthsRegular
	if bold {
		table = widthsBold
	}
	milli := 0
	for _, r := range s {
		milli += glyphWidth(table, r)
	}
	// milli/1000 em × size pt × 20 twips/pt × 1.04
	return (milli*size*20*104 + 99999) / 100000
}

// glyphWidth is r's advance in thousandths of an em.
func glyphWidth(table map[rune]int, r rune) int {
	if w, ok := table[r]; ok {
		return w
	}
	if r >= '0' && r <= '9' {
		return 500
	}
	base := []rune(vntext.Fold(string(r)))
	if len(base) == 1 {
		b := base[0]
		if r != b && strings.ToUpper(string(r)) == string(r) {
			b = []rune(strings.ToUpper(string(b)))[0]
		}
		if w, ok := table[b]; ok {
			return w
		}
	}
	return table['n']
}

// longestWord is the width in twips of the widest word of s.
func longestWord(s string, size int, bold bool) int {
	most := 0
	for _, w := range strings.Fields(s) {
		most = max(most, textTwips(w, size, bold))
	}
	return most
}
