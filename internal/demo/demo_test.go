package demo

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/planimport"
	"tiendo/internal/store"
)

// openStore opens a fresh SQLite store in a temporary file.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// counts is how many rows of each kind a store holds.
type counts struct{ plans, tasks, agencies, users int }

func countAll(t *testing.T, s *store.Store) counts {
	t.Helper()
	ctx := context.Background()
	plans, err := s.Plans(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var c counts
	c.plans = len(plans)
	for _, p := range plans {
		_, n, err := s.Tasks(ctx, plan.TaskFilter{PlanID: p.ID, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		c.tasks += n
	}
	ags, err := s.Agencies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c.agencies = len(ags)
	users, err := s.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c.users = len(users)
	return c
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	res, err := Load(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := countAll(t, s), (counts{plans: 1, tasks: 63, agencies: 33, users: 5}); got != want {
		t.Errorf("stored %+v, want %+v", got, want)
	}
	if res.Tasks != 63 || res.PlanID <= 0 {
		t.Errorf("result: plan %d, %d tasks; want a plan with 63", res.PlanID, res.Tasks)
	}

	p, err := s.Plan(ctx, res.PlanID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != plan.PlanActive || p.Issuer == "" || !strings.Contains(p.Title, "71/NQ-CP") {
		t.Errorf("plan: status %q issuer %q title %q", p.Status, p.Issuer, p.Title)
	}

	// Lead agencies named in the text are assigned, the rest get sample leads, and Result counts both.
	tasks, _, err := s.Tasks(ctx, plan.TaskFilter{PlanID: res.PlanID, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	ags, err := s.Agencies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	known := map[int64]agency.Agency{}
	for _, a := range ags {
		known[a.ID] = a
	}
	led := 0
	for _, tk := range tasks {
		if tk.LeadAgencyID != 0 {
			led++
			if _, ok := known[tk.LeadAgencyID]; !ok {
				t.Errorf("task %d: lead agency %d is not in the register", tk.ID, tk.LeadAgencyID)
			}
		}
	}
	if res.Assigned == 0 || led != 63 || res.Assigned+res.SampleAssigned != led {
		t.Errorf("%d tasks with a lead agency (Result: %d named by the text + %d sample); want all 63, at least one from the text",
			led, res.Assigned, res.SampleAssigned)
	}

	// The hierarchy: sở under the UBND tỉnh, the centre under the Sở KH&CN.
	parentOf := func(name string) string {
		for _, a := range ags {
			if a.Name == name {
				return known[a.ParentID].Name
			}
		}
		t.Fatalf("no agency %q", name)
		return ""
	}
	if got := parentOf("Sở Tài chính"); got != "Ủy ban nhân dân tỉnh Cà Mau" {
		t.Errorf("Sở Tài chính under %q", got)
	}
	if got := parentOf("Trung tâm Thông tin và Ứng dụng khoa học và công nghệ"); got != "Sở Khoa học và Công nghệ" {
		t.Errorf("the centre under %q", got)
	}

	// One account per role, as printed; head and officer in an agency (the
	// coordinator too: the Sở KH&CN).
	if len(res.Accounts) != len(auth.Roles) {
		t.Fatalf("%d accounts, want %d", len(res.Accounts), len(auth.Roles))
	}
	var roles []auth.Role
	passwords := map[string]bool{}
	for _, a := range res.Accounts {
		roles = append(roles, a.Role)
		if len(a.Password) < auth.MinPasswordLen || auth.CheckPassword(a.Password) != nil || passwords[a.Password] {
			t.Errorf("account %s: password %q is short or repeated", a.Username, a.Password)
		}
		passwords[a.Password] = true
		u, _, err := s.UserByName(ctx, a.Username)
		if err != nil {
			t.Fatalf("account %s: %v", a.Username, err)
		}
		if u.Role != a.Role || u.Disabled {
			t.Errorf("account %s: stored role %s disabled %v, printed %s", a.Username, u.Role, u.Disabled, a.Role)
		}
		if a.Role.NeedsAgency() && u.AgencyID == 0 {
			t.Errorf("account %s (%s) has no agency", a.Username, a.Role)
		}
		if u.AgencyID != 0 && known[u.AgencyID].Name != a.Agency {
			t.Errorf("account %s: stored agency %q, printed %q", a.Username, known[u.AgencyID].Name, a.Agency)
		}
	}
	if !slices.Equal(roles, auth.Roles) {
		t.Errorf("roles %v, want %v", roles, auth.Roles)
	}
	// The printed passwords sign in (two checked: Argon2id is slow on purpose).
	for _, a := range []Account{res.Accounts[0], res.Accounts[3]} {
		_, hash, err := s.UserByName(ctx, a.Username)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := auth.VerifyPassword(a.Password, hash); !ok || err != nil {
			t.Errorf("account %s: the printed password does not verify (%v)", a.Username, err)
		}
	}

	// A second Load refuses, and adds nothing.
	before := countAll(t, s)
	if _, err := Load(ctx, s); err == nil {
		t.Error("second Load succeeded")
	}
	if got := countAll(t, s); got != before {
		t.Errorf("after the refused Load: %+v, want %+v", got, before)
	}
}

// TestLoadRefusesUsedDatabase: a database that already holds anything —
// an account made with `tiendo user add`, agencies typed in by hand — is
// not new: Load refuses it before storing anything, rather than stopping
// half-way with a plan and no accounts.
func TestLoadRefusesUsedDatabase(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		seed func(t *testing.T, s *store.Store)
	}{
		{"an account", func(t *testing.T, s *store.Store) {
			// The demo's own admin name, with a dummy hash (not checked here).
			u := &auth.User{Username: "quantri", Role: auth.RoleAdmin}
			if err := s.CreateUser(ctx, 0, u, "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5aw"); err != nil {
				t.Fatal(err)
			}
		}},
		{"an agency", func(t *testing.T, s *store.Store) {
			a := &agency.Agency{Name: "Sở Tài chính", Kind: agency.KindDepartment}
			if err := s.CreateAgency(ctx, 0, a); err != nil {
				t.Fatal(err)
			}
		}},
		{"a plan", func(t *testing.T, s *store.Store) {
			if _, err := s.CreatePlan(ctx, 0, &plan.Draft{Plan: plan.Plan{Title: "Kế hoạch", Status: plan.PlanActive}}); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openStore(t)
			tc.seed(t, s)
			before := countAll(t, s)
			_, err := Load(ctx, s)
			if err == nil || !strings.Contains(err.Error(), "new database") {
				t.Errorf("Load = %v, want a refusal saying demo data goes into a new database", err)
			}
			if got := countAll(t, s); got != before {
				t.Errorf("after the refused Load: %+v, want %+v", got, before)
			}
		})
	}
}

// TestProvinceAgencies: the demo register is well-formed: 33 agencies,
// unique names and short names, parents listed before their children.
func TestProvinceAgencies(t *testing.T) {
	if len(provinceAgencies) != 33 {
		t.Errorf("%d agencies, want 33", len(provinceAgencies))
	}
	names := map[string]bool{}
	for i, pa := range provinceAgencies {
		for _, n := range []string{pa.Name, pa.ShortName} {
			if n != "" && names[n] {
				t.Errorf("name %q repeated", n)
			}
			names[n] = true
		}
		if pa.parent >= i {
			t.Errorf("%q: parent index %d is not before it", pa.Name, pa.parent)
		}
		if pa.Kind == "" {
			t.Errorf("%q has no kind", pa.Name)
		}
	}
}

// BenchmarkImportReferencePlan is the issue's "import of the reference
// plan ≤ 100 ms", measured as `tiendo plan import` does it: read the
// agency register from the store, parse the TXT against it (the demo's 33
// agencies), and store the draft as a new plan in SQLite (one transaction:
// sections, 63 tasks, their agencies and cited documents). Each iteration
// stores a fresh plan; the draft's code is empty, as parsed, so plans never
// collide. The database grows by one plan per iteration, as a real one does.
func BenchmarkImportReferencePlan(b *testing.B) {
	ctx := context.Background()
	s := openStore(b)
	ids := make([]int64, len(provinceAgencies)) // the demo register, as Load stores it
	for i, pa := range provinceAgencies {
		a := pa.Agency
		if pa.parent >= 0 {
			a.ParentID = ids[pa.parent]
		}
		if err := s.CreateAgency(ctx, 0, &a); err != nil {
			b.Fatal(err)
		}
		ids[i] = a.ID
	}
	b.SetBytes(int64(len(ReferencePlan)))
	b.ReportAllocs()
	for b.Loop() {
		list, err := s.Agencies(ctx)
		if err != nil {
			b.Fatal(err)
		}
		res, err := planimport.Parse("ca-mau-kh-nq71.txt", ReferencePlan, planimport.Options{Agencies: list})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Draft.Tasks) != 63 || res.Draft.Plan.Code != "" {
			b.Fatalf("%d tasks, code %q", len(res.Draft.Tasks), res.Draft.Plan.Code)
		}
		res.Draft.Plan.Status = plan.PlanActive
		if _, err := s.CreatePlan(ctx, 0, &res.Draft); err != nil {
			b.Fatal(err)
		}
	}
}
