package app

import (
	"context"
	"errors"
	"fmt"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/planimport"
	"tiendo/internal/vntext"
)

// PlanImport is a plan document to import and, once previewed, what the
// coordinator confirms.
type PlanImport struct {
	Name string // the file's name: its extension says the format
	Data []byte
	// Mapping names the agency chosen for each agency name the importer
	// could not match; choices of agencies not in the register are ignored.
	Mapping map[string]int64
	// Meta holds the plan's register fields as confirmed: title, code,
	// issued on, issuer, status. Nil for a preview, which stores nothing.
	Meta *plan.Plan
	// DryRun checks Meta and the mapping but stores nothing.
	DryRun bool
}

// ImportedPlan is what the importer read from a document, the agencies it
// matched names against, and the stored plan's ID (0 when nothing was
// stored).
type ImportedPlan struct {
	*planimport.Result
	Agencies []agency.Agency
	PlanID   int64
}

// ImportPlan reads a plan document (TXT, DOCX or an XLSX appendix) with
// planimport and, when in.Meta is given and not in.DryRun, stores the plan
// with the confirmed register fields in one transaction. The document is
// parsed from scratch each time (a preview keeps nothing). A document the
// importer refuses is its *planimport.Error. Unconfirmed fields, or agency
// names still unknown, are an Invalid error (fields, and a message about
// the names), returned together with what was read so that it can be
// shown again; nothing is stored then.
func (a *App) ImportPlan(ctx context.Context, by *auth.User, in PlanImport) (*ImportedPlan, error) {
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, err
	}
	agencies, err := a.store.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	known := map[int64]bool{}
	for _, ag := range agencies {
		known[ag.ID] = true
	}
	mapping := map[string]int64{}
	for name, id := range in.Mapping {
		if known[id] {
			mapping[name] = id
		}
	}
	res, err := planimport.Parse(in.Name, in.Data, planimport.Options{Agencies: agencies, Mapping: mapping,
		MaxBytes: planimport.DefaultMaxBytes})
	if err != nil {
		return nil, err
	}
	out := &ImportedPlan{Result: res, Agencies: agencies}
	if in.Meta == nil {
		return out, nil
	}
	fe := plan.ValidatePlan(in.Meta)
	var msg string
	if n := len(res.UnknownAgencies); n > 0 {
		msg = fmt.Sprintf("Còn %s tên cơ quan chưa có trong danh sách. Hãy chọn cơ quan tương ứng cho từng tên (hoặc thêm cơ quan mới trước) rồi xác nhận lại.", vntext.FormatInt(n))
	}
	if fe != nil || msg != "" {
		return out, derrors.InvalidFields(fe, msg)
	}
	if in.DryRun {
		return out, nil
	}
	p := &res.Draft.Plan
	p.Title, p.Code, p.IssuedOn, p.Issuer, p.Status = in.Meta.Title, in.Meta.Code, in.Meta.IssuedOn, in.Meta.Issuer, in.Meta.Status
	out.PlanID, err = a.store.CreatePlan(ctx, userID(by), &res.Draft)
	if errors.Is(err, derrors.Duplicate) {
		return out, derrors.InvalidFields(plan.FieldErrors{"code": "Số, ký hiệu này đã có trong danh sách kế hoạch."}, "")
	}
	return out, err
}
