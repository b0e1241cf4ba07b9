package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// The audit log is a hash chain. Row n (seq n, from 1) carries
//
//	hash_n = hex(SHA-256(hash_{n-1} ‖ field_1 ‖ … ‖ field_7))
//
// where hash_0 is the empty string and each field is written as its byte
// length (8 bytes, big-endian) followed by its UTF-8 bytes, in this order:
// seq (decimal), at (UTC, "2006-01-02T15:04:05.000000Z"), user_id (decimal,
// "" for the system), action, object, object_id (decimal, "" when none),
// detail (the stored JSON text). The length prefixes make the encoding
// unambiguous, so no two different rows hash alike; anyone can re-check the
// chain from a copy of the table with these rules (docs/security/audit.md).
// audit_head keeps the last seq and hash: without it, cutting rows off the
// end would leave a shorter chain that still verifies.

// TimeLayout is how at enters the hash: microseconds, as stored.
const TimeLayout = "2006-01-02T15:04:05.000000Z"

// Link is the part of an audit row that the chain covers.
type Link struct {
	Seq            int64
	At             time.Time
	UserID         int64
	Action, Object string
	ObjectID       int64
	Detail         string
}

// Hash returns the hash of l chained after prev.
func Hash(prev string, l Link) string {
	h := sha256.New()
	var n [8]byte
	field := func(s string) {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	id := func(v int64) string {
		if v == 0 {
			return ""
		}
		return strconv.FormatInt(v, 10)
	}
	h.Write([]byte(prev))
	field(strconv.FormatInt(l.Seq, 10))
	field(l.At.UTC().Format(TimeLayout))
	field(id(l.UserID))
	field(l.Action)
	field(l.Object)
	field(id(l.ObjectID))
	field(l.Detail)
	return hex.EncodeToString(h.Sum(nil))
}

// Verification is what a check of the whole chain found.
type Verification struct {
	Entries int64  // rows checked
	Head    string // the head hash (audit_head), to note down outside the database
	Broken  *Break
}

// BreakKind is how the chain broke.
type BreakKind string

// The ways a chain breaks.
const (
	Missing   BreakKind = "missing"   // a gap in seq: a row was deleted
	Altered   BreakKind = "altered"   // a row's fields no longer give its hash
	CutTail   BreakKind = "cut-tail"  // the head names more rows than the chain has
	Unchained BreakKind = "unchained" // rows outside the chain (inserted behind the store's back)
)

// Break is the first broken link of the chain.
type Break struct {
	Seq  int64 // the chain position where the check failed
	ID   int64 // the row's id, 0 when the row is missing
	Kind BreakKind
	// The numbers the reason quotes: Next, the seq found where Seq was
	// expected (Missing); HeadSeq and Entries, the head's seq and the
	// chain's length (CutTail); Count, the rows outside the chain
	// (Unchained).
	Next, HeadSeq, Entries, Count int64
}

// Reason says in Vietnamese what the break means.
func (b *Break) Reason() string {
	switch b.Kind {
	case Missing:
		return fmt.Sprintf("thiếu bản ghi (tiếp theo là bản ghi số %d) — bản ghi đã bị xóa", b.Next)
	case Altered:
		return "mã băm không khớp — bản ghi này hoặc bản ghi ngay trước đã bị sửa"
	case CutTail:
		return fmt.Sprintf("đầu chuỗi ghi số %d nhưng chuỗi chỉ có %d — bản ghi cuối đã bị xóa hoặc đầu chuỗi bị sửa", b.HeadSeq, b.Entries)
	case Unchained:
		return fmt.Sprintf("%d bản ghi nằm ngoài chuỗi (được chèn thẳng vào cơ sở dữ liệu)", b.Count)
	}
	return string(b.Kind)
}

// String names the link and the reason, for the command line.
func (b *Break) String() string {
	if b.ID == 0 {
		return fmt.Sprintf("bản ghi số %d: %s", b.Seq, b.Reason())
	}
	return fmt.Sprintf("bản ghi số %d (bản ghi id %d): %s", b.Seq, b.ID, b.Reason())
}

// Verifier judges a chain read back row by row in seq order: a row whose
// fields no longer give its hash (altered), a gap or a row out of place
// (deleted or inserted), a row left unchained, or a head that does not
// match the last row (rows cut off the end).
type Verifier struct {
	headSeq, unchained int64
	prev               string
	v                  Verification
}

// NewVerifier starts a check of a chain whose head (audit_head) is at
// headSeq with hash head, and that has unchained rows without a seq or
// hash.
func NewVerifier(headSeq int64, head string, unchained int64) *Verifier {
	return &Verifier{headSeq: headSeq, unchained: unchained, v: Verification{Head: head}}
}

// Add checks the next row, stored with id, its link and its hash (hashed
// false when the row has none). It returns false once the chain is broken:
// no later row can mend it.
func (c *Verifier) Add(id int64, l Link, hash string, hashed bool) bool {
	if c.v.Broken != nil {
		return false
	}
	want := c.v.Entries + 1
	switch {
	case l.Seq != want:
		c.v.Broken = &Break{Seq: want, Kind: Missing, Next: l.Seq}
	case !hashed || Hash(c.prev, l) != hash:
		c.v.Broken = &Break{Seq: l.Seq, ID: id, Kind: Altered}
	}
	if c.v.Broken != nil {
		return false
	}
	c.prev = hash
	c.v.Entries++
	return true
}

// Result is the verification: the first break found by Add or, when the
// rows all chained, the head's and the unchained rows' check.
func (c *Verifier) Result() Verification {
	v := c.v
	if v.Broken != nil {
		return v
	}
	switch {
	case c.headSeq != v.Entries || v.Head != c.prev:
		v.Broken = &Break{Seq: v.Entries + 1, Kind: CutTail, HeadSeq: c.headSeq, Entries: v.Entries}
	case c.unchained > 0:
		v.Broken = &Break{Seq: v.Entries + 1, Kind: Unchained, Count: c.unchained}
	}
	return v
}
