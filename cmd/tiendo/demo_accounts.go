package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"tiendo/internal/demo"
	"tiendo/internal/store"
)

// demoAccountsFile is where serve --demo keeps the demo passwords: beside
// the SQLite file, or in the working directory for a PostgreSQL URL.
func demoAccountsFile(db string) string {
	if strings.Contains(db, "://") {
		return "tiendo-demo-accounts.txt"
	}
	return db + ".demo-accounts.txt"
}

// demoAccountLine is one account as printed and as written to the file:
// two spaces, the sign-in name, the password, the role and its agency.
func demoAccountLine(a demo.Account) string {
	agency := ""
	if a.Agency != "" {
		agency = " — " + a.Agency
	}
	pw := a.Password
	if pw == "" {
		pw = noPassword
	}
	return fmt.Sprintf("  %-16s %-28s %s (%s)%s", a.Username, pw, a.Role, a.Role.Label(), agency)
}

// noPassword stands for the password of an account that enrols a second
// factor through its one-time setup link (printed after the accounts).
const noPassword = "(đường dẫn bên dưới)"

// demoLinks issues a one-time setup link, on base, to each account without
// a password, and returns them as printed: a line naming the account, then
// the link alone on its line.
func demoLinks(ctx context.Context, s *store.Store, accounts []demo.Account, base string) (string, error) {
	var b strings.Builder
	for _, a := range accounts {
		if a.Password != "" {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("Vai trò bắt buộc xác thực hai lớp đăng nhập lần đầu qua đường dẫn một lần (đặt mật khẩu, bật xác thực hai lớp):\n")
		}
		if err := printLink(ctx, s, a.Username, base, &b); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

// writeDemoAccounts writes the accounts to demoAccountsFile(db), readable
// by the owner only (0600, also when the file was there before), and
// returns its path.
func writeDemoAccounts(db string, accounts []demo.Account, links string) (string, error) {
	path := demoAccountsFile(db)
	var b strings.Builder
	b.WriteString("Tài khoản mẫu của tiendo (serve --demo). Hãy đổi mật khẩu hoặc xóa tệp này sau khi dùng.\n")
	for _, a := range accounts {
		b.WriteString(demoAccountLine(a) + "\n")
	}
	b.WriteString(links)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return "", err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return "", err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return path, nil
}

// demoAccountsBlock frames the accounts for the terminal, after the
// address, so that the start-up log lines do not bury them.
func demoAccountsBlock(accounts []demo.Account, url, file string) string {
	lines := []string{"TÀI KHOẢN MẪU — mở " + url + " và đăng nhập bằng một tài khoản dưới đây:", ""}
	for _, a := range accounts {
		lines = append(lines, demoAccountLine(a))
	}
	lines = append(lines, "")
	if file != "" {
		lines = append(lines, "Đã ghi vào "+file+" (chỉ chủ máy đọc được).")
	} else {
		lines = append(lines, "Chưa ghi được ra tệp: hãy chép các mật khẩu này ngay.")
	}
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l))
	}
	rule := "+" + strings.Repeat("-", width+2) + "+\n"
	var b strings.Builder
	b.WriteString("\n" + rule)
	for _, l := range lines {
		b.WriteString("| " + l + strings.Repeat(" ", width-utf8.RuneCountInString(l)) + " |\n")
	}
	b.WriteString(rule + "\n")
	return b.String()
}
