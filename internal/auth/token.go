package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"
)

// NewToken returns a fresh random token (32 bytes, URL-safe base64) for a
// session cookie or an API bearer token, and the hash under which the store
// keeps it. The token itself is never stored.
func NewToken() (token string, hash []byte) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("auth: crypto/rand failed: " + err.Error()) // cannot happen on supported platforms
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is the SHA-256 of a token, the form in which the store looks tokens up.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// Token is an API token as its owner sees it: never the token itself,
// which is shown once when made and stored only as a hash.
type Token struct {
	ID        int64
	UserID    int64
	Name      string
	Scope     TokenScope
	CreatedAt time.Time
	ExpiresAt time.Time // zero: never
	LastUsed  time.Time // zero: never used
	RevokedAt time.Time // zero: not revoked
}

// Live reports whether the token still works at now.
func (t Token) Live(now time.Time) bool {
	return t.RevokedAt.IsZero() && (t.ExpiresAt.IsZero() || t.ExpiresAt.After(now))
}

// TokenDays are the lifetimes, in days, a person may give a token they
// make on the account page. Every token expires: the command line's
// default is DefaultTokenDays too, and it allows at most MaxTokenDays.
var TokenDays = []int{30, 90, 180, 365}

// DefaultTokenDays is the lifetime of a token when none is chosen, in
// days; MaxTokenDays the longest.
const (
	DefaultTokenDays = 90
	MaxTokenDays     = 365
)
