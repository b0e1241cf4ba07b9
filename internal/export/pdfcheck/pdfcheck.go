// Package pdfcheck renders a .docx through LibreOffice and reads the PDF
// back with poppler's tools, for tests that check what a reader of an
// exported document sees: pages, fonts, the text of each page. It is
// imported by tests only; a test skips, with the package to install, when
// LibreOffice or poppler is absent.
package pdfcheck

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// PDF is a rendered document.
type PDF struct {
	t    testing.TB
	Path string
}

// Convert writes docx to a temporary file and converts it to PDF with
// LibreOffice (a private profile, so that it neither touches nor waits
// for the user's running LibreOffice). It skips t when LibreOffice or
// poppler-utils is not installed.
func Convert(t testing.TB, docx []byte) *PDF {
	t.Helper()
	office := ""
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			office = p
			break
		}
	}
	if office == "" {
		t.Skip("libreoffice/soffice not installed: PDF rendering not checked (apt-get install libreoffice-writer-nogui fonts-liberation2)")
	}
	for _, tool := range []string{"pdfinfo", "pdffonts", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (poppler-utils): PDF not checked", tool)
		}
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "document.docx")
	if err := os.WriteFile(in, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, office, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	return &PDF{t: t, Path: filepath.Join(dir, "document.pdf")}
}

// run runs a poppler tool with its options, the PDF and then after (the
// output file of pdftotext), and returns its output.
func (p *PDF) run(name string, opts []string, after ...string) string {
	p.t.Helper()
	args := append(append(append([]string{}, opts...), p.Path), after...)
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		p.t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

// Info is pdfinfo's report.
func (p *PDF) Info() string { return p.run("pdfinfo", nil) }

// Pages is the number of pages.
func (p *PDF) Pages() int {
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(p.Info())
	if m == nil {
		p.t.Fatalf("pdfinfo gives no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// Font is one font of the PDF as pdffonts lists it.
type Font struct {
	Name     string
	Embedded bool
	Unicode  bool // has a ToUnicode map: its text can be copied and searched
}

// Fonts lists the PDF's fonts.
func (p *PDF) Fonts() []Font {
	var out []Font
	lines := strings.Split(p.run("pdffonts", nil), "\n")
	for _, l := range lines[min(2, len(lines)):] {
		f := strings.Fields(l)
		if len(f) < 6 {
			continue
		}
		// name type [type…] encoding emb sub uni object ID: the three
		// yes/no columns sit before the last two.
		n := len(f)
		out = append(out, Font{Name: f[0], Embedded: f[n-5] == "yes", Unicode: f[n-3] == "yes"})
	}
	return out
}

// Text is the whole text, in reading order.
func (p *PDF) Text() string { return p.run("pdftotext", []string{"-enc", "UTF-8"}, "-") }

// Lines are page's non-empty lines as laid out (pdftotext -layout),
// trimmed.
func (p *PDF) Lines(page int) []string {
	n := strconv.Itoa(page)
	var out []string
	for _, l := range strings.Split(p.run("pdftotext", []string{"-enc", "UTF-8", "-layout", "-f", n, "-l", n}, "-"), "\n") {
		if s := strings.TrimSpace(l); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// CheckFonts fails t unless every font of the PDF is Times New Roman or
// its metric twin Liberation Serif, embedded, with a Unicode map: a
// Vietnamese letter the font lacked would have been drawn in a fallback
// font (which would be listed), and a font without a map would give
// copied text without its diacritics.
func (p *PDF) CheckFonts() {
	p.t.Helper()
	fonts := p.Fonts()
	if len(fonts) == 0 {
		p.t.Error("the PDF lists no fonts")
	}
	for _, f := range fonts {
		if !strings.Contains(f.Name, "TimesNewRoman") && !strings.Contains(f.Name, "LiberationSerif") {
			p.t.Errorf("font %s is neither Times New Roman nor Liberation Serif (a glyph fell back?)", f.Name)
		}
		if !f.Embedded {
			p.t.Errorf("font %s is not embedded", f.Name)
		}
		if !f.Unicode {
			p.t.Errorf("font %s has no Unicode map: copied text would lose its diacritics", f.Name)
		}
	}
}
