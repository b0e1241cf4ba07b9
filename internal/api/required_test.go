package api_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"tiendo/internal/auth"
)

// TestRequiredBodyFields: the fields the server requires of an amendment,
// a reorganisation and a replacement are required in the document too —
// the validator refuses a body without each, as the server does with 422
// and fields.<name> — and a complete body passes both.
func TestRequiredBodyFields(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		name, path, full string
		missing          map[string]string // field left out → the field the 422 names
	}{
		{"amendment", "/plans/{P1}/amendments",
			`{"number":"215/QĐ-UBND","effective":"2025-07-01","remove":[{T6}]}`,
			map[string]string{"number": "number", "effective": "effective", "remove": "add"}},
		{"reorganisation", "/agencies/reorganisations?dry_run=1",
			`{"kind":"dissolve","from":[{NV}],"effective":"2025-07-01","decision":"12/QĐ-UBND"}`,
			map[string]string{"kind": "kind", "from": "from", "effective": "effective", "decision": "decision"}},
		{"replacement", "/plans/{P2}/replacement?dry_run=1", `{"replaces":{P1}}`,
			map[string]string{"replaces": "replaces"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.t = t
			if msg := requestAgainstDocument(e, c.path, c.full); msg != "" {
				t.Errorf("the complete body fails the document:%s", msg)
			}
			for left, want := range c.missing {
				body := withoutField(t, e.fill(c.full), left)
				if msg := requestAgainstDocument(e, c.path, body); msg == "" {
					t.Errorf("without %s: the document accepts %s", left, body)
				}
				r := e.do("POST", c.path, auth.RoleCoordinator, body, nil)
				if r.Status != http.StatusUnprocessableEntity || field(r, want) == "" {
					t.Errorf("without %s: %d %s, want 422 with fields.%s", left, r.Status, r.Raw, want)
				}
			}
		})
	}
	// The plan in the path is judged first: no such plan is 404.
	if r := e.do("POST", "/plans/987654/replacement", auth.RoleCoordinator, `{}`, nil); r.Status != http.StatusNotFound {
		t.Errorf("replacing into no plan, replaces missing: %d %s", r.Status, r.Raw)
	}
}

// requestAgainstDocument validates a coordinator's POST of body to path
// against the document's request schema; "" when it passes.
func requestAgainstDocument(e *env, path, body string) string {
	e.t.Helper()
	e.do("GET", "/openapi.json", "", "", nil) // builds the validator
	req := httptest.NewRequest("POST", "/api/v1"+e.path(path), strings.NewReader(e.fill(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.tokens[auth.RoleCoordinator])
	ok, errs := contract.v.ValidateHttpRequest(req)
	if ok {
		return ""
	}
	var b strings.Builder
	for _, ve := range errs {
		b.WriteString("\n  " + ve.Message + ": " + ve.Reason)
	}
	return b.String()
}

// withoutField removes the top-level member name from a JSON object.
func withoutField(t *testing.T, body, name string) string {
	t.Helper()
	start := strings.Index(body, `"`+name+`":`)
	if start < 0 {
		t.Fatalf("%s has no %s", body, name)
	}
	depth, end := 0, start
	for end = start; end < len(body); end++ {
		switch body[end] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		}
		if depth < 0 || depth == 0 && body[end] == ',' {
			break
		}
	}
	out := body[:start] + body[end:]
	out = strings.Replace(out, "{,", "{", 1)
	out = strings.Replace(out, ",}", "}", 1)
	return strings.Replace(out, ",,", ",", 1)
}
