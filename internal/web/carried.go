package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
)

// A file uploaded to a preview page is carried to its confirmation in the
// form itself (base64, with the SHA-256 computed at upload), so that
// nothing is stored before the person confirms and the confirmed file is
// the one previewed.

// uncarry decodes a file carried in a form and checks it against its
// digest.
func uncarry(b64, digest string) ([]byte, error) {
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(data) == 0 {
		return nil, errors.New("web: carried file unreadable")
	}
	sum := sha256.Sum256(data)
	want, err := hex.DecodeString(digest)
	if err != nil || subtle.ConstantTimeCompare(sum[:], want) != 1 {
		return nil, errors.New("web: carried file digest mismatch")
	}
	return data, nil
}
