package ooxml

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
)

// minimalDocx builds the smallest package Finish must accept, with a
// Letter-size sectPr of the kind godocx's template carries.
func minimalDocx(t *testing.T, sect string) []byte {
	t.Helper()
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x" Target="styles.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body><w:p><w:r><w:t>Xin chào</w:t></w:r></w:p>` + sect + "\n</w:body></w:document>"},
		{"word/styles.xml", `<w:styles xmlns:w="` + nsW + `"/>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func unzip(t *testing.T, b []byte) map[string]string {
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

func wellFormed(t *testing.T, name, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v\n%s", name, err, s)
		}
	}
}

func TestFinishAddsHeadersAndSection(t *testing.T) {
	in := minimalDocx(t, `<w:sectPr w:rsidR="1"><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>`)
	out, err := Finish(in, Options{Layout: A4Decree30(), PageNumbers: &PageNumbers{Font: "Times New Roman", HalfPts: 28}})
	if err != nil {
		t.Fatal(err)
	}
	parts := unzip(t, out)
	for name, body := range parts {
		wellFormed(t, name, body)
	}
	doc := parts["word/document.xml"]
	if n := strings.Count(doc, "<w:sectPr"); n != 1 {
		t.Fatalf("want exactly one sectPr, got %d:\n%s", n, doc)
	}
	for _, want := range []string{
		`<w:pgSz w:w="11906" w:h="16838"/>`,
		`w:top="1134"`, `w:bottom="1134"`, `w:left="1701"`, `w:right="850"`, `w:header="567"`,
		`<w:titlePg/>`, `<w:t>Xin chào</w:t>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if strings.Contains(doc, "12240") {
		t.Error("the old Letter sectPr survived")
	}
	// Each header reference resolves through the rels to an existing part
	// with the right content.
	refs := regexp.MustCompile(`<w:headerReference w:type="(\w+)" r:id="([^"]+)"/>`).FindAllStringSubmatch(doc, -1)
	if len(refs) != 2 {
		t.Fatalf("want 2 header references, got %v", refs)
	}
	rels := parts["word/_rels/document.xml.rels"]
	for _, ref := range refs {
		m := regexp.MustCompile(`<Relationship Id="` + ref[2] + `" Type="` + regexp.QuoteMeta(relHeader) + `" Target="([^"]+)"/>`).FindStringSubmatch(rels)
		if m == nil {
			t.Fatalf("no header relationship %s in %s", ref[2], rels)
		}
		hdr, ok := parts["word/"+m[1]]
		if !ok {
			t.Fatalf("header part %s missing", m[1])
		}
		hasPage := strings.Contains(hdr, "> PAGE </w:instrText>") && strings.Contains(hdr, `w:fldCharType="begin"`) && strings.Contains(hdr, `w:fldCharType="end"`)
		switch ref[1] {
		case "default":
			if !hasPage || !strings.Contains(hdr, `<w:jc w:val="center"/>`) || !strings.Contains(hdr, `w:ascii="Times New Roman"`) {
				t.Errorf("default header lacks a centred PAGE field in Times New Roman:\n%s", hdr)
			}
		case "first":
			if hasPage || strings.Contains(hdr, "<w:t>") {
				t.Errorf("first-page header must be empty:\n%s", hdr)
			}
		default:
			t.Errorf("unexpected header type %s", ref[1])
		}
		if !strings.Contains(parts["[Content_Types].xml"], `<Override PartName="/word/`+m[1]+`" ContentType="`+ctHeader+`"/>`) {
			t.Errorf("no content-type override for %s", m[1])
		}
	}
	if parts["word/styles.xml"] != `<w:styles xmlns:w="`+nsW+`"/>` {
		t.Error("unrelated part changed")
	}
}

func TestFinishWithoutPageNumbers(t *testing.T) {
	out, err := Finish(minimalDocx(t, `<w:sectPr/>`), Options{Layout: A4Decree30()})
	if err != nil {
		t.Fatal(err)
	}
	parts := unzip(t, out)
	doc := parts["word/document.xml"]
	wellFormed(t, "document.xml", doc)
	if strings.Count(doc, "<w:sectPr") != 1 || strings.Contains(doc, "titlePg") || strings.Contains(doc, "headerReference") {
		t.Fatalf("unexpected section:\n%s", doc)
	}
	if _, ok := parts["word/header1.xml"]; ok {
		t.Error("header written although not asked for")
	}
}

