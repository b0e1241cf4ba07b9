package plan

import "unicode/utf8"

// Limits on a plan's register fields.
const (
	MaxPlanTitle  = 1000
	MaxPlanCode   = 100
	MaxPlanIssuer = 300
)

// ValidatePlan checks a plan's register fields as a person confirms them
// (on import): a title, fields within their limits, a known status. The
// problems are keyed by field; nil when there is none.
func ValidatePlan(p *Plan) FieldErrors {
	fe := FieldErrors{}
	switch n := utf8.RuneCountInString(p.Title); {
	case n == 0:
		fe["title"] = "Hãy nhập tên kế hoạch."
	case n > MaxPlanTitle:
		fe["title"] = "Tên kế hoạch quá dài (tối đa 1.000 ký tự)."
	}
	if utf8.RuneCountInString(p.Code) > MaxPlanCode {
		fe["code"] = "Số, ký hiệu quá dài (tối đa 100 ký tự)."
	}
	if utf8.RuneCountInString(p.Issuer) > MaxPlanIssuer {
		fe["issuer"] = "Tên cơ quan ban hành quá dài (tối đa 300 ký tự)."
	}
	if !p.Status.Valid() {
		fe["status"] = "Hãy chọn trạng thái của kế hoạch."
	}
	if len(fe) == 0 {
		return nil
	}
	return fe
}
