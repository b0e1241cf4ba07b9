package auth

import (
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTP two-factor sign-in (RFC 6238: 6 digits, 30-second steps, SHA-1 —
// what every authenticator app reads from a QR code).

// totpPeriod is the length of one TOTP time-step.
const totpPeriod = 30

// TOTPIssuer names tiendo in the user's authenticator app.
const TOTPIssuer = "tiendo"

// NewTOTPKey makes a new random TOTP secret for username and returns the
// secret (base32, for typing by hand) and the otpauth:// URL a QR code
// carries.
func NewTOTPKey(username string) (secret, url string, err error) {
	k, err := totp.Generate(totp.GenerateOpts{Issuer: TOTPIssuer, AccountName: username, Period: totpPeriod})
	if err != nil {
		return "", "", err
	}
	return k.Secret(), k.URL(), nil
}

// TOTPURL is the otpauth:// URL of an existing secret.
func TOTPURL(username, secret string) string {
	k, err := otp.NewKeyFromURL("otpauth://totp/" + TOTPIssuer + ":" + username +
		"?issuer=" + TOTPIssuer + "&period=30&digits=6&algorithm=SHA1&secret=" + secret)
	if err != nil {
		return ""
	}
	return k.URL()
}

// TOTPQR returns the QR code of an otpauth:// URL as a PNG data: URL for an
// <img> (the Content-Security-Policy allows data: images, not scripts).
func TOTPQR(url string) (string, error) {
	k, err := otp.NewKeyFromURL(url)
	if err != nil {
		return "", err
	}
	img, err := k.Image(220, 220)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", err
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

// TOTPStep checks a 6-digit code against secret at now, allowing one step
// of clock drift either way, and returns the time-step it matched: the
// store refuses a step not newer than the last one used, so a code seen
// over someone's shoulder cannot be replayed.
func TOTPStep(code, secret string, now time.Time) (step int64, ok bool) {
	code = strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, code)
	if len(code) != 6 {
		return 0, false
	}
	cur := now.Unix() / totpPeriod
	for _, s := range []int64{cur, cur - 1, cur + 1} {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*totpPeriod, 0), totp.ValidateOpts{
			Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err == nil && want == code {
			return s, true
		}
	}
	return 0, false
}

// TOTPCode is the code of secret at t (for tests and the command line).
func TOTPCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
}

// RecoveryCodeCount is how many one-time recovery codes a user gets.
const RecoveryCodeCount = 10

// NewRecoveryCodes returns RecoveryCodeCount codes to show the user once
// ("abcde-fghij", 50 random bits each) and the hashes to store.
func NewRecoveryCodes() (codes []string, hashes [][]byte) {
	enc := base32.StdEncoding.WithPadding(base32.NoPadding)
	for range RecoveryCodeCount {
		b := make([]byte, 7)
		rand.Read(b)
		c := strings.ToLower(enc.EncodeToString(b))[:10]
		c = c[:5] + "-" + c[5:]
		codes = append(codes, c)
		hashes = append(hashes, HashRecoveryCode(c))
	}
	return codes, hashes
}

// HashRecoveryCode hashes a recovery code as typed: case, spaces and
// dashes do not matter.
func HashRecoveryCode(code string) []byte {
	code = strings.ToLower(strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, code))
	return HashToken(code)
}
