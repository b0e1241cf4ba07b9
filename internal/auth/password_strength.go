package auth

import (
	"errors"
	"strings"

	"github.com/trustelem/zxcvbn"

	"tiendo/internal/vntext"
)

// ErrGuessablePassword is a password a guessing program finds quickly: a
// keyboard row ("qwertyuiopas"), a sequence ("abcdefghijkl"), a word
// repeated ("passwordpassword"), a place and a year ("camau2025camau").
var ErrGuessablePassword = errors.New("mật khẩu này dễ đoán (theo dãy phím, dãy chữ cái, từ lặp lại hoặc tên địa danh kèm năm): " +
	"hãy chọn một câu dài gồm ba, bốn từ không liên quan mà chỉ bạn biết, không dùng tên cơ quan, địa danh hay năm sinh")

// minStrength is the zxcvbn score a new password needs (0–4): 4 is "very
// unguessable", about 10^10 guesses or more. A stolen database copy is what
// the hashes must hold against (Argon2id slows each guess; it cannot make a
// guessable password safe).
const minStrength = 4

// siteWords are what an attacker of a Vietnamese provincial system tries
// first besides the person's own names: the application, the words of its
// domain, and the 34 provinces and cities after the 2025 reorganisation —
// each as written ("ha noi") and run together ("hanoi").
var siteWords = func() []string {
	words := []string{"tiendo", "tien do", "vietnam", "viet nam", "khcn", "kh&cn", "ubnd", "sokhcn", "nq57", "nq71",
		"chuyen doi so", "chuyendoiso", "saigon", "sai gon"}
	for _, p := range []string{"ha noi", "hue", "lai chau", "dien bien", "son la", "lang son", "quang ninh",
		"thanh hoa", "nghe an", "ha tinh", "cao bang", "tuyen quang", "lao cai", "thai nguyen", "phu tho",
		"bac ninh", "hung yen", "hai phong", "ninh binh", "quang tri", "da nang", "quang ngai", "gia lai",
		"khanh hoa", "lam dong", "dak lak", "ho chi minh", "dong nai", "tay ninh", "can tho", "vinh long",
		"dong thap", "ca mau", "an giang"} {
		words = append(words, p, strings.ReplaceAll(p, " ", ""))
	}
	return words
}()

// guessable reports whether zxcvbn, told the site's words and the
// person's (username, full name…), scores the password below minStrength.
// Its dictionaries are ASCII, so the password is judged folded (no
// diacritics): "Cà Mau" is tried as "ca mau", as a guesser would.
func guessable(pw string, personal ...string) bool {
	inputs := append([]string(nil), siteWords...)
	for _, p := range personal {
		if f := vntext.Fold(p); f != "" {
			inputs = append(inputs, f, strings.ReplaceAll(f, " ", ""))
			inputs = append(inputs, strings.Fields(f)...)
		}
	}
	return zxcvbn.PasswordStrength(vntext.Fold(pw), inputs).Score < minStrength
}
