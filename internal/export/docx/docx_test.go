package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func parts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(data)
	}
	return out
}

func TestDocxXML(t *testing.T) {
	b, err := Bytes(sampleReport(12))
	if err != nil {
		t.Fatal(err)
	}
	p := parts(t, b)
	for name, body := range p {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		d := xml.NewDecoder(strings.NewReader(body))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}
	doc := p["word/document.xml"]
	checks := []struct{ what, re string }{
		{"A4 page", `<w:pgSz w:w="11906" w:h="16838"/>`},
		{"margins 20/20/30/15 mm", `<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"`},
		{"first page different", `<w:titlePg/>`},
		{"default header", `<w:headerReference w:type="default" r:id="[^"]+"/>`},
		{"first header", `<w:headerReference w:type="first" r:id="[^"]+"/>`},
		{"Quốc hiệu bold 12 pt", `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"></w:rFonts><w:b w:val="true"></w:b><w:sz w:val="24"></w:sz></w:rPr><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t>`},
		{"Tiêu ngữ bold 13 pt", `<w:b w:val="true"></w:b><w:sz w:val="26"></w:sz></w:rPr><w:t>Độc lập - Tự do - Hạnh phúc</w:t>`},
		{"agency bold capitals, broken between words", `<w:b w:val="true"></w:b><w:sz w:val="24"></w:sz></w:rPr><w:t>SỞ KHOA HỌC VÀ</w:t>.*<w:t>CÔNG NGHỆ</w:t>`},
		{"rule under agency/motto", `<w:pBdr><w:bottom w:val="single"`},
		{"place and date italic", `<w:i w:val="true"></w:i><w:sz w:val="28"></w:sz></w:rPr><w:t>Cà Mau, ngày 25 tháng 11 năm 2026</w:t>`},
		{"title bold centred", `<w:jc w:val="center"></w:jc></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"></w:rFonts><w:b w:val="true"></w:b><w:sz w:val="28"></w:sz></w:rPr><w:t>BÁO CÁO</w:t>`},
		{"body justified, 1.27 cm indent, 6 pt after, 14 pt", `<w:spacing w:before="0" w:after="120"></w:spacing><w:ind w:firstLine="720"></w:ind><w:jc w:val="both"></w:jc></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"></w:rFonts><w:sz w:val="28"></w:sz></w:rPr><w:t>Trong quý III`},
		{"Nơi nhận 12 pt bold italic", `<w:b w:val="true"></w:b><w:i w:val="true"></w:i><w:sz w:val="24"></w:sz></w:rPr><w:t>Nơi nhận:</w:t>`},
		{"recipients 11 pt with dash", `<w:sz w:val="22"></w:sz></w:rPr><w:t>- UBND tỉnh \(b/c\);</w:t>`},
		{"signature prefix", `<w:t>KT. GIÁM ĐỐC</w:t>`},
		{"table header repeats", `<w:tblHeader`},
	}
	for _, c := range checks {
		if !regexp.MustCompile(c.re).MatchString(doc) {
			t.Errorf("document.xml: no %s (%s)", c.what, c.re)
		}
	}
	if strings.Contains(doc, "Calibri") || strings.Contains(p["word/styles.xml"], `asciiTheme`) && !strings.Contains(p["word/styles.xml"], `<w:rPrDefault><w:rPr><w:rFonts w:eastAsia="Times New Roman" w:ascii="Times New Roman"`) {
		t.Error("document defaults are not Times New Roman")
	}
	hdr := ""
	for name, body := range p {
		if strings.HasPrefix(name, "word/header") && strings.Contains(body, " PAGE ") {
			hdr = body
		}
	}
	if hdr == "" || !strings.Contains(hdr, `<w:jc w:val="center"/>`) {
		t.Fatalf("no centred PAGE header")
	}
}

