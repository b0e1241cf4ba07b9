package auth

import (
	"bufio"
	_ "embed"
	"errors"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"tiendo/internal/vntext"
)

// The common-password lists: zxcvbn's 30 000 most used passwords, and the
// ones Vietnamese users pick (see each file's header).
var (
	//go:embed common_passwords.txt
	commonPasswordsEN string
	//go:embed common_passwords_vi.txt
	commonPasswordsVI string
)

// commonPasswords is the set of both lists, built on first use.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	set := make(map[string]bool, 31000)
	for _, list := range []string{commonPasswordsEN, commonPasswordsVI} {
		sc := bufio.NewScanner(strings.NewReader(list))
		for sc.Scan() {
			if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
				set[w] = true
			}
		}
	}
	return set
})

// Reasons CheckNewPassword gives, each saying how to do better.
var (
	ErrCommonPassword   = errors.New("mật khẩu này quá phổ biến (có trong danh sách mật khẩu hay bị dò): hãy chọn một câu dài, dễ nhớ với bạn nhưng khó đoán, ví dụ bốn từ không liên quan")
	ErrPasswordUsername = errors.New("mật khẩu không được chứa tên đăng nhập")
	ErrPasswordPattern  = errors.New("mật khẩu không được chỉ gồm một ký tự lặp lại hoặc toàn chữ số và ký hiệu")
)

// CheckNewPassword says what is wrong with a new password for username
// ("" when not known), or nil. Besides the length, it refuses a password
// that is, or is one common password padded with digits and symbols
// ("password2025!", "matkhau@123456"), one character repeated, only digits
// and symbols, or that contains the username; then it asks a maintained
// strength estimator (zxcvbn), told the username, the person's other
// words (full name, e-mail) and the site's, whether it is quickly guessed.
// Comparison ignores case and Vietnamese diacritics (đ→d), so
// "Mật Khẩu 123456" is "matkhau123456".
func CheckNewPassword(pw, username string, personal ...string) error {
	pw = norm.NFC.String(pw)
	if utf8.RuneCountInString(pw) < MinPasswordLen {
		return ErrWeakPassword
	}
	folded := strings.ReplaceAll(vntext.Fold(pw), " ", "")
	if u := strings.ReplaceAll(vntext.Fold(username), " ", ""); len(u) >= 3 && strings.Contains(folded, u) {
		return ErrPasswordUsername
	}
	first, _ := utf8.DecodeRuneInString(folded)
	if strings.Trim(folded, string(first)) == "" {
		return ErrPasswordPattern
	}
	core := strings.TrimFunc(folded, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) })
	if core == "" {
		return ErrPasswordPattern
	}
	set := commonPasswords()
	if set[folded] || (utf8.RuneCountInString(core) >= 3 && set[core]) {
		return ErrCommonPassword
	}
	if guessable(pw, append(personal, username)...) {
		return ErrGuessablePassword
	}
	return nil
}
