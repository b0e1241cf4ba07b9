package planimport

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/agency"
)

// The corpus (testdata/corpus) holds one directory per layout the importer
// reads, written in the style of real plans but in our own words. Each
// holds the files of one import, in name order:
//
//	*.txt        a text file, read as it is;
//	*.docx.txt   a Word file, built by corpusDOCX from the text;
//	*.xlsx.txt   an Excel file, built by corpusXLSX from the text;
//
// and want.txt, counted by hand from the documents: the plan's metadata,
// then one line per task in document order —
//
//	SECTION | LEAD | DEADLINE | TITLE
//
// LEAD is the register's agency, "?Name" for a name the register does
// not know, "-" for none; DEADLINE is the deadline's words, "-" for none;
// TITLE is how the task's title starts. A line "warning: …" names a
// warning the import must give; "#" starts a comment.
//
// In the .docx.txt and .xlsx.txt sources a line starting with "|" is a
// table row, cells separated by "|"; consecutive rows make one table. A
// cell "<" merges with the cell on its left, "^" with the cell above; "\n"
// written in a cell is a line break (a new paragraph in Word).

// corpusAgencies is the register the corpus is read against: the
// province's 40 agencies and two ministries a provincial plan names.
func corpusAgencies() []agency.Agency {
	list := testAgencies()
	for _, name := range []string{"Bộ Khoa học và Công nghệ", "Bộ Tài chính"} {
		list = append(list, agency.Agency{ID: int64(len(list) + 1), Name: name, Kind: agency.KindSector})
	}
	return list
}

// corpusFiles reads a corpus directory into the files of one import.
func corpusFiles(t testing.TB, dir string) []File {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []File
	for _, e := range entries {
		name := e.Name()
		if name == "want.txt" || e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(name, ".docx.txt"):
			files = append(files, File{Name: strings.TrimSuffix(name, ".txt"), Data: corpusDOCX(t, string(data))})
		case strings.HasSuffix(name, ".xlsx.txt"):
			files = append(files, File{Name: strings.TrimSuffix(name, ".txt"), Data: corpusXLSX(t, string(data))})
		default:
			files = append(files, File{Name: name, Data: data})
		}
	}
	return files
}

// cellRow splits a table row of the corpus markup into its cells.
func cellRow(l string) []string {
	l = strings.TrimSpace(l)
	l = strings.TrimSuffix(strings.TrimPrefix(l, "|"), "|")
	cells := strings.Split(l, "|")
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return cells
}

// corpusDOCX builds a Word file of the markup: each line a paragraph,
// "|" rows tables, with gridSpan and vMerge for "<" and "^".
func corpusDOCX(t testing.TB, src string) []byte {
	var b strings.Builder
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(strings.TrimSpace(lines[i]), "|") {
			if strings.TrimSpace(lines[i]) != "" {
				b.WriteString(wordParas(lines[i]))
			}
			continue
		}
		b.WriteString(`<w:tbl><w:tblPr/>`)
		for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|"); i++ {
			cells := cellRow(lines[i])
			b.WriteString(`<w:tr>`)
			for k := 0; k < len(cells); k++ {
				span := 1
				for k+span < len(cells) && cells[k+span] == "<" {
					span++
				}
				switch {
				case cells[k] == "^":
					b.WriteString(`<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>`)
				default:
					b.WriteString(`<w:tc><w:tcPr>`)
					if span > 1 {
						fmt.Fprintf(&b, `<w:gridSpan w:val="%d"/>`, span)
					}
					if k+1 <= len(cells) && i+1 < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i+1]), "|") {
						if below := cellRow(lines[i+1]); k < len(below) && below[k] == "^" {
							b.WriteString(`<w:vMerge w:val="restart"/>`)
						}
					}
					b.WriteString(`</w:tcPr>`)
					for _, para := range strings.Split(cells[k], `\n`) {
						fmt.Fprintf(&b, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, html.EscapeString(para))
					}
					b.WriteString(`</w:tc>`)
				}
				k += span - 1
			}
			b.WriteString(`</w:tr>`)
		}
		i--
		b.WriteString(`</w:tbl>`)
	}
	return buildDOCX(t, b.String())
}

