package audit_test

import (
	"strings"
	"testing"
	"time"

	"tiendo/internal/audit"
)

// TestHashEncoding pins the documented encoding (docs/security/audit.md)
// so that an outside tool that follows it agrees with the store.
func TestHashEncoding(t *testing.T) {
	l := audit.Link{Seq: 1, Action: "plan.create", Object: "plan", ObjectID: 7, Detail: `{"a":1}`}
	l.At = time.Date(2026, 3, 1, 2, 3, 4, 5000, time.UTC)
	// Computed outside Go: Python's hashlib over the documented encoding.
	const want = "01e622224746b032f582b77cf307475d5252d4ed197833d8084ab1ab364c71f0"
	got := audit.Hash("", l)
	if got != want {
		t.Fatalf("hash = %s; want %s", got, want)
	}
	// Moving a byte between fields must change the hash (length prefixes).
	l2 := l
	l2.Action, l2.Object = "plan.createp", "lan"
	if audit.Hash("", l2) == got {
		t.Fatal("fields are not delimited")
	}
}

// chain builds n chained links and their hashes.
func chain(n int) ([]audit.Link, []string) {
	var links []audit.Link
	var hashes []string
	prev := ""
	for i := range n {
		l := audit.Link{Seq: int64(i + 1), At: time.Date(2026, 3, 1, 0, 0, i, 0, time.UTC), Action: "task.update", Object: "task", ObjectID: 1}
		prev = audit.Hash(prev, l)
		links, hashes = append(links, l), append(hashes, prev)
	}
	return links, hashes
}

// TestVerifier: an intact chain verifies; each way of tampering is named
// at the first link it breaks, with the reason a person reads.
func TestVerifier(t *testing.T) {
	links, hashes := chain(4)
	verify := func(links []audit.Link, hashes []string, headSeq int64, head string, unchained int64) audit.Verification {
		v := audit.NewVerifier(headSeq, head, unchained)
		for i, l := range links {
			if !v.Add(int64(i+10), l, hashes[i], hashes[i] != "") {
				break
			}
		}
		return v.Result()
	}
	if v := verify(links, hashes, 4, hashes[3], 0); v.Broken != nil || v.Entries != 4 {
		t.Fatalf("intact chain: %+v", v)
	}
	altered := append([]audit.Link(nil), links...)
	altered[2].Detail = `{"x":1}`
	cases := []struct {
		name   string
		v      audit.Verification
		seq    int64
		kind   audit.BreakKind
		reason string
	}{
		{"altered", verify(altered, hashes, 4, hashes[3], 0), 3, audit.Altered, "mã băm không khớp"},
		{"deleted", verify(append(links[:1:1], links[2:]...), append(hashes[:1:1], hashes[2:]...), 4, hashes[3], 0), 2, audit.Missing, "tiếp theo là bản ghi số 3"},
		{"cut tail", verify(links[:3], hashes[:3], 4, hashes[3], 0), 4, audit.CutTail, "đầu chuỗi ghi số 4 nhưng chuỗi chỉ có 3"},
		{"unchained", verify(links, hashes, 4, hashes[3], 2), 5, audit.Unchained, "2 bản ghi nằm ngoài chuỗi"},
		{"no hash", verify(links, append(hashes[:1:1], "", hashes[2], hashes[3]), 4, hashes[3], 0), 2, audit.Altered, "bị sửa"},
	}
	for _, c := range cases {
		b := c.v.Broken
		if b == nil || b.Seq != c.seq || b.Kind != c.kind || !strings.Contains(b.Reason(), c.reason) {
			t.Errorf("%s: broken %v; want seq %d, %s, %q", c.name, b, c.seq, c.kind, c.reason)
		}
	}
	if s := (&audit.Break{Seq: 1, ID: 1, Kind: audit.Altered}).String(); !strings.HasPrefix(s, "bản ghi số 1 (bản ghi id 1): ") {
		t.Errorf("String() = %q", s)
	}
}

func TestLabels(t *testing.T) {
	if got := audit.ActionLabel("report.submit"); got != "Gửi báo cáo" {
		t.Errorf("label %q", got)
	}
	if got := audit.ActionLabel("new.action"); got != "new.action" {
		t.Errorf("unknown action shown as %q", got)
	}
	for _, c := range []struct {
		r    audit.Row
		want string
	}{
		{audit.Row{}, "Hệ thống"},
		{audit.Row{Entry: audit.Entry{UserID: 3}, Username: "lan", FullName: "Trần Thị Lan"}, "Trần Thị Lan (lan)"},
		{audit.Row{Entry: audit.Entry{UserID: 3}, Username: "lan"}, "lan"},
	} {
		if got := c.r.Actor(); got != c.want {
			t.Errorf("Actor() = %q, want %q", got, c.want)
		}
	}
}

func TestFilterCheck(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2025, 7, day, 0, 0, 0, 0, time.UTC) }
	if p := (audit.Filter{From: d(2), To: d(1)}).Check(); p == "" {
		t.Error("a range ending before it starts passed")
	}
	if p := (audit.Filter{From: d(1), To: d(1), Object: "task"}).Check(); p != "" {
		t.Errorf("one day refused: %s", p)
	}
	if p := (audit.Filter{Object: strings.Repeat("x", 65)}).Check(); p == "" {
		t.Error("a long object passed")
	}
}
