package rollup

import (
	"fmt"
	"time"

	"tiendo/internal/plan"
)

// How says how a link was made; the history shows it.
type How string

// Ways a link is made.
const (
	HowManual     How = "manual"     // chosen by the coordinator
	HowSuggestion How = "suggestion" // a suggestion the coordinator confirmed
	HowSheet      How = "sheet"      // from a bulk link sheet (.xlsx)
	HowCarry      How = "carry"      // copied when a replacement carried the task (or its upstream task) on
	HowGen        How = "gen"        // generated data (tiendo gen)
)

// Valid reports whether h is a known way.
func (h How) Valid() bool {
	switch h {
	case HowManual, HowSuggestion, HowSheet, HowCarry, HowGen:
		return true
	}
	return false
}

// Label is how the history says it.
func (h How) Label() string {
	switch h {
	case HowManual:
		return "chọn trực tiếp"
	case HowSuggestion:
		return "xác nhận gợi ý"
	case HowSheet:
		return "nhập từ bảng liên kết"
	case HowCarry:
		return "tiếp nối khi thay thế kế hoạch"
	case HowGen:
		return "dữ liệu sinh tự động"
	}
	return string(h)
}

// Link is a task's link to an upstream task it implements, current or
// ended. Links are never deleted: unlinking stamps UnlinkedAt, so the
// links of a task are its history.
type Link struct {
	ID                             int64
	TaskID, PlanID                 int64
	UpstreamTaskID, UpstreamPlanID int64
	How                            How
	LinkedAt                       time.Time
	LinkedBy                       int64 // 0: the system
	UnlinkedAt                     time.Time
	UnlinkedBy                     int64
}

// Current reports whether the link holds now.
func (l *Link) Current() bool { return l.UnlinkedAt.IsZero() }

// IndicatorLink is an indicator's link to the upstream indicator it feeds
// (one at a time), current or ended, like Link.
type IndicatorLink struct {
	ID                               int64
	IndicatorID, UpstreamIndicatorID int64
	PlanID, UpstreamPlanID           int64 // filled by readers
	How                              How
	LinkedAt                         time.Time
	LinkedBy                         int64
	UnlinkedAt                       time.Time
	UnlinkedBy                       int64
}

// Current reports whether the link holds now.
func (l *IndicatorLink) Current() bool { return l.UnlinkedAt.IsZero() }

// LinkReason says why the stored plans refuse a link.
type LinkReason string

// Reasons for refusing a link.
const (
	// LinkSamePlan: the upstream task is in the task's own plan.
	LinkSamePlan LinkReason = "same_plan"
	// LinkLowerLevel: the upstream plan is of a lower level than the task's.
	LinkLowerLevel LinkReason = "lower_level"
	// LinkCycle: the upstream plan already links to the task's plan; two
	// plans cannot implement each other.
	LinkCycle LinkReason = "cycle"
	// LinkUpstreamMissing: there is no upstream task UpstreamTaskID.
	LinkUpstreamMissing LinkReason = "upstream_missing"
	// LinkUpstreamRemoved: the upstream task was removed from its plan by
	// an amendment; new links to it are refused (old ones stay).
	LinkUpstreamRemoved LinkReason = "upstream_removed"
	// LinkUpstreamEnded: the upstream plan is replaced or closed, or still
	// a draft.
	LinkUpstreamEnded LinkReason = "upstream_ended"
)

// LinkError is a link the stored plans refuse; nothing changed.
type LinkError struct {
	Reason                 LinkReason
	TaskID, UpstreamTaskID int64
	PlanCode, UpstreamCode string // the plans' numbers, for the words
	PlanLevel, UpLevel     plan.Level
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("rollup: link %d → %d refused: %s", e.TaskID, e.UpstreamTaskID, e.Reason)
}

// Message says the refusal in Vietnamese.
func (e *LinkError) Message() string {
	code := func(c string) string {
		if c == "" {
			return "không số"
		}
		return c
	}
	switch e.Reason {
	case LinkSamePlan:
		return fmt.Sprintf("Nhiệm vụ mã %d thuộc chính kế hoạch của nhiệm vụ này; chỉ liên kết với nhiệm vụ của kế hoạch cấp trên.", e.UpstreamTaskID)
	case LinkLowerLevel:
		return fmt.Sprintf("Kế hoạch %s (cấp %s) thấp hơn cấp của kế hoạch %s (cấp %s); nhiệm vụ chỉ liên kết lên kế hoạch cùng cấp hoặc cấp trên.",
			code(e.UpstreamCode), e.UpLevel.Label(), code(e.PlanCode), e.PlanLevel.Label())
	case LinkCycle:
		return fmt.Sprintf("Kế hoạch %s đã có nhiệm vụ liên kết lên kế hoạch %s; hai kế hoạch không thể thực hiện lẫn nhau.",
			code(e.UpstreamCode), code(e.PlanCode))
	case LinkUpstreamMissing:
		return fmt.Sprintf("Không có nhiệm vụ mã %d.", e.UpstreamTaskID)
	case LinkUpstreamRemoved:
		return fmt.Sprintf("Nhiệm vụ mã %d đã được bãi bỏ khỏi kế hoạch %s; không liên kết mới với nhiệm vụ đã bãi bỏ.",
			e.UpstreamTaskID, code(e.UpstreamCode))
	case LinkUpstreamEnded:
		return fmt.Sprintf("Kế hoạch %s chưa có hiệu lực, đã được thay thế hoặc đã kết thúc; hãy liên kết với kế hoạch đang có hiệu lực.",
			code(e.UpstreamCode))
	}
	return "Không thể liên kết nhiệm vụ này."
}

// CanLinkLevels reports whether a task of a plan at level own may link to
// a task of a plan at level up: the same level or above.
func CanLinkLevels(own, up plan.Level) bool { return up.Rank() >= own.Rank() }
