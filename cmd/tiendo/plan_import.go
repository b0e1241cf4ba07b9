package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/plan"
	"tiendo/internal/planimport"
	"tiendo/internal/store"
	"tiendo/internal/vntext"
)

// mapFlag collects repeated --map "Tên cơ quan=ID" options.
type mapFlag map[string]int64

func (m mapFlag) String() string { return fmt.Sprint(map[string]int64(m)) }

func (m mapFlag) Set(v string) error {
	name, id, ok := strings.Cut(v, "=")
	n, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64)
	if !ok || err != nil || n <= 0 || strings.TrimSpace(name) == "" {
		return fmt.Errorf("--map %q: want \"Tên cơ quan=ID\"", v)
	}
	m[vntext.NFC(strings.TrimSpace(name))] = n
	return nil
}

// importSummary is the --json output, a contract other tools read.
type importSummary struct {
	PlanID     int64              `json:"plan_id"`
	Title      string             `json:"title"`
	Sections   int                `json:"sections"`
	Tasks      int                `json:"tasks"`
	References []referenceSummary `json:"references"`
	Warnings   []warningSummary   `json:"warnings"`
}

type referenceSummary struct {
	Kind       string `json:"kind"`
	Number     string `json:"number"`
	IssuerCode string `json:"issuer_code,omitempty"`
	IssuedOn   string `json:"issued_on,omitempty"` // YYYY-MM-DD
	Text       string `json:"text"`
}

type warningSummary struct {
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// cmdPlanImport imports a plan document (TXT, DOCX) or appendix (XLSX) as a
// new plan. Unknown agencies must be mapped with --map; until they are,
// nothing is stored.
func cmdPlanImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("plan import", stderr)
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print one JSON object describing the imported plan")
	code := fs.String("code", "", "số, ký hiệu of the plan, e.g. 60/KH-UBND")
	date := fs.String("date", "", "ngày ban hành, dd/mm/yyyy")
	issuer := fs.String("issuer", "", "issuing body, e.g. \"Ủy ban nhân dân tỉnh Cà Mau\"")
	status := fs.String("status", string(plan.PlanActive), "plan status: draft, active, replaced, closed")
	mapping := mapFlag{}
	fs.Var(mapping, "map", "map an unknown agency name to an agency ID: \"Tên=ID\" (repeatable)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return errUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "plan import: give exactly one FILE")
		return errUsage
	}
	if !plan.PlanStatus(*status).Valid() {
		return fmt.Errorf("--status %q: want draft, active, replaced or closed", *status)
	}
	data, err := readLimited(pos[0], planimport.DefaultMaxBytes)
	if err != nil {
		return err
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	agencies, err := s.Agencies(ctx)
	if err != nil {
		return err
	}
	res, err := planimport.Parse(filepath.Base(pos[0]), data, planimport.Options{Agencies: agencies, Mapping: mapping})
	if err != nil {
		return err
	}
	if len(res.UnknownAgencies) > 0 {
		return fmt.Errorf("unknown agencies, nothing stored; add them or map each with --map \"Tên=ID\": %s", strings.Join(res.UnknownAgencies, "; "))
	}
	d := &res.Draft
	if *code != "" {
		d.Plan.Code = vntext.NFC(strings.TrimSpace(*code))
	}
	if *date != "" {
		t, err := time.Parse("2/1/2006", strings.TrimSpace(*date))
		if err != nil {
			return fmt.Errorf("--date %q: want dd/mm/yyyy", *date)
		}
		d.Plan.IssuedOn = t
	}
	if *issuer != "" {
		d.Plan.Issuer = vntext.NFC(strings.TrimSpace(*issuer))
	}
	d.Plan.Status = plan.PlanStatus(*status)
	id, err := s.CreatePlan(ctx, 0, d)
	if errors.Is(err, store.ErrDuplicate) {
		return fmt.Errorf("a plan with code %q already exists; nothing stored", d.Plan.Code)
	}
	if err != nil {
		return err
	}
	sum := summarize(id, res)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(sum)
	}
	fmt.Fprintf(stdout, "Đã nhập kế hoạch #%d: %s\n%d mục, %d nhiệm vụ, %d văn bản được dẫn chiếu.\n", sum.PlanID, sum.Title, sum.Sections, sum.Tasks, len(sum.References))
	for _, w := range sum.Warnings {
		if w.Line > 0 {
			fmt.Fprintf(stdout, "Cảnh báo (dòng %d): %s\n", w.Line, w.Message)
		} else {
			fmt.Fprintf(stdout, "Cảnh báo: %s\n", w.Message)
		}
	}
	return nil
}

// summarize builds the --json object from an import result.
func summarize(planID int64, res *planimport.Result) importSummary {
	sum := importSummary{
		PlanID:     planID,
		Title:      res.Draft.Plan.Title,
		Sections:   len(res.Draft.Sections),
		Tasks:      len(res.Draft.Tasks),
		References: []referenceSummary{},
		Warnings:   []warningSummary{},
	}
	for _, r := range res.References {
		rs := referenceSummary{Kind: r.Kind, Number: r.Number, IssuerCode: r.IssuerCode, Text: r.Text}
		if !r.IssuedOn.IsZero() {
			rs.IssuedOn = r.IssuedOn.Format(time.DateOnly)
		}
		sum.References = append(sum.References, rs)
	}
	for _, w := range res.Warnings {
		sum.Warnings = append(sum.Warnings, warningSummary{Line: w.Line, Message: w.Message})
	}
	return sum
}

// readLimited reads a whole file, refusing one larger than max while reading.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s is larger than %d MiB; nothing stored", path, max>>20)
	}
	return data, nil
}
