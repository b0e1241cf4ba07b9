package api

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestErrorCodesListed: every error code declared in errors.go is in
// errorCodes, and the document's enum of error.code is that list, so a
// code added to the code and not to the list fails here, before a client
// meets it.
func TestErrorCodesListed(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var declared []string
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		for i, name := range vs.Names {
			if !strings.HasPrefix(strings.ToLower(name.Name), "code") || i >= len(vs.Values) {
				continue
			}
			if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				declared = append(declared, s)
			}
		}
		return true
	})
	listed := errorCodes()
	if len(declared) < 12 {
		t.Fatalf("found only %v in errors.go; has the declaration moved?", declared)
	}
	for _, c := range declared {
		if !slices.Contains(listed, c) {
			t.Errorf("code %q is declared but not in errorCodes (nor in the document's enum)", c)
		}
	}
	if len(listed) != len(declared) {
		t.Errorf("errorCodes has %d codes, errors.go declares %d: %v", len(listed), len(declared), listed)
	}
	_, routes := registered(t)
	enum := openapiDoc(routes)["components"].(obj)["schemas"].(obj)["Error"].(obj)["properties"].(obj)["error"].(obj)["properties"].(obj)["code"].(obj)["enum"].([]any)
	for _, c := range listed {
		if !slices.Contains(enum, any(c)) {
			t.Errorf("code %q is missing from the document's enum", c)
		}
	}
	for _, c := range []string{"token_scope", "cross_origin", "rate_limited"} {
		if !slices.Contains(enum, any(c)) {
			t.Errorf("the server sends %q; the enum lacks it", c)
		}
	}
}
