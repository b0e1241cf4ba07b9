package plan

// Claim is what the lead agency says about a task in a report (the status
// it claims). A claim counts for the task's computed status only once the
// coordinator has accepted the report that carries it: the accepted claim
// of the latest period wins.
type Claim string

// Claim codes, used in the API (an entry's "status") and stored in reports.
const (
	ClaimNone       Claim = ""            // no accepted report has spoken about the task yet
	ClaimNotStarted Claim = "not_started" // chưa triển khai
	ClaimInProgress Claim = "in_progress" // đang thực hiện
	ClaimCompleted  Claim = "completed"   // đã hoàn thành (with the completion date)
	ClaimPaused     Claim = "paused"      // tạm dừng (with a reason)
	ClaimCancelled  Claim = "cancelled"   // không thực hiện (with a reason)
)

// Claims lists the claims an entry may make, in the order forms show them.
var Claims = []Claim{ClaimNotStarted, ClaimInProgress, ClaimCompleted, ClaimPaused, ClaimCancelled}

// Label is the Vietnamese name of the claim.
func (c Claim) Label() string {
	switch c {
	case ClaimNotStarted:
		return "Chưa triển khai"
	case ClaimInProgress:
		return "Đang thực hiện"
	case ClaimCompleted:
		return "Đã hoàn thành"
	case ClaimPaused:
		return "Tạm dừng"
	case ClaimCancelled:
		return "Không thực hiện"
	}
	return string(c)
}

// Valid reports whether c is a claim an entry may make (ClaimNone is not).
func (c Claim) Valid() bool {
	for _, v := range Claims {
		if v == c {
			return true
		}
	}
	return false
}

// NeedsReason reports whether the claim must say why (tạm dừng, không thực hiện).
func (c Claim) NeedsReason() bool { return c == ClaimPaused || c == ClaimCancelled }
