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

	"tiendo/internal/agency"
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
	// UnmatchedAgencies are the agency names the files use that are left
	// without an agency after the import: neither in the register nor
	// mapped with --map, and not created (--create-agencies). The tasks
	// naming them are stored unassigned, the names kept in their text.
	UnmatchedAgencies []string `json:"unmatched_agencies"`
}

type referenceSummary struct {
	Kind       string `json:"kind"`
	Number     string `json:"number"`
	IssuerCode string `json:"issuer_code,omitempty"`
	IssuedOn   string `json:"issued_on,omitempty"` // YYYY-MM-DD
	Text       string `json:"text"`
}

type warningSummary struct {
	File    string `json:"file,omitempty"` // when several files were given
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// cmdPlanImport imports a plan — its text (with or without the decision
// issuing it) and its appendix files, given together — as one new plan.
// Agency names the register does not know never stop an import: the
// tasks naming them are stored unassigned and the names listed, unless
// --map maps a name to an agency or --create-agencies creates them with
// the plan, in the same transaction.
func cmdPlanImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("plan import", stderr)
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print one JSON object describing the imported plan")
	code := fs.String("code", "", "số, ký hiệu of the plan, e.g. 60/KH-UBND")
	date := fs.String("date", "", "ngày ban hành, dd/mm/yyyy")
	issuer := fs.String("issuer", "", "issuing body, e.g. \"Ủy ban nhân dân tỉnh Cà Mau\"")
	status := fs.String("status", string(plan.PlanActive), "plan status: draft, active, replaced, closed")
	create := fs.Bool("create-agencies", false, "create the agencies the files name that are not in the register, with the plan")
	mapping := mapFlag{}
	fs.Var(mapping, "map", "map an unknown agency name to an agency ID: \"Tên=ID\" (repeatable)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return errUsage
	}
	if len(pos) == 0 {
		fmt.Fprintln(stderr, "plan import: give the plan's FILE, and its appendix files if any")
		return errUsage
	}
	if !plan.PlanStatus(*status).Valid() {
		return fmt.Errorf("--status %q: want draft, active, replaced or closed", *status)
	}
	files := make([]planimport.File, len(pos))
	for i, name := range pos {
		data, err := readLimited(name, planimport.DefaultMaxBytes)
		if err != nil {
			return err
		}
		files[i] = planimport.File{Name: filepath.Base(name), Data: data}
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
	res, err := planimport.ParseFiles(files, planimport.Options{Agencies: agencies, Mapping: mapping})
	if err != nil {
		return err
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
	var news []agency.Agency
	if *create {
		for _, u := range res.Unmatched {
			news = append(news, agency.Agency{Name: u.Name, Kind: u.Kind})
		}
	}
	id, err := s.CreatePlanWithAgencies(ctx, 0, d, news)
	if errors.Is(err, store.ErrDuplicate) {
		if len(news) > 0 {
			return fmt.Errorf("a plan with code %q, or an agency named like a new one, already exists; nothing stored", d.Plan.Code)
		}
		return fmt.Errorf("a plan with code %q already exists; nothing stored", d.Plan.Code)
	}
	if err != nil {
		return err
	}
	sum := summarize(id, res, *create)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(sum)
	}
	fmt.Fprintf(stdout, "Đã nhập %s (mã %d): %s\n%d mục, %d nhiệm vụ, %d văn bản được dẫn chiếu.\n", d.Plan.Name(), sum.PlanID,
		d.Plan.DisplayTitle(), sum.Sections, sum.Tasks, len(sum.References))
	for _, w := range sum.Warnings {
		where := ""
		if w.File != "" {
			where = w.File
		}
		if w.Line > 0 {
			where = strings.TrimSpace(where + " dòng " + strconv.Itoa(w.Line))
		}
		if where != "" {
			fmt.Fprintf(stdout, "Cảnh báo (%s): %s\n", where, w.Message)
		} else {
			fmt.Fprintf(stdout, "Cảnh báo: %s\n", w.Message)
		}
	}
	switch {
	case len(news) > 0:
		var names []string
		for _, a := range news {
			names = append(names, fmt.Sprintf("%s (#%d)", a.Name, a.ID))
		}
		fmt.Fprintf(stdout, "Đã thêm %d cơ quan mới: %s.\n", len(news), strings.Join(names, "; "))
	case len(sum.UnmatchedAgencies) > 0:
		fmt.Fprintf(stdout, "%d tên cơ quan chưa có trong danh sách, các nhiệm vụ của họ chưa được giao: %s. "+
			"Hãy giao lại, hoặc nhập lại với --map \"Tên=ID\" hay --create-agencies.\n", len(sum.UnmatchedAgencies), strings.Join(sum.UnmatchedAgencies, "; "))
	}
	return nil
}

// summarize builds the --json object from an import result; created says
// the unknown agencies were created with the plan.
func summarize(planID int64, res *planimport.Result, created bool) importSummary {
	sum := importSummary{
		PlanID:            planID,
		Title:             res.Draft.Plan.Title,
		Sections:          len(res.Draft.Sections),
		Tasks:             len(res.Draft.Tasks),
		References:        []referenceSummary{},
		Warnings:          []warningSummary{},
		UnmatchedAgencies: []string{},
	}
	if !created {
		sum.UnmatchedAgencies = append(sum.UnmatchedAgencies, res.UnknownAgencies...)
	}
	for _, r := range res.References {
		rs := referenceSummary{Kind: r.Kind, Number: r.Number, IssuerCode: r.IssuerCode, Text: r.Text}
		if !r.IssuedOn.IsZero() {
			rs.IssuedOn = r.IssuedOn.Format(time.DateOnly)
		}
		sum.References = append(sum.References, rs)
	}
	for _, w := range res.Warnings {
		sum.Warnings = append(sum.Warnings, warningSummary{File: w.File, Line: w.Line, Message: w.Message})
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
