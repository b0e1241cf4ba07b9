package api_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	"github.com/pb33f/libopenapi-validator/paths"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	"github.com/pb33f/libopenapi/datamodel"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"

	"tiendo/internal/auth"
)

// The contract test: every response the API tests receive through env.do
// (and the few requests they send by hand) is validated against the served
// OpenAPI document by a maintained validator (pb33f/libopenapi-validator,
// OpenAPI 3.1, JSON Schema 2020-12), so a response that drifts from its
// documented schema — a field renamed, a status or an error code
// undocumented — fails CI in whichever test first receives it. When the
// whole package runs, TestMain also fails if a documented operation was
// never answered, so that "every response" stays true as operations come.
//
// The validator is built once per test binary, from the document the first
// env serves: it compiles each schema once (its schema cache is on by
// default and warmed when it is built), so a check costs a path lookup and
// one compiled-schema validation, about 0.3 s of CPU for the whole package.

// contract holds the validator of the served document and what it saw.
var contract struct {
	once  sync.Once
	model *v3.Document
	v     validator.Validator
	err   error

	mu      sync.Mutex
	seen    map[string]bool // "METHOD /template" of each operation answered
	checked int             // answers validated
}

// buildContract reads the document h serves and builds the validator.
func buildContract(h http.Handler) {
	doc := httptest.NewRecorder()
	h.ServeHTTP(doc, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	// DashboardGroup holds its subgroups: an array of itself, which
	// terminates (an empty array), so array self-references are allowed.
	d, err := libopenapi.NewDocumentWithConfiguration(doc.Body.Bytes(),
		&datamodel.DocumentConfiguration{IgnoreArrayCircularReferences: true})
	if err != nil {
		contract.err = err
		return
	}
	m, err := d.BuildV3Model()
	if err != nil {
		contract.err = err
		return
	}
	contract.model = &m.Model
	contract.v = validator.NewValidatorFromV3Model(&m.Model)
	contract.seen = map[string]bool{}
}

// checkContract validates rec, the answer to req, against the document.
func (e *env) checkContract(req *http.Request, rec *httptest.ResponseRecorder) {
	e.t.Helper()
	contract.once.Do(func() { buildContract(e.h) })
	if contract.err != nil {
		e.t.Fatalf("the OpenAPI document cannot be validated against: %v", contract.err)
	}
	if msg := validateAnswer(req, rec.Code, rec.Header(), rec.Body.Bytes()); msg != "" {
		e.t.Errorf("%s %s → %d does not match the OpenAPI document:%s\n%s", req.Method, req.URL.Path, rec.Code, msg, clip(rec.Body.Bytes()))
	}
}

// validateAnswer checks one answer; "" when it matches the document.
func validateAnswer(req *http.Request, status int, header http.Header, body []byte) string {
	_, perrs, template := paths.FindPath(req, contract.model, config.NewValidationOptions())
	if template == "" || len(perrs) > 0 {
		return checkUnrouted(status, body)
	}
	contract.mu.Lock()
	contract.seen[req.Method+" "+strings.TrimPrefix(template, "/api/v1")] = true
	contract.checked++
	contract.mu.Unlock()
	res := &http.Response{StatusCode: status, Header: header.Clone(), Body: io.NopCloser(bytes.NewReader(body)), Request: req}
	ok, errs := contract.v.ValidateHttpResponse(req, res)
	if ok {
		return ""
	}
	var b strings.Builder
	for _, ve := range errs {
		b.WriteString("\n  " + ve.Message + ": " + ve.Reason)
		for _, se := range ve.SchemaValidationErrors {
			b.WriteString("\n    " + se.FieldPath + ": " + se.Reason)
		}
	}
	return b.String()
}

// checkUnrouted: a path or method the document does not have is answered
// 404 not_found or 405 method_not_allowed, in the documented Error shape.
func checkUnrouted(status int, body []byte) string {
	var env struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	_ = json.Unmarshal(body, &env)
	want := map[int]string{http.StatusNotFound: "not_found", http.StatusMethodNotAllowed: "method_not_allowed"}[status]
	if want == "" || env.Error.Code != want {
		return fmt.Sprintf("\n  an operation the document lacks answered %d %q; want 404 not_found or 405 method_not_allowed", status, env.Error.Code)
	}
	schema := contract.model.Components.Schemas.GetOrZero("Error").Schema()
	if ok, errs := schema_validation.NewSchemaValidator().ValidateSchemaBytes(schema, body); !ok {
		var b strings.Builder
		for _, ve := range errs {
			b.WriteString("\n  " + ve.Message + ": " + ve.Reason)
		}
		return b.String()
	}
	return ""
}

func clip(b []byte) []byte {
	if len(b) > 2000 {
		return append(b[:2000:2000], "…"...)
	}
	return b
}

// TestMain runs the tests, then, when the whole package ran, fails if an
// operation of the document was never answered in them.
func TestMain(m *testing.M) {
	code := m.Run()
	whole := flag.Lookup("test.run").Value.String() == "" && flag.Lookup("test.skip").Value.String() == "" && !testing.Short()
	if code == 0 && whole && contract.model != nil {
		var missing []string
		for p := range contract.model.Paths.PathItems.FromOldest() {
			_, item := p, contract.model.Paths.PathItems.GetOrZero(p)
			for method := range item.GetOperations().FromOldest() {
				key := strings.ToUpper(method) + " " + p
				if !contract.seen[key] {
					missing = append(missing, key)
				}
			}
		}
		if testing.Verbose() {
			fmt.Printf("contract: %d answers of %d operations validated against the document\n", contract.checked, len(contract.seen))
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			fmt.Fprintf(os.Stderr, "contract: no test received an answer of %d documented operations:\n  %s\n",
				len(missing), strings.Join(missing, "\n  "))
			code = 1
		}
	}
	os.Exit(code)
}

// TestContractCatchesDrift: the contract check is not vacuous — a body
// that breaks its schema, an undocumented status and an unknown error code
// are each reported.
func TestContractCatchesDrift(t *testing.T) {
	e := newEnv(t)
	if r := e.do("GET", "/plans/{P1}", auth.RoleLeader, "", nil); r.Status != http.StatusOK {
		t.Fatalf("GET plan: %d", r.Status)
	}
	req := httptest.NewRequest("GET", "/api/v1"+e.path("/plans/{P1}"), nil)
	json := http.Header{"Content-Type": {"application/json; charset=utf-8"}}
	for name, c := range map[string]struct {
		status int
		body   string
	}{
		"a plan whose id is a string": {200, `{"id": "not a number"}`},
		"an undocumented status":      {418, `{"error":{"code":"internal","message":"…","fields":{}}}`},
		"an unknown error code":       {404, `{"error":{"code":"gone_fishing","message":"…","fields":{}}}`},
	} {
		if msg := validateAnswer(req, c.status, json, []byte(c.body)); msg == "" {
			t.Errorf("%s passed the contract", name)
		}
	}
	// A step's answer is exactly one of Report and ReportDetail: a summary
	// carrying one field of the whole report matches neither.
	step := httptest.NewRequest("POST", "/api/v1/reports/1/submit", nil)
	summary := `{"id":1,"plan_id":1,"period_id":1,"period_label":"Quý II/2025","agency_id":1,"agency_name":"Sở","revision":1,
		"current":true,"state":"submitted","state_label":"Đã gửi","due":"2025-06-10","submitted_at":"2025-06-05T10:00:00+07:00",
		"on_time":true,"accepted_at":null,"returned_at":null,"return_reason":"","sample":false,"version":5}`
	if msg := validateAnswer(step, 200, json, []byte(summary)); msg != "" {
		t.Errorf("a report summary fails the contract:%s", msg)
	}
	mixed := strings.TrimSuffix(summary, "}") + `,"locked":false}`
	if msg := validateAnswer(step, 200, json, []byte(mixed)); msg == "" {
		t.Error("a summary with a field of the whole report passed: the oneOf branches are not exclusive")
	}
}
