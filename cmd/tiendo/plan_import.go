package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/planimport"
	"tiendo/internal/store"
	"tiendo/internal/vntext"
)

// mapFlag collects repeated --map options: "Tên=ID" maps an agency name the
// register lacks to an agency, "Tên=new" creates it with the plan,
// "Tên=none" says it is not an agency.
type mapFlag map[string]app.AgencyChoice

func (m mapFlag) String() string { return fmt.Sprint(map[string]app.AgencyChoice(m)) }

func (m mapFlag) Set(v string) error {
	name, value, ok := strings.Cut(v, "=")
	name = vntext.NFC(strings.TrimSpace(name))
	c, err := parseChoice(value)
	if !ok || err != nil || name == "" {
		return fmt.Errorf("--map %q: want \"Tên=ID\", \"Tên=new\" or \"Tên=none\"", v)
	}
	m[name] = c
	return nil
}

// parseChoice reads the value of a --map: an agency ID, new or none.
func parseChoice(v string) (app.AgencyChoice, error) {
	switch v = strings.TrimSpace(v); v {
	case "new":
		return app.AgencyChoice{New: true}, nil
	case "none":
		return app.AgencyChoice{NotAgency: true}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return app.AgencyChoice{}, errors.New("not an agency ID")
	}
	return app.AgencyChoice{AgencyID: n}, nil
}

// cliUser is who imports from the command line: whoever holds the
// database, with an administrator's rights, written as the system (user
// 0) in the audit log.
func cliUser() *auth.User {
	return &auth.User{Username: "tiendo", FullName: "Dòng lệnh", Role: auth.RoleAdmin}
}

// cmdPlanImport imports a plan — its text (with or without the decision
// issuing it) and its appendix files, given together — as one new plan,
// through the same use case as the web page and the API (app.ImportPlan).
// Agency names the register does not know never stop an import: the
// tasks naming them are stored unassigned and the names listed, unless
// --map maps a name to an agency (or creates it, or dismisses it) or
// --create-agencies creates them with the plan, in the same transaction.
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
	fs.Var(mapping, "map", "what an unknown agency name is: \"Tên=ID\" (an agency), \"Tên=new\" (create it), \"Tên=none\" (not an agency); repeatable")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return errUsage
	}
	if len(pos) == 0 {
		fmt.Fprintln(stderr, "plan import: give the plan's FILE, and its appendix files if any")
		return errUsage
	}
	meta := &plan.Plan{Code: *code, Issuer: *issuer, Status: plan.PlanStatus(*status)}
	if !meta.Status.Valid() {
		return fmt.Errorf("--status %q: want draft, active, replaced or closed", *status)
	}
	if *date != "" {
		if meta.IssuedOn, err = time.Parse("2/1/2006", strings.TrimSpace(*date)); err != nil {
			return fmt.Errorf("--date %q: want dd/mm/yyyy", *date)
		}
	}
	files := make([]planimport.File, len(pos))
	for i, name := range pos {
		data, err := readLimited(name, planimport.DefaultMaxBytes)
		if err != nil {
			return err
		}
		files[i] = planimport.File{Name: filepath.Base(name), Data: data}
	}
	// Today (which agencies are active) as the server judges it: TIENDO_CLOCK
	// fixes it for training databases, as serve --clock does.
	clk, err := parseClock(envOr("TIENDO_CLOCK", ""))
	if err != nil {
		return fmt.Errorf("TIENDO_CLOCK: %w", err)
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := app.New(app.Config{Store: s, Clock: clk}).ImportPlan(ctx, cliUser(), app.PlanImport{Files: files, Choices: mapping,
		CreateAgencies: *create, Meta: meta, Unattended: true})
	if err != nil {
		return importError(err, res)
	}
	sum := res.Summary()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(sum)
	}
	printImport(stdout, res, sum)
	return nil
}

// importError words a refused import for the command line; nothing was
// stored.
func importError(err error, res *app.ImportedPlan) error {
	fe := derrors.FieldsOf(err)
	if !errors.Is(err, derrors.Invalid) || len(fe) == 0 {
		return err
	}
	if strings.Contains(fe["code"], "đã có") && res != nil {
		return fmt.Errorf("a plan with code %q already exists; nothing stored", res.Draft.Plan.Code)
	}
	flags := map[string]string{"title": "the plan's title", "code": "--code", "issued_on": "--date", "issuer": "--issuer", "status": "--status", "map": "--map"}
	var msgs []string
	for _, k := range slices.Sorted(maps.Keys(fe)) {
		msgs = append(msgs, cmpOr(flags[k], k)+": "+fe[k])
	}
	return fmt.Errorf("%s; nothing stored", strings.Join(msgs, "; "))
}

// cmpOr is a, or b when a is empty.
func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// printImport says in words what was stored.
func printImport(w io.Writer, res *app.ImportedPlan, sum app.ImportSummary) {
	fmt.Fprintf(w, "Đã nhập %s (mã %d): %s\n%d mục, %d nhiệm vụ, %d văn bản được dẫn chiếu.\n", res.Draft.Plan.Name(), res.PlanID,
		res.Draft.Plan.DisplayTitle(), sum.Sections, sum.Tasks, len(sum.References))
	for _, w2 := range sum.Warnings {
		where := w2.File
		if w2.Line > 0 {
			where = strings.TrimSpace(where + " dòng " + strconv.Itoa(w2.Line))
		}
		if where != "" {
			fmt.Fprintf(w, "Cảnh báo (%s): %s\n", where, w2.Message)
		} else {
			fmt.Fprintf(w, "Cảnh báo: %s\n", w2.Message)
		}
	}
	if len(res.Created) > 0 {
		var names []string
		for _, a := range res.Created {
			names = append(names, fmt.Sprintf("%s (#%d)", a.Name, a.ID))
		}
		fmt.Fprintf(w, "Đã thêm %d cơ quan mới: %s.\n", len(res.Created), strings.Join(names, "; "))
	}
	if len(sum.UnmatchedAgencies) > 0 {
		fmt.Fprintf(w, "%d tên cơ quan chưa có trong danh sách, các nhiệm vụ của họ chưa được giao: %s. "+
			"Hãy giao lại, hoặc nhập lại với --map \"Tên=ID\" hay --create-agencies.\n", len(sum.UnmatchedAgencies), strings.Join(sum.UnmatchedAgencies, "; "))
	}
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
