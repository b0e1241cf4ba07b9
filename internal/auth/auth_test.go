package auth_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"tiendo/internal/auth"
)

// Argon2id costs 50–100 ms a hash: the tests below hash twice and verify
// three times in all; every malformed hash is refused before hashing.

// TestPasswordHash: a hash verifies its own password and no other, carries
// its parameters in the PHC format, and is salted.
func TestPasswordHash(t *testing.T) {
	const pw = "Đất Mũi Cà Mau 2025"
	h1, err := auth.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Errorf("hash %q: want the PHC argon2id format with the configured costs", h1)
	}
	if strings.Contains(h1, pw) {
		t.Error("the hash contains the password")
	}
	ok, err := auth.VerifyPassword(pw, h1)
	if err != nil || !ok {
		t.Errorf("VerifyPassword(right password) = %v, %v; want true, nil", ok, err)
	}
	// One character off is a mismatch, reported without error.
	ok, err = auth.VerifyPassword("Đất Mũi Cà Mau 2026", h1)
	if err != nil || ok {
		t.Errorf("VerifyPassword(wrong password) = %v, %v; want false, nil", ok, err)
	}

	h2, err := auth.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if h1 == h2 {
		t.Error("two hashes of the same password are equal: no salt")
	}
	if salt := func(h string) string { return strings.Split(h, "$")[4] }; salt(h1) == salt(h2) {
		t.Error("two hashes share a salt")
	}

	// A well-formed hash whose key was altered is a mismatch, not an error.
	parts := strings.Split(h1, "$")
	key, _ := base64.RawStdEncoding.DecodeString(parts[5])
	key[0] ^= 1
	parts[5] = base64.RawStdEncoding.EncodeToString(key)
	ok, err = auth.VerifyPassword(pw, strings.Join(parts, "$"))
	if err != nil || ok {
		t.Errorf("VerifyPassword(altered key) = %v, %v; want false, nil", ok, err)
	}
}

// TestVerifyPasswordMalformed: damaged, tampered or foreign hashes are
// errors — never a panic, a huge allocation, or a match.
func TestVerifyPasswordMalformed(t *testing.T) {
	const (
		salt = "c2FsdHNhbHRzYWx0c2FsdA"                      // 16 bytes
		key  = "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g" // 32 bytes
	)
	phc := func(alg, ver, params, salt, key string) string {
		return "$" + alg + "$" + ver + "$" + params + "$" + salt + "$" + key
	}
	for _, tc := range []struct {
		name, hash string
	}{
		{"empty", ""},
		{"plain text", "mật khẩu"},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"argon2i", phc("argon2i", "v=19", "m=65536,t=3,p=2", salt, key)},
		{"scrypt", "$scrypt$ln=16,r=8,p=1$" + salt + "$" + key},
		{"too few fields", "$argon2id$v=19$m=65536,t=3,p=2$" + salt},
		{"too many fields", phc("argon2id", "v=19", "m=65536,t=3,p=2", salt, key) + "$x"},
		{"old version", phc("argon2id", "v=16", "m=65536,t=3,p=2", salt, key)},
		{"no version", phc("argon2id", "19", "m=65536,t=3,p=2", salt, key)},
		{"params garbled", phc("argon2id", "v=19", "t=3,m=65536,p=2", salt, key)},
		{"params missing", phc("argon2id", "v=19", "", salt, key)},
		{"memory overflows uint32", phc("argon2id", "v=19", "m=99999999999,t=3,p=2", salt, key)},
		{"lanes overflow uint8", phc("argon2id", "v=19", "m=65536,t=3,p=300", salt, key)},
		{"negative time", phc("argon2id", "v=19", "m=65536,t=-1,p=2", salt, key)},
		{"zero time", phc("argon2id", "v=19", "m=65536,t=0,p=2", salt, key)},
		{"zero lanes", phc("argon2id", "v=19", "m=65536,t=3,p=0", salt, key)},
		{"huge memory", phc("argon2id", "v=19", "m=4294967295,t=3,p=2", salt, key)},
		{"huge time", phc("argon2id", "v=19", "m=65536,t=1000000,p=2", salt, key)},
		{"tiny memory", phc("argon2id", "v=19", "m=1,t=1,p=1", salt, key)},
		{"salt not base64", phc("argon2id", "v=19", "m=65536,t=3,p=2", "!!!", key)},
		{"salt padded", phc("argon2id", "v=19", "m=65536,t=3,p=2", salt+"==", key)},
		{"empty salt", phc("argon2id", "v=19", "m=65536,t=3,p=2", "", key)},
		{"key not base64", phc("argon2id", "v=19", "m=65536,t=3,p=2", salt, "%%%")},
		{"empty key", phc("argon2id", "v=19", "m=8,t=1,p=1", salt, "")},      // would match any password
		{"one-byte key", phc("argon2id", "v=19", "m=8,t=1,p=1", salt, "AA")}, // guessable
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if v := recover(); v != nil {
					t.Fatalf("VerifyPassword panicked: %v", v)
				}
			}()
			ok, err := auth.VerifyPassword("any password at all", tc.hash)
			if err == nil || ok {
				t.Errorf("VerifyPassword(%q) = %v, %v; want false and an error", tc.hash, ok, err)
			}
		})
	}
}

