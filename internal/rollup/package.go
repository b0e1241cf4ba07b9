package rollup

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// A package is how a province on its own server sends its part of an
// upstream plan's roll-up for one period to the instance that rolls it up
// (a ministry's, the country's): one JSON file,
//
//	{"format":"tiendo-rollup-package/1",
//	 "payload":{…Package…},
//	 "signature":{"algorithm":"Ed25519","public_key":"<base64>","value":"<base64>"}}
//
// whose signature is the sender instance's Ed25519 signature of the exact
// bytes of "payload" as they stand in the file. Any change to those bytes
// — a figure, a space — breaks it. The receiver trusts a package only when
// its key is one its admin registered (the store's senders).

// Format names the file format; a file of another format is refused.
const Format = "tiendo-rollup-package/1"

// MaxPackageBytes bounds a package file: a province's part of a national
// programme is a few hundred kilobytes.
const MaxPackageBytes = 8 << 20

// Package is a province's part of an upstream plan's roll-up for one
// period, as signed.
type Package struct {
	Sender    Sender        `json:"sender"`
	CreatedAt time.Time     `json:"created_at"` // when it was made: of two packages of one period, the later replaces the earlier
	AsOf      string        `json:"as_of"`      // YYYY-MM-DD: the day statuses were judged on
	Plan      PlanRef       `json:"upstream_plan"`
	Period    PeriodRef     `json:"period"`
	Items     []PackageItem `json:"items"`
}

// Sender names the instance that made a package.
type Sender struct {
	Name string `json:"name"` // "Ủy ban nhân dân tỉnh Cà Mau"
}

// PlanRef identifies a plan across instances: by its number (số, ký
// hiệu), with what people read to check it.
type PlanRef struct {
	Code     string `json:"code"`
	Title    string `json:"title"`
	Issuer   string `json:"issuer,omitempty"`
	Level    string `json:"level,omitempty"`
	IssuedOn string `json:"issued_on,omitempty"` // YYYY-MM-DD
}

// PeriodRef identifies a reporting period across instances: its key
// ("2026-Q2", reporting.Period.Key) and its days.
type PeriodRef struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Start string `json:"start"` // YYYY-MM-DD
	End   string `json:"end"`
}

// PackageItem is one upstream task, by its STT and title in the upstream
// plan, with the sender's tasks linked to it.
type PackageItem struct {
	UpstreamTask TaskRef       `json:"upstream_task"`
	Status       string        `json:"status"` // Combine over Linked, as the sender computed it
	Linked       []PackageTask `json:"linked"`
}

// TaskRef identifies a task across instances: its STT in its plan
// (Numbers) and its title.
type TaskRef struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
}

// PackageTask is one of the sender's tasks linked to an upstream task.
type PackageTask struct {
	Plan         PlanRef    `json:"plan"`
	TaskID       int64      `json:"task_id"` // the sender's IDs
	AgencyID     int64      `json:"agency_id"`
	Number       int        `json:"number"`
	Title        string     `json:"title"`
	Agency       string     `json:"agency"` // the lead agency's name
	Status       string     `json:"status"`
	OverdueDays  int        `json:"overdue_days,omitempty"`
	Progress     int        `json:"progress"`
	Result       string     `json:"result"`
	ResultPeriod string     `json:"result_period,omitempty"`
	Evidence     []Evidence `json:"evidence,omitempty"`
}

// envelope is the file around a package.
type envelope struct {
	Format    string          `json:"format"`
	Payload   json.RawMessage `json:"payload"`
	Signature signature       `json:"signature"`
}

type signature struct {
	Algorithm string `json:"algorithm"`
	PublicKey string `json:"public_key"`
	Value     string `json:"value"`
}