// corpusXLSX builds an Excel file of the markup: each line a row; a "|"
// row's cells in columns A, B…, another line in column A alone; "<" and
// "^" become merged ranges.
func corpusXLSX(t testing.TB, src string) []byte {
	return buildXLSX(t, func(f *excelize.File, s string) {
		for r, l := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
			cells := []string{l}
			if strings.HasPrefix(strings.TrimSpace(l), "|") {
				cells = cellRow(l)
			}
			for c, v := range cells {
				axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch v {
				case "<":
					from, _ := excelize.CoordinatesToCellName(c, r+1)
					mergeInto(t, f, s, from, axis)
				case "^":
					from, _ := excelize.CoordinatesToCellName(c+1, r)
					mergeInto(t, f, s, from, axis)
				default:
					if err := f.SetCellStr(s, axis, strings.ReplaceAll(v, `\n`, "\n")); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	})
}

// mergeInto extends the merged range holding from (or from alone) to cover to.
func mergeInto(t testing.TB, f *excelize.File, sheet, from, to string) {
	t.Helper()
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	start := from
	fc, fr, _ := excelize.CellNameToCoordinates(from)
	for _, m := range merges {
		c0, r0, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
		if fc >= c0 && fc <= c1 && fr >= r0 && fr <= r1 {
			start = m.GetStartAxis()
		}
	}
	merge(t, f, sheet, start, to)
}

// corpusView writes what the importer made of a corpus import in the
// form of want.txt.
func corpusView(res *Result) string {
	d := res.Draft
	names := map[int64]string{}
	for _, a := range corpusAgencies() {
		names[a.ID] = a.Name
	}
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", d.Plan.Title)
	fmt.Fprintf(&b, "code: %s\n", d.Plan.Code)
	issued := "-"
	if !d.Plan.IssuedOn.IsZero() {
		issued = d.Plan.IssuedOn.Format("02/01/2006")
	}
	fmt.Fprintf(&b, "issued: %s\n", issued)
	var labels []string
	for _, s := range d.Sections {
		labels = append(labels, s.Label)
	}
	fmt.Fprintf(&b, "sections: %s\n", strings.Join(labels, " "))
	fmt.Fprintf(&b, "unmatched: %s\n", strings.Join(res.UnknownAgencies, "; "))
	fmt.Fprintf(&b, "tasks: %d\n", len(d.Tasks))
	for _, tk := range d.Tasks {
		lead := "-"
		switch {
		case tk.LeadAgencyID != 0:
			lead = names[tk.LeadAgencyID]
		case tk.LeadName != "":
			lead = "?" + tk.LeadName
		}
		dl := tk.Deadline.Text
		if dl == "" {
			dl = "-"
		}
		fmt.Fprintf(&b, "%s | %s | %s | %s\n", d.Sections[tk.Section].Label, lead, dl, tk.Title)
	}
	return b.String()
}

// TestCorpus imports every corpus directory and checks it against its hand
// count: metadata, sections, unknown names, and each task's section, lead,
// deadline and title.
func TestCorpus(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "corpus", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			files := corpusFiles(t, dir)
			res, err := ParseFiles(files, Options{Agencies: corpusAgencies()})
			if err != nil {
				t.Fatalf("ParseFiles: %v", err)
			}
			checkDraft(t, res)
			checkCorpusView(t, corpusView(res), string(want))
			warns := warningTexts(res.Warnings)
			for _, l := range strings.Split(string(want), "\n") {
				if w, ok := strings.CutPrefix(l, "warning: "); ok && !strings.Contains(warns, w) {
					t.Errorf("no warning %q in\n%s", w, warns)
				}
			}
			if os.Getenv("CORPUS_SHOW") != "" {
				t.Logf("%s\nwarnings:\n%s", corpusView(res), warningTexts(res.Warnings))
			}
			if len(files) > 1 {
				// The files' order does not matter.
				rev := slices.Clone(files)
				slices.Reverse(rev)
				res2, err := ParseFiles(rev, Options{Agencies: corpusAgencies()})
				if err != nil {
					t.Fatalf("ParseFiles in reverse: %v", err)
				}
				if corpusView(res2) != corpusView(res) {
					t.Errorf("files in reverse order read differently:\n%s", firstDiff(corpusView(res2), corpusView(res)))
				}
			}
		})
	}
}

// checkCorpusView compares line by line; a task line's title need only
// start as written in want.
func checkCorpusView(t *testing.T, got, want string) {
	t.Helper()
	gl := strings.Split(strings.TrimRight(got, "\n"), "\n")
	var wl []string
	for _, l := range strings.Split(strings.TrimRight(want, "\n"), "\n") {
		if !strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "warning: ") {
			wl = append(wl, l)
		}
	}
	for i := range max(len(gl), len(wl)) {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g == w {
			continue
		}
		gp := strings.Split(g, " | ")
		wp := strings.Split(w, " | ")
		if len(gp) == 4 && len(wp) == 4 && slices.Equal(gp[:3], wp[:3]) && strings.HasPrefix(gp[3], wp[3]) {
			continue
		}
		t.Errorf("line %d:\n got  %s\n want %s", i+1, g, w)
	}
	if t.Failed() {
		t.Logf("whole result:\n%s", got)
	}
}