// TestCheckPassword: the length rule counts characters (runes), not bytes,
// so a Vietnamese password is judged by what its owner typed.
func TestCheckPassword(t *testing.T) {
	for _, tc := range []struct {
		pw   string
		want error
	}{
		{"", auth.ErrWeakPassword},
		{"short", auth.ErrWeakPassword},
		{"abcdefghijk", auth.ErrWeakPassword},       // 11
		{"abcdefghijkl", auth.ErrGuessablePassword}, // 12, but a sequence
		{"passwordpassword", auth.ErrGuessablePassword},
		{"qwertyuiopas", auth.ErrGuessablePassword},   // a keyboard row
		{"camau2025camau", auth.ErrGuessablePassword}, // a province and a year
		{"mùa nước nổi ở U Minh", nil},
		{"đườngphốhồn", auth.ErrWeakPassword}, // 11 letters, 19 bytes
		{"đườngphốhồng", nil},                 // 12 letters with diacritics
		{strings.Repeat("ệ", 11), auth.ErrWeakPassword},
		{strings.Repeat("ệ", 12), auth.ErrPasswordPattern},
		{"Đất Mũi Cà Mau", nil},
		{strings.Repeat("x", 200), auth.ErrPasswordPattern},
		{"cá kho tộ, mưa dầm", nil},
		{"123456789012", auth.ErrPasswordPattern},
		{"!!!???123456", auth.ErrPasswordPattern},
		{"qwerty123456", auth.ErrCommonPassword},  // in zxcvbn's list as is
		{"QWERTY123456", auth.ErrCommonPassword},  // case ignored
		{"password2025!", auth.ErrCommonPassword}, // a common word padded
		{"2025@football", auth.ErrCommonPassword},
		{"Mật Khẩu 123456", auth.ErrCommonPassword}, // diacritics, spaces and case folded
		{"matkhau@12345", auth.ErrCommonPassword},
		{"dragonfly in june", nil},
	} {
		if got := auth.CheckPassword(tc.pw); !errors.Is(got, tc.want) {
			t.Errorf("CheckPassword(%q) = %v, want %v", tc.pw, got, tc.want)
		}
	}
	if err := auth.CheckNewPassword("nguyenvanan-2025", "NguyenVanAn"); !errors.Is(err, auth.ErrPasswordUsername) {
		t.Errorf("password containing the username: %v", err)
	}
	if err := auth.CheckNewPassword("Nguyễn Văn An sông Đốc", "nguyenvanan"); !errors.Is(err, auth.ErrPasswordUsername) {
		t.Errorf("password containing the username with diacritics: %v", err)
	}
	if err := auth.CheckNewPassword("sông Đốc mùa nước nổi", "an"); err != nil {
		t.Errorf("a short username inside an unrelated word: %v", err)
	}
	if !strings.Contains(auth.ErrWeakPassword.Error(), "12") {
		t.Errorf("ErrWeakPassword %q does not say the minimum", auth.ErrWeakPassword)
	}
}

