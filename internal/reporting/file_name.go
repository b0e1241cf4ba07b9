package reporting

import (
	"strings"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// MaxFileName bounds an evidence file's name, in characters.
const MaxFileName = 255

// CleanFileName is the name an evidence file is kept under: the last
// element of what the client sent (browsers on Windows may send a whole
// path), without control characters, in NFC and trimmed, at most
// MaxFileName characters — cut from the front, so that the extension
// SniffFile judges stays.
func CleanFileName(name string) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(vntext.NFC(name))
	if utf8.RuneCountInString(name) > MaxFileName {
		r := []rune(name)
		name = strings.TrimSpace(string(r[len(r)-MaxFileName:]))
	}
	return name
}
