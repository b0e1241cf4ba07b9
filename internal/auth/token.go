package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
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