// Sign makes the file of p signed with key.
func Sign(p *Package, key ed25519.PrivateKey) ([]byte, error) {
	payload, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	pub := key.Public().(ed25519.PublicKey)
	env := envelope{Format: Format, Payload: payload, Signature: signature{Algorithm: "Ed25519",
		PublicKey: EncodeKey(pub), Value: base64.StdEncoding.EncodeToString(ed25519.Sign(key, payload))}}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "")
	if err := enc.Encode(env); err != nil {
		return nil, err
	}
	// The encoder writes a RawMessage as it is, compacted: the payload's
	// bytes must be the ones signed, or no receiver could check them.
	if _, got, err := Open(b.Bytes()); err != nil || !bytes.Equal(got, payload) {
		return nil, fmt.Errorf("rollup: the signed payload did not survive encoding: %v", err)
	}
	return b.Bytes(), nil
}

// Refusals of a package file, in Vietnamese (the store's and the use
// case's refusals — unknown sender, unknown plan — come after these).
var (
	ErrNotPackage   = errors.New("Tệp không phải gói số liệu tổng hợp của tiendo (thiếu hoặc sai định dạng \"" + Format + "\").")
	ErrBadSignature = errors.New("Chữ ký của gói số liệu không đúng: nội dung đã bị sửa sau khi ký, hoặc gói không do khóa ghi trong gói ký.")
)

// Verified is a package whose signature holds.
type Verified struct {
	Package
	Key    ed25519.PublicKey // the key that signed it
	Digest string            // hex SHA-256 of the signed payload: one package, one digest
}

// Verify reads a package file and checks its signature against the key it
// names; whether that key is a registered sender is the caller's question.
func Verify(file []byte) (*Verified, error) {
	key, payload, err := Open(file)
	if err != nil {
		return nil, err
	}
	var env envelope
	if err := json.Unmarshal(file, &env); err != nil {
		return nil, ErrNotPackage
	}
	sig, err := base64.StdEncoding.DecodeString(env.Signature.Value)
	if err != nil || len(sig) != ed25519.SignatureSize || !ed25519.Verify(key, payload, sig) {
		return nil, ErrBadSignature
	}
	var p Package
	dec := json.NewDecoder(bytes.NewReader(payload))
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNotPackage, err)
	}
	if p.Plan.Code == "" || p.Period.Key == "" || p.CreatedAt.IsZero() {
		return nil, ErrNotPackage
	}
	sum := sha256.Sum256(payload)
	return &Verified{Package: p, Key: key, Digest: hex.EncodeToString(sum[:])}, nil
}

// Open reads a package file's envelope: the key it names and the payload's
// bytes as they stand in the file.
func Open(file []byte) (ed25519.PublicKey, []byte, error) {
	var env envelope
	if len(file) > MaxPackageBytes || json.Unmarshal(file, &env) != nil || env.Format != Format ||
		len(env.Payload) == 0 || env.Signature.Algorithm != "Ed25519" {
		return nil, nil, ErrNotPackage
	}
	key, err := DecodeKey(env.Signature.PublicKey)
	if err != nil {
		return nil, nil, ErrNotPackage
	}
	return key, []byte(env.Payload), nil
}

// EncodeKey writes a public key as people copy it between instances:
// base64 of its 32 bytes.
func EncodeKey(k ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(k) }

// DecodeKey reads a public key written by EncodeKey (spaces and line
// breaks around it are ignored).
func DecodeKey(s string) (ed25519.PublicKey, error) {
	b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("Khóa công khai phải là 32 byte Ed25519 viết dạng base64 (44 ký tự, như trang Khóa của hệ thống gửi hiển thị).")
	}
	return ed25519.PublicKey(b), nil
}

// Fingerprint is a short name of a key people can compare by eye: the
// first 16 hex digits of its SHA-256, in groups of four.
func Fingerprint(k ed25519.PublicKey) string {
	sum := sha256.Sum256(k)
	h := hex.EncodeToString(sum[:8])
	return h[0:4] + " " + h[4:8] + " " + h[8:12] + " " + h[12:16]
}