func TestDateLine(t *testing.T) {
	cases := map[time.Time]string{
		time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC): "Cà Mau, ngày 25 tháng 11 năm 2026",
		time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC):   "Cà Mau, ngày 05 tháng 01 năm 2026",
		time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC):  "Cà Mau, ngày 10 tháng 02 năm 2026",
		time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC):   "Cà Mau, ngày 09 tháng 3 năm 2026",
	}
	for d, want := range cases {
		if got := DateLine("Cà Mau", d); got != want {
			t.Errorf("DateLine(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestBytesRejectsIncompleteReport(t *testing.T) {
	r := sampleReport(0)
	r.Issuer = ""
	if _, err := Bytes(r); err == nil {
		t.Error("want error without issuer")
	}
	r = sampleReport(0)
	r.Sections[0].Blocks = []Block{{Table: &Table{Header: []string{"a"}, Widths: []int{1, 2}}}}
	if _, err := Bytes(r); err == nil {
		t.Error("want error for widths not matching the header")
	}
}

// TestDocxPDF renders the report with LibreOffice and checks what a reader
// sees: A4 pages, Times New Roman (or its metric twin Liberation Serif), the
// Vietnamese text, and the page number — absent on page 1, "2" at the top of
// page 2.
func TestDocxPDF(t *testing.T) {
	office := ""
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			office = p
			break
		}
	}
	if office == "" {
		t.Skip("libreoffice/soffice not installed: PDF rendering not checked (apt-get install libreoffice-writer-nogui)")
	}
	for _, tool := range []string{"pdfinfo", "pdffonts", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (poppler-utils): PDF not checked", tool)
		}
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "baocao.docx")
	b, err := Bytes(sampleReport(12))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// A private profile so the test neither touches nor waits for the
	// user's running LibreOffice.
	cmd := exec.CommandContext(ctx, office, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "baocao.pdf")
	run := func(name string, args ...string) string {
		out, err := exec.Command(name, args...).Output()
		if err != nil {
			t.Fatalf("%s %v: %v", name, args, err)
		}
		return string(out)
	}

	info := run("pdfinfo", pdf)
	if !regexp.MustCompile(`Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)`).MatchString(info) {
		t.Errorf("not A4:\n%s", info)
	}
	pages := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if pages == nil {
		t.Fatalf("no page count:\n%s", info)
	}
	if n, _ := strconv.Atoi(pages[1]); n < 3 {
		t.Errorf("want at least 3 pages:\n%s", info)
	}

	fonts := run("pdffonts", pdf)
	for _, line := range strings.Split(fonts, "\n")[2:] {
		if line == "" {
			continue
		}
		if !strings.Contains(line, "TimesNewRoman") && !strings.Contains(line, "LiberationSerif") {
			t.Errorf("font other than Times New Roman/Liberation Serif (a glyph fell back?): %s", line)
		}
	}

	text := run("pdftotext", pdf, "-")
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
		"SỞ KHOA HỌC VÀ", "CÔNG NGHỆ", "Cà Mau, ngày 25 tháng 11 năm 2026", "Nơi nhận:", "KT. GIÁM ĐỐC", "Nguyễn Văn An", "Kết quả thực hiện Kế hoạch"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}

	firstLine := func(page string) string {
		for _, l := range strings.Split(run("pdftotext", "-f", page, "-l", page, "-layout", pdf, "-"), "\n") {
			if s := strings.TrimSpace(l); s != "" {
				return s
			}
		}
		return ""
	}
	if l := firstLine("1"); !strings.HasPrefix(l, "UBND TỈNH CÀ MAU") {
		t.Errorf("page 1 must start with the letterhead, no page number; first line %q", l)
	}
	if l := firstLine("2"); l != "2" {
		t.Errorf("page 2 must start with its number \"2\"; first line %q", l)
	}
	if l := firstLine("3"); l != "3" {
		t.Errorf("page 3 must start with its number \"3\"; first line %q", l)
	}
}