// TestNewToken: tokens are unique, URL-safe, 256-bit, and come with the
// hash under which the store finds them.
func TestNewToken(t *testing.T) {
	const n = 1000
	seen := make(map[string]bool, n)
	for range n {
		tok, hash := auth.NewToken()
		if len(tok) != 43 {
			t.Fatalf("token %q: %d characters, want 43 (32 bytes in unpadded base64)", tok, len(tok))
		}
		if strings.Trim(tok, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			t.Fatalf("token %q is not URL-safe", tok)
		}
		if seen[tok] {
			t.Fatalf("token %q issued twice", tok)
		}
		seen[tok] = true
		if !bytes.Equal(hash, auth.HashToken(tok)) {
			t.Fatalf("NewToken's hash differs from HashToken(token)")
		}
	}
}

// TestHashToken: a deterministic SHA-256; different tokens, different hashes.
func TestHashToken(t *testing.T) {
	a := auth.HashToken("abc")
	if len(a) != 32 {
		t.Fatalf("len = %d, want 32", len(a))
	}
	if !bytes.Equal(a, auth.HashToken("abc")) {
		t.Error("HashToken is not deterministic")
	}
	// SHA-256("abc"), FIPS 180-2 appendix B.1.
	const want = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
	if got := base64.StdEncoding.EncodeToString(a); got != want {
		t.Errorf("HashToken(abc) = %s, want %s", got, want)
	}
	if bytes.Equal(a, auth.HashToken("abd")) || bytes.Equal(a, auth.HashToken("")) {
		t.Error("different tokens share a hash")
	}
}

// TestCan is the whole permission matrix: every role against every
// permission, plus visitors, disabled accounts and unknown values.
func TestCan(t *testing.T) {
	perms := auth.Permissions
	// want[role] lists, in the order of perms, what the role may do.
	want := map[auth.Role][13]bool{
		//                  Public ReadPlan EditPlan ManageAgency ManageUsers ReadOwnAgency WriteReport SubmitReport ReviewReport RequestExtension DecideExtension OwnAccount ReadAudit
		auth.RoleAdmin:       {true, true, true, true, true, true, false, false, true, false, true, true, true},
		auth.RoleCoordinator: {true, true, true, true, false, true, false, false, true, false, true, true, true},
		auth.RoleHead:        {true, true, false, false, false, true, true, true, false, true, false, true, false},
		auth.RoleOfficer:     {true, true, false, false, false, true, true, false, false, true, false, true, false},
		auth.RoleLeader:      {true, true, false, false, false, true, false, false, false, false, false, true, false},
	}
	if len(perms) != 13 {
		t.Fatalf("auth.Permissions has %d permissions; extend this table", len(perms))
	}
	// An agency account without an agency may write nothing.
	if auth.Can(&auth.User{Role: auth.RoleHead}, auth.SubmitReport) || auth.Can(&auth.User{Role: auth.RoleOfficer}, auth.WriteReport) {
		t.Error("an agency role without an agency may write reports")
	}
	if len(want) != len(auth.Roles) {
		t.Fatalf("the table covers %d roles, auth.Roles has %d", len(want), len(auth.Roles))
	}
	for _, role := range auth.Roles {
		for i, p := range perms {
			u := &auth.User{ID: 1, Username: "u", Role: role, AgencyID: 7}
			if got := auth.Can(u, p); got != want[role][i] {
				t.Errorf("Can(%s, %s) = %v, want %v", role, p, got, want[role][i])
			}
			// A disabled account holds only what a visitor holds.
			u.Disabled = true
			if got := auth.Can(u, p); got != (p == auth.Public) {
				t.Errorf("Can(disabled %s, %s) = %v, want %v", role, p, got, p == auth.Public)
			}
		}
		if auth.Can(&auth.User{Role: role}, auth.Permission("plan.delete")) {
			t.Errorf("Can(%s, unknown permission) = true", role)
		}
	}
	for _, p := range perms {
		if got := auth.Can(nil, p); got != (p == auth.Public) {
			t.Errorf("Can(nil, %s) = %v, want %v", p, got, p == auth.Public)
		}
	}
	for _, role := range []auth.Role{"", "root", "Admin"} {
		u := &auth.User{Role: role}
		for _, p := range []auth.Permission{auth.EditPlan, auth.ManageAgency, auth.ManageUsers} {
			if auth.Can(u, p) {
				t.Errorf("Can(role %q, %s) = true", role, p)
			}
		}
	}
}

