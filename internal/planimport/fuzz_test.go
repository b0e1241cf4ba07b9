package planimport

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// Seed corpora live in testdata/fuzz/<target>/; run a target with
//
//	go test ./internal/planimport -run '^$' -fuzz FuzzParseTXT -fuzztime 60s

func FuzzParseTXT(f *testing.F) {
	f.Add([]byte("KẾ HOẠCH\nTÊN\nI. NHIỆM VỤ\n1. Nhóm\n1.1. Mục\na) Việc\n- Chủ trì: Sở Y tế\n+ ý\n"))
	f.Add([]byte("\xff\xfeK\x00\n\x00I\x00.\x00 \x00X\x00"))
	opts := Options{Agencies: testAgencies()}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParse(t, "f.txt", data, opts)
	})
}

// FuzzParseDOCX fuzzes the body of word/document.xml inside a valid
// package, with numbering and styles, where the reader's own logic is.
func FuzzParseDOCX(f *testing.F) {
	f.Add([]byte(wordParas("KẾ HOẠCH", "TÊN", "I. NHIỆM VỤ", "Việc một.")))
	f.Add([]byte(numbered("1", "0", "NHIỆM VỤ") + numbered("1", "3", "Việc") + `<w:tbl><w:tr>` + tc("STT") + tc("Nhiệm vụ") + tc("Chủ trì") + `</w:tr></w:tbl>`))
	opts := Options{Agencies: testAgencies()}
	f.Fuzz(func(t *testing.T, body []byte) {
		data := buildDOCX(t, string(body), docxPart{"word/numbering.xml", numberingXML}, docxPart{"word/styles.xml", stylesXML})
		checkParse(t, "f.docx", data, opts)
	})
}

func FuzzParseXLSX(f *testing.F) {
	f.Add("STT|Nhiệm vụ|Chủ trì|Thời hạn\nI|NHÓM\n1|Việc|Sở Y tế|Quý II/2025")
	opts := Options{Agencies: testAgencies()}
	f.Fuzz(func(t *testing.T, grid string) {
		if len(grid) > 4096 {
			return
		}
		data := buildXLSX(t, func(x *excelize.File, s string) {
			for r, row := range strings.Split(grid, "\n") {
				for c, v := range strings.Split(row, "|") {
					if c >= 16 || r >= 64 {
						continue
					}
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					if !utf8.ValidString(v) || len(v) > 32767 {
						continue
					}
					if err := x.SetCellStr(s, cell, v); err != nil {
						t.Skip(err)
					}
				}
			}
		})
		checkParse(t, "f.xlsx", data, opts)
	})
}

// checkParse runs Parse and checks what must hold for any input: no
// panic, errors are *Error with a message, drafts are well formed.
func checkParse(t *testing.T, name string, data []byte, opts Options) {
	res, err := Parse(name, data, opts)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Code == "" || e.Message == "" {
			t.Fatalf("error %v (%T) is not a proper *Error", err, err)
		}
		return
	}
	checkDraft(t, res)
}

func checkDraft(t *testing.T, res *Result) {
	t.Helper()
	d := res.Draft
	labels := map[string]bool{}
	text := func(what, s string) {
		if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
			t.Fatalf("%s is not valid NFC: %q", what, s)
		}
	}
	total := 0
	for i, s := range d.Sections {
		if s.Parent < -1 || s.Parent >= i {
			t.Fatalf("section %d has parent %d", i, s.Parent)
		}
		if s.Label == "" || labels[s.Label] {
			t.Fatalf("section %d label %q empty or repeated", i, s.Label)
		}
		labels[s.Label] = true
		if s.Ord < 1 {
			t.Fatalf("section %s ord %d", s.Label, s.Ord)
		}
		text("title", s.Title)
		text("body", s.Body)
		if s.Parent == -1 {
			total += s.TaskCount
		}
	}
	if total != len(d.Tasks) {
		t.Fatalf("top-level task counts sum to %d, want %d", total, len(d.Tasks))
	}
	for i, tk := range d.Tasks {
		if tk.Section < 0 || tk.Section >= len(d.Sections) {
			t.Fatalf("task %d in section %d", i, tk.Section)
		}
		if tk.Text == "" || tk.Ord < 1 {
			t.Fatalf("task %d: %+v", i, tk.Task)
		}
		text("task", tk.Text)
	}
	text("title", d.Plan.Title)
}
