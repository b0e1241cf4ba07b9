package agency

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// RefusalCode says why the data refuses a reorganisation or its undo. The
// codes are stable (logs, tests); people read Refusal.Message.
type RefusalCode string

// Why a reorganisation, or its undo, is refused.
const (
	// RefuseNoAgency: an agency it names (ID) does not exist.
	RefuseNoAgency RefusalCode = "no_agency"
	// RefuseInactive: an agency it names (ID, Name) is not in existence on
	// the effective day.
	RefuseInactive RefusalCode = "inactive"
	// RefuseToSplit: a split gives a task or an indicator to the very
	// agency being split.
	RefuseToSplit RefusalCode = "to_split"
	// RefuseNameTaken: the new agency's name is one in existence already.
	RefuseNameTaken RefusalCode = "name_taken"
	// RefuseUnassigned: a split leaves an open task (ID, Name) without
	// successor.
	RefuseUnassigned RefusalCode = "unassigned"
	// RefuseNotMoving: a split assigns a task or indicator (ID) that is not
	// among those that move (not the split agency's, or not open).
	RefuseNotMoving RefusalCode = "not_moving"
	// RefuseReportSent: the successor's report of a period (Name: the
	// period) is sent, so it cannot take the ended agency's parts.
	RefuseReportSent RefusalCode = "report_sent"
	// RefuseUndone: the reorganisation was undone already, at At.
	RefuseUndone RefusalCode = "undone"
	// RefuseUndoClosed: the next reporting period began on At.
	RefuseUndoClosed RefusalCode = "undo_closed"
	// RefuseChanged: rows it wrote have changed since (Rows); undo would
	// lose that work.
	RefuseChanged RefusalCode = "changed"
	// RefuseSuccessorUsed: the agency it made (Name) is used elsewhere
	// since (accounts, tasks, agencies under it).
	RefuseSuccessorUsed RefusalCode = "successor_used"
)

// Refusal is one reason the data refuses a reorganisation or its undo,
// with the records concerned.
type Refusal struct {
	// Field is the part of the request concerned: from, into, tasks,
	// indicators, new.name, reports; undo for an undo.
	Field string
	Code  RefusalCode
	ID    int64     // the record concerned: agency, task, indicator, reorganisation
	Name  string    // its name as people know it: agency, task title, period
	At    time.Time // RefuseUndone: when; RefuseUndoClosed: the day the period began
	Rows  []RowRef  // RefuseChanged: the rows changed since
}

// RowRef is a row a reorganisation wrote: its table (the kind of record)
// and the ID it is known by (for a task's cooperation, the task's).
type RowRef struct {
	Table string
	ID    int64
}

// ReorgError is a reorganisation, or its undo, that the data refuses.
type ReorgError struct {
	// Index is the reorganisation's position in a batch applied together
	// (a province's mapping); 0 otherwise.
	Index    int
	Refusals []Refusal
}

// Refused is the error of the refusals rs of a single reorganisation.
func Refused(rs ...Refusal) *ReorgError { return &ReorgError{Refusals: rs} }

// UndoRefused is the error of an undo refused for r (its Field is set to
// "undo").
func UndoRefused(r Refusal) *ReorgError {
	r.Field = "undo"
	return Refused(r)
}

// Error lists the refusals' codes, for logs.
func (e *ReorgError) Error() string {
	parts := make([]string, len(e.Refusals))
	for i, r := range e.Refusals {
		parts[i] = r.Field + ": " + string(r.Code)
		if r.ID != 0 {
			parts[i] += " " + strconv.FormatInt(r.ID, 10)
		}
	}
	return fmt.Sprintf("agency: reorganisation %d refused: %s", e.Index, strings.Join(parts, "; "))
}

// Fields are the refusals' messages by field (a later refusal of a field
// replaces an earlier one: one message per field is shown).
func (e *ReorgError) Fields() map[string]string {
	out := make(map[string]string, len(e.Refusals))
	for _, r := range e.Refusals {
		out[r.Field] = r.Message()
	}
	return out
}

