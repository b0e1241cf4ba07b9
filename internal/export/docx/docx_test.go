package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"tiendo/internal/export/pdfcheck"
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
// sees: A4 pages, Times New Roman (or its metric twin Liberation Serif)
// embedded with its Unicode map, the Vietnamese text, the header block with
// the names broken between words, and the page number — absent on page 1,
// "2" at the top of page 2. internal/officialreport/render's
// TestOfficialReportPDF does the same for the official report of the demo.
func TestDocxPDF(t *testing.T) {
	b, err := Bytes(sampleReport(12))
	if err != nil {
		t.Fatal(err)
	}
	pdf := pdfcheck.Convert(t, b)
	info := pdf.Info()
	if !regexp.MustCompile(`Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)`).MatchString(info) {
		t.Errorf("not A4:\n%s", info)
	}
	if !strings.Contains(info, "Author:          Sở Khoa học và Công nghệ") && !strings.Contains(info, "Author:          SỞ KHOA HỌC VÀ CÔNG NGHỆ") {
		t.Errorf("the document's author is not its issuer:\n%s", info)
	}
	if n := pdf.Pages(); n < 3 {
		t.Errorf("want at least 3 pages, got %d", n)
	}
	pdf.CheckFonts()

	text := pdf.Text()
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
		"SỞ KHOA HỌC VÀ", "CÔNG NGHỆ", "Cà Mau, ngày 25 tháng 11 năm 2026", "Nơi nhận:", "KT. GIÁM ĐỐC", "Nguyễn Văn An", "Kết quả thực hiện Kế hoạch"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	first := func(page int) string {
		if l := pdf.Lines(page); len(l) > 0 {
			return l[0]
		}
		return ""
	}
	if l := first(1); !strings.HasPrefix(l, "UBND TỈNH CÀ MAU") {
		t.Errorf("page 1 must start with the letterhead, no page number; first line %q", l)
	}
	if l := first(2); l != "2" {
		t.Errorf("page 2 must start with its number \"2\"; first line %q", l)
	}
	if l := first(3); l != "3" {
		t.Errorf("page 3 must start with its number \"3\"; first line %q", l)
	}
	// The STT header on one line: its column is wide enough (too narrow,
	// it reads "ST" then "T").
	if !slices.ContainsFunc(pdf.Lines(1), func(l string) bool { return strings.HasPrefix(l, "STT ") }) {
		t.Errorf("the STT heading is broken letter by letter:\n%s", strings.Join(pdf.Lines(1), "\n"))
	}
}
