// Package demo loads the demonstration data of `tiendo serve --demo`: the
// province's agencies, the reference plan (Cà Mau, embedded in the binary so
// the demo works offline from any directory) and one account per role.
package demo

import (
	"context"
	"crypto/rand"
	_ "embed"
	"fmt"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/planimport"
	"tiendo/internal/store"
)

// ReferencePlan is the Cà Mau plan implementing Resolution 71/NQ-CP, as
// plain text: the demo data and the importer's reference input.
//
//go:embed ca-mau-kh-nq71.txt
var ReferencePlan []byte

// Account is a demo sign-in, printed once when the demo database is created.
type Account struct {
	Username string
	Password string
	Role     auth.Role
	Agency   string // the agency's name, "" for roles without one
}

// Result tells what Load created.
type Result struct {
	PlanID         int64
	Tasks          int
	Assigned       int // tasks whose lead agency the text names
	SampleAssigned int // tasks given a sample lead agency (phân công mẫu)
	Accounts       []Account
}

// Load fills an empty database with the demo data. It refuses a database
// that already holds plans, agencies or users, so that a real register is
// never mixed with sample data, and so that it never stops half-way (on a
// taken agency name or username) leaving a plan without its accounts.
func Load(ctx context.Context, s *store.Store) (*Result, error) {
	plans, err := s.Plans(ctx)
	if err != nil {
		return nil, err
	}
	agencies, err := s.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	users, err := s.Users(ctx)
	if err != nil {
		return nil, err
	}
	if len(plans) > 0 || len(agencies) > 0 || len(users) > 0 {
		return nil, fmt.Errorf("demo: the database already holds %d plan(s), %d agencies and %d users; demo data is loaded only into a new database",
			len(plans), len(agencies), len(users))
	}
	ids := make([]int64, len(provinceAgencies))
	var list []agency.Agency
	for i, pa := range provinceAgencies {
		a := pa.Agency
		if pa.parent >= 0 {
			a.ParentID = ids[pa.parent]
		}
		if err := s.CreateAgency(ctx, 0, &a); err != nil {
			return nil, fmt.Errorf("demo: agency %q: %w", a.Name, err)
		}
		ids[i] = a.ID
		list = append(list, a)
	}
	res, err := planimport.Parse("ca-mau-kh-nq71.txt", ReferencePlan, planimport.Options{Agencies: list})
	if err != nil {
		return nil, fmt.Errorf("demo: reference plan: %w", err)
	}
	byName := func(name string) (int64, string) {
		for _, a := range list {
			if a.Name == name {
				return a.ID, a.Name
			}
		}
		panic("demo: unknown agency " + name) // the lists are fixed; a typo is a programming error
	}
	idOf := func(name string) int64 { id, _ := byName(name); return id }
	d := &res.Draft
	d.Plan.Issuer = "Ủy ban nhân dân tỉnh Cà Mau"
	d.Plan.Status = plan.PlanActive
	out := &Result{Tasks: len(d.Tasks)}
	for _, t := range d.Tasks {
		if t.LeadAgencyID != 0 {
			out.Assigned++
		}
	}
	out.SampleAssigned = assignSamples(d, idOf)
	planID, err := s.CreatePlan(ctx, 0, d)
	if err != nil {
		return nil, fmt.Errorf("demo: store reference plan: %w", err)
	}
	out.PlanID = planID
	for _, u := range []struct {
		name, full string
		role       auth.Role
		agency     string
	}{
		{"quantri", "Quản trị hệ thống", auth.RoleAdmin, ""},
		{"dieuphoi", "Chuyên viên điều phối Sở KH&CN", auth.RoleCoordinator, "Sở Khoa học và Công nghệ"},
		{"lanhdao.sotc", "Lãnh đạo Sở Tài chính", auth.RoleHead, "Sở Tài chính"},
		{"chuyenvien.sotc", "Chuyên viên Sở Tài chính", auth.RoleOfficer, "Sở Tài chính"},
		{"lanhdaotinh", "Lãnh đạo UBND tỉnh", auth.RoleLeader, ""},
	} {
		pw := newPassword()
		hash, err := auth.HashPassword(pw)
		if err != nil {
			return nil, err
		}
		user := &auth.User{Username: u.name, FullName: u.full, Role: u.role}
		acc := Account{Username: u.name, Password: pw, Role: u.role}
		if u.agency != "" {
			user.AgencyID, acc.Agency = byName(u.agency)
		}
		if err := s.CreateUser(ctx, 0, user, hash); err != nil {
			return nil, fmt.Errorf("demo: user %s: %w", u.name, err)
		}
		out.Accounts = append(out.Accounts, acc)
	}
	return out, nil
}

// newPassword returns a random password from crypto/rand (26 base32
// characters, 130 bits), printed once on the console.
func newPassword() string { return rand.Text() }
