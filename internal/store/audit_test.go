package store

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/indicator"
	"tiendo/internal/plan"
)

// TestAuditEveryWrite checks that each write method leaves one audit row
// naming the actor, the action and the object, with JSON detail.
func TestAuditEveryWrite(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		admin := auth.User{Username: "admin", Role: auth.RoleAdmin}
		must(t, s.CreateUser(ctx, 0, &admin, "x"))
		me := admin.ID
		a := agency.Agency{Name: "Sở Y tế", Kind: agency.KindDepartment}
		must(t, s.CreateAgency(ctx, me, &a))
		must(t, s.UpdateAgency(ctx, me, &a))
		d := sampleDraft(agencyIDs{})
		_, err := s.CreatePlan(ctx, me, d)
		must(t, err)
		must(t, s.UpdatePlan(ctx, me, &d.Plan))
		tk := plan.Task{SectionID: d.Sections[2].ID, Text: "Mới"}
		must(t, s.CreateTask(ctx, me, &tk))
		tk.Title = "Đổi"
		must(t, s.UpdateTask(ctx, me, &tk))
		must(t, s.CreateIndicator(ctx, me, &indicator.Indicator{PlanID: d.Plan.ID, Code: "CT1", Name: "x"}))
		u := auth.User{Username: "u", Role: auth.RoleLeader}
		must(t, s.CreateUser(ctx, me, &u, "x"))
		must(t, s.SetPassword(ctx, me, u.ID, "y"))
		must(t, s.SetUserDisabled(ctx, me, u.ID, true))
		must(t, s.CreateToken(ctx, me, me, auth.HashToken("t"), "t", time.Time{}))
		must(t, s.RevokeToken(ctx, me, auth.HashToken("t")))

		entries, err := s.AuditEntries(ctx, 100)
		must(t, err)
		var actions []string
		for i, e := range entries {
			actions = append(actions, e.Action)
			if !json.Valid([]byte(e.Detail)) {
				t.Errorf("entry %d detail is not JSON: %q", i, e.Detail)
			}
			if e.At.IsZero() || e.Object == "" || e.ObjectID == 0 {
				t.Errorf("entry %d incomplete: %+v", i, e)
			}
			if e.Action != "user.create" || e.ObjectID != admin.ID {
				if e.UserID != me {
					t.Errorf("entry %d actor %d, want %d", i, e.UserID, me)
				}
			}
		}
		want := []string{"token.revoke", "token.create", "user.disable", "user.password", "user.create",
			"indicator.create", "task.update", "task.create", "plan.update", "plan.create",
			"agency.update", "agency.create", "user.create"}
		if !reflect.DeepEqual(actions, want) {
			t.Errorf("actions newest first\n got %q\nwant %q", actions, want)
		}
		if last, err := s.AuditEntries(ctx, 2); err != nil || len(last) != 2 || last[0].ID != entries[0].ID {
			t.Errorf("AuditEntries(2) = %v, %v", last, err)
		}
	})
}

// TestChangesAddAsJSON: changes.add records a field exactly when the
// JSON of its values differ, whether or not its shortcut for plainly equal
// values (sameValue) answers.
func TestChangesAddAsJSON(t *testing.T) {
	pairs := [][2]any{
		{nil, nil}, {nil, ""}, {"", nil}, {"", ""}, {"a", "a"}, {"a", "b"}, {"\xff", "\xfe"},
		{1, 1}, {1, 2}, {1, int64(1)}, {int64(3), int64(3)}, {int64(3), int64(4)}, {true, true}, {true, false},
		{[]int64(nil), []int64(nil)}, {[]int64(nil), []int64{}}, {[]int64{}, []int64{}}, {[]int64{1, 2}, []int64{1, 2}},
		{[]int64{1, 2}, []int64{2, 1}}, {[]string(nil), []string{}}, {[]string{"a"}, []string{"a"}}, {[]string{"a"}, []string{"b"}},
		{plan.DeadlineDate, plan.DeadlineDate}, {plan.DeadlineDate, "date"}, {1.0, 1}, {nil, []int64(nil)},
	}
	for _, p := range pairs {
		c := changes{}
		c.add("f", p[0], p[1])
		b, _ := json.Marshal(p[0])
		a, _ := json.Marshal(p[1])
		if _, got := c["f"]; got != (string(a) != string(b)) {
			t.Errorf("add(%#v, %#v) recorded %v; JSON %s and %s", p[0], p[1], got, b, a)
		}
	}
}
