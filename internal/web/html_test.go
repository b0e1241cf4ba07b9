package web_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A tiny CSS selector engine over golang.org/x/net/html, enough for tests
// to check pages by structure rather than by substrings: compound selectors
// (tag, #id, .class, [attr], [attr=value], [attr*=value]) joined by
// descendant (space) or child (>) combinators, and selector lists (a, b).

type doc struct {
	t    testing.TB
	root *html.Node
}

func parseHTML(t testing.TB, body string) *doc {
	t.Helper()
	n, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return &doc{t: t, root: n}
}

// all returns the elements matching sel, in document order.
func (d *doc) all(sel string) []*html.Node {
	var out []*html.Node
	for _, alt := range strings.Split(sel, ",") {
		steps := parseSelector(d.t, strings.TrimSpace(alt))
		walk(d.root, func(n *html.Node) {
			if n.Type == html.ElementNode && matchSteps(n, steps, len(steps)-1) {
				out = append(out, n)
			}
		})
	}
	return out
}

// one returns the first element matching sel, failing the test when none does.
func (d *doc) one(sel string) *html.Node {
	d.t.Helper()
	nodes := d.all(sel)
	if len(nodes) == 0 {
		d.t.Fatalf("no element matches %q", sel)
	}
	return nodes[0]
}

// text is the text content of the first element matching sel, spaces collapsed.
func (d *doc) text(sel string) string {
	d.t.Helper()
	return textOf(d.one(sel))
}

// count is how many elements match sel.
func (d *doc) count(sel string) int { return len(d.all(sel)) }

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

type attrTest struct {
	key, op, val string // op: "" (present), "=", "*="
}

type compound struct {
	tag     string
	id      string
	classes []string
	attrs   []attrTest
	child   bool // joined to the previous step by ">"
}

func parseSelector(t testing.TB, s string) []compound {
	t.Helper()
	var steps []compound
	child := false
	for _, tok := range tokenize(s) {
		if tok == ">" {
			child = true
			continue
		}
		c := compound{child: child}
		child = false
		rest := tok
		for rest != "" {
			switch rest[0] {
			case '#', '.':
				end := strings.IndexAny(rest[1:], "#.[")
				if end < 0 {
					end = len(rest) - 1
				}
				name := rest[1 : end+1]
				if rest[0] == '#' {
					c.id = name
				} else {
					c.classes = append(c.classes, name)
				}
				rest = rest[end+1:]
			case '[':
				end := strings.IndexByte(rest, ']')
				if end < 0 {
					t.Fatalf("bad selector %q", s)
				}
				c.attrs = append(c.attrs, parseAttr(rest[1:end]))
				rest = rest[end+1:]
			default:
				end := strings.IndexAny(rest, "#.[")
				if end < 0 {
					end = len(rest)
				}
				c.tag = rest[:end]
				rest = rest[end:]
			}
		}
		steps = append(steps, c)
	}
	return steps
}

// tokenize splits a selector on spaces and ">", keeping [..] together.
func tokenize(s string) []string {
	var out []string
	var cur strings.Builder
	depth := 0
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == '[':
			depth++
			cur.WriteRune(r)
		case r == ']':
			depth--
			cur.WriteRune(r)
		case depth == 0 && r == ' ':
			flush()
		case depth == 0 && r == '>':
			flush()
			out = append(out, ">")
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

func parseAttr(s string) attrTest {
	for _, op := range []string{"*=", "="} {
		if i := strings.Index(s, op); i >= 0 {
			return attrTest{key: s[:i], op: op, val: strings.Trim(s[i+len(op):], `"'`)}
		}
	}
	return attrTest{key: s}
}

func (c compound) match(n *html.Node) bool {
	if c.tag != "" && c.tag != "*" && n.Data != c.tag {
		return false
	}
	if c.id != "" && attr(n, "id") != c.id {
		return false
	}
	classes := strings.Fields(attr(n, "class"))
	for _, want := range c.classes {
		found := false
		for _, have := range classes {
			found = found || have == want
		}
		if !found {
			return false
		}
	}
	for _, a := range c.attrs {
		switch a.op {
		case "":
			if !hasAttr(n, a.key) {
				return false
			}
		case "=":
			if !hasAttr(n, a.key) || attr(n, a.key) != a.val {
				return false
			}
		case "*=":
			if !strings.Contains(attr(n, a.key), a.val) {
				return false
			}
		}
	}
	return true
}

// matchSteps reports whether n matches steps[i] and its ancestors match the steps before.
func matchSteps(n *html.Node, steps []compound, i int) bool {
	if !steps[i].match(n) {
		return false
	}
	if i == 0 {
		return true
	}
	for p := n.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		if matchSteps(p, steps, i-1) {
			return true
		}
		if steps[i].child {
			return false
		}
	}
	return false
}

func TestSelectorHelper(t *testing.T) {
	d := parseHTML(t, `<div id="a" class="x y"><p class="z" data-k="v1">one <b>two</b></p></div><p class="z">three</p>`)
	cases := []struct {
		sel  string
		want int
	}{
		{"p", 2}, {"div p", 1}, {"div > p", 1}, {"div > b", 0}, {"div b", 1}, {"#a.x.y", 1}, {".x.q", 0},
		{"p[data-k]", 1}, {"p[data-k=v1]", 1}, {"p[data-k=v2]", 0}, {"p[data-k*=1]", 1}, {"b, #a", 2},
	}
	for _, c := range cases {
		if got := d.count(c.sel); got != c.want {
			t.Errorf("count(%q) = %d, want %d", c.sel, got, c.want)
		}
	}
	if got := d.text("#a p"); got != "one two" {
		t.Errorf("text = %q", got)
	}
}
