package auth_test

import (
	"testing"

	"tiendo/internal/auth"
)

// FuzzVerifyPassword: a stored hash read back from the database is
// untrusted input (a damaged row, a tampered copy); any string either
// verifies, fails, or is an error — never a panic or a runaway Argon2
// (the parameters are bounded). Run with
//
//	go test ./internal/auth -run '^$' -fuzz FuzzVerifyPassword -fuzztime 30s
func FuzzVerifyPassword(f *testing.F) {
	f.Add("$argon2id$v=19$m=65536,t=3,p=2$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA")
	f.Add("$argon2id$v=19$m=4294967295,t=4294967295,p=255$c2FsdA$aGFzaA")
	f.Add("$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")
	f.Add("")
	f.Fuzz(func(t *testing.T, encoded string) {
		_, _ = auth.VerifyPassword("mật khẩu thử", encoded)
	})
}

// FuzzCheckNewPassword: the password rules never panic and never accept
// a password shorter than the minimum.
func FuzzCheckNewPassword(f *testing.F) {
	for _, s := range []string{"password2025!", "Mật Khẩu 123456", "cá kho tộ, mưa dầm", "\xff\xfe"} {
		f.Add(s, "lan")
	}
	f.Fuzz(func(t *testing.T, pw, username string) {
		if auth.CheckNewPassword(pw, username) == nil && len([]rune(pw)) < auth.MinPasswordLen {
			t.Fatalf("accepted %q", pw)
		}
	})
}
