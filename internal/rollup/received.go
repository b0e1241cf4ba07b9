package rollup

import (
	"crypto/ed25519"
	"time"
)

// SenderKey is an instance registered to send packages here: the admin
// who registered it vouches that Key is that instance's.
type SenderKey struct {
	ID        int64
	Name      string
	Key       ed25519.PublicKey
	Note      string
	AddedAt   time.Time
	AddedBy   int64
	RevokedAt time.Time // zero while packages signed with Key are accepted
}

// Active reports whether packages signed with the key are accepted.
func (k *SenderKey) Active() bool { return k.RevokedAt.IsZero() }

// Received is a package as this instance keeps it: matched to its own
// upstream plan and period, each item to its own upstream task.
type Received struct {
	ID         int64
	SenderID   int64
	Sender     string // as the package names its sender
	PlanID     int64  // the upstream plan here
	PeriodID   int64  // its period here
	PeriodKey  string
	CreatedAt  time.Time
	AsOf       time.Time
	Digest     string
	Body       []byte // the file as received (kept for reading and audit)
	ImportedAt time.Time
	ImportedBy int64
	ReplacedAt time.Time // zero: the current package of its sender, plan and period
	Items      []ReceivedItem
}

// ReceivedItem is one linked task of a package, under the upstream task
// here it was matched to.
type ReceivedItem struct {
	UpstreamTaskID int64
	Linked         Linked
}

// ImportOutcome says what importing a package did.
type ImportOutcome string

// What an import does.
const (
	ImportNew       ImportOutcome = "new"       // the first package of its sender, plan and period
	ImportReplaced  ImportOutcome = "replaced"  // a newer package replaced the one held
	ImportUnchanged ImportOutcome = "unchanged" // the same package again: nothing changed
)

// Label says the outcome in Vietnamese.
func (o ImportOutcome) Label() string {
	switch o {
	case ImportNew:
		return "Đã nhập gói số liệu."
	case ImportReplaced:
		return "Đã nhập gói số liệu mới hơn, thay cho gói trước của cùng kỳ."
	case ImportUnchanged:
		return "Gói số liệu này đã được nhập trước đó; không có gì thay đổi."
	}
	return string(o)
}

// ErrOlderPackage: a newer package of the same sender, plan and period is
// held; the older one is refused (the store's refusal, worded by the app).
type ErrOlderPackage struct {
	Held time.Time // when the held package was made
}

func (e *ErrOlderPackage) Error() string { return "rollup: a newer package is held" }
