package agency

import (
	"fmt"
	"strings"
	"time"
)

// ReorgKind is what a reorganisation does to agencies.
type ReorgKind string

// Reorganisation kinds.
const (
	ReorgMerge    ReorgKind = "merge"    // several agencies → one (existing or new)
	ReorgSplit    ReorgKind = "split"    // one agency → several, each task and indicator assigned
	ReorgRename   ReorgKind = "rename"   // one agency continues under a new name (a new record)
	ReorgDissolve ReorgKind = "dissolve" // one agency ends; a successor takes its work, or nobody
)

// Label is the kind's Vietnamese name.
func (k ReorgKind) Label() string {
	switch k {
	case ReorgMerge:
		return "Hợp nhất, sáp nhập"
	case ReorgSplit:
		return "Chia tách"
	case ReorgRename:
		return "Đổi tên"
	case ReorgDissolve:
		return "Giải thể"
	}
	return string(k)
}

// Reorganisation is one decision (quyết định) that changes agencies from a
// day on. The agencies in From end on Effective (their ValidTo) and name
// their successor; what they still had open — tasks they lead or cooperate
// on, indicators they answer for, reports not yet sent, accounts — moves
// to it. What they finished stays theirs, under their old name.
type Reorganisation struct {
	Kind ReorgKind
	From []int64 // the agencies that end: several for a merge, one otherwise
	// Into is the successor when it exists already. For a split it takes
	// whatever Tasks and Indicators do not assign; for a dissolution it is
	// optional (0: the open tasks are left without a lead agency).
	Into int64
	// New is the successor made by the reorganisation (merge into a new
	// agency, or the new name of a renamed one); Into is then 0.
	New       *Agency
	Effective time.Time // the first day of the new arrangement
	Decision  string    // số, ký hiệu of the decision: "125/QĐ-UBND"
	// Tasks and Indicators assign, for a split, a successor to each open
	// task (by task ID) and indicator (by ID) of the agency split.
	Tasks      map[int64]int64
	Indicators map[int64]int64
	// Today is the day it is applied, by the caller's clock (zero: the
	// system's): the undo window runs from it to the next period.
	Today time.Time
}

// Validate checks the shape of r (whether the agencies exist and are
// active is the store's to check) and says, in Vietnamese, what to fix,
// keyed by field.
func (r *Reorganisation) Validate() map[string]string {
	fe := map[string]string{}
	switch r.Kind {
	case ReorgMerge, ReorgSplit, ReorgRename, ReorgDissolve:
	default:
		fe["kind"] = "Hãy chọn kiểu sắp xếp: merge (hợp nhất), split (chia tách), rename (đổi tên) hoặc dissolve (giải thể)."
	}
	seen := map[int64]bool{}
	for _, id := range r.From {
		if id <= 0 || seen[id] {
			fe["from"] = "Danh sách cơ quan cũ có mã không hợp lệ hoặc lặp lại."
		}
		seen[id] = true
	}
	switch {
	case len(r.From) == 0:
		fe["from"] = "Hãy nêu cơ quan cũ (from)."
	case r.Kind != ReorgMerge && len(r.From) != 1 && fe["kind"] == "":
		fe["from"] = fmt.Sprintf("%s áp dụng cho đúng một cơ quan cũ.", r.Kind.Label())
	}
	if r.Into != 0 && r.New != nil {
		fe["into"] = "Chỉ nêu một trong hai: cơ quan kế thừa đã có (into) hoặc cơ quan mới (new)."
	}
	if seen[r.Into] {
		fe["into"] = "Cơ quan kế thừa không thể là một trong các cơ quan cũ."
	}
	switch r.Kind {
	case ReorgMerge:
		if r.Into == 0 && r.New == nil {
			fe["into"] = "Hãy nêu cơ quan kế thừa (into) hoặc cơ quan mới (new)."
		}
	case ReorgSplit:
		if r.Into == 0 && r.New == nil && len(r.Tasks) == 0 {
			fe["into"] = "Hãy giao nhiệm vụ cho các cơ quan kế thừa (tasks), và nêu cơ quan nhận phần còn lại (into)."
		}
	case ReorgRename:
		if r.New == nil {
			fe["new"] = "Đổi tên cần tên mới (new.name)."
		}
		if r.Into != 0 {
			fe["into"] = "Đổi tên tạo một bản ghi mới với tên mới (new), không dùng into."
		}
	}
	if r.New != nil {
		r.New.Name = strings.TrimSpace(r.New.Name)
		if r.New.Name == "" {
			fe["new.name"] = "Hãy nhập tên cơ quan mới."
		}
		if r.New.Kind != "" && !r.New.Kind.Valid() {
			fe["new.kind"] = "Loại cơ quan không hợp lệ."
		}
	}
	if r.Kind != ReorgSplit && (len(r.Tasks) > 0 || len(r.Indicators) > 0) {
		fe["tasks"] = "Chỉ khi chia tách mới phân nhiệm vụ và chỉ tiêu cho từng cơ quan kế thừa."
	}
	if r.Effective.IsZero() {
		fe["effective"] = "Hãy nhập ngày có hiệu lực (YYYY-MM-DD)."
	}
	r.Decision = strings.TrimSpace(r.Decision)
	if r.Decision == "" {
		fe["decision"] = "Hãy nhập số, ký hiệu quyết định (ví dụ 125/QĐ-UBND)."
	}
	return fe
}

// NowPart is how a former agency is named beside its successor: "Sở
// Thông tin và Truyền thông (nay là Sở Khoa học và Công nghệ)".
func NowPart(old, successor string) string {
	if successor == "" {
		return old
	}
	return old + " (nay là " + successor + ")"
}
