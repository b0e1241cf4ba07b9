package api

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi/datamodel"
)

// TestOpenAPILint lints the served document: libopenapi-validator checks it
// against the OpenAPI 3.1 specification's own schema, then the rules below
// (those of the usual linters' recommended sets — vacuum, Spectral's oas —
// that a reviewer's run flagged or that this API promises) are checked on
// libopenapi's model of it. No maintained Go linter with those rule sets
// is served by the module proxy here, so they are written out.
func TestOpenAPILint(t *testing.T) {
	a, _ := registered(t)
	doc, err := libopenapi.NewDocumentWithConfiguration(a.openapi,
		&datamodel.DocumentConfiguration{IgnoreArrayCircularReferences: true})
	if err != nil {
		t.Fatal(err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("building the validator: %v", errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		for _, e := range verrs {
			t.Errorf("the document breaks the OpenAPI 3.1 schema: %s: %s", e.Message, e.Reason)
			for _, se := range e.SchemaValidationErrors {
				t.Errorf("  %s: %s", se.FieldPath, se.Reason)
			}
		}
	}
	m, err := doc.BuildV3Model()
	if err != nil {
		t.Fatal(err)
	}
	info := m.Model.Info
	if info.Description == "" {
		t.Error("info-description: info has no description")
	}
	if info.Contact == nil || info.Contact.Name == "" && info.Contact.Email == "" && info.Contact.URL == "" {
		t.Error("info-contact: info has no contact")
	}
	if info.License == nil || info.License.Name == "" || info.License.URL == "" && info.License.Identifier == "" {
		t.Error("info-license: info has no licence with a name and an identifier or URL")
	}
	tags := map[string]bool{}
	for _, tg := range m.Model.Tags {
		tags[tg.Name] = true
	}
	ids := map[string]string{}
	pathParam := regexp.MustCompile(`\{([^}]+)\}`)
	for path, item := range m.Model.Paths.PathItems.FromOldest() {
		for method, op := range item.GetOperations().FromOldest() {
			key := strings.ToUpper(method) + " " + path
			switch {
			case op.OperationId == "":
				t.Errorf("operation-operationId: %s has none", key)
			case ids[op.OperationId] != "":
				t.Errorf("operation-operationId-unique: %s and %s share %q", key, ids[op.OperationId], op.OperationId)
			}
			ids[op.OperationId] = key
			if op.Summary == "" || op.Description == "" {
				t.Errorf("operation-description: %s lacks a summary or a description", key)
			}
			if len(op.Tags) == 0 {
				t.Errorf("operation-tags: %s has no tag", key)
			}
			for _, tg := range op.Tags {
				if !tags[tg] {
					t.Errorf("operation-tag-defined: %s uses tag %q, not in the document's tags", key, tg)
				}
			}
			var codes []string
			for code := range op.Responses.Codes.KeysFromOldest() {
				codes = append(codes, code)
			}
			if !slices.ContainsFunc(codes, func(c string) bool { return c[0] == '2' }) {
				t.Errorf("operation-success-response: %s has no 2xx answer", key)
			}
			if !slices.ContainsFunc(codes, func(c string) bool { return c[0] == '4' }) {
				t.Errorf("operation-4xx-response: %s has no 4xx answer", key)
			}
			// Every write passes the per-user write limit (api.allowWrite).
			if method != "get" {
				r := op.Responses.Codes.GetOrZero("429")
				if r == nil {
					t.Errorf("%s is a write and does not document 429 rate_limited", key)
				} else if h := r.Headers.GetOrZero("Retry-After"); h == nil || !h.Required {
					t.Errorf("%s: its 429 does not require the Retry-After header", key)
				}
			}
			declared := map[string]bool{}
			for _, p := range append(slices.Clone(item.Parameters), op.Parameters...) {
				if p.In == "path" {
					declared[p.Name] = true
				}
			}
			for _, want := range pathParam.FindAllStringSubmatch(path, -1) {
				if !declared[want[1]] {
					t.Errorf("path-params: %s does not declare the path parameter %q", key, want[1])
				}
			}
		}
	}
	if len(ids) < 40 {
		t.Errorf("only %d operations linted", len(ids))
	}
}