// TestRole: codes, Vietnamese labels, and which roles belong to an agency.
func TestRole(t *testing.T) {
	for _, tc := range []struct {
		role        auth.Role
		valid       bool
		label       string
		needsAgency bool
	}{
		{auth.RoleAdmin, true, "Quản trị", false},
		{auth.RoleCoordinator, true, "Điều phối", false},
		{auth.RoleHead, true, "Lãnh đạo cơ quan", true},
		{auth.RoleOfficer, true, "Chuyên viên cơ quan", true},
		{auth.RoleLeader, true, "Lãnh đạo tỉnh", false},
		{"", false, "", false},
		{"Admin", false, "Admin", false},
		{"superuser", false, "superuser", false},
		{" admin", false, " admin", false},
	} {
		if got := tc.role.Valid(); got != tc.valid {
			t.Errorf("Role(%q).Valid() = %v, want %v", tc.role, got, tc.valid)
		}
		if got := tc.role.Label(); got != tc.label {
			t.Errorf("Role(%q).Label() = %q, want %q", tc.role, got, tc.label)
		}
		if got := tc.role.NeedsAgency(); got != tc.needsAgency {
			t.Errorf("Role(%q).NeedsAgency() = %v, want %v", tc.role, got, tc.needsAgency)
		}
	}
	codes := map[string]bool{}
	for _, r := range auth.Roles {
		codes[string(r)] = true
	}
	for _, c := range []string{"admin", "coordinator", "head", "officer", "leader"} {
		if !codes[c] {
			t.Errorf("auth.Roles lacks the CLI/API code %q", c)
		}
	}
	if len(auth.Roles) != 5 {
		t.Errorf("auth.Roles has %d roles, want 5", len(auth.Roles))
	}
}

// TestPasswordNFC: a password typed decomposed (NFD) verifies against the
// hash of the same letters typed composed (NFC).
func TestPasswordNFC(t *testing.T) {
	composed := "Mật khẩu rất dài"
	decomposed := "Ma\u0323\u0302t kha\u0302\u0309u ra\u0302\u0301t da\u0300i"
	h, err := auth.HashPassword(composed)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := auth.VerifyPassword(decomposed, h); err != nil || !ok {
		t.Errorf("NFD password did not verify: %v %v", ok, err)
	}
}

// TestScopeAllows pins what each token scope may do.
func TestScopeAllows(t *testing.T) {
	for _, tc := range []struct {
		scope  auth.TokenScope
		perm   auth.Permission
		method string
		want   bool
	}{
		{auth.ScopeRead, auth.ReadPlan, "GET", true},
		{auth.ScopeRead, auth.ReadOwnAgency, "GET", true},
		{auth.ScopeRead, auth.ReadPlan, "POST", false}, // a read permission on a write method
		{auth.ScopeRead, auth.WriteReport, "PUT", false},
		{auth.ScopeRead, auth.EditPlan, "PATCH", false},
		{auth.ScopeRead, auth.ReadAudit, "GET", false},
		{auth.ScopeReport, auth.ReadPlan, "GET", true},
		{auth.ScopeReport, auth.WriteReport, "PUT", true},
		{auth.ScopeReport, auth.SubmitReport, "POST", true},
		{auth.ScopeReport, auth.RequestExtension, "POST", true},
		{auth.ScopeReport, auth.ReviewReport, "POST", false},
		{auth.ScopeReport, auth.EditPlan, "POST", false},
		{auth.ScopeFull, auth.EditPlan, "PATCH", true},
		{auth.ScopeFull, auth.ManageUsers, "POST", true},
		{"", auth.ReadPlan, "GET", false},
		{"admin", auth.ReadPlan, "GET", false},
	} {
		if got := auth.ScopeAllows(tc.scope, tc.perm, tc.method); got != tc.want {
			t.Errorf("ScopeAllows(%q, %s, %s) = %t, want %t", tc.scope, tc.perm, tc.method, got, tc.want)
		}
	}
}