func TestFinishNoSectPr(t *testing.T) {
	out, err := Finish(minimalDocx(t, ""), Options{Layout: A4Decree30()})
	if err != nil {
		t.Fatal(err)
	}
	if doc := unzip(t, out)["word/document.xml"]; !strings.Contains(doc, `<w:pgSz w:w="11906" w:h="16838"/>`) {
		t.Fatalf("sectPr not inserted:\n%s", doc)
	}
}

func TestFinishRejectsNonDocx(t *testing.T) {
	if _, err := Finish([]byte("not a zip"), Options{Layout: A4Decree30()}); err == nil {
		t.Fatal("want an error for a non-zip input")
	}
}

func TestA4Decree30WithinRanges(t *testing.T) {
	l := A4Decree30()
	in := func(v int, lo, hi float64) bool { return v >= MM(lo) && v <= MM(hi) }
	if !in(l.MarginTop, 20, 25) || !in(l.MarginBottom, 20, 25) || !in(l.MarginLeft, 30, 35) || !in(l.MarginRight, 15, 20) {
		t.Fatalf("margins outside Decree 30 ranges: %+v", l)
	}
	if l.Width != 11906 || l.Height != 16838 {
		t.Fatalf("not A4: %+v", l)
	}
}

func TestFinishProperties(t *testing.T) {
	in := minimalDocx(t, `<w:sectPr/>`)
	// godocx's template: its own properties, a thumbnail and their relationships.
	parts := unzip(t, in)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	for name, body := range map[string]string{
		"_rels/.rels":             `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="` + relCore + `" Target="docProps/core.xml"></Relationship><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"></Relationship><Relationship Id="rId2" Type="` + relThumb + `" Target="docProps/thumbnail.jpeg"></Relationship></Relationships>`,
		"docProps/core.xml":       `<cp:coreProperties><dc:creator>gomutex</dc:creator><dcterms:created>2013-12-23T23:15:00Z</dcterms:created></cp:coreProperties>`,
		"docProps/thumbnail.jpeg": "JPEG",
	} {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	zw.Close()
	at := time.Date(2026, 10, 6, 2, 30, 0, 0, time.UTC)
	out, err := Finish(buf.Bytes(), Options{Layout: A4Decree30(), Properties: &Properties{Title: "Báo cáo <quý III>",
		Subject: "Kết quả", Creator: "Sở Khoa học và Công nghệ", Language: "vi-VN", Application: "tiendo", Created: at}})
	if err != nil {
		t.Fatal(err)
	}
	got := unzip(t, out)
	for name, body := range got {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			wellFormed(t, name, body)
		}
	}
	core := got["docProps/core.xml"]
	for _, want := range []string{"<dc:title>Báo cáo &lt;quý III&gt;</dc:title>", "<dc:creator>Sở Khoa học và Công nghệ</dc:creator>",
		`<dcterms:created xsi:type="dcterms:W3CDTF">2026-10-06T02:30:00Z</dcterms:created>`, "<dc:language>vi-VN</dc:language>"} {
		if !strings.Contains(core, want) {
			t.Errorf("core.xml lacks %s:\n%s", want, core)
		}
	}
	if strings.Contains(core, "gomutex") || strings.Contains(core, "2013") {
		t.Errorf("the template's properties survived:\n%s", core)
	}
	if app := got["docProps/app.xml"]; !strings.Contains(app, "<Application>tiendo</Application>") {
		t.Errorf("app.xml = %s", app)
	}
	if _, ok := got["docProps/thumbnail.jpeg"]; ok || strings.Contains(got["_rels/.rels"], "thumbnail") {
		t.Error("the template's thumbnail is still there")
	}
	if !strings.Contains(got["_rels/.rels"], relApp) || !strings.Contains(got["[Content_Types].xml"], "/docProps/app.xml") {
		t.Errorf("app.xml not related: %s", got["_rels/.rels"])
	}
	zr, _ := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if m := zr.File[0].Modified; !m.Equal(at) {
		t.Errorf("parts dated %v, want %v", m, at)
	}
}
