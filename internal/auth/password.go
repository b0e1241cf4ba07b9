package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Argon2id parameters (RFC 9106's second recommended option, memory-bounded
// for small servers): 64 MiB, 3 passes, 2 lanes.
const (
	argonTime    = 3
	argonMemory  = 64 * 1024
	argonThreads = 2
	argonKeyLen  = 32
	saltLen      = 16
)

// Bounds on the parameters VerifyPassword accepts from a stored hash, so
// that a damaged or tampered hash is an error rather than a panic inside
// argon2, a multi-gigabyte allocation, or a zero-length key that every
// password would match.
const (
	maxArgonTime   = 16
	maxArgonMemory = 1 << 20 // KiB: 1 GiB
	minSaltLen     = 8
	minKeyLen      = 16
)

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 12

// ErrWeakPassword is returned for passwords that are too short.
var ErrWeakPassword = fmt.Errorf("mật khẩu phải có ít nhất %d ký tự", MinPasswordLen)

// CheckPassword says what is wrong with a new password when the username
// is not known, or nil (CheckNewPassword).
func CheckPassword(pw string) error { return CheckNewPassword(pw, "") }

// HashPassword returns an encoded Argon2id hash of pw in the PHC string
// format. The password is hashed in NFC, so that the same Vietnamese letters
// typed on keyboards that compose differently still match.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(norm.NFC.String(pw)), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches the encoded hash, in constant time.
func VerifyPassword(pw, encoded string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("auth: unknown password hash format")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errors.New("auth: unsupported argon2 version")
	}
	var mem uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &t, &p); err != nil {
		return false, fmt.Errorf("auth: bad argon2 parameters: %w", err)
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("auth: bad salt: %w", err)
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil {
		return false, fmt.Errorf("auth: bad key: %w", err)
	}
	if t < 1 || t > maxArgonTime || p < 1 || mem < 8*uint32(p) || mem > maxArgonMemory ||
		len(salt) < minSaltLen || len(want) < minKeyLen {
		return false, errors.New("auth: argon2 parameters out of range")
	}
	got := argon2.IDKey([]byte(norm.NFC.String(pw)), salt, t, mem, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