// Message says in Vietnamese why r refuses, and what to do.
func (r Refusal) Message() string {
	indicator := r.Field == "indicators"
	switch r.Code {
	case RefuseNoAgency:
		return fmt.Sprintf("Không có cơ quan mã %d.", r.ID)
	case RefuseInactive:
		if r.Field == "from" {
			return r.Name + " không còn hoạt động vào ngày có hiệu lực."
		}
		return r.Name + " không hoạt động vào ngày có hiệu lực."
	case RefuseToSplit:
		if indicator {
			return "Không thể giao chỉ tiêu cho chính cơ quan bị chia tách."
		}
		return "Không thể giao nhiệm vụ cho chính cơ quan bị chia tách."
	case RefuseNameTaken:
		return "Đã có cơ quan đang hoạt động mang tên này; hãy chọn tên khác hoặc nêu cơ quan đó ở into."
	case RefuseUnassigned:
		return fmt.Sprintf("Nhiệm vụ mã %d (%s) chưa được giao cho cơ quan kế thừa nào; hãy nêu trong tasks hoặc into.", r.ID, r.Name)
	case RefuseNotMoving:
		if indicator {
			return fmt.Sprintf("Chỉ tiêu mã %d không do cơ quan bị chia tách phụ trách.", r.ID)
		}
		return fmt.Sprintf("Nhiệm vụ mã %d không phải nhiệm vụ chưa hoàn thành do cơ quan bị chia tách chủ trì.", r.ID)
	case RefuseReportSent:
		return "Báo cáo " + r.Name + " của cơ quan kế thừa đã gửi; hãy trả lại báo cáo đó trước khi sắp xếp, để nhận phần của cơ quan cũ."
	case RefuseUndone:
		return "Việc sắp xếp này đã được hoàn tác lúc " + r.At.Format("15:04 02/01/2006") + "."
	case RefuseUndoClosed:
		return "Kỳ báo cáo mới đã bắt đầu từ ngày " + r.At.Format("02/01/2006") + ", nên việc sắp xếp này không còn hoàn tác được. " +
			"Nếu cần thay đổi, hãy thực hiện một việc sắp xếp mới theo quyết định điều chỉnh."
	case RefuseChanged:
		return "Không thể hoàn tác: sau khi sắp xếp đã có thay đổi ở " + rowList(r.Rows, 5) + ". Hoàn tác sẽ làm mất các thay đổi đó; " +
			"hãy điều chỉnh bằng tay hoặc thực hiện một việc sắp xếp mới."
	case RefuseSuccessorUsed:
		return "Cơ quan " + r.Name + " do việc sắp xếp lập ra đã được dùng ở nơi khác (tài khoản, nhiệm vụ, cơ quan trực thuộc…); " +
			"hãy gỡ các liên kết đó trước khi hoàn tác."
	}
	return "Việc sắp xếp không thực hiện được (" + string(r.Code) + ")."
}

// rowList names the first n rows for people ("báo cáo mã 12, nhiệm vụ mã
// 3") and counts the rest.
func rowList(rows []RowRef, n int) string {
	names := make([]string, 0, min(len(rows), n))
	for _, r := range rows[:min(len(rows), n)] {
		names = append(names, r.Noun()+" mã "+strconv.FormatInt(r.ID, 10))
	}
	s := strings.Join(names, ", ")
	if len(rows) > n {
		s += fmt.Sprintf(" và %d bản ghi khác", len(rows)-n)
	}
	return s
}

// Noun is what people call a row of r's table.
func (r RowRef) Noun() string {
	switch r.Table {
	case "agencies":
		return "cơ quan"
	case "users":
		return "tài khoản"
	case "tasks":
		return "nhiệm vụ"
	case "task_agencies":
		return "phân công phối hợp của nhiệm vụ"
	case "task_arrangements":
		return "phân công cũ của nhiệm vụ"
	case "indicators":
		return "chỉ tiêu"
	case "indicator_arrangements":
		return "phụ trách cũ của chỉ tiêu"
	case "reports":
		return "báo cáo"
	case "report_entries":
		return "dòng báo cáo"
	case "report_contributions":
		return "phần phối hợp trong báo cáo"
	case "report_indicator_values":
		return "số liệu chỉ tiêu trong báo cáo"
	case "report_files":
		return "tệp minh chứng"
	}
	return "bản ghi"
}
