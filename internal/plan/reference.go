package plan

import "time"

// Reference is a legal document cited by a plan or task ("Quyết định số
// 1132/QĐ-TTg ngày 09/10/2024"), read into its parts.
type Reference struct {
	ID         int64
	Kind       string    // "Quyết định", "Nghị quyết", "Kế hoạch", "Chỉ thị", "Thông tư", "Nghị định", "Chương trình", "Công văn", "Luật"…
	Number     string    // số, ký hiệu as written after "số": "1132/QĐ-TTg", "57-NQ/TW", "70/2025/UBTVQH15"
	IssuerCode string    // the issuer part of the ký hiệu: "TTg", "TW", "CP", "UBND", "UBTVQH15"
	IssuedOn   time.Time // zero when the citation gives no date
	Text       string    // the citation as written
}
