package reporting

import (
	"errors"
	"testing"

	"tiendo/internal/auth"
	"tiendo/internal/plan"
)

func TestCheckExtension(t *testing.T) {
	e := Extension{Kind: ExtendDeadline, Reason: " Chờ bố trí kinh phí ", DeadlineText: "Quý IV/2026", Title: "x"}
	if err := CheckExtension(&e); err != nil {
		t.Fatal(err)
	}
	if !e.Deadline.Due.Equal(d(2026, 12, 31)) || e.Deadline.Kind != plan.DeadlineQuarter || e.Reason != "Chờ bố trí kinh phí" || e.Title != "" {
		t.Errorf("parsed %+v", e)
	}
	for _, c := range []struct {
		e     Extension
		field string
	}{
		{Extension{Kind: ExtendDeadline, DeadlineText: "Quý IV/2026"}, "reason"},
		{Extension{Kind: ExtendDeadline, Reason: "x"}, "deadline_text"},
		{Extension{Kind: ExtendDeadline, Reason: "x", DeadlineText: "khi nào xong"}, "deadline_text"},
		{Extension{Kind: AmendContent, Reason: "x"}, "text"},
		{Extension{Kind: "other", Reason: "x"}, "kind"},
	} {
		var ie *InvalidError
		if err := CheckExtension(&c.e); !errors.As(err, &ie) || ie.Fields[c.field] == "" {
			t.Errorf("%+v: %v, want a message for %s", c.e, err, c.field)
		}
	}
	a := Extension{Kind: AmendContent, Reason: "Điều chỉnh sản phẩm", Product: "Báo cáo đánh giá", DeadlineText: "2027"}
	if err := CheckExtension(&a); err != nil || a.DeadlineText != "" {
		t.Errorf("amendment %v %+v", err, a)
	}
}

func TestExtensionRules(t *testing.T) {
	task := &plan.Task{ID: 1, LeadAgencyID: 1}
	head := &auth.User{Role: auth.RoleHead, AgencyID: 1}
	for _, c := range []struct {
		u    *auth.User
		want error
	}{
		{head, nil},
		{&auth.User{Role: auth.RoleOfficer, AgencyID: 1}, nil},
		{&auth.User{Role: auth.RoleHead, AgencyID: 2}, ErrNotAssigned},
		{&auth.User{Role: auth.RoleCoordinator}, ErrAgencyOnly},
		{nil, ErrForbidden},
	} {
		if err := CanRequestExtension(c.u, task); !errors.Is(err, c.want) || c.want == nil && err != nil {
			t.Errorf("request by %+v: %v, want %v", c.u, err, c.want)
		}
	}
	coord := &auth.User{Role: auth.RoleCoordinator}
	pending := &Extension{State: ExtensionPending, AgencyID: 1}
	for _, c := range []struct {
		u       *auth.User
		e       *Extension
		approve bool
		note    string
		want    error
	}{
		{coord, pending, true, "", nil},
		{coord, pending, false, "Không có cơ sở", nil},
		{coord, pending, false, " ", ErrNoteRequired},
		{coord, &Extension{State: ExtensionApproved}, true, "", ErrDecided},
		{head, pending, true, "", ErrReviewOnly},
		{&auth.User{Role: auth.RoleAdmin}, pending, true, "", nil},
	} {
		if err := CanDecideExtension(c.u, c.e, c.approve, c.note); !errors.Is(err, c.want) || c.want == nil && err != nil {
			t.Errorf("decide by %s: %v, want %v", c.u.Role, err, c.want)
		}
	}
	if CanViewExtension(&auth.User{Role: auth.RoleOfficer, AgencyID: 2}, pending) == nil || CanViewExtension(&auth.User{Role: auth.RoleLeader}, pending) != nil {
		t.Error("view rules")
	}
}

func TestExtensionApply(t *testing.T) {
	orig := plan.Deadline{Kind: plan.DeadlineQuarter, Text: "Quý II/2026", Due: d(2026, 6, 30)}
	tk := plan.Task{Title: "A", Text: "Nội dung", Product: "P", Deadline: orig}
	e := Extension{Kind: ExtendDeadline, Deadline: plan.Deadline{Kind: plan.DeadlineYear, Text: "năm 2026", Due: d(2026, 12, 31)}}
	e.Apply(&tk)
	if tk.Deadline != e.Deadline || tk.OriginalDeadline != orig {
		t.Errorf("after the first extension: %+v / %+v", tk.Deadline, tk.OriginalDeadline)
	}
	second := Extension{Kind: ExtendDeadline, Deadline: plan.Deadline{Kind: plan.DeadlineDate, Text: "31/3/2027", Due: d(2027, 3, 31)}}
	second.Apply(&tk)
	if tk.OriginalDeadline != orig || !tk.Deadline.Due.Equal(d(2027, 3, 31)) {
		t.Error("the original deadline must survive a second extension")
	}
	amend := Extension{Kind: AmendContent, Product: "Sản phẩm mới"}
	amend.Apply(&tk)
	if tk.Product != "Sản phẩm mới" || tk.Title != "A" || tk.Text != "Nội dung" {
		t.Errorf("amended %+v", tk)
	}
}
