package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestNoWordsForPeople: the store is SQL and nothing else. The words people
// read (messages, labels) are composed above it, by the use cases
// (internal/app) or the domain packages, from the typed errors and values
// the store returns. A string literal with a Vietnamese letter in a
// non-test file of the store (or of its migrations' Go code) fails here;
// comments may say what they like.
func TestNoWordsForPeople(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if ok && lit.Kind == token.STRING && hasVietnamese(lit.Value) {
				t.Errorf("%s: a string for people in the store: %s", fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
	}
}

// hasVietnamese reports whether s holds a letter outside ASCII: every
// Vietnamese word with a diacritic (and đ) has one.
func hasVietnamese(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
